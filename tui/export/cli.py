"""``gloss export PATHS... --format F -o OUT``: saved annotations out to the tools people train with.

Only kept spans (accepted, or added by a person) are written unless ``--include-suggestions`` is given;
rejected spans never are. Messages about skipped articles go to stderr, the summary to stdout; the exit
status is 0 when something was written, 1 when nothing had annotations, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from tui.export.collect import Collected, collect_items
from tui.export.formats import FORMATS, export_items, guess_format


def parser() -> argparse.ArgumentParser:
    """The argument parser (its ``--help`` lists the formats)."""
    formats = "\n".join(f"  {name:<6} {description}" for name, (_, _, description) in FORMATS.items())
    result = argparse.ArgumentParser(
        prog="gloss export",
        description="Write saved annotations of the articles under PATHS in a training or viewing format.",
        epilog=f"formats:\n{formats}\n\nwithout --format, the format follows OUT's suffix "
        "(.jsonl .spacy .html .conll; a folder: brat)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    result.add_argument("paths", nargs="+", type=Path, help="article files or folders (searched recursively)")
    result.add_argument("--format", "-f", choices=sorted(FORMATS), help="output format")
    result.add_argument("-o", "--output", required=True, type=Path, help="output file (a folder for brat)")
    result.add_argument(
        "--include-suggestions",
        action="store_true",
        help="also write the model's suggestions nobody has reviewed yet (rejected spans never)",
    )
    result.add_argument(
        "--store", type=Path, help="annotations folder (default: .gloss/ beside the articles)"
    )
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``gloss export``; returns the exit status."""
    arguments = parser()
    options = arguments.parse_args(argv)
    format_name = options.format or guess_format(options.output)
    if format_name is None:
        arguments.error(f"cannot tell the format from {options.output}: give --format")
    if format_name == "brat" and options.output.exists() and not options.output.is_dir():
        arguments.error(f"{options.output} is a file; brat output is a folder of .txt and .ann files")
    if format_name != "brat" and options.output.is_dir():
        arguments.error(f"{options.output} is a folder; {format_name} output is a single file")

    def warn(message: str) -> None:
        print(f"gloss export: {message}", file=sys.stderr)

    counts = Collected()
    items = list(
        collect_items(
            options.paths,
            store=options.store,
            include_suggestions=options.include_suggestions,
            report=warn,
            counts=counts,
        )
    )
    if not items:
        warn(
            f"nothing to export: none of the {counts.listed} articles found has saved annotations"
            + (f" in {options.store}" if options.store else "")
        )
        return 1
    report = export_items(items, format_name, options.output)
    for note in report.notes:
        warn(note)
    print(report.summary())
    if counts.without_annotations:
        print(f"({counts.without_annotations} articles without saved annotations were not exported)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
