"""The one writer of the index: articles in, rows out, aggregates kept in step.

Every change is a transaction that leaves the index consistent: an article's row, its text in the FTS
table and its spans are replaced together, and the identities whose counts changed are listed in
``dirty`` in the same transaction. :meth:`IndexWriter.refresh` then recomputes the entity and speaker
tables and the quote-variant groups for those identities only, and empties ``dirty`` when it commits; a
process killed in between leaves the list for the next writer.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from tui.corpus.identity import EntityMerges, display_name
from tui.corpus.rows import (
    ENTITY_INSERT,
    NUMBER_INSERT,
    QUOTE_INSERT,
    SPAN_COLUMNS,
    ArticleRows,
    IndexedSpan,
    span_rows,
)
from tui.corpus.tally import EntityTally
from tui.corpus.variants import compare_wordings, group_quotes
from tui.model import AnnotationSet, Span

FULL_REFRESH_SHARE = 0.3
"""When more than this share of the known identities is dirty, recompute the aggregates wholesale."""


@dataclass(slots=True)
class ArticleRecord:
    """Everything the index keeps about one article, ready to write."""

    key: str
    path: str
    entry: str | None
    title: str
    date: str | None
    day: str | None
    source: str | None
    sha256: str
    extractor_version: str | None
    model: str | None
    text: str
    suggestions: list[Span]
    """The model's spans (the extraction cache), whatever the person decided about them."""
    spans: list[IndexedSpan]
    """What the index shows: the person's decisions applied, rejected spans left out."""
    file_mtime_ns: int | None = None
    file_size: int | None = None
    annotations_signature: str | None = None


@dataclass(frozen=True, slots=True)
class Known:
    """What the index holds about an article, to decide whether it must be indexed again."""

    id: int
    sha256: str
    extractor_version: str | None
    model: str | None
    file_mtime_ns: int | None
    file_size: int | None
    annotations_signature: str | None


@dataclass(slots=True)
class IndexWriter:
    """Writes articles into an open index connection (the only writer at a time)."""

    connection: sqlite3.Connection
    merges: EntityMerges = field(default_factory=EntityMerges)
    tally: EntityTally | None = None
    """The entity aggregates counted as spans are written (see :mod:`tui.corpus.tally`): set by
    :meth:`tally_from_empty`, dropped by anything that changes spans already written."""
    _tally_data_version: int | None = field(default=None, init=False, repr=False)
    """SQLite's ``data_version`` when the tally started: it changes when another connection commits
    (the reader's autosave writing into a build's index), whose spans the tally has not seen."""

    def tally_from_empty(self) -> bool:
        """Count the entity aggregates while writing, if no span is indexed yet; returns whether."""
        version = self._data_version()  # read first: a commit after it shows as a change
        if self.connection.execute("SELECT 1 FROM spans LIMIT 1").fetchone() is None:
            self.tally = EntityTally()
            self._tally_data_version = version
        return self.tally is not None

    def _data_version(self) -> int:
        return int(self.connection.execute("PRAGMA data_version").fetchone()[0])

    def _current_tally(self) -> EntityTally | None:
        """The tally, if only this writer has changed the index since it started (else dropped)."""
        if self.tally is not None and self._data_version() != self._tally_data_version:
            self.tally = None
        return self.tally

    def known(self) -> dict[str, Known]:
        """Every indexed article by key (a few small columns each; 20,000 articles are a few MB)."""
        rows = self.connection.execute(
            "SELECT key, id, sha256, extractor_version, model, file_mtime_ns, file_size, "
            "annotations_signature FROM articles"
        )
        return {row[0]: Known(*row[1:]) for row in rows}

    def write(self, records: Sequence[ArticleRecord]) -> None:
        """Replace or add the articles' rows in one transaction."""
        if not records:
            return
        connection = self.connection
        with Transaction(connection):
            ids = {
                key: article_id
                for key, article_id in _chunked_lookup(
                    connection, "SELECT key, id FROM articles WHERE key IN ({})", [r.key for r in records]
                )
            }
            if ids:
                self.tally = None
                self._forget(list(ids.values()))
            next_id = int(connection.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0]) + 1
            next_span = int(connection.execute("SELECT coalesce(max(id), 0) FROM spans").fetchone()[0]) + 1
            article_rows = []
            text_rows = []
            span_table = ArticleRows()
            for record in records:
                article_id = ids.get(record.key)
                if article_id is None:
                    article_id, next_id = next_id, next_id + 1
                article_rows.append((
                    article_id, record.key, record.path, record.entry, record.title, record.date,
                    record.day, record.source, record.sha256, record.extractor_version, record.model,
                    record.file_mtime_ns, record.file_size, record.annotations_signature,
                    _suggestions_json(record),
                ))  # fmt: skip
                text_rows.append((article_id, record.title, record.text))
                rows = span_rows(
                    article_id, record.key, record.text, record.day, record.spans, self.merges, next_span
                )
                next_span += len(rows)
                span_table.extend(rows)
                if self.tally is not None:
                    self.tally.add(rows)
            connection.executemany(
                "INSERT OR REPLACE INTO articles (id, key, path, entry, title, date, day, source, sha256, "
                "extractor_version, model, file_mtime_ns, file_size, annotations_signature, suggestions) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                article_rows,
            )
            connection.executemany("INSERT INTO texts (rowid, title, text) VALUES (?, ?, ?)", text_rows)
            connection.executemany(ENTITY_INSERT, span_table.entities)
            connection.executemany(QUOTE_INSERT, span_table.quotes)
            connection.executemany(NUMBER_INSERT, span_table.numbers)
            placeholders = ", ".join("?" * len(SPAN_COLUMNS.split(",")))
            connection.executemany(
                f"INSERT INTO spans ({SPAN_COLUMNS}) VALUES ({placeholders})", span_table.others
            )
            connection.executemany(
                "INSERT OR IGNORE INTO dirty (kind, ident) VALUES (?, ?)", sorted(span_table.dirty)
            )

    def touch(self, key: str, signature: tuple[int, int] | None, annotations: str | None) -> None:
        """Record a file's new ``(mtime_ns, size)`` when its text turned out unchanged (nothing to do)."""
        mtime_ns, size = signature or (None, None)
        with Transaction(self.connection):
            self.connection.execute(
                "UPDATE articles SET file_mtime_ns = ?, file_size = ?, annotations_signature = ? "
                "WHERE key = ?",
                (mtime_ns, size, annotations, key),
            )

    def remove(self, keys: Iterable[str]) -> int:
        """Drop articles (their files are gone); returns how many were indexed."""
        wanted = list(keys)
        self.tally = None
        with Transaction(self.connection):
            ids = [i for _, i in _chunked_lookup(
                self.connection, "SELECT key, id FROM articles WHERE key IN ({})", wanted)]  # fmt: skip
            self._forget(ids)
            self.connection.executemany("DELETE FROM articles WHERE id = ?", [(i,) for i in ids])
        return len(ids)

    def _forget(self, article_ids: Sequence[int]) -> None:
        """Delete the articles' spans and texts, listing the identities they counted towards as dirty."""
        connection = self.connection
        for article_id in article_ids:
            connection.execute(
                "INSERT OR IGNORE INTO dirty (kind, ident) SELECT DISTINCT 'entity', ident FROM spans "
                "WHERE article_id = ? AND ident IS NOT NULL",
                (article_id,),
            )
            connection.execute(
                "INSERT OR IGNORE INTO dirty (kind, ident) SELECT DISTINCT 'speaker', speaker_ident "
                "FROM spans WHERE article_id = ? AND speaker_ident IS NOT NULL",
                (article_id,),
            )
            connection.execute(
                "INSERT OR IGNORE INTO dirty (kind, ident) SELECT DISTINCT 'figure', "
                "noun || char(31) || about FROM spans WHERE article_id = ? AND kind = 'number' "
                "AND noun IS NOT NULL AND about IS NOT NULL",
                (article_id,),
            )
            connection.execute("DELETE FROM spans WHERE article_id = ?", (article_id,))
            connection.execute("DELETE FROM texts WHERE rowid = ?", (article_id,))

    def apply_merges(self, merges: EntityMerges) -> None:
        """Use a new set of merges and splits: re-resolve the identities either set mentions."""
        touched = self.merges.touched() | merges.touched()
        self.merges = merges
        if not touched:
            return
        self.tally = None
        connection = self.connection
        with Transaction(connection):
            connection.execute(
                "INSERT OR REPLACE INTO meta (name, value) VALUES ('merges', ?)",
                (json.dumps(merges.to_json()),),
            )
            for raw_column, column, kind in (
                ("raw_ident", "ident", "entity"),
                ("raw_speaker_ident", "speaker_ident", "speaker"),
                ("raw_about", "about", "figure"),
            ):
                rows = list(_chunked_lookup(
                    connection,
                    f"SELECT s.id, s.{raw_column}, a.key, s.{column}, s.noun FROM spans s JOIN articles a "
                    f"ON a.id = s.article_id WHERE s.{raw_column} IN ({{}})",
                    sorted(touched),
                ))  # fmt: skip
                updates = []
                dirty: set[tuple[str, str]] = set()
                for span_id, raw, key, current, noun in rows:
                    resolved = merges.resolve(raw, key)
                    if resolved != current:
                        updates.append((resolved, span_id))
                        if kind != "figure":
                            dirty.update(((kind, resolved), (kind, current)))
                        elif noun is not None:
                            dirty.update(
                                ((kind, figure_key(noun, resolved)), (kind, figure_key(noun, current)))
                            )
                connection.executemany(f"UPDATE spans SET {column} = ? WHERE id = ?", updates)
                connection.executemany("INSERT OR IGNORE INTO dirty (kind, ident) VALUES (?, ?)", dirty)

    def refresh(self) -> int:
        """Recompute the aggregates of every dirty identity in one transaction; returns how many."""
        connection = self.connection
        with Transaction(connection):
            dirty = connection.execute("SELECT count(*) FROM dirty").fetchone()[0]
            if not dirty:
                return 0
            for kind in ("entity", "speaker"):
                self._refresh_kind(kind)
            self._refresh_conflicts()
            connection.execute("DELETE FROM dirty")
        return int(dirty)

    def _refresh_conflicts(self) -> None:
        """Recompute which dirty (noun, entity) pairs have different values in different articles."""
        connection = self.connection
        dirty = [tuple(row[0].split("\x1f", 1)) for row in connection.execute(
            "SELECT ident FROM dirty WHERE kind = 'figure'")]  # fmt: skip
        if not dirty:
            return
        total = connection.execute("SELECT count(*) FROM conflicts").fetchone()[0]
        grouped = (
            "SELECT noun, about, count(DISTINCT value), count(DISTINCT article_id) FROM spans "
            "WHERE kind = 'number' AND noun IS NOT NULL AND about IS NOT NULL AND value IS NOT NULL {} "
            "GROUP BY noun, about HAVING count(DISTINCT value) > 1 AND count(DISTINCT article_id) > 1"
        )
        if len(dirty) > FULL_REFRESH_SHARE * max(total, 1) and len(dirty) > 1000:
            connection.execute("DELETE FROM conflicts")
            connection.execute("INSERT INTO conflicts " + grouped.format(""))
            return
        connection.executemany("DELETE FROM conflicts WHERE noun = ? AND about = ?", dirty)
        for noun, about in dirty:
            connection.execute(
                "INSERT INTO conflicts " + grouped.format("AND noun = ? AND about = ?"), (noun, about)
            )

    def _refresh_kind(self, kind: str) -> None:
        connection = self.connection
        table, column = ("entities", "ident") if kind == "entity" else ("speakers", "speaker_ident")
        dirty_count = connection.execute("SELECT count(*) FROM dirty WHERE kind = ?", (kind,)).fetchone()[0]
        if not dirty_count:
            return
        tally = self._current_tally() if kind == "entity" else None
        if tally is not None:
            self._refresh_entities_from(tally)
            return
        total = connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        wholesale = dirty_count > FULL_REFRESH_SHARE * max(total, 1)
        if wholesale:
            connection.execute(f"DELETE FROM {table}")
            if kind == "speaker":
                connection.execute("DELETE FROM variants")
                connection.execute("DELETE FROM variant_wordings")
            selection = f"{column} IS NOT NULL"
            parameters: tuple[str, ...] = ()
        else:
            connection.execute(
                f"DELETE FROM {table} WHERE ident IN (SELECT ident FROM dirty WHERE kind = ?)", (kind,)
            )
            if kind == "speaker":
                for variant_table in ("variants", "variant_wordings"):
                    connection.execute(
                        f"DELETE FROM {variant_table} WHERE speaker_ident IN "
                        "(SELECT ident FROM dirty WHERE kind = ?)",
                        (kind,),
                    )
            selection = f"{column} IN (SELECT ident FROM dirty WHERE kind = ?)"
            parameters = (kind,)
        if kind == "entity":
            counts = connection.execute(
                f"SELECT ident, count(DISTINCT article_id), count(*) FROM spans WHERE {selection} "
                "GROUP BY ident",
                parameters,
            )
            forms = connection.execute(
                f"SELECT ident, label, text, count(*) FROM spans WHERE {selection} "
                "GROUP BY ident, label, text ORDER BY ident",
                parameters,
            )
            connection.executemany(
                "INSERT INTO entities (ident, name, label, articles, mentions) VALUES (?, ?, ?, ?, ?)",
                _aggregate(counts.fetchall(), forms),
            )
        else:
            rows = connection.execute(
                "SELECT speaker_ident, coalesce(speaker_name, speaker_text), id, article_id, text "
                f"FROM spans WHERE kind = 'quote' AND {selection} "
                "ORDER BY speaker_ident, day, article_id, start",
                parameters,
            )
            speakers, variants, wordings = _speakers(rows)
            named = dict(_chunked_lookup(
                connection, "SELECT ident, name FROM entities WHERE ident IN ({})", [s[0] for s in speakers]
            ))  # fmt: skip
            speakers = [(ident, named.get(ident, name), *counts) for ident, name, *counts in speakers]
            connection.executemany(
                "INSERT INTO speakers (ident, name, quotes, articles) VALUES (?, ?, ?, ?)", speakers
            )
            connection.executemany(
                "INSERT INTO variants (quote_id, group_id, speaker_ident) VALUES (?, ?, ?)", variants
            )
            connection.executemany(
                "INSERT INTO variant_wordings (group_id, position, speaker_ident, quote_id, appearances, "
                "also_in, compared_with, diff, notes, spliced_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                wordings,
            )

    def _refresh_entities_from(self, tally: EntityTally) -> None:
        """Replace the entity rows with the tally's (it has seen every span of the table)."""
        aggregates = list(tally.aggregates())
        counts = [(ident, articles, mentions) for ident, articles, mentions, _ in aggregates]
        forms = ((ident, *form) for ident, _, _, group in aggregates for form in group)
        self.connection.execute("DELETE FROM entities")
        self.connection.executemany(
            "INSERT INTO entities (ident, name, label, articles, mentions) VALUES (?, ?, ?, ?, ?)",
            _aggregate(counts, forms),
        )


def _aggregate(
    counts: Sequence[tuple[str, int, int]], forms: Iterable[tuple[str, str, str, int]]
) -> Iterator[tuple[str, str, str, int, int]]:
    """Entity rows: the name from the written forms, the commonest label, articles and mentions.

    Args:
        counts: ``(ident, articles, mentions)`` of each identity.
        forms: ``(ident, label, text, mentions)`` of each written form, sorted by identity.
    """
    totals = {ident: (articles, mentions) for ident, articles, mentions in counts}
    for ident, group in itertools.groupby(forms, key=lambda row: row[0]):
        labels: Counter[str] = Counter()
        texts: Counter[str] = Counter()
        for _, label, text, mentions in group:
            labels[label] += mentions
            texts[text] += mentions
        articles, mentions = totals[ident]
        yield ident, display_name(texts.items()), labels.most_common(1)[0][0], articles, mentions


WordingRow = tuple[int, int, str, int, int, str, int | None, str, str, str]
"""A row of ``variant_wordings``."""


def _speakers(
    rows: Iterable[tuple[str, str | None, int, int, str]],
) -> tuple[list[tuple[str, str, int, int]], list[tuple[int, int, str]], list[WordingRow]]:
    """Speaker rows, variant-group rows and their compared wordings from quote spans sorted by speaker,
    then date."""
    speakers: list[tuple[str, str, int, int]] = []
    variants: list[tuple[int, int, str]] = []
    wordings: list[WordingRow] = []
    for ident, group in itertools.groupby(rows, key=lambda row: row[0]):
        quotes = list(group)
        forms = Counter(name for _, name, _, _, _ in quotes if name)
        name = display_name(forms.items()) or ident
        speakers.append((ident, name, len(quotes), len({q[3] for q in quotes})))
        by_id = {q[2]: q for q in quotes}
        for ids in group_quotes([(q[2], q[4], q[3]) for q in quotes]):
            group_id = ids[0]
            variants.extend((quote_id, group_id, ident) for quote_id in ids)
            members = [(quote_id, by_id[quote_id][4], by_id[quote_id][3]) for quote_id in ids]
            for position, found in enumerate(compare_wordings(members)):
                wordings.append((
                    group_id, position, ident, found.quote_id, found.appearances, _json(found.also_in),
                    found.compared_with, _json([[p.op, p.old, p.new] for p in found.diff]),
                    _json(found.notes), _json(found.spliced_from),
                ))  # fmt: skip
    return speakers, variants, wordings


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _suggestions_json(record: ArticleRecord) -> str | None:
    """The model's spans to keep beside the article, or ``None`` when its indexed spans are exactly
    them (most articles: nobody has edited them), which keeps the database small and the build fast."""
    if not any(s.extra for s in record.suggestions) and [i.span for i in record.spans] == record.suggestions:
        return None
    return json.dumps([s.to_json() for s in record.suggestions], ensure_ascii=False, separators=(",", ":"))


def figure_key(noun: str, about: str) -> str:
    """The ``dirty`` table's name for a (counted noun, entity) pair."""
    return f"{noun}\x1f{about}"


def indexed_spans(annotations: AnnotationSet) -> list[IndexedSpan]:
    """What the index shows of an article's annotations: everything but the rejected spans."""
    return [IndexedSpan(a.span, a.source, a.status) for a in annotations if a.status != "rejected"]


def saved_merges(connection: sqlite3.Connection) -> EntityMerges:
    """The merges the index was last built with (kept in ``meta``), to tell what changed since."""
    row = connection.execute("SELECT value FROM meta WHERE name = 'merges'").fetchone()
    if row is not None:
        with contextlib.suppress(ValueError):
            return EntityMerges.from_json(json.loads(row[0]))
    return EntityMerges()


class Transaction:
    """``BEGIN IMMEDIATE`` … ``COMMIT`` (``ROLLBACK`` on error): takes the write lock up front, so two
    writers queue instead of one failing half-way with "database is locked"."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def __enter__(self) -> sqlite3.Connection:
        if self.connection.in_transaction:
            self.connection.commit()
        self.connection.execute("BEGIN IMMEDIATE")
        return self.connection

    def __exit__(self, kind: object, value: object, traceback: object) -> None:
        if kind is None:
            self.connection.commit()
        else:
            self.connection.rollback()


def _chunked_lookup(connection: sqlite3.Connection, sql: str, values: Sequence[str]) -> Iterator[Any]:
    """Run ``sql`` (one ``IN ({})``) over ``values`` in chunks below SQLite's parameter limit."""
    for start in range(0, len(values), 500):
        chunk = values[start : start + 500]
        yield from connection.execute(sql.format(", ".join("?" * len(chunk))), chunk)
