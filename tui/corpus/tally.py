"""The entity aggregates of a first build, counted as its rows are written instead of read back.

A build into an empty index writes every span through :class:`~tui.corpus.writer.IndexWriter`, so the
rows of the ``entities`` table (written forms, labels, articles and mentions of each identity) can be
counted on the way in for a few dict updates per article. Grouping half a million spans by identity,
label and text in SQL afterwards costs several times more (a sort of the whole table). The tally is only
trusted while it has seen every span of the table: the writer drops it as soon as a span is replaced,
removed or re-resolved by a merge, or another connection (the reader's autosave) has committed, and the
aggregates are then recomputed from the table.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from tui.corpus.rows import ArticleRows

EntityAggregate = tuple[str, int, int, list[tuple[str, str, int]]]
"""``(ident, articles, mentions, [(label, text, mentions), ...])``, the forms sorted by label, then
text, as ``GROUP BY ident, label, text`` returns them."""


@dataclass(slots=True)
class EntityTally:
    """Mentions per ``(ident, label, text)`` and articles per identity of the spans written so far."""

    forms: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    articles: Counter[str] = field(default_factory=Counter)

    def add(self, rows: ArticleRows) -> None:
        """Count one article's rows (each article is added once: its identities count one article)."""
        # (ident, label, text): in a model entity's row (rows.EntityRow) and in any other span's row
        # (every column of rows.SPAN_COLUMNS); quotes and numbers have no ident. Literal indices keep
        # the row types' precision for mypy.
        forms = [(row[7], row[3], row[6]) for row in rows.entities if row[7] is not None]
        forms += [(row[9], row[4], row[7]) for row in rows.others if row[9] is not None]
        self.forms.update(forms)
        self.articles.update({form[0] for form in forms})

    def aggregates(self) -> Iterator[EntityAggregate]:
        """Each identity's counts and written forms, in the order the SQL grouping gives them."""
        ordered = sorted(self.forms.items())
        for ident, group in itertools.groupby(ordered, key=lambda item: item[0][0]):
            forms = [(label, text, mentions) for (_, label, text), mentions in group]
            yield ident, self.articles[ident], sum(form[2] for form in forms), forms
