"""One Ctrl+C always stops a long run of ``gloss extract`` or ``gloss index``.

Ctrl+C raises ``KeyboardInterrupt`` wherever the main thread is, and Python drops one raised while a
finalizer runs ("Exception ignored in ..."). Both commands spend much of their time freeing spaCy's
objects, so a single Ctrl+C could be lost and the run go on. :func:`remembering_ctrl_c` also records the
signal in an event, which the runs check after each article.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

EXIT_INTERRUPTED = 130
"""Ctrl+C (128 + SIGINT), as shells report it."""


@contextmanager
def remembering_ctrl_c(interrupted: threading.Event) -> Iterator[None]:
    """Ctrl+C raises ``KeyboardInterrupt`` as usual and is also remembered in ``interrupted``.

    Only the main thread can set a handler: called from another thread (a test, a library user), the
    block runs with Python's own handling.
    """

    def on_sigint(signum: int, frame: object) -> None:
        interrupted.set()
        raise KeyboardInterrupt

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
