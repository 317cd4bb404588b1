"""brat standoff: a ``NAME.txt`` with the article text and a ``NAME.ann`` with its annotations.

``.ann`` lines, tab-separated as brat writes them::

    T1	PERSON 120 131	Janet Hughes          text-bound span (character offsets into NAME.txt)
    T2	QUOTE 80 118;119 140	…                a span crossing a line break, as two fragments
    #1	AnnotatorNotes T1	the council leader   a note on T1
    R1	Speaker Arg1:T2 Arg2:T1                 a quote's speaker
    A1	Suggested T3                            not yet reviewed (only with --include-suggestions)

The ``.txt`` has ``\\n`` line breaks only, as brat reads it with universal newlines; the offsets of an
article with CRLF line breaks are mapped to it. brat does not allow a fragment to cross a line break,
so such spans are written as discontinuous fragments; offsets stay exact. A speaker that is not itself
an annotated span gets a ``SPEAKER`` span. An ``annotation.conf`` in the output folder declares the
labels, the relation and the attribute, so the folder opens in brat as it is.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tui.export.common import ExportItem, ExportReport, ExportWriteError, entry_number, write_file
from tui.model import Annotation

_LINE_BREAK = re.compile(r"[\r\n]+")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` cut at line breaks into pieces that hold no line break (empty pieces dropped)."""
    pieces: list[tuple[int, int]] = []
    position = start
    for match in _LINE_BREAK.finditer(text, start, end):
        if match.start() > position:
            pieces.append((position, match.start()))
        position = match.end()
    if end > position:
        pieces.append((position, end))
    return pieces


def _one_line(value: str) -> str:
    """A note or span text as a single ``.ann`` field (tabs and line breaks become spaces)."""
    return " ".join(value.split())


class NewlineMap:
    """An article's text with CRLF and lone CR written as LF, and its offsets mapped to that text.

    brat reads ``.txt`` files with universal newlines, so a CRLF it reads is one character where the
    article has two: every offset after it would point one character late. The ``.txt`` is written
    with ``\\n`` only and every offset goes through :meth:`offset`.
    """

    def __init__(self, text: str) -> None:
        self.original = text
        self.text = text.replace("\r\n", "\n").replace("\r", "\n")
        self._removed = [m.start() + 1 for m in re.finditer("\r\n", text)]
        """Positions of the ``\\n`` of every CRLF: the characters that disappear."""

    def offset(self, position: int) -> int:
        """Where ``position`` of the original text is in :attr:`text`.

        The CR of a CRLF becomes the ``\\n`` and the LF is the character that goes, so an offset between
        the two lands just after the line break.
        """
        return position - bisect.bisect_right(self._removed, position - 1)


def ann_text(item: ExportItem, report: ExportReport, newlines: NewlineMap | None = None) -> str:
    """The ``.ann`` file of one article (offsets into ``newlines.text``, the ``.txt`` brat reads)."""
    newlines = newlines or NewlineMap(item.article.text)
    text = newlines.text
    lines: list[str] = []
    ids: dict[tuple[int, int, str], str] = {}
    by_range: dict[tuple[int, int], str] = {}

    def text_bound(label: str, original_start: int, original_end: int) -> str | None:
        start, end = newlines.offset(original_start), newlines.offset(original_end)
        pieces = fragments(text, start, end)
        if not pieces:
            return None
        tid = f"T{len(ids) + 1}"
        ids[(original_start, original_end, label)] = tid
        by_range.setdefault((original_start, original_end), tid)
        offsets = ";".join(f"{a} {b}" for a, b in pieces)
        lines.append(f"{tid}\t{label} {offsets}\t{' '.join(text[a:b] for a, b in pieces)}")
        return tid

    notes: list[tuple[str, str]] = []
    suggested: list[str] = []
    written: list[tuple[Annotation, str]] = []
    for annotation in item.annotations:
        tid = text_bound(annotation.label, annotation.start, annotation.end)
        if tid is None:
            report.notes.append(f"{item.article.key}: left out {annotation.label} covering only line breaks")
            continue
        written.append((annotation, tid))
        if annotation.note:
            notes.append((tid, annotation.note))
        if annotation.status == "suggested":
            suggested.append(tid)
    relations: list[tuple[str, str]] = []
    for annotation, tid in written:
        speaker = annotation.span.speaker
        if speaker is None or speaker.end <= speaker.start:
            continue
        target = by_range.get((speaker.start, speaker.end)) or text_bound(
            "SPEAKER", speaker.start, speaker.end
        )
        if target is not None:
            relations.append((tid, target))
    lines.extend(f"#{n}\tAnnotatorNotes {tid}\t{_one_line(note)}" for n, (tid, note) in enumerate(notes, 1))
    lines.extend(f"R{n}\tSpeaker Arg1:{quote} Arg2:{who}" for n, (quote, who) in enumerate(relations, 1))
    lines.extend(f"A{n}\tSuggested {tid}" for n, tid in enumerate(suggested, 1))
    report.articles += 1
    report.spans += len(written)
    return "".join(line + "\n" for line in lines)


def file_stem(item: ExportItem, taken: set[str]) -> str:
    """A file name for the article, unique in the output folder (``NAME``, ``NAME-3`` for entry 3…)."""
    entry = entry_number(item.article)
    base = _UNSAFE.sub("_", item.article.path.stem) or "article"
    if entry is not None:
        base = f"{base}-{entry}"
    stem, n = base, 1
    while stem in taken:
        n += 1
        stem = f"{base}_{n}"
    taken.add(stem)
    return stem


def annotation_conf(labels: Iterable[str]) -> str:
    """brat's ``annotation.conf`` declaring the labels, the ``Speaker`` relation and ``Suggested``."""
    return (
        "[entities]\n"
        + "".join(f"{label}\n" for label in sorted(set(labels) | {"SPEAKER"}))
        + "\n[relations]\nSpeaker\tArg1:<ENTITY>, Arg2:<ENTITY>\n"
        + "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n"
        + "\n[events]\n\n[attributes]\nSuggested\tArg:<ENTITY>\n"
    )


WRITE_THREADS = 8
"""Files written at once: each atomic write waits on two fsyncs, and the disk serves several waits
together (300 small articles: about 6 s one at a time, under 1 s with eight threads)."""

BATCH = 64
"""Articles rendered before their files are handed to the writing threads (bounds what is held)."""


def write_brat(items: Iterable[ExportItem], out: Path, report: ExportReport) -> None:
    """Write ``NAME.txt`` and ``NAME.ann`` per article, and ``annotation.conf``, into the folder ``out``.

    Every file goes through the store's atomic writer; the ``.ann`` texts are rendered in this thread
    (they fill ``report``) and only the writes run in a small thread pool.

    Raises:
        ExportWriteError: when the folder or a file in it cannot be written.
    """
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportWriteError(f"{out}: cannot create the folder ({error.strerror or error})") from error
    taken: set[str] = set()
    labels: set[str] = set()
    pending: list[tuple[Path, bytes]] = []
    with ThreadPoolExecutor(WRITE_THREADS, thread_name_prefix="brat-write") as pool:

        def flush() -> None:
            for _ in pool.map(lambda job: write_file(*job), pending):
                pass  # re-raises the first failed write here
            pending.clear()

        for n, item in enumerate(items, start=1):
            stem = file_stem(item, taken)
            newlines = NewlineMap(item.article.text)
            pending.append((out / f"{stem}.txt", newlines.text.encode("utf-8", "replace")))
            pending.append((out / f"{stem}.ann", ann_text(item, report, newlines).encode("utf-8", "replace")))
            labels.update(a.label for a in item.annotations)
            if n % BATCH == 0:
                flush()
        pending.append((out / "annotation.conf", annotation_conf(labels).encode("utf-8")))
        flush()
