"""``gloss export PATHS... --format F -o OUT``: saved annotations out to the tools people train with.

Only kept spans (accepted, or added by a person) are written unless ``--include-suggestions`` is given;
rejected spans never are. With ``--include-suggestions``, articles that were never opened are extracted
first (a progress bar on stderr when it is a terminal) so their suggestions go out too. ``-o -`` writes
a one-file format to standard output. Messages about skipped articles and what a format leaves out go
to stderr, the summary to stdout (to stderr when the export itself goes to stdout); every message is one
terminal-safe line. The exit status is 0 when something was written, 1 when nothing had annotations or
the output could not be written, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import TextIO

from tui.cli import SafeArgumentParser
from tui.export.collect import Collected, collect_items
from tui.export.formats import BINARY_FORMATS, FOLDER_FORMATS, FORMATS, STDOUT, export_items, guess_format
from tui.extract.identity import CONVENTIONS, convention_for
from tui.scale.engine import Job, Outcome
from tui.scale.factory import EngineError
from tui.text_safety import one_line
from tui.wording import counted


def parser() -> argparse.ArgumentParser:
    """The argument parser (its ``--help`` lists the formats)."""
    formats = "\n".join(f"  {name:<6} {description}" for name, (_, _, description) in FORMATS.items())
    result = SafeArgumentParser(
        prog="gloss export",
        description="Write saved annotations of the articles under PATHS in a training or viewing format.",
        epilog=f"formats:\n{formats}\n\nwithout --format, the format follows OUT's suffix "
        "(.jsonl .spacy .html .conll; a folder: brat); -o - writes one-file formats to standard output",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    result.add_argument("paths", nargs="+", type=Path, help="article files or folders (searched recursively)")
    result.add_argument("--format", "-f", choices=sorted(FORMATS), help="output format")
    result.add_argument(
        "-o", "--output", required=True, type=Path, help="output file (a folder for brat; - for stdout)"
    )
    result.add_argument(
        "--include-suggestions",
        action="store_true",
        help="also write the model's suggestions nobody has reviewed yet (rejected spans never); "
        "articles never opened are extracted for them",
    )
    result.add_argument(
        "--store", type=Path, help="annotations folder (default: .gloss/ beside the articles)"
    )
    result.add_argument("--model", help="spaCy pipeline for --include-suggestions (default: en_core_web_sm)")
    result.add_argument(
        "--convention",
        choices=CONVENTIONS,
        help="entity boundaries of the suggestions extracted for --include-suggestions (default: "
        "[extract] convention in the articles' gloss.toml, else ontonotes; conll leaves out a leading 'the')",
    )
    return result


def _say(message: object, stream: TextIO) -> None:
    """Print one terminal-safe line (user data in it can hold control characters)."""
    print(one_line(message), file=stream)


def _check_output(arguments: argparse.ArgumentParser, out: Path, format_name: str | None) -> str:
    """The format to write, or a usage error for an output that cannot hold it."""
    to_stdout = out == STDOUT
    if format_name is None:
        if to_stdout:
            arguments.error("give --format when writing to standard output (-o -)")
        arguments.error(f"cannot tell the format from {out}: give --format")
    if to_stdout and format_name in FOLDER_FORMATS:
        arguments.error(f"{format_name} output is a folder of files; it cannot go to standard output")
    if to_stdout and format_name in BINARY_FORMATS and sys.stdout.isatty():
        arguments.error(f"{format_name} output is binary: redirect standard output to a file")
    if not to_stdout and format_name in FOLDER_FORMATS and out.exists() and not out.is_dir():
        arguments.error(f"{out} is a file; brat output is a folder of .txt and .ann files")
    if not to_stdout and format_name not in FOLDER_FORMATS and out.is_dir():
        arguments.error(f"{out} is a folder; {format_name} output is a single file")
    return format_name


class _Extraction:
    """Extraction for ``--include-suggestions``: the engine and the progress bar, started on first use."""

    def __init__(self, stack: ExitStack, model: str | None, convention: str) -> None:
        self.stack = stack
        self.model = model
        self.convention = convention

    def __call__(self, jobs: list[Job]) -> Iterator[Outcome]:
        from tui.scale import open_engine  # the engine loads spaCy: only when something needs extracting

        engine = self.stack.enter_context(open_engine(model=self.model, convention=self.convention))
        advance = _progress(self.stack, len(jobs))
        for outcome in engine.run(jobs):
            advance()
            yield outcome


def _progress(stack: ExitStack, total: int) -> Callable[[], None]:
    """A function advancing a progress bar on stderr, or doing nothing when stderr is not a terminal."""
    if not sys.stderr.isatty():
        return lambda: None
    from rich.console import Console
    from rich.progress import Progress

    progress = stack.enter_context(Progress(console=Console(stderr=True), transient=True))
    task = progress.add_task("extracting suggestions", total=total)
    return lambda: progress.advance(task)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``gloss export``; returns the exit status."""
    arguments = parser()
    options = arguments.parse_args(argv)
    out: Path = options.output
    format_name = _check_output(arguments, out, options.format or guess_format(out))
    to_stdout = out == STDOUT

    def warn(message: str) -> None:
        _say(f"gloss export: {message}", sys.stderr)

    try:
        convention = options.convention or convention_for(options.paths[0])
    except ValueError as error:  # gloss.toml names a convention there is not
        warn(str(error))
        return 2

    counts = Collected()
    with ExitStack() as stack:
        try:
            items = list(
                collect_items(
                    options.paths,
                    store=options.store,
                    include_suggestions=options.include_suggestions,
                    report=warn,
                    counts=counts,
                    extract=_Extraction(stack, options.model, convention)
                    if options.include_suggestions
                    else None,
                )
            )
        except EngineError as error:  # the engine or the model could not start
            warn(f"cannot extract suggestions: {error}")
            return 1
        except OSError as error:  # a folder that cannot be listed, a model that cannot be read
            warn(f"stopped: {error}")
            return 1
    if not items:
        warn(nothing_to_export(counts.listed, options.store))
        return 1
    try:
        report = export_items(items, format_name, out, stdout=sys.stdout.buffer if to_stdout else None)
    except BrokenPipeError:
        _silence_stdout()
        warn("standard output was closed before the export was written")
        return 1
    except OSError as error:
        warn(f"cannot write the export: {error}")
        return 1
    for note in report.notes:
        warn(note)
    summary_stream = sys.stderr if to_stdout else sys.stdout
    _say(report.summary(), summary_stream)
    if counts.extracted:
        extracted = counted(counts.extracted, "article never opened was", "articles never opened were")
        _say(f"({extracted} extracted for suggestions)", summary_stream)
    if counts.without_annotations:
        skipped = counted(counts.without_annotations, "article", "articles")
        were = "was" if counts.without_annotations == 1 else "were"
        _say(f"({skipped} without saved annotations {were} not exported)", summary_stream)
    return 0


def nothing_to_export(listed: int, store: Path | None) -> str:
    """Why there is nothing to export, in agreement with how many articles were found (none, one, more):
    never "none of the 1 articles"."""
    if listed == 0:
        return "nothing to export: no article was found"
    where = f" in {store}" if store else ""
    if listed == 1:
        return f"nothing to export: the 1 article found has no saved annotations{where}"
    return f"nothing to export: none of the {listed} articles found has saved annotations{where}"


def _silence_stdout() -> None:
    """Point stdout at /dev/null so Python's flush at exit does not raise a second BrokenPipeError."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # io.UnsupportedOperation is both: a stdout with no file behind it
        pass


if __name__ == "__main__":
    sys.exit(main())
