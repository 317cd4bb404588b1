"""The index database: its tables, its schema version, and how a connection to it is opened.

One SQLite file, ``index.sqlite`` in the store folder, in WAL mode: readers (the reader's views, ``gloss
corpus``) never block the one writer (``gloss index`` or the reader's autosave), and a writer killed at
any moment leaves the last committed transaction intact. :data:`SCHEMA_VERSION` is kept in the ``meta``
table; :func:`connect` creates a fresh database, migrates an older one forward and refuses a newer one.

Columns that the queries filter or sort on are copied where the query needs them (an article's ``day``
on each of its spans) so that every first page is one index range scan, never a sort of the corpus.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

SCHEMA_VERSION = 2
"""Bumped on every change to the tables; :data:`MIGRATIONS` says how to go from each older version."""

INDEX_NAME = "index.sqlite"
"""The database's file name inside the store folder."""

WRITER_CACHE_KB = 65_536
"""Page cache of a writing connection: keeps the indexes being updated in memory during a build."""

BUSY_TIMEOUT_MS = 10_000
"""How long a connection waits for another writer's transaction before giving up."""

WORDINGS = """
CREATE TABLE IF NOT EXISTS variant_wordings (
    group_id INTEGER NOT NULL,         -- variants.group_id
    position INTEGER NOT NULL,         -- the wording's place in the group, oldest first
    speaker_ident TEXT NOT NULL,
    quote_id INTEGER NOT NULL,         -- its first quote
    appearances INTEGER NOT NULL,      -- quotes of the group worded exactly so
    also_in TEXT NOT NULL,             -- JSON: article ids of the next few of them
    compared_with INTEGER,             -- first quote of the wording it is most like
    diff TEXT NOT NULL,                -- JSON: [[op, old, new], ...] from that wording to this one
    notes TEXT NOT NULL,               -- JSON: the differences in words
    spliced_from TEXT NOT NULL,        -- JSON: first quotes of the wordings it joins
    PRIMARY KEY (group_id, position)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS variant_wordings_speaker ON variant_wordings (speaker_ident, group_id)
    WHERE position = 0;
"""
"""Each variant group's wordings already compared: the word diffs are computed when the group changes,
not each time a page is shown. Added in version 2 (see :data:`MIGRATIONS`)."""

TABLES = """
CREATE TABLE IF NOT EXISTS meta (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,          -- the store's canonical key: path relative to the store root, #N
    path TEXT NOT NULL,                -- the file, as resolved when indexed
    entry TEXT,                        -- the N of #N for a record of a JSONL corpus or feed, else NULL
    title TEXT NOT NULL,
    date TEXT,                         -- as the source gives it
    day TEXT,                          -- parsed: YYYY-MM-DD, or NULL when no date could be read
    source TEXT,
    sha256 TEXT NOT NULL,              -- of the text the offsets index into
    extractor_version TEXT,
    model TEXT,
    file_mtime_ns INTEGER,             -- the file's signature, to skip reading it on a rerun
    file_size INTEGER,
    annotations_signature TEXT,        -- the annotation file's, NULL when there is none
    suggestions TEXT                   -- the model's spans as JSON: the extraction cache; NULL when
                                       -- they are the article's spans as indexed (no person's edits)
);
CREATE INDEX IF NOT EXISTS articles_day ON articles (day, key);
CREATE VIRTUAL TABLE IF NOT EXISTS texts USING fts5 (
    title, text, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE IF NOT EXISTS spans (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL,       -- articles.id (the writer deletes spans with their article)
    day TEXT NOT NULL,                 -- the article's ('' when unknown), copied so mentions sort by
                                       -- date in an index
    kind TEXT NOT NULL,
    label TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    raw_ident TEXT,                    -- identity from the text alone (entities)
    ident TEXT,                        -- after the person's merges and splits
    value REAL,
    cue TEXT,
    speaker_start INTEGER,
    speaker_end INTEGER,
    speaker_text TEXT,
    speaker_name TEXT,
    raw_speaker_ident TEXT,
    speaker_ident TEXT,                -- quotes: who said it, in the entities' identity space
    noun TEXT,                         -- numbers: the counted noun or unit ("troops", "%")
    about TEXT,                        -- numbers: identity of the nearest named thing in the sentence
    raw_about TEXT,                    -- the same before the person's merges and splits
    context_start INTEGER,             -- numbers: the sentence
    context_end INTEGER,
    quote_speaker TEXT,                -- numbers inside a quote: its speaker's name
    source TEXT NOT NULL,              -- model or human
    status TEXT NOT NULL               -- suggested or accepted (rejected spans are not indexed)
);
CREATE TABLE IF NOT EXISTS entities (
    ident TEXT PRIMARY KEY,
    name TEXT NOT NULL,                -- the fullest way the corpus writes it
    label TEXT NOT NULL,               -- the label most of its mentions have
    articles INTEGER NOT NULL,
    mentions INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS entities_mentions ON entities (mentions DESC, ident);
CREATE INDEX IF NOT EXISTS entities_label ON entities (label, mentions DESC, ident);
CREATE TABLE IF NOT EXISTS speakers (
    ident TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    quotes INTEGER NOT NULL,
    articles INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS speakers_quotes ON speakers (quotes DESC, ident);
CREATE TABLE IF NOT EXISTS variants (
    quote_id INTEGER PRIMARY KEY,      -- a quote span in a group of near-identical quotes
    group_id INTEGER NOT NULL,         -- the id of the group's earliest quote
    speaker_ident TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS variants_speaker ON variants (speaker_ident, group_id);
CREATE INDEX IF NOT EXISTS variants_group ON variants (group_id);
CREATE TABLE IF NOT EXISTS conflicts (
    noun TEXT NOT NULL,                -- a counted noun with different values about one entity
    about TEXT NOT NULL,
    figure_values INTEGER NOT NULL,    -- how many different values
    articles INTEGER NOT NULL,
    PRIMARY KEY (noun, about)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS dirty (
    kind TEXT NOT NULL,                -- entity, speaker or figure (noun, U+001F, about): to recompute
    ident TEXT NOT NULL,
    PRIMARY KEY (kind, ident)
) WITHOUT ROWID;
"""
"""The tables. ``dirty`` lists identities whose aggregates wait for recomputation; it is
written in the same transaction as the spans, so a run killed before the aggregates were refreshed
leaves the work listed for the next run."""

SPAN_INDEXES = """
CREATE INDEX IF NOT EXISTS spans_article ON spans (article_id, start);
CREATE INDEX IF NOT EXISTS spans_ident ON spans (ident, day DESC, article_id, start)
    WHERE ident IS NOT NULL;
CREATE INDEX IF NOT EXISTS spans_speaker ON spans (speaker_ident, day, article_id, start)
    WHERE kind = 'quote';
CREATE INDEX IF NOT EXISTS spans_numbers_value ON spans (value, article_id, start) WHERE kind = 'number';
CREATE INDEX IF NOT EXISTS spans_numbers_day ON spans (day, article_id, start) WHERE kind = 'number';
CREATE INDEX IF NOT EXISTS spans_numbers_label ON spans (label, value, article_id, start)
    WHERE kind = 'number';
CREATE INDEX IF NOT EXISTS spans_numbers_label_day ON spans (label, day, article_id, start)
    WHERE kind = 'number';
CREATE INDEX IF NOT EXISTS spans_numbers_noun ON spans (noun, value, article_id, start)
    WHERE kind = 'number';
CREATE INDEX IF NOT EXISTS spans_numbers_noun_day ON spans (noun, day, article_id, start)
    WHERE kind = 'number';
CREATE INDEX IF NOT EXISTS spans_conflicts ON spans (noun, about, value, day, article_id)
    WHERE kind = 'number' AND noun IS NOT NULL AND about IS NOT NULL AND value IS NOT NULL;
"""
"""The indexes the queries read spans by. They are part of the schema, but a first build drops them and
creates them again once the spans are in (sorting once is several times faster than keeping ten
indexes in order row by row; ``spans_article`` is only needed to replace an article, which a first build
never does); :func:`connect` recreates any a killed first build left missing."""

MIGRATIONS: dict[int, str] = {
    1: WORDINGS
    + "DROP INDEX IF EXISTS spans_conflicts; DROP INDEX IF EXISTS spans_raw_ident;"
    + "DROP INDEX IF EXISTS spans_raw_speaker; DROP INDEX IF EXISTS spans_raw_about;"
    + SPAN_INDEXES
    + "INSERT OR IGNORE INTO dirty (kind, ident) SELECT 'speaker', ident FROM speakers;",
}
"""SQL taking a database from version N to N + 1. Version 2 added ``variant_wordings`` (filled by the next
writer's refresh, since every speaker is listed as dirty), ordered ``spans_conflicts`` by date too, and
dropped the indexes of the raw identities: only a change of the person's merges reads them, and one scan
then costs less than keeping three more indexes over every span in every build."""


def span_index_names() -> list[str]:
    """The names of :data:`SPAN_INDEXES`."""
    return re.findall(r"CREATE INDEX IF NOT EXISTS (\w+)", SPAN_INDEXES)


def drop_span_indexes(connection: sqlite3.Connection) -> None:
    """Drop the query indexes of ``spans`` before a bulk load (see :data:`SPAN_INDEXES`)."""
    connection.executescript("".join(f"DROP INDEX IF EXISTS {name};" for name in span_index_names()))


def create_span_indexes(connection: sqlite3.Connection) -> None:
    """Create the query indexes of ``spans`` that do not exist (after a bulk load)."""
    connection.executescript(SPAN_INDEXES)


FTS_AUTOMERGE = 4
"""FTS5's own ``automerge`` (how many segments of one level it merges as it writes), put back after a
first build."""


def merge_texts_as_written(connection: sqlite3.Connection, merge: bool) -> None:
    """Switch the FTS table's incremental segment merging off for a first build, or back on.

    Each commit of a build writes a new segment of the full-text index, and with merging on every few
    commits rewrite the growing segments again. Off during a bulk load, the segments are merged once
    they stop growing. The setting is stored in the index (FTS5's ``texts_config`` table), so a build
    killed with merging off leaves it off: the table stays searchable (``crisismerge`` still merges a
    level that reaches 16 segments), and the next writer's :func:`connect` switches merging back on.
    """
    value = FTS_AUTOMERGE if merge else 0
    connection.execute("INSERT INTO texts (texts, rank) VALUES ('automerge', ?)", (value,))
    connection.commit()


def _texts_merged_as_written(connection: sqlite3.Connection) -> bool:
    """Whether FTS5's ``automerge`` is on (no stored value means its default, which is on)."""
    row = connection.execute("SELECT v FROM texts_config WHERE k = 'automerge'").fetchone()
    return row is None or row[0] != 0


class CorpusError(Exception):
    """The index cannot be opened or used; the message is one line for the terminal."""


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """Open (creating and migrating unless ``readonly``) the index at ``path``.

    Raises:
        CorpusError: the file is not an index, is from a newer Gloss, or (``readonly``) does not exist.
    """
    if readonly and not path.exists():
        raise CorpusError(f"{path}: no index here (run gloss index first)")
    try:
        if readonly:
            # Read-write and query_only rather than mode=ro: SQLite's last connection folds the
            # write-ahead log back and removes -wal/-shm only when it may write, so a reader or a
            # `gloss corpus` query closing last would leave them in the store folder. query_only
            # refuses every write statement all the same (a write-protected file still opens read-only).
            connection = sqlite3.connect(f"{path.absolute().as_uri()}?mode=rw", uri=True,
                                         check_same_thread=False)  # fmt: skip
            connection.execute("PRAGMA query_only = 1")
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(path, check_same_thread=False)
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if not readonly:
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")  # WAL: durable up to the last checkpoint
            connection.execute(f"PRAGMA cache_size = -{WRITER_CACHE_KB}")
        connection.execute("PRAGMA foreign_keys = OFF")
        _prepare(connection, path, readonly=readonly)
    except sqlite3.DatabaseError as error:
        raise CorpusError(f"{path}: cannot be used as an index ({error})") from error
    return connection


def _prepare(connection: sqlite3.Connection, path: Path, *, readonly: bool) -> None:
    """Create the tables of a new index, or bring an older one up to :data:`SCHEMA_VERSION`."""
    has_meta = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
    ).fetchone()
    version = 0
    if has_meta:
        row = connection.execute("SELECT value FROM meta WHERE name = 'schema_version'").fetchone()
        version = int(row[0]) if row else 0
    if version > SCHEMA_VERSION:
        raise CorpusError(
            f"{path}: made by a newer Gloss (schema {version}; this one reads {SCHEMA_VERSION})"
        )
    if version == SCHEMA_VERSION:
        if not readonly:  # both only do work after a killed first build
            connection.executescript(SPAN_INDEXES)
            if not _texts_merged_as_written(connection):
                merge_texts_as_written(connection, True)
        return
    if readonly:
        raise CorpusError(f"{path}: schema {version} needs updating (run gloss index)")
    if version == 0:
        steps = [TABLES + WORDINGS + SPAN_INDEXES]
    else:
        steps = [MIGRATIONS[step] for step in range(version, SCHEMA_VERSION)]
    stamp = f"INSERT OR REPLACE INTO meta (name, value) VALUES ('schema_version', '{SCHEMA_VERSION}');"
    connection.executescript("BEGIN;" + "".join(steps) + stamp + "COMMIT;")
