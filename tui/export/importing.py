"""Reading Prodigy and doccano JSON Lines annotations back into Gloss's store, validating everything.

Each record is one annotated text. Its spans come from Prodigy's ``spans`` (``start``, ``end``,
``label``), else doccano's ``label`` (``[[start, end, label], ...]``) or newer doccano's ``entities``
(``start_offset``, ``end_offset``, ``label``). A record holding both Gloss's ``spans`` and a doccano
``label`` (or ``entities``) list that differs from them went through doccano and was edited there: the
edited list wins, Gloss's fields are taken from the carried span with the same offsets and label, and
carried spans the person deleted in doccano become rejected. Prodigy records answered ``reject`` or
``ignore`` are not imported.

The article is the one named by ``meta.path`` (and ``meta.entry``), which ``gloss export`` writes,
relative to the folder of the imported file, else to ``--corpus DIR``. The corpus is ``--corpus``, or
without it the folder of the imported file (the current folder for standard input): a path
that resolves outside it (``..``, an absolute path elsewhere, a symbolic link out) is refused with one
message that does not depend on whether the file exists, so an import file can neither read nor create
anything outside the corpus. A record without ``meta.path`` (a plain doccano export) is taken as an
article of the imported file itself, ``FILE#LINE``, as the reader lists it. Its text must be exactly the
article's text, or offsets would point elsewhere: a record whose text differs is reported, not guessed.

Everything written is validated first: offsets inside the text, a label of letters, digits, ``_`` and
``-`` (no label can forge a line in brat, ``annotation.conf`` or CoNLL), a finite ``value``, a speaker
object inside the text, text ``cue`` and ``note``. Keys Gloss does not know, and the keys its annotation
files reserve (``id``, ``status``, ``context``…), are dropped, so an import can never leave an
annotation file that Gloss then refuses to read. JSON is parsed strictly: ``NaN``, ``Infinity``,
``1e400``, numbers of thousands of digits and nesting deeper than Python's recursion limit make that line
a reported problem. A file that is not JSON Lines at all stops after :data:`MAX_BAD_LINES_IN_A_ROW` bad
lines in a row.

Imported spans become accepted annotations made by a person; one that is already there (same offsets
and label) is accepted rather than duplicated. They are saved where the article's annotations already
are (see :func:`tui.export.collect.candidate_stores`), else in ``.gloss/`` beside the article's file, or
in ``--store``. Gloss's own span fields written by the exporter (``kind``, ``note``, ``speaker``,
``value``…) are restored, so export followed by import gives back the same spans.
"""

from __future__ import annotations

import json
import math
import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from tui.export.collect import candidate_stores
from tui.export.common import is_valid_label
from tui.model import (
    KINDS,
    Annotation,
    AnnotationSet,
    Article,
    ArticleEntry,
    ArticleLoadError,
    Change,
    LabelConfigError,
    Span,
    Speaker,
    kind_for_label,
    load_label_config,
)
from tui.sources import discover
from tui.store import AnnotationStore, CorruptAnnotationsError, LoadedAnnotations, StoreError
from tui.wording import counted

MAX_BAD_LINES_IN_A_ROW = 10
"""Lines in a row that are not JSON objects after which a file is taken not to be JSON Lines at all."""

STDIN_NAME = "<stdin>"
"""How messages name standard input (``gloss import -``)."""


class RecordProblem(ValueError):
    """A record cannot be imported; the message says why (the caller adds the file and line)."""


@dataclass(slots=True)
class ImportReport:
    """What an import did, for the command line to print."""

    records: int = 0
    spans: int = 0
    articles: set[str] = field(default_factory=set)
    skipped: int = 0
    rejected: int = 0
    """Spans deleted in doccano, now rejected in Gloss."""
    problems: list[str] = field(default_factory=list)
    stopped: bool = False
    """The file did not look like JSON Lines and was not read to its end."""


# parsing -----------------------------------------------------------------------------------------
def _no_constant(name: str) -> Any:
    raise RecordProblem(f"{name} is not a number JSON allows")


def _finite(literal: str) -> float:
    value = float(literal)
    if not math.isfinite(value):
        raise RecordProblem(f"the number {literal[:40]} is too large")
    return value


def parse_line(line: bytes) -> dict[str, Any]:
    """One line as a JSON object, parsed strictly.

    Raises:
        RecordProblem: for bytes that are not UTF-8 JSON, a value that is not an object, ``NaN`` or
            ``Infinity``, a number too large for a float or with too many digits, deep nesting.
    """
    try:
        record = json.loads(line, parse_constant=_no_constant, parse_float=_finite)
    except RecordProblem:
        raise
    except UnicodeDecodeError as error:
        raise RecordProblem(f"not valid UTF-8 (byte {error.start} of the line)") from error
    except json.JSONDecodeError as error:
        raise RecordProblem(f"not valid JSON ({error.msg} at column {error.colno})") from error
    except RecursionError as error:
        raise RecordProblem("nested too deeply") from error
    except ValueError as error:  # an integer of more digits than Python converts
        raise RecordProblem("a number with too many digits") from error
    if not isinstance(record, dict):
        raise RecordProblem(f"not a JSON object (found {type(record).__name__})")
    return record


# spans -------------------------------------------------------------------------------------------
def _triples(items: list[Any]) -> list[dict[str, Any]]:
    found = []
    for item in items:
        if not (isinstance(item, list | tuple) and len(item) == 3):
            raise RecordProblem(f"a doccano label must be [start, end, label], found {item!r:.80}")
        found.append({"start": item[0], "end": item[1], "label": item[2]})
    return found


def _edited_list(record: dict[str, Any]) -> list[dict[str, Any]] | None:
    """Spans in doccano's shapes (``entities`` objects, ``label`` triples), when the record has them."""
    if isinstance(record.get("entities"), list):
        return [
            {"start": e.get("start_offset"), "end": e.get("end_offset"), "label": e.get("label")}
            for e in record["entities"]
            if isinstance(e, dict)
        ]
    labels = record.get("label", record.get("labels"))
    if isinstance(labels, list):
        return _triples(labels)
    return None


def _identity(data: dict[str, Any]) -> tuple[str, str, str]:
    """Offsets and label as text, comparable whatever their types (a record may hold anything)."""
    return (repr(data.get("start")), repr(data.get("end")), repr(data.get("label")))


PRODIGY_MARKS = ("_task_hash", "_input_hash", "_view_id")
"""Keys ``prodigy db-out`` adds to every task: such a record's ``spans`` are the edited ones."""


def record_spans(
    record: dict[str, Any], saved: Iterable[Annotation] = ()
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The record's spans as dicts with ``start``, ``end``, ``label``, and the carried spans deleted.

    Prodigy's ``spans`` are taken as they are, unless a doccano list beside them differs and is the
    edited one: the record carries no Prodigy marks and the doccano list is not simply the article's
    saved kept spans (what Gloss exported, left stale by a tool that edited ``spans``). Then the record
    was edited in doccano: its list wins, each edited span takes Gloss's fields from the carried span
    with the same offsets and label, and the carried spans missing from it are returned second.

    Raises:
        RecordProblem: a span that is not an object, a doccano label that is not a triple.
    """
    spans = record.get("spans")
    meta = record.get("meta")
    if not isinstance(spans, list) and isinstance(meta, dict) and isinstance(meta.get("spans"), list):
        spans = meta["spans"]  # a tool that keeps unknown keys under its own metadata
    edited = _edited_list(record)
    if not isinstance(spans, list):
        return (edited or []), []
    for n, span in enumerate(spans):
        if not isinstance(span, dict):
            raise RecordProblem(f"span {n} is not an object")
    edited_ids = sorted(map(_identity, edited or []))
    stale = edited_ids == sorted(_identity(a.span.to_json()) for a in saved if a.is_kept)
    prodigy = any(mark in record for mark in PRODIGY_MARKS)
    if edited is None or prodigy or stale or edited_ids == sorted(map(_identity, spans)):
        return [dict(s) for s in spans], []
    carried = {_identity(s): s for s in spans}
    kept = [dict(carried.get(_identity(e), e)) for e in edited]
    deleted = [dict(s) for s in spans if _identity(s) not in set(edited_ids)]
    return kept, deleted


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _offsets(start: Any, end: Any, text: str, what: str) -> tuple[int, int]:
    if not (_is_int(start) and _is_int(end) and 0 <= start < end <= len(text)):
        raise RecordProblem(
            f"{what} offsets {start!r:.40}..{end!r:.40} are not inside the text (0..{len(text)})"
        )
    return int(start), int(end)


def _optional_text(data: dict[str, Any], name: str, where: str) -> str | None:
    value = data.get(name)
    if value is not None and not isinstance(value, str):
        raise RecordProblem(f"span {where}: {name} must be text, found {type(value).__name__}")
    return value


def _number(value: Any, where: str) -> float | None:
    if value is None:
        return None
    if not (isinstance(value, int | float) and not isinstance(value, bool)):
        raise RecordProblem(f"span {where}: value must be a number, found {type(value).__name__}")
    try:
        number = float(value)
    except OverflowError as error:
        raise RecordProblem(f"span {where}: value is too large") from error
    if not math.isfinite(number):
        raise RecordProblem(f"span {where}: value is too large")
    return number


def _speaker(value: Any, text: str, where: str) -> Speaker | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise RecordProblem(f"span {where}: speaker must be an object {{start, end, text}}")
    start, end = _offsets(value.get("start"), value.get("end"), text, f"span {where}: speaker")
    return Speaker(start, end, text[start:end])


def to_span(data: dict[str, Any], text: str, kind_for: Callable[[str], str]) -> tuple[Span, str]:
    """A Gloss span (and its note) from one imported span dict, every field checked against ``text``.

    A span without Gloss's ``kind`` came from another tool: its kind follows the label (the corpus's
    ``gloss.toml`` first), and it carries no quote speaker or number value. Keys other than the span's
    own fields and ``note`` are dropped.

    Raises:
        RecordProblem: offsets that are not integers inside the text, a label that is not letters,
            digits, ``_`` and ``-``, a ``text`` field that is not what the offsets cover, or a field
            of the wrong type (a speaker that is not an object, a value that is not a finite number).
    """
    start, end = _offsets(data.get("start"), data.get("end"), text, "span")
    where = f"{start}..{end}"
    label = data.get("label")
    if not isinstance(label, str) or not label.strip():
        raise RecordProblem(f"span {where} has no label")
    if not is_valid_label(label):
        raise RecordProblem(f"span {where}: the label {label!r:.80} is not letters, digits, _ or -")
    covered = text[start:end]
    if isinstance(data.get("text"), str) and data["text"] != covered:
        raise RecordProblem(f"span {where} says {data['text']!r:.80} but the text there is {covered!r:.80}")
    kind = data.get("kind") if data.get("kind") in KINDS else kind_for(label)
    if kind not in KINDS:
        kind = kind_for_label(label)
    value = _number(data.get("value"), where)
    cue = _optional_text(data, "cue", where)
    speaker_name = _optional_text(data, "speaker_name", where)
    speaker = _speaker(data.get("speaker"), text, where)
    note = _optional_text(data, "note", where) or ""
    span = Span(
        start,
        end,
        label,
        kind,
        covered,
        value=value if kind == "number" else None,
        cue=cue if kind == "quote" else None,
        speaker=speaker if kind == "quote" else None,
        speaker_name=speaker_name if kind == "quote" else None,
    )
    return span, note


# the corpus --------------------------------------------------------------------------------------
def _is_regular_file_inside(path: Path, root: Path) -> bool:
    """Whether ``path``, symbolic links followed, is a regular file inside ``root`` (already resolved)."""
    try:
        resolved = path.resolve()
        return resolved.is_relative_to(root) and stat.S_ISREG(os.stat(resolved).st_mode)
    except (OSError, RuntimeError, ValueError):
        return False


class Importer:
    """Imports records into the stores of their articles; call :meth:`save` at the end."""

    def __init__(self, source: Path | None, store: Path | None = None, corpus: Path | None = None) -> None:
        self.source = source
        """The JSONL file being imported; ``None`` for standard input."""
        folders = [source.parent] if source is not None else []
        folders += [corpus] if corpus is not None else []
        self.bases = folders or [Path(".")]
        """The folders a relative ``meta.path`` may be relative to, in the order tried: the import file's
        (``gloss export`` writes paths relative to the export), then ``--corpus``."""
        self.root = (corpus if corpus is not None else self.bases[0]).resolve()
        """The corpus: no path outside it is read or written."""
        self.store_override = store
        self.report = ImportReport()
        self._entries: dict[Path, dict[str, ArticleEntry]] = {}
        self._open: dict[str, tuple[Article, AnnotationStore, AnnotationSet, LoadedAnnotations | None]] = {}
        self._pending: dict[str, list[Change]] = {}

    @property
    def source_name(self) -> str:
        """The imported file as messages name it."""
        return str(self.source) if self.source is not None else STDIN_NAME

    # finding the article ---------------------------------------------------------------------------
    def _entry(self, path: Path, entry: int | None) -> ArticleEntry:
        if path not in self._entries:
            entries, _ = discover([path])
            self._entries[path] = {e.key: e for e in entries}
        key = f"{path}#{entry}" if entry is not None else str(path)
        found = self._entries[path].get(key)
        if found is None:
            raise RecordProblem(f"no article {key} (the file holds {len(self._entries[path])} articles)")
        return found

    def locate(self, record: dict[str, Any], line: int) -> ArticleEntry:
        """The list entry of the record's article (see the module docstring).

        Raises:
            RecordProblem: for a ``meta.path`` that is not a regular file inside the corpus (the same
                message whether or not something exists there), or an entry the file does not hold.
        """
        meta = record.get("meta") if isinstance(record.get("meta"), dict) else {}
        assert isinstance(meta, dict)
        named = meta.get("path")
        entry = meta.get("entry")
        number = entry if isinstance(entry, int) and not isinstance(entry, bool) else None
        if isinstance(named, str) and named:
            tried = [Path(named)] if Path(named).is_absolute() else [base / named for base in self.bases]
            inside = [p for p in tried if "\x00" not in named and _is_regular_file_inside(p, self.root)]
            if not inside:
                raise RecordProblem(
                    f"meta.path {named!r:.200} is not an article file inside the corpus {self.root} "
                    "(give --corpus DIR to import into articles elsewhere)"
                )
            return self._entry(inside[0], number)
        if self.source is None:
            raise RecordProblem("a record read from standard input needs meta.path to name its article")
        return self._entry(self.source, line)

    def _open_article(self, entry: ArticleEntry) -> tuple[Article, AnnotationStore, AnnotationSet]:
        if entry.key not in self._open:
            try:
                article = entry.load()
            except ArticleLoadError as error:
                raise RecordProblem(str(error)) from error
            stores = candidate_stores(article.path, None, self.store_override)
            store = next((s for s in stores if s.path_for(article).exists()), stores[-1])
            try:
                loaded = store.load(article)
            except CorruptAnnotationsError as error:
                raise RecordProblem(f"{error} (left as it is; open the article to decide)") from error
            annotations = loaded.annotations if loaded is not None else AnnotationSet(article.text)
            self._open[entry.key] = (article, store, annotations, loaded)
        article, store, annotations, _ = self._open[entry.key]
        return article, store, annotations

    # importing -------------------------------------------------------------------------------------
    def add_record(self, record: dict[str, Any], line: int) -> None:
        """Import one record (raises :class:`RecordProblem` without changing anything)."""
        answer = record.get("answer", "accept")
        if answer != "accept":
            self.report.skipped += 1
            return
        text = record.get("text")
        if not isinstance(text, str):
            raise RecordProblem('no "text" string')
        article, _, annotations = self._open_article(self.locate(record, line))
        if article.text != text:
            raise RecordProblem(f"its text is not the text of {article.key} (was the article changed?)")
        spans, deleted = record_spans(record, annotations)
        try:
            config = load_label_config(article.path)
            kind_for: Callable[[str], str] = config.kind_for
        except LabelConfigError:
            kind_for = kind_for_label
        imported = [to_span(data, text, kind_for) for data in spans]
        from_gloss = [isinstance(data.get("kind"), str) for data in spans]
        removed = [to_span(data, text, kind_for)[0] for data in deleted]
        pending = self._pending.setdefault(article.key, [])
        for (span, note), full in zip(imported, from_gloss, strict=True):
            if any(_same(c.after.span, span) for c in pending if c.after is not None):
                continue  # the same span again (a second record of the article, or a repeat)
            existing = annotations.find(span.start, span.end, span.label)
            if existing is None:
                made = Annotation(annotations.new_id(), span, "human", "accepted", note).evolve()
                pending.append(Change(None, made))
                continue
            # Another tool's span says nothing of speakers or values: keep what Gloss knew.
            kept_span = span if full else existing.span
            after = existing.evolve(status="accepted", span=kept_span, note=note or existing.note)
            if (after.status, after.span, after.note) != (existing.status, existing.span, existing.note):
                pending.append(Change(existing, after))
        self._reject(removed, annotations, pending)
        self.report.records += 1
        self.report.spans += len(imported)
        self.report.articles.add(article.key)

    def _reject(self, removed: Iterable[Span], annotations: AnnotationSet, pending: list[Change]) -> None:
        """Reject the saved spans a person deleted in doccano (unless this import accepts them again)."""
        for span in removed:
            existing = annotations.find(span.start, span.end, span.label)
            if existing is None or existing.status == "rejected":
                continue
            if any(
                c.before == existing or (c.after is not None and _same(c.after.span, span)) for c in pending
            ):
                continue
            pending.append(Change(existing, existing.evolve(status="rejected")))
            self.report.rejected += 1

    def save(self) -> list[Path]:
        """Apply each article's imported spans as one undoable step and save it; returns the files.

        An article whose file cannot be written (read-only folder, full disk) is reported in
        ``report.problems``; the others are still saved.
        """
        files = []
        name = self.source.name if self.source is not None else "standard input"
        for key, changes in self._pending.items():
            if not changes:
                continue
            article, store, annotations, loaded = self._open[key]
            annotations.apply(f"import {counted(len(changes), 'span')} from {name}", changes)
            try:
                files.append(
                    store.save(
                        article,
                        annotations,
                        model=loaded.model if loaded else None,
                        extractor_version=loaded.extractor_version if loaded else None,
                    )
                )
            except (StoreError, OSError) as error:
                self.report.problems.append(f"{key}: not saved: {error}")
        return files


def _same(a: Span, b: Span) -> bool:
    return (a.start, a.end, a.label) == (b.start, b.end, b.label)


def import_lines(importer: Importer, handle: IO[bytes]) -> None:
    """Import every line of ``handle`` into ``importer``; bad lines are reported and skipped.

    After :data:`MAX_BAD_LINES_IN_A_ROW` lines in a row that are not JSON objects, reading stops with a
    summary: the file is not JSON Lines, and a line per problem would bury the terminal.
    """
    report = importer.report
    name = importer.source_name
    bad_in_a_row = 0
    for line_number, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        try:
            record = parse_line(line)
        except RecordProblem as error:
            report.problems.append(f"{name} line {line_number}: {error}; not imported")
            bad_in_a_row += 1
            if bad_in_a_row >= MAX_BAD_LINES_IN_A_ROW:
                report.stopped = True
                before = (
                    counted(report.records, "record was", "records were")
                    if report.records
                    else "no record was"
                )
                report.problems.append(
                    f"{name}: stopped after {bad_in_a_row} lines in a row that are not JSON objects "
                    f"(is it a JSON Lines file?); {before} imported before line "
                    f"{line_number - bad_in_a_row + 1}"
                )
                return
            continue
        bad_in_a_row = 0
        try:
            importer.add_record(record, line_number)
        except RecordProblem as error:
            report.problems.append(f"{name} line {line_number}: {error}; not imported")
        except OSError as error:
            report.problems.append(f"{name} line {line_number}: {error.strerror or error}; not imported")


def import_file(
    path: Path | None,
    store: Path | None = None,
    corpus: Path | None = None,
    *,
    stdin: IO[bytes] | None = None,
) -> tuple[ImportReport, list[Path]]:
    """Import every line of a Prodigy/doccano JSONL file (``path=None``: ``stdin``); returns the files.

    Raises:
        OSError: when the file cannot be opened at all.
    """
    importer = Importer(path, store, corpus)
    if path is None:
        if stdin is None:
            raise ValueError("no file and no standard input to import")
        import_lines(importer, stdin)
    else:
        with path.open("rb") as handle:
            import_lines(importer, handle)
    return importer.report, importer.save()
