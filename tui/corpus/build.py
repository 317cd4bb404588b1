"""Building the index incrementally: only what changed is extracted, and every batch is committed.

An article is extracted again only when its text's sha256, the extractor's version or the model changed.
A file whose size and modification time are those recorded is not even read, so a rerun over 20,000
unchanged articles is a directory walk. Articles whose text is unchanged but whose annotation file
changed are re-merged from the suggestions cached in the index, without the model.

Extraction goes through a :mod:`tui.scale` engine (in this process, a process pool or Dask); this module
is the only writer. Batches are committed as they finish, so a run killed at any point keeps everything
committed before it and the next run carries on from there.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import itertools
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG

from tui.corpus.identity import EntityMerges
from tui.corpus.location import index_path
from tui.corpus.rows import IndexedSpan, parse_day, stored_suggestions
from tui.corpus.schema import connect, create_span_indexes, drop_span_indexes, merge_texts_as_written
from tui.corpus.writer import (
    ArticleRecord,
    IndexWriter,
    Known,
    indexed_spans,
    saved_merges,
)
from tui.model import Article, ArticleEntry, ArticleLoadError, Span, merge_suggestions
from tui.scale import Engine, Job
from tui.sources import SUFFIXES, describes_folder, discover
from tui.sources.discover import entry_identity
from tui.sources.feeds import looks_like_feed
from tui.sources.text import load_text_article
from tui.store import AnnotationStore, CorruptAnnotationsError, text_sha256
from tui.store.files import canonical_key, file_name, split_key
from tui.wording import counted

BATCH_ARTICLES = 2000
"""Articles per committed transaction: big enough for fast bulk inserts (each commit also writes a new
FTS segment to merge later), small enough that a killed run loses at most a second or two of work."""

BUILD_WAL_PAGES = 16_384
"""Pages the write-ahead log may hold during a build before SQLite copies them into the database (its
default is 1,000). Each of those checkpoints ends with an fsync, so a bigger log (64 MB) means far
fewer of them; the log is still the journal, so a build killed (or a machine losing power) at any
moment leaves the database intact at its last commit. The build truncates the log when it ends."""

BATCH_SECONDS = 2.0
"""A batch is also committed once it has waited this long (slow extraction, few articles)."""

EngineOpener = Callable[[], AbstractContextManager[Engine]]
"""Starts the engine that extracts the articles that need it (called only when some do)."""


@dataclass(slots=True)
class BuildReport:
    """What one run of the build did, for the closing line of ``gloss index``."""

    listed: int = 0
    unchanged: int = 0
    extracted: int = 0
    reused: int = 0
    """Articles re-indexed without the model (annotations changed, or the text was only touched)."""
    removed: int = 0
    committed: int = 0
    """Articles this run has written in committed batches (what an interrupted run keeps)."""
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line: ``25 articles: 3 extracted, 1 re-indexed from the cache, 21 unchanged``."""
        parts = [f"{self.extracted} extracted"]
        if self.reused:
            parts.append(f"{self.reused} re-indexed from the cache")
        parts.append(f"{self.unchanged} unchanged")
        if self.removed:
            parts.append(f"{self.removed} removed")
        if self.problems:
            parts.append(f"{len(self.problems)} skipped")
        return f"{counted(self.listed, 'article')}: " + ", ".join(parts)


def _signature(path: Path) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


ONE_ARTICLE_SUFFIXES = frozenset((".txt", ".text", ".md", ".markdown", ".html", ".htm"))
"""Formats holding one article per file, whose key is the file's: judged unchanged by size and mtime."""


def _listing(folder: Path) -> dict[str, str]:
    """``name → "mtime_ns:size"`` of the files in the store folder (one directory read, not a ``stat``
    per article: most articles have no annotation file)."""
    found: dict[str, str] = {}
    try:
        with os.scandir(folder) as names:
            for entry in names:
                if entry.name.endswith(".json"):
                    with contextlib.suppress(OSError):
                        stat = entry.stat()
                        found[entry.name] = f"{stat.st_mtime_ns}:{stat.st_size}"
    except OSError:
        pass
    return found


def _as_model(span: Span) -> IndexedSpan:
    """A model's span as indexed (``tuple.__new__``: a named tuple's own constructor, with its defaults,
    costs several times more, hundreds of thousands of times in a build)."""
    return IndexedSpan._make((span, "model", "suggested"))


PLAIN_TEXT_SUFFIXES = frozenset((".txt", ".text"))
"""Formats listed by the build itself (an entry per file, read once when indexed): a plain-text file's
article is its whole text, exactly as :func:`tui.sources.text.load_text_article` reads it."""


@dataclass(slots=True)
class _Listed:
    """An article found by the walk or by discovery, with what the walk already knows of it."""

    entry: ArticleEntry
    key: str | None
    """Its canonical key, when the walk made it."""
    signature: tuple[int, int] | None
    """``(mtime_ns, size)`` from the walk's ``stat``."""


@dataclass(slots=True)
class _Pending:
    """An article that needs the model, waiting for its turn."""

    entry: ArticleEntry
    key: str
    signature: tuple[int, int] | None
    annotations: str | None


class IndexBuild:
    """One run of the incremental build over the articles under some paths (see the module docstring)."""

    def __init__(
        self,
        store: AnnotationStore,
        *,
        model: str | None,
        extractor_version: str | None,
        open_engine: EngineOpener,
        batch_articles: int = BATCH_ARTICLES,
        progress: Callable[[int, int], None] | None = None,
        interrupted: threading.Event | None = None,
    ) -> None:
        self.store = store
        self.model = model
        self.extractor_version = extractor_version
        self.open_engine = open_engine
        self.batch_articles = batch_articles
        self.progress = progress or (lambda done, total: None)
        self.interrupted = interrupted
        """Set by ``gloss index``'s Ctrl+C handler: checked after each article, because the
        ``KeyboardInterrupt`` itself can be dropped by a finalizer (see :mod:`tui.scale.interrupt`)."""
        self.report = BuildReport()
        self._done = 0
        self._batch: list[ArticleRecord] = []
        self._batch_started = time.monotonic()
        self._annotations: dict[str, str] = {}
        """The store folder's annotation files (see :func:`_listing`), read once by the walk."""

    def run(self, paths: Sequence[Path]) -> BuildReport:
        """Index the articles under ``paths``; returns what was done.

        Raises:
            CorpusError: the index cannot be opened. EngineError, ModelNotFoundError: the engine could not
                start (everything committed before stays).
        """
        connection = connect(index_path(self.store))
        collecting = gc.isenabled()
        gc.disable()  # see the note at the end
        try:
            connection.execute(f"PRAGMA wal_autocheckpoint = {BUILD_WAL_PAGES}")
            writer = IndexWriter(connection, saved_merges(connection))
            try:
                merges = EntityMerges.load(self.store.folder)
            except ValueError as error:
                self.report.problems.append(str(error))
                merges = writer.merges
            writer.apply_merges(merges)
            self._writer = writer
            known = writer.known()
            unchanged, listed = self._unchanged_files(paths, known)
            entries = self._entries(listed)
            self.report.listed = len(entries) + len(unchanged)
            self.report.unchanged += len(unchanged)
            self._done += len(unchanged)
            if unchanged:
                self.progress(self._done, self.report.listed)
            bulk = writer.tally_from_empty()  # a first build: see tui.corpus.tally
            if bulk:
                drop_span_indexes(connection)
                merge_texts_as_written(connection, False)
            try:
                pending = self._scan(entries, known, unchanged)
                self._flush()
                if pending:
                    self._extract(pending)
                self._flush()
            finally:
                if bulk:
                    create_span_indexes(connection)
                    merge_texts_as_written(connection, True)
            writer.refresh()
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            connection.close()
            if collecting:
                gc.enable()
        # A build makes millions of small objects (spans, rows, tuples to bind) that hold no cycles: with
        # the cycle collector on, each few hundred thousand of them trigger a full pass over every live
        # object, which cost a third of the build; it is switched back on (and catches up) at the end.
        return self.report

    # scanning ------------------------------------------------------------------------------------
    def _unchanged_files(
        self, paths: Sequence[Path], known: dict[str, Known]
    ) -> tuple[set[str], list[_Listed | Path]]:
        """The keys of files found unchanged from their size and mtime alone, and, in discovery order,
        the rest: plain-text files as entries ready to load, the other paths for
        :func:`~tui.sources.discover` (other formats, files named alone, files it must report).

        This is the rerun's fast path: a walk of the folders as :func:`~tui.sources.discover` walks them
        (same order, same files left out), with one ``stat`` per file and no ``Path`` objects, since
        building article entries for 20,000 unchanged files costs more than everything else a rerun does.
        Only formats with one article per file are judged here; a feed or JSONL file is always listed.
        A new or changed plain-text file is listed without reading it (discovery would read its start
        for a title the build does not use, and the build then reads it again to index it).
        """
        unchanged: set[str] = set()
        rest: list[_Listed | Path] = []
        root = os.path.abspath(self.store.root) + os.sep
        annotations = self._annotations = _listing(self.store.folder)
        for given in paths:
            if not given.is_dir():
                rest.append(given)
                continue
            for folder, dirs, files in os.walk(given):  # unreadable folders: discover reports them
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    suffix = os.path.splitext(name)[1].lower()
                    if name.startswith(".") or suffix not in SUFFIXES or describes_folder(name):
                        continue
                    full = os.path.join(folder, name)
                    if suffix == ".xml" and not looks_like_feed(Path(full)):
                        continue  # discover leaves it out of a folder too
                    absolute = os.path.abspath(full)
                    key = absolute[len(root) :] if absolute.startswith(root) else absolute
                    key = key.replace(os.sep, "/")
                    old = known.get(key)
                    plain = suffix in PLAIN_TEXT_SUFFIXES
                    judged = plain or (old is not None and suffix in ONE_ARTICLE_SUFFIXES)
                    if judged and key not in unchanged:
                        try:
                            stat = os.stat(full)
                        except OSError:
                            stat = None
                        regular = stat is not None and S_ISREG(stat.st_mode)
                        if (
                            old is not None
                            and stat is not None
                            and regular
                            and (stat.st_mtime_ns, stat.st_size) == (old.file_mtime_ns, old.file_size)
                            and (old.extractor_version, old.model) == (self.extractor_version, self.model)
                            and annotations.get(file_name(key)) == old.annotations_signature
                        ):
                            unchanged.add(key)
                            continue
                        if plain and stat is not None and regular:
                            path = Path(full)
                            load = functools.partial(load_text_article, path)
                            entry = ArticleEntry(key=str(path), path=path, title=name, loader=load)
                            rest.append(_Listed(entry, key, (stat.st_mtime_ns, stat.st_size)))
                            continue
                    rest.append(Path(full))
        return unchanged, rest

    def _entries(self, listed: Sequence[_Listed | Path]) -> list[_Listed]:
        """The listed files as entries, in order: each run of paths through
        :func:`~tui.sources.discover` (its problems reported), repeats left out as discovery does."""
        entries: list[_Listed] = []
        for is_path, group in itertools.groupby(listed, key=lambda item: isinstance(item, Path)):
            if not is_path:
                entries.extend(item for item in group if isinstance(item, _Listed))
                continue
            found, problems = discover([item for item in group if isinstance(item, Path)])
            self.report.problems.extend(problems)
            entries.extend(_Listed(entry, None, None) for entry in found)
        seen: set[str] = set()
        unique = []
        for item in entries:  # a file named alone and in its folder is one article, as in discover()
            identity = entry_identity(item.entry)
            if identity not in seen:
                seen.add(identity)
                unique.append(item)
        return unique

    def _scan(
        self, entries: Sequence[_Listed], known: dict[str, Known], unchanged: set[str]
    ) -> list[_Pending]:
        """Sort the entries into unchanged, re-indexable from the cache, and needing the model (the
        files in ``unchanged`` were already found unchanged by :meth:`_unchanged_files`)."""
        pending: list[_Pending] = []
        seen: set[str] = set(unchanged)
        scanned_files: set[str] = {split_key(key)[0] for key in unchanged}
        for listed in entries:
            entry = listed.entry
            key = listed.key or canonical_key(entry.key, self.store.root)
            if key in unchanged:  # also named alone beside its folder
                self.report.listed -= 1
                continue
            seen.add(key)
            scanned_files.add(split_key(key)[0])
            signature = listed.signature or _signature(entry.path)
            annotations = self._annotations.get(file_name(key))  # the file at store.path_for(key)
            old = known.get(key)
            same_maker = old is not None and (old.extractor_version, old.model) == (
                self.extractor_version, self.model)  # fmt: skip
            if old is not None and same_maker and annotations == old.annotations_signature and signature == (
                old.file_mtime_ns, old.file_size):  # fmt: skip
                self.report.unchanged += 1
                self._advance()
                continue
            if old is None or not same_maker:
                pending.append(_Pending(entry, key, signature, annotations))
                continue
            article = self._load(entry)
            if article is None:
                continue
            if text_sha256(article.text) != old.sha256:
                pending.append(_Pending(entry, key, signature, annotations))
                continue
            if annotations == old.annotations_signature:
                self._writer.touch(key, signature, annotations)
                self.report.unchanged += 1
            else:
                self._add(self._record(article, key, self._cached(key), signature, annotations))
                self.report.reused += 1
            self._advance()
        gone = [
            key
            for key in known
            if key not in seen
            and (split_key(key)[0] in scanned_files or not (self.store.root / split_key(key)[0]).exists())
        ]
        if gone:
            self.report.removed = self._writer.remove(gone)
        return pending

    def _cached(self, key: str) -> list[Span]:
        connection = self._writer.connection
        article_id, stored = connection.execute(
            "SELECT id, suggestions FROM articles WHERE key = ?", (key,)
        ).fetchone()
        return stored_suggestions(connection, article_id, stored)

    def _load(self, entry: ArticleEntry) -> Article | None:
        try:
            return entry.load()
        except ArticleLoadError as error:
            self.report.problems.append(f"skipped {entry.key}: {error}")
            self._advance()
            return None

    # extracting ----------------------------------------------------------------------------------
    def _extract(self, pending: Sequence[_Pending]) -> None:
        """Run the model over the articles that need it, writing each batch as it completes."""
        waiting: dict[str, tuple[_Pending, Article]] = {}

        def jobs() -> Iterator[Job]:
            for item in pending:
                article = self._load(item.entry)
                if article is not None:
                    waiting[item.key] = (item, article)
                    yield Job(item.key, article.text)

        with self.open_engine() as engine:
            for outcome in engine.run(jobs()):
                item, article = waiting.pop(outcome.key)
                if outcome.spans is None:
                    self.report.problems.append(f"skipped {item.entry.key}: {outcome.error}")
                else:
                    record = self._record(article, item.key, outcome.spans, item.signature, item.annotations)
                    self._add(record)
                    self.report.extracted += 1
                self._advance()

    def _record(
        self,
        article: Article,
        key: str,
        suggestions: list[Span],
        signature: tuple[int, int] | None,
        annotations_signature: str | None,
    ) -> ArticleRecord:
        """The article with the person's saved decisions applied over the model's spans."""
        spans = [_as_model(span) for span in suggestions]
        loaded = None
        try:
            if annotations_signature is not None:  # no file, nothing to read (most articles)
                loaded = self.store.load(article)
        except CorruptAnnotationsError as error:
            self.report.problems.append(f"{article.key}: annotations not used: {error.reason}")
        if loaded is not None:
            merge_suggestions(loaded.annotations, suggestions)
            spans = indexed_spans(loaded.annotations)
        path, entry = split_key(key)
        return ArticleRecord(
            key=key, path=path, entry=entry or None, title=article.title, date=article.date,
            day=parse_day(article.date, article.text, article.path), source=article.source,
            sha256=text_sha256(article.text), extractor_version=self.extractor_version, model=self.model,
            text=article.text, suggestions=suggestions, spans=spans,
            file_mtime_ns=signature[0] if signature else None, file_size=signature[1] if signature else None,
            annotations_signature=annotations_signature,
        )  # fmt: skip

    def _add(self, record: ArticleRecord) -> None:
        if not self._batch:
            self._batch_started = time.monotonic()
        self._batch.append(record)
        if len(self._batch) >= self.batch_articles or time.monotonic() - self._batch_started > BATCH_SECONDS:
            self._flush()

    def _flush(self) -> None:
        if self._batch:
            self._writer.write(self._batch)
            self.report.committed += len(self._batch)
            self._batch = []

    def _advance(self) -> None:
        if self.interrupted is not None and self.interrupted.is_set():
            raise KeyboardInterrupt
        self._done += 1
        self.progress(self._done, self.report.listed)
