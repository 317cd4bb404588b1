"""``gloss import FILE.jsonl``: Prodigy or doccano annotations into Gloss's store.

See :mod:`tui.export.importing` for how records find their articles and what is validated. ``-`` reads
standard input (its records must name their articles with ``meta.path``, relative to ``--corpus`` or the
current folder). Problems with single lines go to stderr, one terminal-safe line each, and the rest is
imported; the exit status is 0 when every record was imported (or deliberately skipped), 1 when some
could not be, 2 for a usage error or a file that cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from tui.cli import SafeArgumentParser
from tui.export.importing import import_file
from tui.text_safety import one_line
from tui.wording import counted


def parser() -> argparse.ArgumentParser:
    """The argument parser of ``gloss import``."""
    result = SafeArgumentParser(
        prog="gloss import",
        description="Read Prodigy or doccano JSON Lines annotations into Gloss's annotation store "
        "as accepted spans made by a person.",
    )
    result.add_argument(
        "file", type=Path, help="a .jsonl file (Prodigy `spans`, doccano `label`/`entities`); - for stdin"
    )
    result.add_argument(
        "--store", type=Path, help="annotations folder (default: .gloss/ beside each article)"
    )
    result.add_argument(
        "--corpus",
        type=Path,
        help="the folder of the articles: meta.path is relative to it and never leaves it "
        "(default: the folder of FILE; for stdin the current folder)",
    )
    return result


def _say(message: object) -> None:
    print(one_line(message), file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``gloss import``; returns the exit status."""
    arguments = parser()
    options = arguments.parse_args(argv)
    from_stdin = str(options.file) == "-"
    if options.corpus is not None and not options.corpus.is_dir():
        arguments.error(f"--corpus {options.corpus} is not a folder")
    try:
        report, files = import_file(
            None if from_stdin else options.file,
            options.store,
            options.corpus,
            stdin=sys.stdin.buffer if from_stdin else None,
        )
    except OSError as error:
        _say(f"gloss import: {options.file}: cannot read ({error.strerror or error})")
        return 2
    for problem in report.problems:
        _say(f"gloss import: {problem}")
    print(one_line(summary(report.spans, report.records, len(report.articles), len(files))))
    if report.rejected:
        print(f"({counted(report.rejected, 'span')} deleted in doccano "
              f"{'is' if report.rejected == 1 else 'are'} now rejected)")  # fmt: skip
    if report.skipped:
        print(f"({counted(report.skipped, 'record')} answered reject/ignore "
              f"{'was' if report.skipped == 1 else 'were'} skipped)")  # fmt: skip
    return 1 if report.problems else 0


def summary(spans: int, records: int, articles: int, files: int) -> str:
    """``imported 6 spans from 1 record into 1 article (1 annotation file written)``: every count in
    agreement with its noun; the articles and files are left out when nothing was imported into any."""
    line = f"imported {counted(spans, 'span')} from {counted(records, 'record')}"
    if articles:
        line += f" into {counted(articles, 'article')}"
    if files:
        line += f" ({counted(files, 'annotation file')} written)"
    return line


if __name__ == "__main__":
    sys.exit(main())
