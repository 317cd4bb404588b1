"""Opening input files safely: only regular files, never blocking, with the reason when refused.

A FIFO, a socket or a device named ``news.txt`` would block ``open()`` forever (a FIFO with no writer) or
never end (``/dev/zero``). Every source reader goes through :func:`open_regular`, which opens with
``O_NONBLOCK`` (so a FIFO open returns at once) and then checks with ``fstat`` that what was opened is a
regular file. Checking the opened descriptor, not the name, leaves no window for a file to be swapped
for a FIFO between the check and the read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from tui.model import ArticleLoadError

_KINDS = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISDIR, "a folder"),
)


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words (``"a FIFO"``), from its ``st_mode``."""
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a file"


def irregular_reason(path: Path) -> str | None:
    """Why ``path`` is not a file Gloss reads (``"not a regular file (a FIFO)"``), or ``None`` when it is
    a regular file or cannot be examined (opening it then reports the error)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    return None if stat.S_ISREG(mode) else f"not a regular file ({kind_of(mode)})"


def open_regular(path: Path) -> BinaryIO:
    """Open ``path`` for binary reading, refusing anything but a regular file without blocking.

    Raises:
        ArticleLoadError: naming the file: it cannot be opened, or it is a FIFO, device, socket…
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise ArticleLoadError(f"{path}: cannot read ({error.strerror or error})") from error
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise ArticleLoadError(f"{path}: not a regular file ({kind_of(mode)})")
        os.set_blocking(fd, True)  # no effect on regular files, but reads should never see EAGAIN
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The bytes of a regular file (at most ``limit`` of them from its start).

    Raises:
        ArticleLoadError: as :func:`open_regular`, or when reading fails.
    """
    with open_regular(path) as handle:
        try:
            return handle.read() if limit is None else handle.read(limit)
        except OSError as error:
            raise ArticleLoadError(f"{path}: cannot read ({error.strerror or error})") from error
