"""The reader's two short-lived key modes: making a selection, and choosing a quote's speaker.

While a mode is on, a few keys mean something else (``w`` grows the selection instead of paging, ``n``
moves to the next speaker candidate instead of the next span). These are *priority* bindings that
:meth:`AnnotationModes.check_action` switches on only in their mode, so the footer shows them exactly
while they work and every other key keeps its ordinary meaning (scrolling while selecting works).

- Selecting (``v`` to add a span, ``<``/``>`` to move a span's start/end): ``w``/``b`` (or shift+→/←) move
  the moving edge by a word, ``l``/``h`` (or →/←) by a character, ``o`` switches edge, Enter labels the new
  span (one key, Enter again for the picker) or applies the new bounds, Esc cancels.
- Choosing a speaker (``s`` on a quote): ``n``/``N`` move between PERSON and ORG spans (nearest before the
  quote first), Enter links, ``-`` unlinks, Esc cancels.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, Literal, TypeAlias

from textual import events, on
from textual.binding import Binding, BindingType
from textual.widgets import Input

from tui.annotation import ArticleSession, Selection
from tui.model import SPEAKER_LABELS, Annotation, describe
from tui.screens.reader_extraction import ReaderExtraction

Mode: TypeAlias = Literal["normal", "select", "speaker"]

SELECTION_BINDINGS: list[Binding] = [
    Binding(
        "w,shift+right", "selection_word(1)", "Word →", priority=True, tooltip="Move the edge a word right"
    ),
    Binding(
        "b,shift+left", "selection_word(-1)", "Word ←", priority=True, tooltip="Move the edge a word left"
    ),
    Binding(
        "l,right",
        "selection_char(1)",
        "Char →",
        priority=True,
        show=False,
        tooltip="Move the edge a character right",
    ),
    Binding(
        "h,left",
        "selection_char(-1)",
        "Char ←",
        priority=True,
        show=False,
        tooltip="Move the edge a character left",
    ),
    Binding(
        "o", "selection_side", "Other end", priority=True, tooltip="Switch which end of the selection moves"
    ),
    Binding(
        "enter",
        "selection_done",
        "Label / apply",
        priority=True,
        tooltip="Label the new span, or apply new bounds",
    ),
]
"""Keys while a selection is being made (``v``, ``<``, ``>``)."""

SPEAKER_BINDINGS: list[Binding] = [
    Binding("n", "speaker_step(1)", "Next speaker", priority=True, tooltip="Next PERSON/ORG span"),
    Binding("N", "speaker_step(-1)", "Previous speaker", priority=True, tooltip="Previous PERSON/ORG span"),
    Binding("enter", "speaker_done", "Link", priority=True, tooltip="Link the quote to this speaker"),
    Binding("minus", "speaker_unlink", "Unlink", priority=True, tooltip="Remove the quote's speaker"),
]
"""Keys while a quote's speaker is being chosen (``s``)."""

CANCEL_BINDING = Binding("escape", "cancel_mode", "Cancel", priority=True, tooltip="Leave without changes")
"""Esc in either mode."""

MODE_BINDINGS: list[Binding] = [*SELECTION_BINDINGS, *SPEAKER_BINDINGS, CANCEL_BINDING]


def _key_table(bindings: list[Binding]) -> dict[str, str]:
    """Key → action of some bindings (a binding may list several keys)."""
    return {key.strip(): b.action for b in bindings for key in b.key.split(",")}


MODE_KEYS: dict[str, dict[str, str]] = {
    "select": _key_table([*SELECTION_BINDINGS, CANCEL_BINDING]),
    "speaker": _key_table([*SPEAKER_BINDINGS, CANCEL_BINDING]),
}
"""The keys of each mode. A screen's bindings keep one binding per key (the subclass's wins), so keys
the reader already uses (``h``, ``l``, ``n``, ``N``, Esc) are routed by :meth:`AnnotationModes._mode_key`."""

OFF_IN_MODES = frozenset(
    {
        "accept",
        "reject",
        "relabel",
        "resize",
        "label_occurrences",
        "delete",
        "note",
        "speaker",
        "review_remaining",
        "undo",
        "redo",
        "export",
        "step",
        "toggle_label",
        "clear",
    }
)
"""Actions switched off while selecting or choosing a speaker (their keys mean something else there)."""

SELECTION_ACTIONS = frozenset(b.action.split("(")[0] for b in SELECTION_BINDINGS)
SPEAKER_ACTIONS = frozenset(b.action.split("(")[0] for b in SPEAKER_BINDINGS)


class AnnotationModes(ReaderExtraction):
    """Selection and speaker modes of the reader screen (the base of the annotation actions)."""

    BINDINGS: ClassVar[list[BindingType]] = list(MODE_BINDINGS)

    mode: Mode = "normal"
    """Which key mode is on."""
    selection: Selection | None = None
    """The selection being made or the bounds being moved (select mode)."""
    speaker_quote: Annotation | None = None
    """The quote whose speaker is being chosen (speaker mode)."""
    speaker_candidates: list[Annotation] = []  # noqa: RUF012 - replaced, never mutated
    speaker_position = 0

    @property
    def session(self) -> ArticleSession | None:
        """The open article's annotation session (the annotation actions set it)."""
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Mode keys work only in their mode, and not while typing in a box; in a mode, the reading
        and editing keys that would confuse it are off (and out of the footer)."""
        if self.mode != "normal" and action in OFF_IN_MODES:
            return False
        if action in SELECTION_ACTIONS:
            return self.mode == "select" and not isinstance(self.focused, Input)
        if action in SPEAKER_ACTIONS:
            return self.mode == "speaker" and not isinstance(self.focused, Input)
        if action == "cancel_mode":
            return self.mode != "normal" and not isinstance(self.focused, Input)
        return True

    @on(events.Key)
    async def _mode_key(self, event: events.Key) -> None:
        """In a mode, its keys win over the reader's (see :data:`MODE_KEYS`)."""
        if self.mode == "normal" or isinstance(self.focused, Input):
            return
        action = MODE_KEYS[self.mode].get(event.key)
        if action is not None:
            event.stop()
            event.prevent_default()
            await self.run_action(action)

    def set_mode(self, mode: Mode) -> None:
        """Switch modes; the footer shows the new mode's keys."""
        self.mode = mode
        if mode != "select":
            self.selection = None
        if mode != "speaker":
            self.speaker_quote, self.speaker_candidates = None, []
        if mode == "normal":
            self.view.set_selection(None)
            self.status.show_cursor(self.view.report(), self.status.position)
        self.refresh_bindings()

    def action_cancel_mode(self) -> None:
        """Esc: leave the selection or the speaker choice without changing anything."""
        self.set_mode("normal")
        self.status.show_cursor(self.view.report(), "Cancelled.")

    # selection -------------------------------------------------------------------------------------
    def begin_selection(self, selection: Selection) -> None:
        """Start selecting: draw it and say which keys move it."""
        self.set_mode("select")
        self.selection = selection
        self._show_selection()

    def _show_selection(self) -> None:
        selection = self.selection
        if selection is None:
            return
        self.view.set_selection((selection.start, selection.end))
        verb = "New bounds" if selection.purpose == "resize" else "Selecting"
        done = "Enter apply" if selection.purpose == "resize" else "Enter label"
        self.status.position = (
            f"{verb} {selection.describe()} · w/b word · l/h char · o switch end · {done} · Esc"
        )

    def action_selection_word(self, direction: int) -> None:
        """Move the selection's moving edge by a word."""
        if self.selection is not None:
            self.selection.by_word(direction)
            self._show_selection()

    def action_selection_char(self, direction: int) -> None:
        """Move the selection's moving edge by a character (a boundary inside a word)."""
        if self.selection is not None:
            self.selection.by_char(direction)
            self._show_selection()

    def action_selection_side(self) -> None:
        """Switch which end of the selection moves."""
        if self.selection is not None:
            self.selection.switch_side()
            self._show_selection()

    def action_selection_done(self) -> None:
        """Enter: ask for the new span's label, or apply the new bounds."""
        selection, session = self.selection, self.session
        if selection is None or session is None or selection.is_empty:
            return
        if selection.purpose == "resize" and selection.target is not None:
            annotation = session.set_bounds(selection.target, selection.start, selection.end)
            self.set_mode("normal")
            self.after_edit(annotation.id)
            return
        self.ask_label("Label the selection", None, self._label_selection)

    def _label_selection(self, label: str | None) -> None:
        selection, session = self.selection, self.session
        if label is None or selection is None or session is None:
            return  # the selection stays: Enter asks again, Esc leaves
        annotation = session.add_span(selection.start, selection.end, label)
        self.set_mode("normal")
        self.after_edit(annotation.id)

    # speaker ---------------------------------------------------------------------------------------
    def begin_speaker_choice(self, quote: Annotation) -> None:
        """Offer the PERSON and ORG spans as speakers, starting with the one nearest before the quote."""
        annotations = self.annotations
        if annotations is None:
            return
        candidates = [
            a
            for a in annotations
            if a.kind == "entity" and a.label in SPEAKER_LABELS and a.status != "rejected"
        ]
        if not candidates:
            self.notify("No PERSON or ORG span to choose: add one first (v, then a label).", timeout=4)
            return
        linked = quote.span.speaker
        position = next(
            (
                i
                for i, a in enumerate(candidates)
                if linked and (a.start, a.end) == (linked.start, linked.end)
            ),
            None,
        )
        if position is None:
            before = [i for i, a in enumerate(candidates) if a.end <= quote.start]
            position = before[-1] if before else 0
        self.set_mode("speaker")
        self.speaker_quote, self.speaker_candidates, self.speaker_position = quote, candidates, position
        self._show_speaker()

    def _show_speaker(self) -> None:
        candidate = self.speaker_candidates[self.speaker_position]
        self.view.set_selection((candidate.start, candidate.end))
        self.view.scroll_to_offset(candidate.start, candidate.end)
        total = len(self.speaker_candidates)
        self.status.position = (
            f"Speaker {self.speaker_position + 1} of {total}: {describe(candidate)} · n/N next/previous · "
            "Enter link · - unlink · Esc"
        )

    def action_speaker_step(self, direction: int) -> None:
        """Move to the next/previous PERSON or ORG span (wrapping around)."""
        if self.speaker_candidates:
            self.speaker_position = (self.speaker_position + direction) % len(self.speaker_candidates)
            self._show_speaker()

    def action_speaker_done(self) -> None:
        """Link the quote to the speaker shown."""
        quote, session = self.speaker_quote, self.session
        if quote is None or session is None or not self.speaker_candidates:
            return
        speaker = self.speaker_candidates[self.speaker_position]
        annotation = session.link_speaker(quote.id, speaker.id)
        self.set_mode("normal")
        self.after_edit(annotation.id)

    def action_speaker_unlink(self) -> None:
        """Say the quote's speaker is unknown."""
        quote, session = self.speaker_quote, self.session
        if quote is None or session is None:
            return
        annotation = session.link_speaker(quote.id, None)
        self.set_mode("normal")
        self.after_edit(annotation.id)

    # provided by the annotation actions ------------------------------------------------------------
    def ask_label(self, title: str, current: str | None, then: Callable[[str | None], None]) -> None:
        """Ask for a label with the one-key prompt (the annotation actions implement it)."""
        raise NotImplementedError

    def after_edit(self, annotation_id: str | None = None) -> None:
        """Show the changed annotations, the cursor on ``annotation_id`` (the actions implement it)."""
        raise NotImplementedError
