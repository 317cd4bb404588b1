"""The engine options ``gloss extract`` and ``gloss index`` share, as argparse value types.

Both commands take ``--jobs``, ``--recycle-after N`` and ``--recycle-memory MIB`` and hand them to
:func:`~tui.scale.open_engine`; the values are checked here once, so that the two commands refuse the
same things with the same message (argparse turns the error into a usage line and exit status 2).
"""

from __future__ import annotations

import argparse
import math

from tui.scale.factory import RECYCLE_AFTER, RECYCLE_MEMORY


def positive(value: str) -> int:
    """An integer of 1 or more."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {number}")
    return number


def recycle_memory(value: str) -> float | None:
    """``--recycle-memory MIB``: MiB above 0, or ``None`` for ``0`` (workers recycled by count only, the
    ``recycle_memory=None`` of :func:`~tui.scale.open_engine`)."""
    try:
        mib = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of MiB: {value!r}") from None
    if not math.isfinite(mib) or mib < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more MiB, not {value}")
    return mib or None


def add_recycle_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--recycle-after N`` and ``--recycle-memory MIB``, worded alike in both commands' help."""
    parser.add_argument(
        "--recycle-after", type=positive, default=RECYCLE_AFTER, metavar="N",
        help=f"replace a worker process after N articles (default: {RECYCLE_AFTER})",
    )  # fmt: skip
    parser.add_argument(
        "--recycle-memory", type=recycle_memory, default=RECYCLE_MEMORY, metavar="MIB",
        help=f"with --engine dask, also replace a worker once it has grown MIB past its size after its "
        f"first shard (default: {RECYCLE_MEMORY:g}; 0: only --recycle-after counts)",
    )  # fmt: skip
