"""The local engine for ``--jobs N`` (N > 1): a pool of worker processes on this machine.

Each process loads the model once (the pool's initializer) and extracts whole shards. Processes are
replaced after about ``recycle_after`` articles, because spaCy's memory grows over long runs. A process
that dies (a segfault in a C extension, the out-of-memory killer) breaks Python's pool as a whole: the
pool is started again and the shards that were out are redone one article at a time, so that the article
that killed it is found, retried once, and then reported as failed while the run goes on.
"""

from __future__ import annotations

import math
import multiprocessing
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from tui.scale.jobs import Job, Outcome
from tui.scale.shards import SHARD_ARTICLES, ShardResult, in_order, outcomes, shards
from tui.scale.worker import ExtractorFactory, extract_in_process, start_process

CRASHES_ALLOWED = 2
"""An article that kills its worker this many times when run alone is reported as failed."""


class ProcessPoolEngine:
    """Extraction in ``jobs`` local worker processes, outcomes in the jobs' order."""

    def __init__(
        self,
        model: str | None,
        jobs: int,
        factory: ExtractorFactory | None = None,
        recycle_after: int | None = None,
        convention: str = "ontonotes",
    ) -> None:
        self.model = model
        self.convention = convention
        self.jobs = jobs
        self.factory = factory
        self.tasks_per_process = math.ceil(recycle_after / SHARD_ARTICLES) if recycle_after else None
        """Shards a process runs before it is replaced (the pool counts tasks, a shard is one task)."""
        self.pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        # spawn: a fresh interpreter per process (replacing processes rules out fork, and the client's
        # memory is not copied into the workers)
        return ProcessPoolExecutor(
            max_workers=self.jobs,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=start_process,
            initargs=(self.model, self.factory, self.convention),
            max_tasks_per_child=self.tasks_per_process,
        )

    def close(self) -> None:
        """Stop the worker processes (work still queued is dropped)."""
        self.pool.shutdown(wait=True, cancel_futures=True)

    def run(self, jobs: Iterable[Job]) -> Iterator[Outcome]:
        """Extract the jobs shard by shard in the pool; outcomes come in the jobs' order."""
        return in_order(shards(jobs), self._submit, self._resolve, 2 * self.jobs, self._cancel)

    def _submit(self, shard: list[Job]) -> tuple[ProcessPoolExecutor, Future[ShardResult]]:
        return self.pool, self.pool.submit(extract_in_process, [job.text for job in shard])

    @staticmethod
    def _cancel(handle: tuple[ProcessPoolExecutor, Future[ShardResult]]) -> None:
        handle[1].cancel()

    def _resolve(
        self, shard: list[Job], handle: tuple[ProcessPoolExecutor, Future[ShardResult]]
    ) -> Iterator[Outcome]:
        pool, future = handle
        try:
            results = future.result()
        except BrokenProcessPool:
            self._restart(pool)
            for job in shard:
                yield self._alone(job)
            return
        yield from outcomes(shard, results)

    def _restart(self, broken: ProcessPoolExecutor) -> None:
        """Replace the pool if ``broken`` is still the current one (several futures report one crash)."""
        if broken is self.pool:
            broken.shutdown(wait=False, cancel_futures=True)
            self.pool = self._start()

    def _alone(self, job: Job) -> Outcome:
        """Run one article with nothing else in flight, so a crash is surely its own."""
        for _ in range(CRASHES_ALLOWED):
            pool = self.pool
            try:
                [outcome] = outcomes([job], pool.submit(extract_in_process, [job.text]).result())
                return outcome
            except BrokenProcessPool:
                self._restart(pool)
        return Outcome(job.key, None, f"crashed its worker process {CRASHES_ALLOWED} times")
