"""Terminal output that survives the terminal going away.

Textual writes every frame through a writer thread that drains a queue of 30 writes into the terminal.
When the terminal is closed (its window, a killed tmux session, a dropped ssh connection) the next
write fails with EIO; the exception ends the writer thread, and the queue is never drained again. The
31st write after that, a repaint or the shutdown's own escape codes, then blocks the event loop for
good: the reader never handles the SIGHUP that would save and exit, ignores SIGTERM, and holds its
corpus index open until it is killed (seen in tmux: relabel, then close the session within 50 ms).

:class:`HangupSafeOutput` stands between the writer thread and the terminal: a failed write means the
terminal is gone, so this write and every later one are dropped and the thread goes on draining. The
reader then exits as it does for any closed terminal: on SIGHUP, or when its periodic check
(``tui.app.terminal_alive``) finds the terminal gone, saving first.
"""

from __future__ import annotations

import threading
from functools import cache
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from textual.driver import Driver


class TerminalStream(Protocol):
    """What Textual's writer thread uses of the stream it writes to."""

    def write(self, text: str, /) -> int: ...
    def flush(self) -> None: ...
    def fileno(self) -> int: ...
    def isatty(self) -> bool: ...


class HangupSafeOutput:
    """The terminal's output stream, minus the exceptions of a terminal that has gone.

    Only what Textual's writer thread uses is offered: ``write``, ``flush``, ``fileno`` and ``isatty``.
    """

    def __init__(self, stream: TerminalStream) -> None:
        self.stream = stream
        self.gone = threading.Event()
        """Set at the first failed write or flush: the terminal is not coming back."""

    def write(self, text: str) -> int:
        """Write ``text``; nothing once the terminal has gone (the text has nowhere to go)."""
        if not self.gone.is_set():
            try:
                return self.stream.write(text)
            except (OSError, ValueError):  # EIO from a hung-up terminal; ValueError: stream closed
                self.gone.set()
        return len(text)

    def flush(self) -> None:
        """Flush what is buffered; nothing once the terminal has gone."""
        if not self.gone.is_set():
            try:
                self.stream.flush()
            except (OSError, ValueError):
                self.gone.set()

    def fileno(self) -> int:
        """The terminal's file descriptor (Textual asks it for the terminal's size)."""
        return self.stream.fileno()

    def isatty(self) -> bool:
        """Whether the stream is a terminal."""
        return self.stream.isatty()


def hangup_safe(driver_class: type[Driver]) -> type[Driver]:
    """``driver_class`` with its output made :class:`HangupSafeOutput`, when it is Textual's Linux
    (POSIX) driver, whose writer thread is the one described above; any other driver as it is."""
    try:
        from textual.drivers.linux_driver import LinuxDriver
    except ImportError:  # no termios: not a POSIX terminal
        return driver_class
    if not issubclass(driver_class, LinuxDriver):
        return driver_class
    return _safe_subclass(driver_class)


@cache
def _safe_subclass(driver_class: type[Driver]) -> type[Driver]:
    from textual.drivers.linux_driver import LinuxDriver

    assert issubclass(driver_class, LinuxDriver)

    class HangupSafeDriver(driver_class):  # type: ignore[valid-type,misc]
        """Textual's terminal driver writing through :class:`HangupSafeOutput`."""

        _file: TerminalStream

        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            # The stream the driver hands its writer thread when application mode starts.
            self._file = HangupSafeOutput(self._file)

    HangupSafeDriver.__name__ = HangupSafeDriver.__qualname__ = f"HangupSafe{driver_class.__name__}"
    return HangupSafeDriver
