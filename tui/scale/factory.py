"""Choosing an engine from the command line's ``--engine``, ``--jobs`` and ``--scheduler``.

Commands call :func:`open_engine` and use what it yields as an :class:`~tui.scale.engine.Engine`; the
context manager owns whatever the engine started (worker processes, a local Dask cluster) and stops it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from tui.scale.engine import Engine, InProcessEngine

ENGINES = ("local", "dask")
"""The values ``--engine`` accepts."""


class EngineError(Exception):
    """The engine cannot be started as asked; the message is one line for the terminal."""


@contextmanager
def open_engine(
    kind: str = "local",
    *,
    jobs: int = 1,
    scheduler: str | None = None,
    model: str | None = None,
) -> Iterator[Engine]:
    """Start the engine a command asked for, yield it, and stop it afterwards.

    Args:
        kind: ``"local"`` (this machine; ``jobs`` processes) or ``"dask"``.
        jobs: worker processes (local) or workers of a local Dask cluster (dask, no scheduler given).
        scheduler: address of a running Dask scheduler (dask only).
        model: the spaCy pipeline to load (``None``: the default one).

    Raises:
        EngineError: for an unknown kind, ``jobs < 1``, or an engine that cannot start.
    """
    if kind not in ENGINES:
        raise EngineError(f"unknown engine {kind!r} (choose from {', '.join(ENGINES)})")
    if jobs < 1:
        raise EngineError(f"--jobs must be 1 or more, not {jobs}")
    if kind == "local" and jobs == 1:
        from tui.extract import Extractor  # loads spaCy: only when an engine is really wanted

        yield InProcessEngine(Extractor.load(model))
        return
    raise EngineError(f"the {kind} engine with --jobs {jobs} is not available yet")
