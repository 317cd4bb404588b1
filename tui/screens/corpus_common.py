"""What the corpus views share: where their index is, what they hand back to the reader, and row parts.

Each view is a screen pushed over the reader that dismisses with an :class:`OpenTarget` (the reader
then opens that article at that offset) or ``None`` (Esc). The index is opened in the views' workers
through :class:`CorpusSource`, never on the UI thread, and a missing index is a message that says how
to build one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Input, Static

from tui.annotation.extraction import CorpusIndexes
from tui.store import AnnotationStore
from tui.widgets.corpus_results import CorpusResults, RowStyles, safe_text

if TYPE_CHECKING:
    from tui.corpus import ArticleRef, CorpusIndex


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


def article_line(article: ArticleRef, styles: RowStyles, indent: str = "") -> Text:
    """``Title · 2020-05-04`` (the date muted; "undated" when the index has none)."""
    line = Text(indent)
    line.append_text(safe_text(article.title or article.key, styles.heading))
    line.append(" · ", styles.muted)
    line.append(article.day or "undated", styles.muted)
    return line


def counted(name: str, shown: int, more: bool, extra: str = "") -> str:
    """A view's title line: ``Entities · 50 shown (more below)``."""
    amount = f"{shown}+ shown (more as you scroll)" if more else f"{shown} shown"
    return f"{name} · {amount}" + (f" · {extra}" if extra else "")


def escape_box(box: Input, results: CorpusResults) -> bool:
    """Esc in a view: leave its filter box first (back to the results); ``False`` when the box is not
    focused, and the view should close."""
    if not box.has_focus:
        return False
    results.focus()
    return True


def show_failure(title: Static, results: CorpusResults, name: str, error: str) -> None:
    """A query failed (no index, a damaged one): say so in the title line, empty the list."""
    title.update(Text.assemble((f"{name} · ", ""), (error, "")))
    results.clear_options()
