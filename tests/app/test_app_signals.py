"""Closing the terminal (SIGHUP) or ``kill`` (SIGTERM) right after an edit loses nothing on screen.

The reader runs in its own process on a pseudo-terminal, as in a terminal window; the test types keys,
waits until the screen shows the edit (well before the autosave's quiet period ends), sends the signal
and checks the annotation file once the process has gone.
"""

from __future__ import annotations

import contextlib
import json
import os
import pty
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.app_support import ROOT, SEED

LAUNCH = """
import sys
from pathlib import Path
from tests.app_support import FixedExtractor
from tui.app import GlossApp
app = GlossApp.for_paths([Path(sys.argv[1])], extractor_factory=FixedExtractor)
try:
    app.run()
finally:
    app.close_annotations()
"""


class Terminal:
    """A process on a pseudo-terminal whose screen output is read as it comes."""

    def __init__(self, folder: Path) -> None:
        master, slave = pty.openpty()
        os.set_blocking(master, False)
        environment = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "36"}
        self.process = subprocess.Popen(
            [sys.executable, "-c", LAUNCH, str(folder)],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=ROOT,
            env=environment,
            start_new_session=True,
        )
        os.close(slave)
        self.master = master
        self.output = b""

    def wait_for(self, text: str, timeout: float = 30.0) -> None:
        """Read the screen until ``text`` appears on it."""
        deadline = time.monotonic() + timeout
        while text.encode() not in self.output:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"{text!r} never appeared on the screen")
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    self.output += os.read(self.master, 65536)
                except OSError:
                    break

    def type(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def close(self) -> int:
        """Wait for the process to end (reading what it still writes); its exit status."""
        deadline = time.monotonic() + 20
        while self.process.poll() is None and time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.2)
            if ready:
                with contextlib.suppress(OSError):
                    os.read(self.master, 65536)
        os.close(self.master)
        if self.process.poll() is None:
            self.process.kill()
        return self.process.wait()


@pytest.mark.parametrize("number", [signal.SIGHUP, signal.SIGTERM], ids=["SIGHUP", "SIGTERM"])
def test_a_signal_right_after_an_edit_saves_it(tmp_path: Path, number: signal.Signals) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    terminal = Terminal(folder)
    try:
        terminal.wait_for("32 highlights")  # the status line counts them once they are in
        terminal.type("n")
        terminal.wait_for("Xi Jinping · mention")  # the status line: the cursor is on the first span
        terminal.type("x")
        terminal.wait_for("rejected")
        terminal.process.send_signal(number)
    finally:
        terminal.close()
    files = list((folder / ".gloss").glob("*.json"))
    assert len(files) == 1
    spans = json.loads(files[0].read_text(encoding="utf-8"))["spans"]
    assert [s["status"] for s in spans if s["text"] == "Xi Jinping"] == ["rejected"]


def test_a_hung_up_terminal_is_noticed() -> None:
    """Under ``make run`` SIGHUP goes to make; the reader finds out by its terminal answering EIO."""
    import os

    from tui.app import terminal_alive

    controller, terminal = os.openpty()
    try:
        assert terminal_alive(terminal)
        os.close(controller)  # what closing the terminal window does
        assert not terminal_alive(terminal)
    finally:
        os.close(terminal)
