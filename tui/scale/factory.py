"""Choosing an engine from the command line's ``--engine``, ``--jobs`` and ``--scheduler``.

Commands call :func:`open_engine` and use what it yields as an :class:`~tui.scale.engine.Engine`; the
context manager owns whatever the engine started (worker processes, a local Dask cluster) and stops it.
Dask is imported only when the Dask engine is asked for, so it stays an optional extra.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from tui.scale.engine import Engine, InProcessEngine
from tui.scale.worker import ExtractorFactory, load_extractor

ENGINES = ("local", "dask")
"""The values ``--engine`` accepts."""

RECYCLE_AFTER = 2_000
"""Articles a worker extracts before it is replaced by a fresh process (spaCy's memory grows by about
10 MiB per 1,000 articles)."""

RECYCLE_MEMORY: float | None = 64.0
"""MiB a Dask worker may grow past its smallest size after a shard before it is replaced."""

DASK_MISSING = "the dask engine needs dask[distributed]: pip install 'gloss[dask]'"


class EngineError(Exception):
    """The engine cannot be started as asked; the message is one line for the terminal."""


@contextmanager
def open_engine(
    kind: str = "local",
    *,
    jobs: int = 1,
    scheduler: str | None = None,
    model: str | None = None,
    convention: str = "ontonotes",
    recycle_after: int | None = RECYCLE_AFTER,
    log: Callable[[str], None] | None = None,
    factory: ExtractorFactory | None = None,
    recycle_memory: float | None = RECYCLE_MEMORY,
) -> Iterator[Engine]:
    """Start the engine a command asked for, yield it, and stop it afterwards.

    Args:
        kind: ``"local"`` (this machine; ``jobs`` processes) or ``"dask"``.
        jobs: worker processes (local) or workers of a local Dask cluster (dask, no scheduler given).
        scheduler: address of a running Dask scheduler (dask only).
        model: the spaCy pipeline to load (``None``: the default one).
        convention: where entity names start and end (``ontonotes`` or ``conll``).
        recycle_after: articles after which a worker process is replaced (``None``: never).
        log: receives one-line notes for the user (the Dask dashboard's address).
        factory: makes each worker's extractor from ``model`` (tests inject failing extractors).
        recycle_memory: MiB a Dask worker may grow past its size after its first shard before it is
            replaced (``None``: only ``recycle_after`` counts). The local pool's processes stay flat.

    Raises:
        EngineError: for an unknown kind, ``jobs < 1``, or an engine that cannot start or fails.
    """
    if kind not in ENGINES:
        raise EngineError(f"unknown engine {kind!r} (choose from {', '.join(ENGINES)})")
    if jobs < 1:
        raise EngineError(f"--jobs must be 1 or more, not {jobs}")
    if scheduler and kind != "dask":
        raise EngineError("--scheduler needs --engine dask")
    if kind == "local" and jobs == 1:
        yield InProcessEngine(load_extractor(model, factory, convention))
    elif kind == "local":
        from tui.scale.pool import ProcessPoolEngine

        pool = ProcessPoolEngine(model, jobs, factory, recycle_after, convention)
        try:
            yield pool
        finally:
            pool.close()
    else:
        yield from _dask(jobs, scheduler, model, recycle_after, log, factory, convention, recycle_memory)


def _dask(
    jobs: int,
    scheduler: str | None,
    model: str | None,
    recycle_after: int | None,
    log: Callable[[str], None] | None,
    factory: ExtractorFactory | None,
    convention: str,
    recycle_memory: float | None,
) -> Iterator[Engine]:
    """The Dask engine, with its failures turned into :class:`EngineError`."""
    try:
        from tui.scale import dask_engine
    except ImportError as error:
        raise EngineError(DASK_MISSING) from error
    try:
        with dask_engine.open_dask(
            jobs, scheduler, model, factory, recycle_after, log or (lambda message: None),
            convention=convention, recycle_memory=recycle_memory,
        ) as engine:  # fmt: skip
            yield engine
    except dask_engine.DaskEngineError as error:
        raise EngineError(str(error)) from error
