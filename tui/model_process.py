"""The reader's side of the model process (:mod:`tui.extract.serve`): an extractor that runs elsewhere.

``gloss [PATHS...]`` starts the model process before it imports Textual, so that spaCy loads on the other
core while this process paints (issue 13: first highlights < 1.2 s). :class:`ModelProcess` is then the
reader's :class:`~tui.annotation.SpanSource`: each chunk of an article is one request to the process.

This module imports no spaCy, no Textual and not even :mod:`tui.extract` (its patterns take tens of
milliseconds to compile), so that starting the process costs the reader next to nothing.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pickle
import subprocess
import sys
import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui.model import Span

INDEX_FILE = "index.sqlite"
"""The corpus index's file name in a store folder (``tui.corpus.INDEX_NAME``)."""

STORE_FOLDER = ".gloss"
"""The default store folder beside the articles (``tui.store.store.DEFAULT_FOLDER``)."""

STOP_WAIT = 2.0
"""Seconds to wait for the process to end after its input is closed, before it is killed."""


class ModelProcessError(Exception):
    """The model process ended or answered nonsense (it crashed, or was killed)."""


class ModelProcess:
    """A spaCy extractor in a child process, safe to call from several threads at once.

    Like :class:`tui.extract.Extractor`, it has :attr:`model_name`, :attr:`version`,
    :meth:`extract_progressively`, :meth:`extract` and :meth:`extract_many`; they are valid once
    :meth:`ready` has returned.
    """

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process = process
        """The child running :mod:`tui.extract.serve`."""
        self.model_name = "loading"
        """Name recorded with the suggestions (the loaded pipeline's, once :meth:`ready` returned)."""
        self.version = ""
        """The extraction rules' version and convention (see :func:`tui.extract.extractor_version`)."""
        self._lock = threading.Lock()
        """One request and its reply at a time: the workers take turns chunk by chunk."""
        self._jobs = itertools.count()

    @classmethod
    def start(
        cls, model: str | None = None, paths: Sequence[Path] = (), command: Sequence[str] | None = None
    ) -> ModelProcess:
        """Start loading ``model`` (``None``: the default English one) in a new process.

        ``paths`` are the reader's: the process extracts the start of the first article listed under
        them before it is asked (the reader will likely open it first).

        ``command`` replaces the process's command line (tests start a fake model process).
        In a session of its own, the process is not sent the terminal's signals: it ends when this
        process closes its input (on quit, or when this process dies, whatever the cause).

        Raises:
            OSError: when the process cannot be started.
        """
        default = [sys.executable, "-m", "tui.extract.serve", model or "", *map(str, paths)]
        argv = list(command) if command is not None else default
        # the child must import this very Gloss, installed or run from a checkout (``python -m tui``)
        package_root = str(Path(__file__).resolve().parent.parent)
        path = os.environ.get("PYTHONPATH")
        environment = {**os.environ, "PYTHONPATH": os.pathsep.join([package_root, *([path] if path else [])])}
        process = subprocess.Popen(
            argv,
            env=environment,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        return cls(process)

    def _send(self, *message: object) -> None:
        stream: IO[bytes] | None = self.process.stdin
        try:
            assert stream is not None
            pickle.dump(message, stream, protocol=pickle.HIGHEST_PROTOCOL)
            stream.flush()
        except (OSError, ValueError, AssertionError) as error:
            raise ModelProcessError(f"the model process has ended ({error})") from error

    def _receive(self) -> tuple[Any, ...]:
        try:
            assert self.process.stdout is not None
            reply = pickle.load(self.process.stdout)
        except (OSError, ValueError, EOFError, pickle.UnpicklingError, AssertionError) as error:
            raise ModelProcessError(f"the model process has ended ({error or 'no reply'})") from error
        if not isinstance(reply, tuple) or not reply:
            raise ModelProcessError(f"the model process answered {reply!r}")
        return reply

    def _ask(self, *message: object) -> tuple[Any, ...]:
        with self._lock:
            self._send(*message)
            return self._receive()

    def ready(self, convention: str) -> ModelProcess:
        """Wait for the model to load (blocking; the GIL is free meanwhile) and set its ``convention``.

        Raises:
            tui.extract.ModelNotFoundError: when no model is installed (the message says how to).
            ModelProcessError: when the process died.
        """
        reply = self._ask("load", convention)
        if reply[0] == "error":
            from tui.extract import ModelNotFoundError  # only now: the import costs tens of ms

            raise ModelNotFoundError(str(reply[1]))
        if reply[0] != "ready":
            raise ModelProcessError(f"the model process answered {reply!r}")
        self.model_name, self.version = str(reply[1]), str(reply[2])
        return self

    def _result(self, reply: tuple[Any, ...]) -> Any:
        if reply[0] == "raise":
            raise ModelProcessError(str(reply[1]))
        return reply[1]

    def extract_progressively(self, text: str) -> Iterator[list[Span]]:
        """Spans chunk by chunk, in text order (one request per chunk)."""
        job = next(self._jobs)
        with self._lock:
            self._send("start", job, text)
        finished = False
        try:
            while True:
                batch: list[Span] | None = self._result(self._ask("next", job))
                if batch is None:
                    finished = True
                    return
                yield batch
        finally:
            if not finished:  # given up on (another article opened): the process forgets the job
                with contextlib.suppress(ModelProcessError), self._lock:
                    self._send("close", job)

    def extract(self, text: str) -> list[Span]:
        """All spans of ``text`` in reading order."""
        from tui.model import sort_key

        spans = [span for batch in self.extract_progressively(text) for span in batch]
        return sorted(spans, key=sort_key)

    def extract_many(self, texts: Iterable[str]) -> Iterator[list[Span]]:
        """The spans of each text in turn, batched through the model together (one request)."""
        found: list[list[Span]] = self._result(self._ask("many", list(texts)))
        yield from found

    def close(self) -> None:
        """End the process at once (it writes no file, so it has nothing to lose). Safe to call twice.

        A process still loading the model would read its closed input only once loaded: it is sent
        SIGTERM too, and killed if that has not ended it within :data:`STOP_WAIT` seconds.
        """
        with contextlib.suppress(OSError, ValueError):
            if self.process.stdin is not None:
                self.process.stdin.close()
        if self.process.poll() is None:
            with contextlib.suppress(OSError):
                self.process.terminate()
            try:
                self.process.wait(STOP_WAIT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        with contextlib.suppress(OSError, ValueError):
            if self.process.stdout is not None:
                self.process.stdout.close()


def index_may_serve(paths: Sequence[Path], store: str | Path | None = None) -> bool:
    """Whether a corpus index lies where the reader of ``paths`` will look (a few stats, no import).

    Then the first article is likely painted from the index, and the model is not loaded at launch:
    an indexed reader never imports spaCy (it starts the model process when an article needs it).
    """
    if store is not None:
        return (Path(store) / INDEX_FILE).is_file()
    folders = (path if path.is_dir() else path.parent for path in paths)
    return any((folder / STORE_FOLDER / INDEX_FILE).is_file() for folder in folders)
