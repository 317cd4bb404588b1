"""Running extraction over many articles: the engines that ``gloss extract`` and ``gloss index`` share.

An engine takes :class:`~tui.scale.engine.Job` items (an article's key and text) and yields one
:class:`~tui.scale.engine.Outcome` per job, in the jobs' order. The commands are the only writers of
their output; engines only compute, so atomicity and resuming live in one place, the command (with
:class:`~tui.scale.checkpoint.Checkpoint` keeping finished results across killed runs).

Engines: :class:`~tui.scale.engine.InProcessEngine` (``--jobs 1``), the local process pool of
:mod:`~tui.scale.pool` (``--jobs N``) and the Dask engine of :mod:`~tui.scale.dask_engine`
(``--engine dask``, imported only then); :func:`open_engine` picks one.
"""

from __future__ import annotations

from tui.scale.checkpoint import Checkpoint, result_key
from tui.scale.engine import Engine, InProcessEngine, Job, Outcome
from tui.scale.factory import ENGINES, RECYCLE_AFTER, RECYCLE_MEMORY, EngineError, open_engine
from tui.scale.shards import extract_shard, shards
from tui.scale.worker import ExtractorFactory

__all__ = [
    "ENGINES",
    "RECYCLE_AFTER",
    "RECYCLE_MEMORY",
    "Checkpoint",
    "Engine",
    "EngineError",
    "ExtractorFactory",
    "InProcessEngine",
    "Job",
    "Outcome",
    "extract_shard",
    "open_engine",
    "result_key",
    "shards",
]
