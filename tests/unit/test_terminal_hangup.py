"""A closed terminal never hangs the reader (``tui.terminal``).

Textual's writer thread died at the first write to a hung-up terminal, and the 31st write after that
blocked the event loop for good (relabel, then close the tmux session within 50 ms: the reader stayed
alive, ignoring SIGTERM). These tests use a real pseudo-terminal and Textual's own writer thread.
"""

from __future__ import annotations

import inspect
import io
import os
import select
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from textual.drivers._writer_thread import MAX_QUEUED_WRITES, WriterThread
from textual.drivers.linux_driver import LinuxDriver

from tui.app import GlossApp
from tui.terminal import HangupSafeOutput, hangup_safe

ROOT = Path(__file__).parents[2]


def hung_up_terminal() -> io.TextIOWrapper:
    """The writing end of a pseudo-terminal whose other end has been closed (every write: EIO)."""
    master, slave = os.openpty()
    os.close(master)
    return io.TextIOWrapper(io.FileIO(slave, "w"), encoding="utf-8")


def test_writes_to_a_hung_up_terminal_fail_with_eio() -> None:
    """What the rest relies on: the kernel answers EIO, and the stream raises it."""
    stream = hung_up_terminal()
    with pytest.raises(OSError):
        stream.write("frame")
        stream.flush()


def test_the_writer_thread_drains_every_write_after_the_terminal_hung_up() -> None:
    stream = hung_up_terminal()
    output = HangupSafeOutput(stream)
    writer = WriterThread(output)  # type: ignore[arg-type]  # Textual's own thread, as the driver makes it
    writer.start()

    def repaint_and_stop() -> None:
        for frame in range(MAX_QUEUED_WRITES * 4):
            writer.write(f"frame {frame}\n")
        writer.stop()  # puts the end and joins the thread

    painter = threading.Thread(target=repaint_and_stop, daemon=True)
    painter.start()
    painter.join(timeout=10)  # a guard: a blocked painter is the bug, and fails below
    assert not painter.is_alive(), "a write blocked: the writer thread stopped draining"
    assert output.gone.is_set()
    assert not writer.is_alive()


def test_output_passes_everything_through_while_the_terminal_is_there() -> None:
    master, slave = os.openpty()
    stream = io.TextIOWrapper(io.FileIO(slave, "w"), encoding="utf-8")
    output = HangupSafeOutput(stream)
    try:
        assert output.write("hello") == 5
        output.flush()
        assert os.read(master, 100) == b"hello"
        assert output.isatty() and output.fileno() == slave
        assert not output.gone.is_set()
    finally:
        stream.close()
        os.close(master)


async def test_the_reader_drives_the_terminal_through_the_safe_output() -> None:
    app = GlossApp([])
    driver_class = app.driver_class
    assert issubclass(driver_class, LinuxDriver)
    driver = driver_class(app)  # as Textual makes it, in the running loop
    assert isinstance(driver._file, HangupSafeOutput)  # type: ignore[attr-defined]
    # the stream Textual hands its writer thread when application mode starts: if Textual changes how,
    # the safe output would be bypassed, and this says so
    assert "WriterThread(self._file)" in inspect.getsource(LinuxDriver.start_application_mode)
    assert hangup_safe(driver_class) is not LinuxDriver
    assert hangup_safe(LinuxDriver) is hangup_safe(LinuxDriver)  # one subclass, made once


def test_the_reader_exits_when_its_terminal_is_closed(tmp_path: Path) -> None:
    """End to end: ``gloss`` in a pseudo-terminal, its window closed once the article is drawn."""
    import pty

    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("Prospect of talks\n\nThe minister spoke on Monday.\n", encoding="utf-8")
    pid, master = pty.fork()
    if pid == 0:  # the reader, without a model (nothing to wait for but the text)
        os.environ["PYTHONPATH"] = str(ROOT)
        os.execv(sys.executable, [sys.executable, "-m", "tui", "--model", "no_such_model", str(folder)])
    seen = b""
    started = time.monotonic()
    while b"minister" not in seen and time.monotonic() - started < 30:
        ready, _, _ = select.select([master], [], [], 1)
        if ready:
            try:
                seen += os.read(master, 1 << 16)
            except OSError:
                break
    assert b"minister" in seen
    os.close(master)  # the window closes: SIGHUP, and every later write fails
    finished = threading.Event()
    status: list[int] = []

    def reap() -> None:
        status.append(os.waitpid(pid, 0)[1])
        finished.set()

    threading.Thread(target=reap, daemon=True).start()
    if not finished.wait(timeout=20):
        os.kill(pid, signal.SIGKILL)
        pytest.fail("the reader was still running 20 s after its terminal closed")
    assert os.waitstatus_to_exitcode(status[0]) in (0, 1)
    leftover = subprocess.run(["pgrep", "-f", f"tui.extract.process.*{folder}"], capture_output=True)
    assert leftover.stdout == b""
