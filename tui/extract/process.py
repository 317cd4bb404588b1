"""The spaCy model in a process of its own, started with the reader and asked for spans through a pipe.

Why a process: importing spaCy and loading the model take about a second of CPU, and extracting an
article holds the interpreter's lock chunk by chunk. In the reader's process both competed with
painting for one lock; in a child they run on the machine's other core. ``gloss`` starts the child
first thing (:meth:`ModelProcess.start`, a fork and an exec), so the model loads while Textual starts
and the first article's text is painted, and the reader's process never imports spaCy at all.

Both ends of the protocol live here. Requests and replies are pickled objects on the child's stdin and
stdout (both ends are this module, in the same interpreter):

- on start the child sends ``("ready", model_name)`` or ``("error", kind, message)``;
- ``("open", convention, text)`` → ``("opened", job, chunk_count)``: the child cuts the text into
  chunks as :meth:`~tui.extract.Extractor.extract_progressively` would;
- ``("next", job, count)`` → ``("spans", [spans of each of the next chunks])``;
- ``("close", job)`` → ``("closed",)``;
- ``("many", convention, texts)`` → ``("spans", [spans of each text])``, for building the corpus
  index from the reader (:meth:`~tui.extract.Extractor.extract_many`: short texts batched together).

A text is extracted a few chunks per request, so two of the reader's workers sharing the process
(the open article, and counting the articles around the list's highlight) take turns chunk by chunk,
as they do sharing an in-process :class:`~tui.extract.Extractor`.

The child dies with the reader: it exits when its stdin closes (which the kernel does when the reader
exits, however it exits), and it is in a session of its own so that the terminal's signals reach only
the reader.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from tui.extract.identity import ModelNotFoundError, extractor_version
from tui.text_safety import one_line

if TYPE_CHECKING:
    from tui.extract.pipeline import Extractor
    from tui.model import Span

FIRST_CHUNKS = 1
"""Chunks asked for in the first request of a text: its top is painted after one chunk's work."""

LATER_CHUNKS = 4
"""Chunks per later request (what :meth:`~tui.extract.Extractor.extract_progressively` batches)."""

MANY_TEXTS = 16
"""Texts per request of :meth:`RemoteExtractor.extract_many`: batched like ``gloss extract``, while the
open article waits for at most one batch."""

NICENESS = 19
"""How much lower the child's priority is than the reader's: on a busy machine (the terminal itself
draws the first frame too) the text is painted first and the model loads on what is left."""

KEPT_JOBS = 8
"""Texts the child keeps open at once; a reader that abandons more than this loses the oldest."""


PACKAGE_ROOT = Path(__file__).resolve().parents[2]
"""The folder holding the ``tui`` package this process runs: the child imports the very same code."""


def child_environment() -> dict[str, str]:
    """The child's environment: this one, with :data:`PACKAGE_ROOT` first on ``PYTHONPATH``.

    The reader may run from a checkout it was not installed from (``python -m tui`` imports the current
    folder's ``tui``); the child, which never looks in the current folder (``-P``), must still import the
    same ``tui`` as the reader, not another one found on the path.
    """
    environment = dict(os.environ)
    rest = environment.get("PYTHONPATH")
    environment["PYTHONPATH"] = str(PACKAGE_ROOT) + (os.pathsep + rest if rest else "")
    return environment


class ModelProcessError(RuntimeError):
    """The model's process stopped or answered what it should not (the message says what it said)."""


class TextNotExtracted(RuntimeError):
    """The model's process could not extract one text (it goes on serving the others)."""


class ModelProcess:
    """The child process holding the model, and the one lock its pipe is used under."""

    def __init__(self, process: subprocess.Popen[bytes], errors: IO[bytes]) -> None:
        self._process = process
        self._errors = errors
        """The child's stderr (a temporary file): its last line explains a crash."""
        self._lock = threading.Lock()
        self._ready: str | None = None
        """The model's name, once the child said it is ready."""
        self._failure: Exception | None = None
        self._abandoned: list[int] = []
        """Texts a consumer stopped reading, closed in the child before the next request: not from the
        generator's ``finally``, which the collector may run on a thread already holding the lock."""

    @classmethod
    def start(cls, model: str | None = None) -> ModelProcess:
        """Start loading ``model`` (``None``: the default English pipeline) in a new process; returns at
        once (a fork and an exec, about a millisecond).

        Raises:
            ModelProcessError: when no process can be started (the system's reason, on one line).
        """
        command = [sys.executable, "-P", "-m", "tui.extract.process"]  # -P: not the current folder's modules
        if model is not None:
            command += ["--model", model]
        try:
            errors = tempfile.TemporaryFile()  # noqa: SIM115 - kept open for the child's life; close() closes it
            process = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=errors,
                start_new_session=True,
                env=child_environment(),
            )
        except OSError as error:
            raise ModelProcessError(one_line(f"cannot start the model's process: {error}")) from error
        return cls(process, errors)

    def extractor(self, convention: str = "ontonotes") -> RemoteExtractor:
        """An extractor that asks this process, once the model has loaded (blocks until then).

        Raises:
            ModelNotFoundError: when the model is not installed (the child's message).
            ModelProcessError: when the child failed otherwise, or has stopped.
        """
        with self._lock:
            if self._failure is not None:
                raise self._failure
            if self._ready is None:
                try:
                    reply = self._receive()
                except ModelProcessError as error:
                    self._failure = error
                    raise
                if reply[0] == "ready":
                    self._ready = str(reply[1])
                else:
                    kind, message = reply[1], str(reply[2])
                    failure = ModelNotFoundError if kind == "not-found" else ModelProcessError
                    self._failure = failure(message)
                    with contextlib.suppress(subprocess.TimeoutExpired):
                        self._process.wait(1.0)  # it exits after saying so: reap it
                    raise self._failure
        return RemoteExtractor(self, self._ready, convention)

    def ask(self, request: tuple[Any, ...]) -> tuple[Any, ...]:
        """Send one request and wait for its reply (thread-safe: one exchange at a time).

        Raises:
            TextNotExtracted: when the child failed on this request's text (and is still serving).
            ModelProcessError: when the child has stopped.
        """
        with self._lock:
            while self._abandoned:
                self._exchange(("close", self._abandoned.pop()))
            reply = self._exchange(request)
        if reply[0] == "error":
            failure = TextNotExtracted if reply[1] == "extract" else ModelProcessError
            raise failure(str(reply[2]))
        return reply

    def abandon(self, job: int) -> None:
        """A consumer stopped reading ``job``: close it in the child with the next request (any thread,
        lock or not: appending to a list is atomic)."""
        self._abandoned.append(job)

    def _exchange(self, request: tuple[Any, ...]) -> tuple[Any, ...]:
        """Send one request and read its reply (the caller holds the lock)."""
        try:
            assert self._process.stdin is not None
            pickle.dump(request, self._process.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            self._process.stdin.flush()
        except (BrokenPipeError, OSError, ValueError) as error:
            raise self._stopped() from error
        return self._receive()

    def _receive(self) -> tuple[Any, ...]:
        try:
            assert self._process.stdout is not None
            reply = pickle.load(self._process.stdout)
        except (EOFError, OSError, ValueError, pickle.UnpicklingError) as error:
            raise self._stopped() from error
        if not isinstance(reply, tuple) or not reply:
            raise ModelProcessError(f"the model's process answered {type(reply).__name__}")
        return reply

    def _stopped(self) -> ModelProcessError:
        """The error for a child that is gone, with the last line it wrote on its stderr."""
        try:
            status: int | None = self._process.wait(timeout=1.0)  # its pipe closed: it is exiting
        except subprocess.TimeoutExpired:
            status = None
        last = ""
        try:
            self._errors.seek(0)
            written = self._errors.read().decode("utf-8", "replace")
            lines = [line for line in written.splitlines() if line.strip()]
            last = lines[-1] if lines else ""
        except (OSError, ValueError):
            pass
        how = f"exited with status {status}" if status is not None else "stopped answering"
        return ModelProcessError(one_line(f"the model's process {how}" + (f": {last}" if last else "")))

    @property
    def pid(self) -> int:
        """The child's process id."""
        return self._process.pid

    @property
    def running(self) -> bool:
        """Whether the child is still alive."""
        return self._process.poll() is None

    def close(self, timeout: float = 2.0) -> None:
        """Stop the child: when idle, close its stdin (it exits) and kill it if it has not after
        ``timeout`` s; when a worker is mid-request, kill it at once.

        A worker mid-request may be blocked writing a long text into a full pipe or reading a reply;
        closing a stream another thread is using waits for that thread, so the streams are closed only
        once the child is gone (the worker's write or read then fails at once).
        """
        idle = self._lock.acquire(blocking=False)
        try:
            if idle:
                with contextlib.suppress(OSError):
                    if self._process.stdin is not None:
                        self._process.stdin.close()
                try:
                    self._process.wait(timeout)
                except subprocess.TimeoutExpired:
                    self._process.kill()
            else:
                self._process.kill()  # busy: it would answer its request before reading the end
            self._process.wait()
        finally:
            if idle:
                self._lock.release()
        for stream in (self._process.stdin, self._process.stdout):
            with contextlib.suppress(OSError, ValueError):
                if stream is not None:
                    stream.close()
        self._errors.close()


class RemoteExtractor:
    """What the reader needs of an extractor (``SpanSource``), answered by a :class:`ModelProcess`."""

    def __init__(self, process: ModelProcess, model_name: str, convention: str) -> None:
        self.process = process
        self.model_name = model_name
        """Name recorded with the suggestions (the child's :attr:`Extractor.model_name`)."""
        self.convention = convention

    @property
    def version(self) -> str:
        """The rules' version and convention, as :attr:`Extractor.version` (no spaCy needed)."""
        return extractor_version(self.convention)

    def extract_progressively(self, text: str) -> Iterator[list[Span]]:
        """The spans of ``text`` chunk by chunk, in text order, each chunk's sorted.

        Each request holds the pipe for at most :data:`LATER_CHUNKS` chunks' work; a text whose
        consumer stops early is closed in the child with the next request (:meth:`ModelProcess.abandon`).
        """
        opened = self.process.ask(("open", self.convention, text))
        job, remaining = int(opened[1]), int(opened[2])
        count = FIRST_CHUNKS
        try:
            while remaining > 0:
                reply = self.process.ask(("next", job, count))
                batches: list[list[Span]] = reply[1]
                remaining -= len(batches)
                if not batches:
                    return
                yield from batches
                count = LATER_CHUNKS
        finally:
            if remaining > 0:
                self.process.abandon(job)

    def extract_many(self, texts: Iterable[str]) -> Iterator[list[Span]]:
        """The spans of each text in turn (sorted), :data:`MANY_TEXTS` texts a request."""
        batch: list[str] = []
        for text in texts:
            batch.append(text)
            if len(batch) == MANY_TEXTS:
                yield from self.process.ask(("many", self.convention, batch))[1]
                batch = []
        if batch:
            yield from self.process.ask(("many", self.convention, batch))[1]

    def extract(self, text: str) -> list[Span]:
        """All spans of ``text`` in reading order."""
        from tui.model import sort_key

        return sorted((span for batch in self.extract_progressively(text) for span in batch), key=sort_key)


# the child ------------------------------------------------------------------------------------------


class _Server:
    """The child's side: one loaded pipeline, one extractor per convention asked for, open texts."""

    def __init__(self, extractor: Extractor) -> None:
        self._extractors = {extractor.convention: extractor}
        self._jobs: dict[int, tuple[Extractor, list[tuple[int, str]]]] = {}
        self._next_job = 0

    @property
    def model_name(self) -> str:
        """The loaded pipeline's name, as the extractors record it."""
        return next(iter(self._extractors.values())).model_name

    def _extractor(self, convention: str) -> Extractor:
        if convention not in self._extractors:
            from tui.extract.pipeline import Extractor

            first = next(iter(self._extractors.values()))
            self._extractors[convention] = Extractor(first.nlp, first.model_name, convention=convention)
        return self._extractors[convention]

    def answer(self, request: tuple[Any, ...]) -> tuple[Any, ...]:
        """The reply to one request (see the module's docstring)."""
        from tui.extract.pipeline import chunk_text

        kind = request[0]
        if kind == "open":
            extractor = self._extractor(str(request[1]))
            self._next_job += 1
            chunks = list(chunk_text(str(request[2])))
            chunks.reverse()  # taken from the end
            self._jobs[self._next_job] = (extractor, chunks)
            while len(self._jobs) > KEPT_JOBS:
                del self._jobs[min(self._jobs)]
            return ("opened", self._next_job, len(chunks))
        if kind == "next":
            job = int(request[1])
            if job not in self._jobs:
                return ("error", "extract", f"text {job} was closed (more than {KEPT_JOBS} open at once)")
            extractor, chunks = self._jobs[job]
            taken = [chunks.pop() for _ in range(min(int(request[2]), len(chunks)))]
            if not chunks:
                del self._jobs[job]
            return ("spans", extractor.spans_of_chunks(taken) if taken else [])
        if kind == "many":
            return ("spans", list(self._extractor(str(request[1])).extract_many(list(request[2]))))
        if kind == "close":
            self._jobs.pop(int(request[1]), None)
            return ("closed",)
        return ("error", "request", f"unknown request {kind!r}")


def serve(model: str | None, requests: IO[bytes], replies: IO[bytes]) -> int:
    """Load the model, say so, then answer requests until ``requests`` ends; returns the exit status."""

    def send(reply: tuple[Any, ...]) -> None:
        pickle.dump(reply, replies, protocol=pickle.HIGHEST_PROTOCOL)
        replies.flush()

    try:
        from tui.extract.pipeline import Extractor

        server = _Server(Extractor.load(model))
    except ModelNotFoundError as error:
        send(("error", "not-found", str(error)))
        return 1
    except Exception as error:  # anything else the load raises is said to the reader, on one line
        send(("error", "load", one_line(f"{type(error).__name__}: {error}")))
        return 1
    send(("ready", server.model_name))
    while True:
        try:
            request = pickle.load(requests)
        except EOFError:
            return 0
        try:
            reply = server.answer(request)
        except Exception as error:  # a text the model fails on fails alone; the process goes on
            reply = ("error", "extract", one_line(f"{type(error).__name__}: {error}"))
        send(reply)


def main(argv: list[str] | None = None) -> int:
    """The child's entry point (``python -m tui.extract.process [--model NAME]``)."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m tui.extract.process")
    parser.add_argument("--model")
    options = parser.parse_args(argv)
    with contextlib.suppress(OSError):
        os.nice(NICENESS)
    requests = os.fdopen(os.dup(0), "rb")
    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # whatever else prints (a library's warning) goes to stderr, not into the replies
    sys.stdout = sys.stderr
    return serve(options.model, requests, replies)


if __name__ == "__main__":
    sys.exit(main())
