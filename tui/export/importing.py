"""Reading Prodigy and doccano JSON Lines annotations back into Gloss's store.

Each record is one annotated text. Its spans come from Prodigy's ``spans`` (``start``, ``end``,
``label``), else doccano's ``label`` (``[[start, end, label], ...]``) or newer doccano's ``entities``
(``start_offset``, ``end_offset``, ``label``). Prodigy records answered ``reject`` or ``ignore`` are not
imported. The article is the one named by ``meta.path`` (and ``meta.entry``), which ``gloss export``
writes, relative to the imported file; a record without it (a plain doccano export) is taken as an
article of the imported file itself, ``FILE#LINE``, as the reader lists it. Its text must be exactly the
article's text, or offsets would point elsewhere: a record whose text differs is reported, not guessed.

Imported spans become accepted annotations made by a person; one that is already there (same offsets
and label) is accepted rather than duplicated. They are saved where the article's annotations already
are (see :func:`tui.export.collect.candidate_stores`), else in ``.gloss/`` beside the article's file, or
in ``--store``. Gloss's own span fields written by the exporter (``kind``,
``note``, ``speaker``, ``value``…) are restored, so export followed by import gives back the same spans.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.export.collect import candidate_stores
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
    kind_for_label,
    load_label_config,
)
from tui.sources import discover
from tui.store import AnnotationStore, CorruptAnnotationsError, LoadedAnnotations, StoreError

SPAN_ONLY_KEYS = frozenset({"token_start", "token_end", "note", "input_hash", "source", "answer"})
"""Keys of a Prodigy span that are not part of a Gloss span (``note`` is restored separately)."""


class RecordProblem(ValueError):
    """A record cannot be imported; the message says why (the caller adds the file and line)."""


@dataclass(slots=True)
class ImportReport:
    """What an import did, for the command line to print."""

    records: int = 0
    spans: int = 0
    articles: set[str] = field(default_factory=set)
    skipped: int = 0
    problems: list[str] = field(default_factory=list)


def raw_spans(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The record's spans as dicts with ``start``, ``end``, ``label`` (Prodigy or either doccano shape)."""
    if isinstance(record.get("spans"), list):
        return [dict(s) for s in record["spans"] if isinstance(s, dict)]
    if isinstance(record.get("entities"), list):
        return [
            {"start": e.get("start_offset"), "end": e.get("end_offset"), "label": e.get("label")}
            for e in record["entities"]
            if isinstance(e, dict)
        ]
    labels = record.get("label", record.get("labels"))
    if isinstance(labels, list):
        found = []
        for item in labels:
            if not (isinstance(item, list | tuple) and len(item) == 3):
                raise RecordProblem(f"a doccano label must be [start, end, label], found {item!r}")
            found.append({"start": item[0], "end": item[1], "label": item[2]})
        return found
    return []


def to_span(data: dict[str, Any], text: str, kind_for: Callable[[str], str]) -> tuple[Span, str]:
    """A Gloss span (and its note) from one imported span dict, checked against ``text``.

    A span without Gloss's ``kind`` came from another tool: its kind follows the label (the corpus's
    ``gloss.toml`` first), and it carries no quote speaker or number value.

    Raises:
        RecordProblem: offsets that are not integers inside the text, no label, or a ``text`` field that
            is not what the offsets cover.
    """
    start, end, label = data.get("start"), data.get("end"), data.get("label")
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= len(text):
        raise RecordProblem(f"span offsets {start!r}..{end!r} are not inside the text (0..{len(text)})")
    if not isinstance(label, str) or not label.strip():
        raise RecordProblem(f"span {start}..{end} has no label")
    covered = text[start:end]
    if isinstance(data.get("text"), str) and data["text"] != covered:
        raise RecordProblem(f"span {start}..{end} says {data['text']!r} but the text there is {covered!r}")
    fields = {k: v for k, v in data.items() if k not in SPAN_ONLY_KEYS}
    fields["text"] = covered
    if fields.get("kind") not in KINDS:
        fields["kind"] = kind_for(label)
    note = data.get("note")
    return Span.from_json(fields), note if isinstance(note, str) else ""


class Importer:
    """Imports records into the stores of their articles; call :meth:`save` at the end."""

    def __init__(self, source: Path, store: Path | None = None) -> None:
        self.source = source
        """The JSONL file being imported (``meta.path`` is relative to its folder)."""
        self.store_override = store
        self.report = ImportReport()
        self._entries: dict[Path, dict[str, ArticleEntry]] = {}
        self._open: dict[str, tuple[Article, AnnotationStore, AnnotationSet, LoadedAnnotations | None]] = {}
        self._pending: dict[str, list[Change]] = {}

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
        """The list entry of the record's article (see the module docstring)."""
        meta = record.get("meta") if isinstance(record.get("meta"), dict) else {}
        assert isinstance(meta, dict)
        named = meta.get("path")
        if isinstance(named, str) and named:
            path = Path(named) if Path(named).is_absolute() else self.source.parent / named
            if not path.exists():
                raise RecordProblem(f"meta.path {named!r} does not exist (looked for {path})")
            entry = meta.get("entry")
            return self._entry(path, int(entry) if isinstance(entry, int) else None)
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
        try:
            config = load_label_config(article.path)
            kind_for: Callable[[str], str] = config.kind_for
        except LabelConfigError:
            kind_for = kind_for_label
        imported = [to_span(data, text, kind_for) for data in raw_spans(record)]
        from_gloss = [isinstance(data.get("kind"), str) for data in raw_spans(record)]
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
        self.report.records += 1
        self.report.spans += len(imported)
        self.report.articles.add(article.key)

    def save(self) -> list[Path]:
        """Apply each article's imported spans as one undoable step and save it; returns the files.

        An article whose file cannot be written (read-only folder, full disk) is reported in
        ``report.problems``; the others are still saved.
        """
        files = []
        for key, changes in self._pending.items():
            article, store, annotations, loaded = self._open[key]
            annotations.apply(f"import {len(changes)} span(s) from {self.source.name}", changes)
            try:
                files.append(
                    store.save(
                        article,
                        annotations,
                        model=loaded.model if loaded else None,
                        extractor_version=loaded.extractor_version if loaded else None,
                    )
                )
            except StoreError as error:
                self.report.problems.append(f"{key}: not saved: {error}")
        return files


def _same(a: Span, b: Span) -> bool:
    return (a.start, a.end, a.label) == (b.start, b.end, b.label)


def import_file(path: Path, store: Path | None = None) -> tuple[ImportReport, list[Path]]:
    """Import every line of a Prodigy/doccano JSONL file; bad lines are reported and skipped.

    Raises:
        OSError: when the file cannot be read at all.
    """
    importer = Importer(path, store)
    with path.open("rb") as handle:
        for line_number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                if not isinstance(record, dict):
                    raise RecordProblem("not a JSON object")
                importer.add_record(record, line_number)
            except (json.JSONDecodeError, UnicodeDecodeError) as error:
                importer.report.problems.append(f"{path} line {line_number}: not valid JSON ({error})")
            except RecordProblem as error:
                importer.report.problems.append(f"{path} line {line_number}: {error}; not imported")
    return importer.report, importer.save()
