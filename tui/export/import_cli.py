"""``gloss import FILE.jsonl``: Prodigy or doccano annotations into Gloss's store.

See :mod:`tui.export.importing` for how records find their articles. Problems with single lines go to
stderr and the rest is imported; the exit status is 0 when every record was imported (or deliberately
skipped), 1 when some could not be, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from tui.export.importing import import_file
from tui.store import StoreError


def parser() -> argparse.ArgumentParser:
    """The argument parser of ``gloss import``."""
    result = argparse.ArgumentParser(
        prog="gloss import",
        description="Read Prodigy or doccano JSON Lines annotations into Gloss's annotation store "
        "as accepted spans made by a person.",
    )
    result.add_argument("file", type=Path, help="a .jsonl file (Prodigy `spans`, doccano `label`/`entities`)")
    result.add_argument(
        "--store", type=Path, help="annotations folder (default: .gloss/ beside each article)"
    )
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``gloss import``; returns the exit status."""
    options = parser().parse_args(argv)
    try:
        report, files = import_file(options.file, options.store)
    except OSError as error:
        print(f"gloss import: {options.file}: cannot read ({error.strerror or error})", file=sys.stderr)
        return 2
    except StoreError as error:
        print(f"gloss import: {error}", file=sys.stderr)
        return 1
    for problem in report.problems:
        print(f"gloss import: {problem}", file=sys.stderr)
    print(
        f"imported {report.spans} spans from {report.records} records into {len(report.articles)} articles"
        f" ({len(files)} annotation files written)"
    )
    if report.skipped:
        print(f"({report.skipped} records answered reject/ignore were skipped)")
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
