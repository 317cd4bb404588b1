"""The model process: ``python -m tui.extract.serve [MODEL [PATHS...]]`` loads spaCy for a reader.

Why a process: the reader starts it at launch (:mod:`tui.model_process`), so importing spaCy and loading
the pipeline (about 0.7 s of CPU) run on the second core while the reader imports Textual and paints;
in a thread they would take turns with the UI for the GIL and the first article's highlights would wait
for both (issue 13). The reader then never imports spaCy itself.

Before the first request, the process extracts the first chunk of the first article listed under the
reader's paths (given after the model's name): the likely first article, whose highlights then need no
model work once the reader asks for them.

The protocol is pickled tuples, one request then one reply, over this process's standard input and a
copy of its standard output (file descriptor 1 itself is pointed at standard error, so that nothing a
library prints can corrupt a reply). Requests:

* ``("load", convention)``, first: replies ``("ready", model_name, version)`` or ``("error", message)``
  (no model installed: the reader reads without highlights and says so).
* ``("start", job, text)``: begins :meth:`Extractor.extract_progressively` of ``text``; no reply.
* ``("next", job)``: replies ``("ok", spans)`` with the job's next chunk, ``("ok", None)`` when it is
  done, ``("raise", message)`` when extracting failed. One chunk per request lets the reader's two
  workers take turns chunk by chunk, as they did with one in-process extractor.
* ``("close", job)``: forgets a job the reader gave up on; no reply.
* ``("many", texts)``: replies ``("ok", [spans, ...])`` from :meth:`Extractor.extract_many`, or
  ``("raise", message)``.

End of input (the reader quit, or crashed) ends the process.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pickle
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from tui.extract.pipeline import Extractor, ModelNotFoundError, convention_for, load_pipeline
from tui.model import Span
from tui.text_safety import one_line


class Head:
    """The first article's first chunk, extracted before the reader asked (see :func:`head_start`)."""

    def __init__(self, extractor: Extractor, text: str) -> None:
        self.extractor = extractor
        """Made with the convention of the articles' ``gloss.toml``."""
        self.text = text
        self.chunks = extractor.extract_progressively(text)
        self.first = next(self.chunks, None)

    def take(self, convention: str, text: str) -> Iterator[list[Span]] | None:
        """The chunks of ``text``, the first one ready, if it is this article in this convention."""
        if convention != self.extractor.convention or text != self.text:
            return None
        return itertools.chain([] if self.first is None else [self.first], self.chunks)


def head_start(loaded: tuple[Any, str], paths: Sequence[Path]) -> Head | None:
    """Extract the first chunk of the article the reader will likely open first (the first one listed
    under ``paths``), while the reader is still painting its text: its first highlights then need no
    model work after the reader asks. ``None`` when there is nothing to guess, or guessing failed;
    a wrong guess costs one chunk's work and is never served (the text must match exactly)."""
    if not paths:
        return None
    from tui.sources import scan

    try:
        entries = scan(list(paths)).entries
        if not entries:
            return None
        text = entries[0].load().text
        extractor = Extractor(loaded[0], loaded[1], convention=convention_for(paths[0]))
        return Head(extractor, text)
    except Exception:  # only a guess: the reader's own request will say what is wrong
        return None


def serve(
    model: str | None, requests: IO[bytes], replies: IO[bytes], paths: Sequence[Path] = ()
) -> None:
    """Load ``model``, then answer ``requests`` on ``replies`` until the end of ``requests``.

    ``paths`` are the reader's: the first chunk of its first article is extracted before any request.
    """
    loaded: tuple[Any, str] | str
    try:
        loaded = load_pipeline(model)
    except ModelNotFoundError as error:
        loaded = str(error)
    head = head_start(loaded, paths) if not isinstance(loaded, str) else None
    extractor: Extractor | None = None
    jobs: dict[int, Iterator[list[Span]]] = {}

    def reply(*message: object) -> None:
        pickle.dump(message, replies, protocol=pickle.HIGHEST_PROTOCOL)
        replies.flush()

    while True:
        try:
            request = pickle.load(requests)
        except (EOFError, OSError):
            return
        kind = request[0]
        if kind == "load":
            if isinstance(loaded, str):
                reply("error", loaded)
                continue
            try:
                if head is not None and head.extractor.convention == request[1]:
                    extractor = head.extractor
                else:
                    extractor = Extractor(loaded[0], loaded[1], convention=request[1])
            except ValueError as error:
                reply("error", str(error))
                continue
            reply("ready", extractor.model_name, extractor.version)
        elif extractor is None:
            reply("raise", "the model is not loaded")
        elif kind == "start":
            ready = head.take(extractor.convention, request[2]) if head is not None else None
            head = None  # served once at most: the reader's first article
            jobs[request[1]] = ready if ready is not None else extractor.extract_progressively(request[2])
        elif kind == "next":
            chunks = jobs.get(request[1])
            try:
                batch = next(chunks, None) if chunks is not None else None
            except Exception as error:  # the reader shows it; this process goes on serving
                jobs.pop(request[1], None)
                reply("raise", one_line(error))
                continue
            if batch is None:
                jobs.pop(request[1], None)
            reply("ok", batch)
        elif kind == "close":
            jobs.pop(request[1], None)
        elif kind == "many":
            try:
                reply("ok", list(extractor.extract_many(request[1])))
            except Exception as error:
                reply("raise", one_line(error))


NICENESS = 5
"""How much lower this process's CPU priority is than the reader's: on an idle machine it has a core of
its own anyway, on a busy one the reader's first paint (the text) should not wait for the model."""


def main() -> None:
    """Serve on standard input and output (see the module's docstring), at a lower priority."""
    with contextlib.suppress(OSError, AttributeError):  # no nice(): at the same priority
        os.nice(NICENESS)
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # stray prints must not land in a reply
    model = sys.argv[1] if len(sys.argv) > 1 and sys.argv[1] else None
    serve(model, sys.stdin.buffer, replies, [Path(path) for path in sys.argv[2:]])


if __name__ == "__main__":
    main()
