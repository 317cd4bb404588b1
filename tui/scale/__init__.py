"""Running extraction over many articles: the engines that ``gloss extract`` and ``gloss index`` share.

An engine takes :class:`~tui.scale.engine.Job` items (an article's key and text) and yields one
:class:`~tui.scale.engine.Outcome` per job, in the jobs' order. The commands are the only writers of
their output; engines only compute, so atomicity and resuming live in one place, the command.
"""

from __future__ import annotations

from tui.scale.engine import Engine, InProcessEngine, Job, Outcome
from tui.scale.factory import ENGINES, EngineError, open_engine

__all__ = ["ENGINES", "Engine", "EngineError", "InProcessEngine", "Job", "Outcome", "open_engine"]
