"""Printing query results: a table on a terminal, JSON Lines for scripts, CSV for spreadsheets.

Everything shown comes from articles, so it is data: cells are plain :class:`rich.text.Text` (never
parsed as markup) and control characters are replaced before anything reaches a terminal or a CSV
file, so an article cannot move the cursor, change colours or retitle the terminal. JSON escapes them
itself.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""C0 and C1 controls (tab and newline aside), line separators and bidirectional overrides."""


def clean(value: Any) -> str:
    """A cell's text with control characters replaced by ``�`` (lists joined with ``; ``)."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = "; ".join(clean(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _CONTROL.sub("\ufffd", str(value))


def write_json_lines(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """One JSON object per line; returns how many."""
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(records: Iterable[dict[str, Any]], columns: Sequence[str], out: TextIO) -> int:
    """A header row, then one row per record (lists joined with ``; ``); returns how many."""
    writer = csv.writer(out)
    writer.writerow(columns)
    count = 0
    for record in records:
        writer.writerow([clean(record.get(column)).replace("\t", " ") for column in columns])
        count += 1
    return count


WIDE_COLUMNS = frozenset({"snippet", "context", "quote", "sentence", "notes"})
"""Columns shown in full (wrapped); the others are cut to one line with "…"."""


NOT_A_TERMINAL_WIDTH = 160
"""Width of a table written to a file or pipe (a terminal's own width is used on a terminal)."""


def write_table(
    records: Iterable[dict[str, Any]], columns: Sequence[str], out: TextIO, *, title: str = ""
) -> int:
    """A rich table of the records (colour only on a terminal); returns how many rows."""
    from rich.console import Console  # rich is only needed for the human-readable form
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title or None, show_lines=False, expand=False)
    for column in columns:
        if column in WIDE_COLUMNS:
            table.add_column(column, overflow="fold", min_width=24)
        else:
            table.add_column(column, overflow="ellipsis", no_wrap=True, max_width=24)
    count = 0
    for record in records:
        table.add_row(*(Text(clean(record.get(column)).replace("\n", " ")) for column in columns))
        count += 1
    width = None if out.isatty() else NOT_A_TERMINAL_WIDTH
    Console(file=out, highlight=False, width=width).print(table)
    return count
