"""The engine seam: jobs in, outcomes out, in order, with no knowledge of where the results go.

Why a seam: ``gloss extract`` writes JSON Lines and ``gloss index`` writes SQLite, and both should be
able to run extraction in this process, in a local process pool or on a Dask cluster without knowing
which. Each engine yields outcomes in the order of its jobs (buffering where work finishes out of order),
so a command's output does not depend on the engine.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Protocol

from tui.scale.jobs import Job, Outcome
from tui.scale.shards import extract_shard, outcomes, shards

if TYPE_CHECKING:
    from tui.extract import Extractor

__all__ = ["Engine", "InProcessEngine", "Job", "Outcome"]


class Engine(Protocol):
    """Anything that turns jobs into outcomes, in the jobs' order."""

    def run(self, jobs: Iterable[Job]) -> Iterator[Outcome]:
        """Yield one outcome per job, in order; a failed job gives an outcome with ``error`` set."""
        ...  # pragma: no cover - protocol


class InProcessEngine:
    """Extraction in this process with one loaded :class:`~tui.extract.Extractor` (``--jobs 1``).

    It goes shard by shard like the parallel engines (one code path, one output): a shard is batched
    through the model, only that shard is in memory, and an article that raises fails alone.
    """

    def __init__(self, extractor: Extractor) -> None:
        self.extractor = extractor
        """The loaded pipeline; batching many short texts through it is what makes one process fast."""

    def run(self, jobs: Iterable[Job]) -> Iterator[Outcome]:
        """Extract the jobs shard by shard, streaming."""
        for shard in shards(jobs):
            yield from outcomes(shard, extract_shard(self.extractor, [job.text for job in shard]))
