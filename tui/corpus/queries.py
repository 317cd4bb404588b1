"""Reading the index: the paged queries behind the corpus views and ``gloss corpus``.

Every query returns one page (``page`` counts from 0, ``page_size`` rows) and runs as an index range
scan, so the first page costs the same on 25 articles and on 20,000; nothing loads the corpus into
memory. Results are small frozen dataclasses the screens can show as they are. Offsets are ``str``
indices into the article's text, ready to open the article at a mention.

A :class:`CorpusIndex` holds one read connection; it can be shared by threads (one query at a time: the
connection is guarded by a lock) and never blocks the writer (WAL).
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from tui.corpus.identity import ident_of_name
from tui.corpus.rows import context_line, stored_suggestions
from tui.corpus.schema import CorpusError, connect
from tui.model import Span

if TYPE_CHECKING:
    from tui.corpus.variants import DiffPart

PAGE_SIZE = 50
"""Rows per page unless a caller asks for another size."""

MAX_FIGURES = 20
"""Figures listed side by side under one conflict."""

_MARK_OPEN, _MARK_CLOSE = "\ue000", "\ue001"
"""Private-use characters around the matches in FTS snippets (never in news text), turned into
offsets before anything is shown."""
_SNIPPET_TOKENS = 14


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """An article as the views list it."""

    key: str
    title: str
    day: str | None


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One article matching a full-text query."""

    article: ArticleRef
    snippet: str
    """A short passage around the match (white space collapsed, "…" where it was cut)."""
    highlights: tuple[tuple[int, int], ...]
    """The matched words as offsets into :attr:`snippet`."""
    offset: int | None
    """Where the first match starts in the article's text (to open the article there)."""


@dataclass(frozen=True, slots=True)
class EntityRow:
    """An entity of the corpus with its counts."""

    ident: str
    """The identity (normalised name) the other queries take."""
    name: str
    label: str
    articles: int
    mentions: int


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention with a line of context."""

    start: int
    end: int
    text: str
    context: str
    """One line around the mention (white space collapsed)."""
    context_start: int
    """Where the mention starts in :attr:`context`."""
    context_end: int


@dataclass(frozen=True, slots=True)
class ArticleMentions:
    """The mentions of an entity in one article, in reading order."""

    article: ArticleRef
    mentions: tuple[Mention, ...]


@dataclass(frozen=True, slots=True)
class Neighbour:
    """The next or previous article mentioning an entity, and its first mention there."""

    article: ArticleRef
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class SpeakerRow:
    """Someone quoted in the corpus."""

    ident: str
    name: str
    quotes: int
    articles: int


@dataclass(frozen=True, slots=True)
class Quote:
    """One quotation with where it appears."""

    id: int
    article: ArticleRef
    start: int
    end: int
    text: str
    cue: str | None
    speaker: str | None
    """The speaker as written at the quote (may be a pronoun)."""
    speaker_name: str | None
    """The name a pronoun or surname stands for, when the extractor resolved it."""
    speaker_ident: str | None


@dataclass(frozen=True, slots=True)
class QuoteVariant:
    """One wording of a quote in a group of variants, compared with the wording it is most like."""

    quote: Quote
    """Its first appearance (in date order)."""
    appearances: int
    """How many quotes of the group read exactly like this (case and punctuation aside)."""
    also_in: tuple[ArticleRef, ...]
    """Other articles with this wording (at most :data:`tui.corpus.variants.MAX_ALSO_IN`)."""
    compared_with: int | None
    """The id of the first quote of the wording it is most like (``None`` for the first wording)."""
    diff: tuple[DiffPart, ...]
    """Word-by-word differences from that wording to this one (empty for the first)."""
    notes: tuple[str, ...]
    """The differences in words: ``dropped "not"``, ``end cut off: "…"``, ``spliced from 2 quotes``."""
    spliced_from: tuple[int, ...]
    """Ids of the first quotes of the wordings this one joins together, when it is a splice."""


@dataclass(frozen=True, slots=True)
class VariantGroup:
    """Near-identical quotes by one speaker across articles: its wordings, oldest first."""

    id: int
    speaker_ident: str
    speaker: str
    variants: tuple[QuoteVariant, ...]


@dataclass(frozen=True, slots=True)
class NumberRow:
    """A figure in the numbers ledger."""

    article: ArticleRef
    start: int
    end: int
    text: str
    label: str
    value: float | None
    noun: str | None
    """What it counts or measures ("troops", "%", "$")."""
    about: str | None
    """Identity of the named thing nearest to it in its sentence."""
    sentence: str
    speaker: str | None
    """Who is speaking, when the number stands inside a quote."""
    mark: tuple[int, int] | None = None
    """The figure's offsets in ``sentence``, from the span's own offsets in the article: its text may
    stand in the sentence more than once ("the 2018 final ended 1 – 0"), so it is never searched for.
    ``None`` when the index holds no sentence offsets for it."""


@dataclass(frozen=True, slots=True)
class Conflict:
    """Different figures for the same counted noun about the same entity, in different articles."""

    noun: str
    about: str
    about_name: str
    figures: tuple[NumberRow, ...] = field(default=())


NumberSort = Literal["value", "date"]


class CorpusIndex:
    """Read access to an index (see the module docstring)."""

    def __init__(self, path: Path) -> None:
        """Open the index at ``path`` for reading.

        Raises:
            CorpusError: there is no usable index at ``path``.
        """
        self.path = path
        self._connection = connect(path, readonly=True)
        self._lock = threading.Lock()

    @classmethod
    def in_store(cls, folder: Path) -> CorpusIndex:
        """The index of a store folder."""
        from tui.corpus.schema import INDEX_NAME

        return cls(folder / INDEX_NAME)

    def close(self) -> None:
        """Close the connection."""
        self._connection.close()

    def __enter__(self) -> CorpusIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _rows(self, sql: str, parameters: Sequence[Any] = ()) -> list[Any]:
        with self._lock:
            try:
                return self._connection.execute(sql, parameters).fetchall()
            except sqlite3.OperationalError as error:
                raise CorpusError(f"{self.path}: {error}") from error

    # articles ------------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        """How many articles, spans, entities and speakers the index holds."""
        (row,) = self._rows(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM spans), "
            "(SELECT count(*) FROM entities), (SELECT count(*) FROM speakers)"
        )
        return dict(zip(("articles", "spans", "entities", "speakers"), row, strict=True))

    def cached_spans(
        self, key: str, text_sha256: str, extractor_version: str | None, model: str | None
    ) -> list[Span] | None:
        """The model's spans for an article indexed from exactly this text, extractor and model.

        This is the extraction cache: the reader paints from it without loading spaCy. ``None`` when the
        article is not indexed or anything differs (the reader then runs the model as before).
        """
        rows = self._rows(
            "SELECT id, suggestions FROM articles WHERE key = ? AND sha256 = ? "
            "AND extractor_version IS ? AND model IS ?",
            (key, text_sha256, extractor_version, model),
        )
        if not rows:
            return None
        with self._lock:
            return stored_suggestions(self._connection, rows[0][0], rows[0][1])

    def text(self, key: str) -> str | None:
        """The indexed text of an article."""
        rows = self._rows(
            "SELECT t.text FROM articles a JOIN texts t ON t.rowid = a.id WHERE a.key = ?", (key,)
        )
        return str(rows[0][0]) if rows else None

    def labels(self, kind: str) -> list[str]:
        """The labels the corpus has for ``kind`` (``entity`` or ``number``), for the views' label filter.

        Entities are read from their table (a label per identity), numbers from their label index: both
        are index scans, not a walk over the spans."""
        if kind == "entity":
            rows = self._rows("SELECT DISTINCT label FROM entities ORDER BY label")
        else:
            rows = self._rows("SELECT DISTINCT label FROM spans WHERE kind = 'number' ORDER BY label", ())
        return [str(label) for (label,) in rows]

    def ident_at(self, key: str, start: int, end: int) -> str | None:
        """The identity of the indexed span at ``start:end`` of article ``key`` (``Xi`` in an article
        naming Xi Jinping is ``xi jinping``), or ``None`` when no indexed span is there."""
        rows = self._rows(
            "SELECT s.ident FROM spans s JOIN articles a ON a.id = s.article_id "
            "WHERE a.key = ? AND s.start = ? AND s.end = ? AND s.ident IS NOT NULL LIMIT 1",
            (key, start, end),
        )
        return str(rows[0][0]) if rows else None

    # search --------------------------------------------------------------------------------------
    def search(self, query: str, page: int = 0, page_size: int = 20) -> list[SearchHit]:
        """Articles matching all the words of ``query`` (``word*`` matches a prefix), best first."""
        expression = fts_query(query)
        if not expression:
            return []
        rows = self._rows(
            "SELECT a.key, a.title, a.day, h.snippet, t.text FROM ("
            f"  SELECT rowid, snippet(texts, 1, '{_MARK_OPEN}', '{_MARK_CLOSE}', '…', {_SNIPPET_TOKENS})"
            "   AS snippet FROM texts WHERE texts MATCH ? ORDER BY rank LIMIT ? OFFSET ?"
            ") h JOIN articles a ON a.id = h.rowid JOIN texts t ON t.rowid = h.rowid",
            (expression, page_size, page * page_size),
        )
        return [_hit(ArticleRef(key, title, day), snippet, text) for key, title, day, snippet, text in rows]

    # entities ------------------------------------------------------------------------------------
    def entities(
        self, label: str | None = None, prefix: str = "", page: int = 0, page_size: int = PAGE_SIZE
    ) -> list[EntityRow]:
        """Entities with their counts, most mentioned first; ``prefix`` filters by the start of the name."""
        where, parameters = [], []
        if label:
            where.append("label = ?")
            parameters.append(label)
        if prefix:
            low = ident_of_name(prefix)
            where.append("ident >= ? AND ident < ?")
            parameters += [low, low + "\U0010ffff"]
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        rows = self._rows(
            f"SELECT ident, name, label, articles, mentions FROM entities {clause} "
            "ORDER BY mentions DESC, ident LIMIT ? OFFSET ?",
            (*parameters, page_size, page * page_size),
        )
        return [EntityRow(*row) for row in rows]

    def entity(self, name: str) -> EntityRow | None:
        """The entity a typed name stands for (titles, case and possessives ignored)."""
        rows = self._rows(
            "SELECT ident, name, label, articles, mentions FROM entities WHERE ident = ?",
            (ident_of_name(name),),
        )
        return EntityRow(*rows[0]) if rows else None

    def mentions(self, ident: str, page: int = 0, page_size: int = 20) -> list[ArticleMentions]:
        """The mentions of an entity grouped by article, newest article first (``page_size`` articles)."""
        articles = self._rows(
            "SELECT DISTINCT day, article_id FROM spans WHERE ident = ? "
            "ORDER BY day DESC, article_id LIMIT ? OFFSET ?",  # the order of spans_ident: no sorting
            (ident, page_size, page * page_size),
        )
        result = []
        for _, article_id in articles:
            rows = self._rows(
                "SELECT a.key, a.title, a.day, t.text FROM articles a JOIN texts t ON t.rowid = a.id "
                "WHERE a.id = ?",
                (article_id,),
            )
            key, title, day, text = rows[0]
            spans = self._rows(
                "SELECT start, end, text FROM spans WHERE ident = ? AND article_id = ? ORDER BY start",
                (ident, article_id),
            )
            mentions = tuple(Mention(s, e, t, *context_line(text, s, e)) for s, e, t in spans)
            result.append(ArticleMentions(ArticleRef(key, title, day), mentions))
        return result

    def mentions_per_day(self, ident: str) -> list[tuple[str, int]]:
        """``(day, mentions)`` for each dated day an entity is mentioned, oldest first (the sparkline)."""
        rows = self._rows(
            "SELECT day, count(*) FROM spans WHERE ident = ? AND day != '' GROUP BY day ORDER BY day",
            (ident,),
        )
        return [(day, count) for day, count in rows]

    def neighbour(self, ident: str, key: str, *, forward: bool = True) -> Neighbour | None:
        """The next (or previous) article in date order that mentions the entity, after article ``key``.

        Articles without a date come before dated ones; ties are broken by when they were indexed.
        """
        here = self._rows("SELECT id, coalesce(day, '') FROM articles WHERE key = ?", (key,))
        if not here:
            return None
        article_id, day = here[0]
        compare, order = (">", "ASC") if forward else ("<", "DESC")
        rows = self._rows(
            "SELECT s.article_id, min(s.start) FROM spans s WHERE s.ident = ? "
            f"AND (s.day, s.article_id) {compare} (?, ?) GROUP BY s.day, s.article_id "
            f"ORDER BY s.day {order}, s.article_id {order} LIMIT 1",
            (ident, day, article_id),
        )
        if not rows:
            return None
        target, start = rows[0]
        ((other, title, other_day, end),) = self._rows(
            "SELECT a.key, a.title, a.day, s.end FROM articles a JOIN spans s ON s.article_id = a.id "
            "WHERE a.id = ? AND s.ident = ? AND s.start = ? LIMIT 1",
            (target, ident, start),
        )
        return Neighbour(ArticleRef(other, title, other_day), start, end)

    # quotes --------------------------------------------------------------------------------------
    def speakers(self, prefix: str = "", page: int = 0, page_size: int = PAGE_SIZE) -> list[SpeakerRow]:
        """Everyone quoted, most quoted first (pronouns resolved; quotes with no speaker left out)."""
        where, parameters = "", []
        if prefix:
            low = ident_of_name(prefix)
            where, parameters = "WHERE ident >= ? AND ident < ?", [low, low + "\U0010ffff"]
        rows = self._rows(
            f"SELECT ident, name, quotes, articles FROM speakers {where} "
            "ORDER BY quotes DESC, ident LIMIT ? OFFSET ?",
            (*parameters, page_size, page * page_size),
        )
        return [SpeakerRow(*row) for row in rows]

    def speaker(self, name: str) -> SpeakerRow | None:
        """The speaker a typed name stands for."""
        rows = self._rows(
            "SELECT ident, name, quotes, articles FROM speakers WHERE ident = ?", (ident_of_name(name),)
        )
        return SpeakerRow(*rows[0]) if rows else None

    _QUOTE_COLUMNS = (
        "s.id, a.key, a.title, a.day, s.start, s.end, s.text, s.cue, s.speaker_text, s.speaker_name, "
        "s.speaker_ident"
    )

    def quotes(self, speaker: str | None, page: int = 0, page_size: int = PAGE_SIZE) -> list[Quote]:
        """A speaker's quotes in date order (``None``: the quotes nobody could be named for)."""
        condition = "s.speaker_ident = ?" if speaker is not None else "s.speaker_ident IS NULL"
        parameters = (speaker,) if speaker is not None else ()
        rows = self._rows(
            f"SELECT {self._QUOTE_COLUMNS} FROM spans s JOIN articles a ON a.id = s.article_id "
            f"WHERE s.kind = 'quote' AND {condition} ORDER BY s.day, s.article_id, s.start LIMIT ? OFFSET ?",
            (*parameters, page_size, page * page_size),
        )
        return [_quote(row) for row in rows]

    def variants(self, speaker: str | None = None, page: int = 0, page_size: int = 20) -> list[VariantGroup]:
        """Groups of near-identical quotes across articles, with word-by-word differences.

        The wordings were compared when the group last changed (``variant_wordings``): a page reads a few
        rows per group, whatever the number of articles repeating the quote."""
        condition, parameters = ("AND speaker_ident = ?", (speaker,)) if speaker else ("", ())
        groups = self._rows(
            f"SELECT group_id, speaker_ident FROM variant_wordings WHERE position = 0 {condition} "
            "ORDER BY group_id LIMIT ? OFFSET ?",
            (*parameters, page_size, page * page_size),
        )
        if not groups:
            return []
        ids = [group_id for group_id, _ in groups]
        marks = ", ".join("?" * len(ids))
        found: dict[int, list[tuple[Any, ...]]] = {group_id: [] for group_id in ids}
        articles: set[int] = set()
        for group_id, appearances, also_in, compared_with, diff, notes, splice, *row in self._rows(
            "SELECT w.group_id, w.appearances, w.also_in, w.compared_with, w.diff, w.notes, "
            f"w.spliced_from, {self._QUOTE_COLUMNS} FROM variant_wordings w "
            "CROSS JOIN spans s ON s.id = w.quote_id CROSS JOIN articles a ON a.id = s.article_id "
            f"WHERE w.group_id IN ({marks}) ORDER BY w.group_id, w.position",
            ids,
        ):
            also = json.loads(also_in)
            articles.update(also)
            found[group_id].append((_quote(row), appearances, also, compared_with, diff, notes, splice))
        refs = {
            article_id: ArticleRef(key, title, day)
            for article_id, key, title, day in self._rows(
                f"SELECT id, key, title, day FROM articles WHERE id IN ({', '.join('?' * len(articles))})",
                sorted(articles),
            )
        }
        idents = sorted({ident for _, ident in groups})
        names = dict(self._rows(
            f"SELECT ident, name FROM speakers WHERE ident IN ({', '.join('?' * len(idents))})", idents
        ))  # fmt: skip
        from tui.corpus.variants import DiffPart  # here: the reader's first paint needs no variants

        return [
            VariantGroup(group_id, ident, names.get(ident, ident), tuple(
                QuoteVariant(
                    quote, appearances, tuple(refs[a] for a in also if a in refs), compared_with,
                    tuple(DiffPart(op, old, new) for op, old, new in json.loads(diff)),
                    tuple(json.loads(notes)), tuple(json.loads(splice)),
                )
                for quote, appearances, also, compared_with, diff, notes, splice in found[group_id]
            ))
            for group_id, ident in groups
        ]  # fmt: skip

    # numbers -------------------------------------------------------------------------------------
    _NUMBER_COLUMNS = (
        "a.key, a.title, a.day, s.start, s.end, s.text, s.label, s.value, s.noun, s.about, "
        "substr(t.text, s.context_start + 1, s.context_end - s.context_start), s.quote_speaker, "
        "s.context_start"
    )

    def numbers(
        self,
        label: str | None = None,
        noun: str | None = None,
        sort: NumberSort = "value",
        *,
        descending: bool = False,
        page: int = 0,
        page_size: int = PAGE_SIZE,
    ) -> list[NumberRow]:
        """The ledger of figures, filtered by label and counted noun, sorted by value or date."""
        where, parameters = ["s.kind = 'number'"], []
        if label:
            where.append("s.label = ?")
            parameters.append(label)
        if noun:
            where.append("s.noun = ?")
            parameters.append(noun.casefold())
        if sort == "value":
            where.append("s.value IS NOT NULL")
        way = "DESC" if descending else "ASC"  # one direction throughout, so the index gives the order
        column = "s.value" if sort == "value" else "s.day"
        order = f"{column} {way}, s.article_id {way}, s.start {way}"
        rows = self._rows(  # the page of spans first, then its articles: never a scan of the texts
            f"SELECT {self._NUMBER_COLUMNS} FROM (SELECT * FROM spans s WHERE {' AND '.join(where)} "
            f"ORDER BY {order} LIMIT ? OFFSET ?) s CROSS JOIN articles a ON a.id = s.article_id "
            f"CROSS JOIN texts t ON t.rowid = s.article_id ORDER BY {order}",
            (*parameters, page_size, page * page_size),
        )
        return [_number(row) for row in rows]

    def conflicts(self, noun: str | None = None, page: int = 0, page_size: int = 10) -> list[Conflict]:
        """Counted nouns about one entity with different values in different articles (at most
        :data:`MAX_FIGURES` figures each, smallest first)."""
        condition, parameters = ("AND noun = ?", [noun.casefold()]) if noun else ("", [])
        groups = self._rows(
            f"SELECT noun, about FROM conflicts {condition.replace('AND', 'WHERE', 1)} "
            "ORDER BY noun, about LIMIT ? OFFSET ?",
            (*parameters, page_size, page * page_size),
        )
        result = []
        for group_noun, about in groups:
            rows = self._rows(  # the figures first (an index range: spans_conflicts), then their texts
                f"SELECT {self._NUMBER_COLUMNS} FROM (SELECT * FROM spans s WHERE s.kind = 'number' "
                "AND s.noun = ? AND s.about = ? AND s.value IS NOT NULL "
                "ORDER BY s.value, s.day, s.article_id LIMIT ?) s "
                "CROSS JOIN articles a ON a.id = s.article_id CROSS JOIN texts t ON t.rowid = s.article_id "
                "ORDER BY s.value, s.day, s.article_id",
                (group_noun, about, MAX_FIGURES),
            )
            names = self._rows("SELECT name FROM entities WHERE ident = ?", (about,))
            name = names[0][0] if names else about
            result.append(Conflict(group_noun, about, name, tuple(_number(row) for row in rows)))
        return result


def fts_query(query: str) -> str:
    """An FTS5 expression matching every word of ``query``: each word quoted, so that FTS5's own
    syntax (AND, NEAR, ``-``, ``:``) in what a person types is taken as words; ``word*`` stays a prefix."""
    terms = []
    for word in re.findall(r"[^\W_]+(?:['’][^\W_]+)*\*?", query):
        prefix = word.endswith("*")
        core = word.rstrip("*").replace('"', '""')
        if core:
            terms.append(f'"{core}"' + ("*" if prefix else ""))
    return " ".join(terms)


def _hit(article: ArticleRef, snippet: str, text: str) -> SearchHit:
    """Turn an FTS snippet with marks into plain text, highlight offsets and the match's offset."""
    plain_parts: list[str] = []
    highlights: list[tuple[int, int]] = []
    length = 0
    for piece in re.split(f"({_MARK_OPEN}.*?{_MARK_CLOSE})", snippet):
        if piece.startswith(_MARK_OPEN):
            word = piece[1:-1]
            highlights.append((length, length + len(word)))
            piece = word
        plain_parts.append(piece)
        length += len(piece)
    raw = "".join(plain_parts)
    offset = None
    if highlights:
        core = raw.removeprefix("…")
        shift = len(raw) - len(core)
        core = core.removesuffix("…")
        found = text.find(core)
        if found >= 0:
            offset = found + highlights[0][0] - shift
    flat, mapping = _collapse(raw)
    return SearchHit(article, flat, tuple((mapping[s], mapping[e]) for s, e in highlights), offset)


def _collapse(text: str) -> tuple[str, list[int]]:
    """Runs of white space as one space, with each original offset's place in the result."""
    out: list[str] = []
    mapping: list[int] = []
    previous_space = False
    for char in text:
        mapping.append(len(out))
        space = char.isspace()
        if not (space and previous_space):
            out.append(" " if space else char)
        previous_space = space
    mapping.append(len(out))
    return "".join(out), mapping


def _quote(row: Sequence[Any]) -> Quote:
    quote_id, key, title, day, start, end, text, cue, speaker, speaker_name, ident = row
    return Quote(quote_id, ArticleRef(key, title, day), start, end, text, cue, speaker, speaker_name, ident)


def _number(row: Sequence[Any]) -> NumberRow:
    key, title, day, start, end, text, label, value, noun, about, sentence, speaker, context_start = row
    flat, mark = sentence_mark(str(sentence or ""), context_start, start, end)
    return NumberRow(
        ArticleRef(key, title, day), start, end, text, label, value, noun, about, flat, speaker, mark
    )


def sentence_mark(
    sentence: str, context_start: int | None, start: int, end: int
) -> tuple[str, tuple[int, int] | None]:
    """The sentence with its white space collapsed and trimmed, and where the figure ``start:end``
    (article offsets) stands in it: the sentence begins at ``context_start`` in the article, and the
    collapse moves every offset after a run of spaces, so the figure's offsets are carried through it."""
    flat, mapping = _collapse(sentence)
    lead = len(flat) - len(flat.lstrip())
    trimmed = flat.strip()
    if context_start is None:
        return trimmed, None
    begin, finish = start - context_start, end - context_start
    if not 0 <= begin < finish <= len(sentence):
        return trimmed, None
    begin, finish = max(0, mapping[begin] - lead), min(len(trimmed), mapping[finish] - lead)
    return trimmed, ((begin, finish) if begin < finish else None)


def iterate_pages(fetch: Any, page_size: int = PAGE_SIZE) -> Iterator[Any]:
    """Every row of a paged query, one page at a time (for the command line's full listings)."""
    page = 0
    while True:
        rows = fetch(page=page, page_size=page_size)
        yield from rows
        if len(rows) < page_size:
            return
        page += 1
