"""The reader's annotation keys: review, relabel, add, resize, delete, note, speaker, undo, export.

Every action works on the span under the cursor (``n``/``N`` and the other jump keys put it there) through
the open article's :class:`~tui.annotation.ArticleSession`, which makes each change one undoable step and
saves it within a second. The screen then shows the changed set (:meth:`AnnotationActions.after_edit`).
This class also owns the session's life: it is opened in the article's load worker
(:meth:`AnnotationActions.open_session`), adopted on the UI thread, merged with the extractor's spans as
they arrive, and closed (pending changes saved) when another article opens or the reader closes.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from textual import work
from textual.binding import Binding, BindingType
from textual.css.query import NoMatches

from tui.annotation import ArticleSession, Selection
from tui.dialogs import CorruptFileDialog, ExportDialog, ExportRequest, LabelPicker, LabelPrompt, NoteEditor
from tui.dialogs.review_remaining import ARTICLE, ReviewRemainingDialog
from tui.model import Annotation, AnnotationSet, Article, ArticleEntry, LabelDef, Span, Status, describe
from tui.model.selection import Side
from tui.screens.annotation_modes import AnnotationModes
from tui.store import StoreError

if TYPE_CHECKING:
    from tui.annotation import AnnotationWorkspace

ANNOTATION_BINDINGS: list[Binding] = [
    Binding("a", "accept", "Accept", tooltip="Accept the span under the cursor"),
    Binding(
        "x", "reject", "Reject", tooltip="Reject the span under the cursor (it stays, dimmed and struck)"
    ),
    Binding("l", "relabel", "Label", tooltip="Relabel the current span: then one label key (Enter: by name)"),
    Binding(
        "L", "label_picker", "Label by name", show=False, tooltip="Relabel with the label picker (type-ahead)"
    ),
    Binding("v", "select", "Select", tooltip="Select text from the cursor or search match to add a span"),
    Binding(
        "less_than_sign", "resize('start')", "Move start", show=False, tooltip="Move the current span's start"
    ),
    Binding(
        "greater_than_sign", "resize('end')", "Move end", show=False, tooltip="Move the current span's end"
    ),
    Binding(
        "equals_sign",
        "label_occurrences",
        "Label all occurrences",
        show=False,
        tooltip="Give every other occurrence of the current span's text the same label",
    ),
    Binding("d", "delete", "Delete span", show=False, tooltip="Delete the current span"),
    Binding("m", "note", "Note", show=False, tooltip="Attach or edit a note on the current span"),
    Binding("s", "speaker", "Link speaker", show=False, tooltip="Choose the speaker of the current quote"),
    Binding(
        "A",
        "review_remaining('accepted')",
        "Accept remaining",
        show=False,
        tooltip="Accept every remaining suggestion of the article or of the current label",
    ),
    Binding(
        "X",
        "review_remaining('rejected')",
        "Reject remaining",
        show=False,
        tooltip="Reject every remaining suggestion of the article or of the current label",
    ),
    Binding("u", "undo", "Undo", tooltip="Undo the last change (also one made before reopening)"),
    Binding("ctrl+r", "redo", "Redo", show=False, tooltip="Redo what was undone"),
    Binding(
        "ctrl+s", "save_now", "Save now", show=False, tooltip="Save now (changes are saved within a second)"
    ),
    Binding(
        "E",
        "export",
        "Export annotations",
        show=False,
        tooltip="Write Prodigy JSONL, .spacy, HTML, CoNLL, brat",
    ),
]
"""Keys of the annotation work in the ordinary (reading) mode."""


class AnnotationActions(AnnotationModes):
    """The annotation half of the reader screen: the session of the open article and the edit keys."""

    BINDINGS: ClassVar[list[BindingType]] = list(ANNOTATION_BINDINGS)

    def __init__(self) -> None:
        super().__init__()
        self._session: ArticleSession | None = None
        self._merged = 0
        """How many of the extraction worker's spans are merged into the session (progressive merges)."""
        self._loop: asyncio.AbstractEventLoop | None = None

    @property
    def session(self) -> ArticleSession | None:
        """The open article's annotation session."""
        return self._session

    @property
    def workspace(self) -> AnnotationWorkspace:
        """Stores and labels of the command-line paths (made by the app)."""
        return self.gloss.workspace

    def on_mount(self) -> None:
        """Remember the event loop: saves report back to it from their thread without blocking."""
        self._loop = asyncio.get_running_loop()

    def on_unmount(self) -> None:
        """Save what is pending when the reader closes."""
        self.close_session()

    # the session's life ----------------------------------------------------------------------------
    def open_session(self, entry: ArticleEntry, article: Article) -> ArticleSession:
        """Read the article's saved annotations (called in the load worker)."""
        workspace = self.workspace
        return ArticleSession.open(
            article,
            workspace.store_for(entry),
            workspace.labels_for(entry),
            on_error=self._save_failed,
            on_saved=self._saved,
        )

    def adopt_session(self, session: ArticleSession) -> None:
        """Make a just-opened session the current one (UI thread), and tell what happened to its file."""
        if self._session is not None and self._session is not session:
            self.close_session()
        self._session = session
        self._merged = 0
        self.annotations = session.annotations
        self.view.set_label_colours(
            {d.name: Style(color=d.colour) for d in session.labels.labels.values() if d.colour}
        )
        for notice in session.notices():
            self.notify(notice, title="Saved annotations", severity="warning", timeout=12)
        if session.corrupt is not None:
            self.app.push_screen(
                CorruptFileDialog(session.corrupt, session.article.title), self._corrupt_decided
            )

    def _corrupt_decided(self, fresh: bool | None) -> None:
        session = self._session
        if session is None or session.corrupt is None:
            return
        if not fresh:
            self.notify(
                f"{session.corrupt.path} is kept as it is; changes to this article are not saved.",
                title="Not saving",
                severity="warning",
                timeout=10,
            )
            return
        try:
            aside = session.start_fresh()
        except StoreError as error:
            self.notify(str(error), title="Could not set the file aside", severity="error", timeout=10)
            return
        self.notify(f"The unreadable file is kept as {aside}; annotations are saved again.", timeout=8)

    def close_session(self) -> bool:
        """Save what is pending and stop autosaving the open article; returns whether all is saved."""
        session, self._session = self._session, None
        if session is None:
            return True
        if self.mode != "normal":
            with contextlib.suppress(NoMatches):  # while the screen is taken down its widgets are gone
                self.set_mode("normal")
            self.mode = "normal"
        return session.close()

    def _save_failed(self, error: StoreError) -> None:
        """A save failed (on the saver's thread): tell the person without blocking that thread."""
        self._on_loop(self._show_save_error, error)

    def _saved(self, version: int) -> None:
        """A save completed (on the saver's thread): the list's ✎ marker and count may have changed."""
        self._on_loop(self._refresh_list)

    def _refresh_list(self) -> None:
        if self.is_attached:
            with contextlib.suppress(NoMatches):  # the screen is being taken down
                self.article_list.refresh()

    def _on_loop(self, callback: Callable[..., object], *arguments: object) -> None:
        loop = self._loop
        if loop is None or loop.is_closed():
            if isinstance(arguments[0] if arguments else None, StoreError):
                self.gloss.save_errors.append(str(arguments[0]))
            return
        with contextlib.suppress(RuntimeError):  # the loop stopped between the check and the call
            loop.call_soon_threadsafe(callback, *arguments)

    def _show_save_error(self, error: StoreError) -> None:
        self.gloss.save_errors.append(str(error))
        self.notify(str(error), title="Not saved", severity="error", timeout=15)

    # extraction meets saved work -------------------------------------------------------------------
    def extractor_identity(self) -> tuple[str, str]:
        """The model name and extractor version recorded with suggestions."""
        from tui.extract.pipeline import EXTRACTOR_VERSION  # no spaCy import: the module defers it

        extractor = self.gloss.extractor
        name = extractor.model_name if extractor is not None else "none"
        return name, str(getattr(extractor, "version", EXTRACTOR_VERSION))

    def merge_spans(self, article: Article, spans: list[Span], *, complete: bool) -> bool:
        """Merge extracted spans into the open session of ``article``; ``False`` if it is not open."""
        session = self._session
        if session is None or session.article.key != article.key:
            return False
        model, version = self.extractor_identity()
        session.merge(spans, model=model, extractor_version=version, complete=complete)
        self.annotations = session.annotations
        return True

    def annotations_for(self, article: Article, spans: list[Span]) -> AnnotationSet:
        """The extractor's complete output merged into the open session (the reader's seam)."""
        if self.merge_spans(article, spans, complete=True) and self.annotations is not None:
            return self.annotations
        return super().annotations_for(article, spans)

    def _progress(
        self, article: Article, spans: list[Span], annotations: list[Annotation], done: float
    ) -> None:
        """Some chunks are extracted: merge only the new spans into the saved work and show them."""
        session = self._session
        if session is None or session.article.key != article.key:
            super()._progress(article, spans, annotations, done)
            return
        if self.article is None or self.article.key != article.key:
            return
        self.extraction_state = f"extracting… {done:.0%}"
        self.status.state = self.extraction_state
        fresh, self._merged = annotations[self._merged :], len(annotations)
        if fresh:
            self.merge_spans(article, [a.span for a in fresh], complete=False)
            self.refresh_highlights()

    def model_ready(self) -> None:
        """The extractor loaded: skip extracting when the saved file holds its suggestions already."""
        article = self.article
        if article is not None and article.key not in self.extracted:
            saved = self.suggestions_saved(article)
            if saved is not None:
                self._finished(article, saved)
                return
        super().model_ready()

    def suggestions_saved(self, article: Article) -> list[Span] | None:
        """The model's spans from the saved file when they are the current extractor's (skip extracting)."""
        session = self._session
        if session is None or session.article.key != article.key or self.gloss.extractor is None:
            return None
        if not session.suggestions_current(*self.extractor_identity()):
            return None
        return [a.span for a in session.annotations if a.source == "model"]

    # after every edit ------------------------------------------------------------------------------
    def after_edit(self, annotation_id: str | None = None) -> None:
        """Show the changed annotations and put the cursor on ``annotation_id`` when given."""
        session = self._session
        if session is None:
            return
        self.annotations = session.annotations
        self.refresh_highlights()
        view = self.view
        if annotation_id is not None:
            index = next((i for i, a in enumerate(view.shown) if a.id == annotation_id), None)
            if index is not None:
                view.move_to(index)
                return
        self.status.show_cursor(view.report(), self.status.position)

    def _current(self) -> Annotation | None:
        if self._session is None:
            self.notify("The article is still opening.", timeout=3)
            return None
        view = self.view
        current = view.current
        if view.matches and view.match_cursor is not None:
            # After a search (/Kursk), the keys act on the span at the match, as a person expects.
            match = view.matches[view.match_cursor]
            if current is None or not (current.start < match.end and match.start < current.end):
                at_match = view.index.at_offset(match.start) if view.shown else None
                if at_match is not None:
                    # Of the spans there, prefer one still in play over one a person rejected.
                    near = range(max(0, at_match - 8), min(len(view.shown), at_match + 8))
                    covering = [i for i in near if view.shown[i].start <= match.start < view.shown[i].end]
                    at_match = min(
                        covering,
                        key=lambda i: (
                            view.shown[i].status == "rejected",
                            view.shown[i].end - view.shown[i].start,
                        ),
                    )
                    view.move_to(at_match)
                    current = view.current
        if current is None:
            self.notify("Put the cursor on a span first (n, ] or a click).", timeout=3)
        return current

    def _style_for_label(self, definition: LabelDef) -> Style:
        return self.view.label_style(definition.name, definition.kind)

    def ask_label(self, title: str, current: str | None, then: Callable[[str | None], None]) -> None:
        """Ask for a label with the one-key prompt (Enter in it opens the picker)."""
        if self._session is None:
            return
        prompt = LabelPrompt(
            self._session.labels, title=title, current=current, style_for=self._style_for_label
        )
        self.app.push_screen(prompt, then)

    # reviewing -------------------------------------------------------------------------------------
    def action_accept(self) -> None:
        """Accept the current span."""
        if (current := self._current()) is not None and self._session is not None:
            self.after_edit(self._session.accept(current.id).id)

    def action_reject(self) -> None:
        """Reject the current span; it stays visible, dimmed and struck through."""
        if (current := self._current()) is not None and self._session is not None:
            self.after_edit(self._session.reject(current.id).id)

    def action_review_remaining(self, status: Status) -> None:
        """Accept or reject every remaining suggestion, of the article or of the current label."""
        annotations = self.annotations
        if self._session is None or annotations is None:
            return
        waiting = annotations.unreviewed()
        if not waiting:
            self.notify("No suggestions are left to review.", timeout=3)
            return
        current = self.view.current
        label = current.label if current is not None else None
        in_label = sum(1 for a in annotations if a.status == "suggested" and a.label == label)
        verb = "Accept" if status == "accepted" else "Reject"

        def chosen(choice: str | None) -> None:
            if choice is None or self._session is None:
                return
            count = self._session.review_remaining(status, None if choice == ARTICLE else choice)
            self.notify(f"{verb}ed {count} suggestions · u undoes it", timeout=4)
            self.after_edit(current.id if current is not None else None)

        self.app.push_screen(ReviewRemainingDialog(verb, waiting, label, in_label), chosen)

    # labels ----------------------------------------------------------------------------------------
    def action_relabel(self) -> None:
        """Relabel the current span with one key (the prompt lists them)."""
        if (current := self._current()) is not None:
            self.ask_label(f"Relabel {describe(current)} as", current.label, self._relabelled(current.id))

    def action_label_picker(self) -> None:
        """The label picker for the selection being made, else for the current span."""
        session = self._session
        if session is None:
            return
        if self.mode == "select" and self.selection is not None and self.selection.purpose == "add":
            then: Callable[[str | None], None] = self._label_selection
            title, current_label = "Label the selection", None
        elif (current := self._current()) is not None:
            then, title, current_label = (
                self._relabelled(current.id),
                f"Relabel {describe(current)}",
                current.label,
            )
        else:
            return
        picker = LabelPicker(
            session.labels, title=title, current=current_label, style_for=self._style_for_label
        )
        self.app.push_screen(picker, then)

    def _relabelled(self, annotation_id: str) -> Callable[[str | None], None]:
        def apply(label: str | None) -> None:
            session = self._session
            annotation = session.annotations.get(annotation_id) if session is not None else None
            if label is None or session is None or annotation is None:
                return
            if annotation.status == "rejected":
                # "Not PRODUCT, but GPE": the rejection stays on record (so the model's label never
                # comes back) and the person's label is a span of its own.
                changed = session.add_span(annotation.start, annotation.end, label)
            elif label == annotation.label:
                changed = session.accept(annotation_id)
            else:
                changed = session.relabel(annotation_id, label)
            self.after_edit(changed.id)

        return apply

    def action_label_occurrences(self) -> None:
        """Label every other occurrence of the current span's text the same way."""
        if (current := self._current()) is None or self._session is None:
            return
        added = self._session.label_occurrences(current.id)
        text = current.span.text
        message = f"Labelled {len(added)} more “{text}” as {current.label}" if added else f"No other “{text}”"
        self.notify(message, timeout=4)
        self.after_edit(current.id)

    # spans -----------------------------------------------------------------------------------------
    def action_select(self) -> None:
        """Start a selection (or, when selecting, cancel it) at the search match, the cursor or the top."""
        if self.mode == "select":
            self.action_cancel_mode()
            return
        if self._session is None:
            return
        view = self.view
        text = view.text
        if view.matches and view.match_cursor is not None:
            match = view.matches[view.match_cursor]
            selection = Selection.at(text, match.start, match.end)
            self.action_clear()  # the selection takes the search's place on screen
        elif view.current is not None:
            selection = Selection.at(text, view.current.start, view.current.end)
        else:
            selection = Selection.at(text, view.origin)
        if not selection.is_empty:
            self.begin_selection(selection)

    def action_resize(self, side: str) -> None:
        """Move the current span's start (``<``) or end (``>``) with the selection keys."""
        if (current := self._current()) is None:
            return
        edge: Side = "start" if side == "start" else "end"
        selection = Selection(self.view.text, current.start, current.end, edge, "resize", current.id)
        self.begin_selection(selection)

    def action_delete(self) -> None:
        """Delete the current span."""
        if (current := self._current()) is None or self._session is None:
            return
        self._session.remove(current.id)
        self.notify(f"Deleted {describe(current)} · u undoes it", timeout=3)
        self.after_edit()

    def action_note(self) -> None:
        """Attach, edit or clear the current span's note."""
        if (current := self._current()) is None:
            return

        def written(note: str | None) -> None:
            if note is not None and self._session is not None and note != current.note:
                self.after_edit(self._session.set_note(current.id, note).id)

        self.app.push_screen(NoteEditor(describe(current), current.note), written)

    def action_speaker(self) -> None:
        """Choose the speaker of the quote under the cursor (or the quote around it)."""
        if (current := self._current()) is None or self.annotations is None:
            return
        quote = current if current.kind == "quote" else None
        if quote is None:
            around = [
                a for a in self.annotations.overlapping(current.start, current.end) if a.kind == "quote"
            ]
            quote = around[0] if around else None
        if quote is None:
            self.notify("Put the cursor on a quotation first (} jumps to the next one).", timeout=3)
            return
        self.begin_speaker_choice(quote)

    # history and saving ----------------------------------------------------------------------------
    def action_undo(self) -> None:
        """Undo the last change."""
        self._history(undo=True)

    def action_redo(self) -> None:
        """Redo the last undone change."""
        self._history(undo=False)

    def _history(self, *, undo: bool) -> None:
        session = self._session
        if session is None:
            return
        edit = session.undo() if undo else session.redo()
        if edit is None:
            self.notify("Nothing to undo." if undo else "Nothing to redo.", timeout=2)
            return
        self.notify(f"{'Undone' if undo else 'Redone'}: {edit.description}", timeout=3)
        change = edit.changes[0]
        landed = change.before if undo else change.after
        self.after_edit(landed.id if landed is not None else None)

    def action_save_now(self) -> None:
        """Save now (changes are saved within a second anyway)."""
        session = self._session
        if session is None:
            return
        if session.saving_blocked:
            self.notify(
                "Not saving: the saved file could not be read (reopen the article to decide).", timeout=5
            )
        elif session.flush():
            self.notify(f"Saved to {session.store.path_for(session.article)}", timeout=3)

    def action_export(self) -> None:
        """Export annotations (this article, or every annotated one) in a format training tools read."""
        session = self._session
        stem = session.article.path.stem if session is not None else "gloss"

        def chosen(request: ExportRequest | None) -> None:
            if request is None:
                return
            current = self._session
            snapshot = None
            if current is not None:
                current.flush()
                snapshot = (current.article, current.annotations.snapshot())
            self._export(request, snapshot)

        self.app.push_screen(ExportDialog(stem), chosen)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _export(self, request: ExportRequest, current: tuple[Article, AnnotationSet] | None) -> None:
        from tui.export import ExportItem, export_items
        from tui.export.collect import collect_items

        problems: list[str] = []
        try:
            if request.scope == "article":
                if current is None:
                    raise ValueError("no article is open")
                article, annotations = current
                items = [
                    ExportItem.from_set(article, annotations, include_suggestions=request.include_suggestions)
                ]
            else:
                workspace = self.workspace
                paths = [setting.path for setting in workspace.settings]
                items = list(
                    collect_items(
                        paths,
                        store=workspace.override,
                        include_suggestions=request.include_suggestions,
                        report=problems.append,
                    )
                )
            if not items:
                raise ValueError("no article has saved annotations yet")
            report = export_items(items, request.format, request.out)
        except (OSError, ValueError) as error:
            self.app.call_from_thread(self.notify, f"Export failed: {error}", severity="error", timeout=10)
            return
        lines = [report.summary().capitalize(), *report.notes[:3], *problems[:3]]
        self.app.call_from_thread(self.notify, "\n".join(lines), title="Exported", timeout=10)
