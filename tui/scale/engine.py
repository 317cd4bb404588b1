"""The engine seam: jobs in, outcomes out, in order, with no knowledge of where the results go.

Why a seam: ``gloss extract`` writes JSON Lines and ``gloss index`` writes SQLite, and both should be
able to run extraction in this process, in a local process pool or on a Dask cluster without knowing
which. Each engine yields outcomes in the order of its jobs (buffering where work finishes out of order),
so a command's output does not depend on the engine.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from tui.model import Span

if TYPE_CHECKING:
    from tui.extract import Extractor


@dataclass(frozen=True, slots=True)
class Job:
    """One article to extract: ``key`` names it in the outcome, ``text`` is its text exactly as read."""

    key: str
    text: str


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one job: its spans (sorted), or an error message when extraction failed."""

    key: str
    spans: list[Span] | None
    error: str | None = None


class Engine(Protocol):
    """Anything that turns jobs into outcomes, in the jobs' order."""

    def run(self, jobs: Iterable[Job]) -> Iterator[Outcome]:
        """Yield one outcome per job, in order; a failed job gives an outcome with ``error`` set."""
        ...  # pragma: no cover - protocol


class InProcessEngine:
    """Extraction in this process with one loaded :class:`~tui.extract.Extractor` (``--jobs 1``)."""

    def __init__(self, extractor: Extractor) -> None:
        self.extractor = extractor
        """The loaded pipeline; batching many short texts through it is what makes one process fast."""

    def run(self, jobs: Iterable[Job]) -> Iterator[Outcome]:
        """Extract the jobs in batches, streaming: only the batch in flight is held in memory."""
        keys: deque[str] = deque()

        def texts() -> Iterator[str]:
            for job in jobs:
                keys.append(job.key)
                yield job.text

        for spans in self.extractor.extract_many(texts()):
            if keys:  # extract_many yields one empty list when there were no texts at all
                yield Outcome(keys.popleft(), spans)
