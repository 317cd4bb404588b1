"""What the corpus views share: where their index is, what they hand back to the reader, and row parts.

Each view is a screen pushed over the reader that dismisses with an :class:`OpenTarget` (the reader
then opens that article at that offset) or ``None`` (Esc). The index is opened in the views' workers
through :class:`CorpusSource`, never on the UI thread; a missing index is a message that says how to
build one, and the source's builder (when the reader gave one) builds it from the view. The list itself
(title, filter, results) is :class:`~tui.widgets.corpus_pane.CorpusListPane`, composed by each screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual.screen import Screen

from tui.annotation.extraction import CorpusIndexes
from tui.store import AnnotationStore
from tui.widgets.corpus_results import RowStyles, safe_text

if TYPE_CHECKING:
    from tui.corpus import ArticleRef, CorpusIndex
    from tui.screens.corpus_build import ReaderIndexBuild


@dataclass(frozen=True, slots=True)
class OpenTarget:
    """An article to open in the reader, at an offset of its text."""

    key: str
    """The index's key for it (the store's canonical key)."""
    offset: int | None
    title: str


@dataclass(frozen=True, slots=True)
class CorpusSource:
    """The index of one store, opened on first use (in a worker)."""

    indexes: CorpusIndexes
    store: AnnotationStore
    builder: ReaderIndexBuild | None = None
    """Builds the index from the view when there is none (``None``: the view only says how)."""

    def index(self) -> CorpusIndex:
        """The index (call from a worker).

        Raises:
            CorpusError: there is none yet (the message says how to build one) or it cannot be read.
        """
        from tui.corpus import CorpusError

        index = self.indexes.index_for(self.store)
        if index is None:
            raise CorpusError(
                f"No corpus index in {self.store.folder}. Build one with: gloss index PATHS "
                "(the folders you read), then open this view again."
            )
        return index


def chosen_target(message: object) -> OpenTarget | None:
    """What a view that only opens articles dismisses with: the row's target on Enter
    (:class:`~tui.widgets.corpus_pane.CorpusListPane.Chosen`), ``None`` on Esc (``Closed``)."""
    payload = getattr(message, "payload", None)
    return payload if isinstance(payload, OpenTarget) else None


def article_line(article: ArticleRef, styles: RowStyles, indent: str = "") -> Text:
    """``Title · 2020-05-04`` (the date muted; "undated" when the index has none)."""
    line = Text(indent)
    line.append_text(safe_text(article.title or article.key, styles.heading))
    line.append(" · ", styles.muted)
    line.append(article.day or "undated", styles.muted)
    return line


class LabelCycle:
    """The labels of one kind of span in the corpus, and the one a view shows (``l`` steps through them,
    then back to every label). The labels are fetched in a worker, once the view asks."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        """``entity`` or ``number``."""
        self.labels: list[str] = []
        """The corpus's labels of that kind, once fetched."""
        self.current: str | None = None
        """The label shown (``None``: every label)."""

    def fetch(self, screen: Screen[OpenTarget | None], source: CorpusSource) -> None:
        """Fetch the labels in a worker on ``screen`` (no index yet: none, until fetched again)."""

        def labels() -> None:
            from tui.corpus import CorpusError

            try:
                found = source.index().labels(self.kind)
            except CorpusError:
                return
            screen.app.call_from_thread(setattr, self, "labels", found)

        screen.run_worker(labels, thread=True, group="corpus-labels", exit_on_error=False)

    def step(self) -> bool:
        """The next label, then every label again; ``False`` when there are no labels (yet)."""
        if not self.labels:
            return False
        position = self.labels.index(self.current) + 1 if self.current in self.labels else 0
        self.current = self.labels[position] if position < len(self.labels) else None
        return True
