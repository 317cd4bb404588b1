"""The Dask engine: shards extracted on the workers of a ``dask.distributed`` cluster.

This is the only module that imports Dask, and it is imported only when ``--engine dask`` is asked for.

- A worker plugin (:class:`ExtractorPlugin`) loads the model once per worker, and again on the workers
  that join or restart later, because Dask re-runs registered plugins on new workers. It is named after
  what it loads and stays registered, so the next run on the same cluster (a rerun after a kill) finds
  the model loaded instead of loading it on every worker again.
- Shards go out as tasks with a bounded number in flight; their results come back to the client, which
  stays the only writer of the output. Outcomes are yielded in the jobs' order.
- A worker that dies is replaced by its nanny and Dask re-runs its task elsewhere. A shard whose task
  kills workers more often than the scheduler allows (``KilledWorker``) is split into single articles;
  an article that still kills its worker alone is reported as failed and the run goes on.
- A worker restarts itself after ``recycle_after`` articles (spaCy's memory grows over long runs), or
  once it has grown ``recycle_memory`` MiB past its size after its first shard, whichever comes first.
"""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import dask
from distributed import Client, Future, KilledWorker, LocalCluster, get_worker
from distributed.diagnostics.plugin import WorkerPlugin

from tui.scale.jobs import Job, Outcome
from tui.scale.shards import ShardResult, extract_shard, in_order, one_line, outcomes, shards
from tui.scale.worker import ExtractorFactory, load_extractor

if TYPE_CHECKING:
    from distributed import Worker

    from tui.extract import Extractor

PLUGIN_PREFIX = "gloss-extractor"
"""Plugins are named ``gloss-extractor:<model>:<convention>:<factory>:<recycle_after>:<recycle_memory>``."""

LOCAL_CLUSTER_CONFIG = {
    # a task that kills its worker twice is given up (KilledWorker) and its shard split into articles
    "distributed.scheduler.allowed-failures": 1,
    # one task at a time per single-threaded worker: a crash is blamed on the task that caused it only
    "distributed.scheduler.worker-saturation": 1.0,
    # the statistical profiler keeps every second's stack samples for hours (profile.log-length): with
    # spaCy's deep stacks a worker grew by ~0.7 MiB a shard (ExtractorPlugin.setup stops it elsewhere)
    "distributed.worker.profile.enabled": False,
}
"""Scheduler settings of the cluster the engine starts itself (a running scheduler keeps its own)."""

PROFILER_CALLBACKS = ("profile", "profile-cycle")
"""The worker's periodic callbacks that sample and keep its stacks (``distributed.worker.profile``)."""

CONNECT_TIMEOUT = "10s"
"""How long to try reaching a scheduler given with ``--scheduler`` before giving up."""


class DaskEngineError(Exception):
    """The cluster cannot be used; the message is one line (turned into ``EngineError`` by the factory)."""


class ExtractorPlugin(WorkerPlugin):
    """Loads the extractor once on each worker, watches its articles and memory, and recycles it."""

    idempotent = True
    """Registering it again under the same name keeps the loaded one (same model, same settings)."""

    def __init__(
        self,
        model: str | None,
        factory: ExtractorFactory | None,
        recycle_after: int | None,
        convention: str = "ontonotes",
        recycle_memory: float | None = None,
    ) -> None:
        maker = f"{factory.__module__}.{factory.__qualname__}" if factory else "load"
        self.name = f"{PLUGIN_PREFIX}:{model}:{convention}:{maker}:{recycle_after}:{recycle_memory}"
        self.model = model
        self.convention = convention
        self.factory = factory
        self.recycle_after = recycle_after
        self.recycle_memory = recycle_memory
        self.extractor: Extractor | None = None
        self.done = 0
        self.settled: float | None = None
        """The worker's smallest resident MiB after a shard: the model loaded and warmed up."""
        self.due = False
        """Set once the worker has done its articles or outgrown its memory allowance."""
        self.recycling = False
        self.worker: Worker | None = None

    def setup(self, worker: Worker) -> None:
        """Load the model on this worker (when the plugin is registered, or the worker starts).

        The worker's statistical profiler is stopped too (as :data:`LOCAL_CLUSTER_CONFIG` does for the
        cluster Gloss starts): it keeps every second's stack samples for hours, and with spaCy's deep
        stacks that made a worker grow by about 0.7 MiB a shard, four times what spaCy itself grows.
        """
        self.worker = worker
        for name in PROFILER_CALLBACKS:
            callback = worker.periodic_callbacks.pop(name, None)
            if callback is not None:
                callback.stop()
        self.extractor = load_extractor(self.model, self.factory, self.convention)

    def teardown(self, worker: Worker) -> None:
        """Drop the model when the plugin is unregistered."""
        self.extractor = None

    def counted(self, articles: int) -> None:
        """Count a finished shard's articles and weigh the worker (called by the task, on the worker).

        The allowance is measured from the smallest size after a shard rather than after loading, so
        that what the first batch allocates once (spaCy's buffers) is not taken for growth, and a first
        shard that happened to be a big one does not widen it.
        """
        self.done += articles
        if self.recycle_after and self.done >= self.recycle_after:
            self.due = True
        if self.recycle_memory is None:
            return
        size = resident_mib()
        self.settled = size if self.settled is None else min(self.settled, size)
        if size - self.settled > self.recycle_memory:
            self.due = True

    def transition(self, key: Any, start: str, finish: str, *args: Any, **kwargs: Any) -> None:
        """Once recycling is due, restart this worker as soon as the client has taken every result.

        Waiting for the results to leave is what makes this safe: a worker retired with a result still
        in memory would have nowhere to hand it on a one-worker cluster. A shard still running when the
        worker retires is handed back to the scheduler (a graceful retirement is not held against it)
        and run again elsewhere: it costs time, never a result, and never gives one twice.
        """
        worker = self.worker
        if (
            self.due
            and not self.recycling
            and start == "memory"
            and worker is not None
            and worker.nanny is not None  # without a nanny nothing would start it again
            and not worker.data
        ):
            self.recycling = True
            worker.loop.add_callback(worker.close_gracefully, restart=True, reason="gloss-recycle")


def resident_mib() -> float:
    """This process's resident memory in MiB (psutil comes with ``distributed``)."""
    import psutil  # type: ignore[import-untyped]

    return float(psutil.Process().memory_info().rss) / 2**20


def extract_on_worker(plugin_name: str, texts: list[str]) -> ShardResult:
    """The task of one shard: extract with the model the named plugin loaded on this worker."""
    plugin = get_worker().plugins.get(plugin_name)
    if not isinstance(plugin, ExtractorPlugin) or plugin.extractor is None:
        raise RuntimeError("the gloss extractor plugin is not set up on this worker")
    results = extract_shard(plugin.extractor, texts)
    plugin.counted(len(texts))
    return results


@dataclass
class DaskEngine:
    """Extraction on a Dask cluster through ``client``; outcomes in the jobs' order."""

    client: Client
    plugin_name: str
    """The plugin holding the model on each worker."""
    window: int
    """Shards in flight at once: enough to keep every worker busy while the oldest one is awaited."""

    def run(self, jobs: Iterable[Job]) -> Iterator[Outcome]:
        """Extract the jobs shard by shard on the cluster; outcomes come in the jobs' order."""
        return in_order(shards(jobs), self._submit, self._resolve, self.window, self._cancel)

    def _submit(self, shard: list[Job]) -> Future[ShardResult]:
        # pure=False: a resubmitted shard must be a new task, not the failed one again
        texts = [job.text for job in shard]
        return self.client.submit(extract_on_worker, self.plugin_name, texts, pure=False)

    @staticmethod
    def _cancel(future: Future[ShardResult]) -> None:
        future.cancel()  # type: ignore[no-untyped-call]

    def _resolve(self, shard: list[Job], future: Future[ShardResult]) -> Iterator[Outcome]:
        try:
            results: ShardResult = future.result()
        except KilledWorker as error:
            if len(shard) == 1:
                times = error.allowed_failures + 1
                yield Outcome(shard[0].key, None, f"crashed its Dask worker {times} times")
                return
            singles = [(job, self._submit([job])) for job in shard]  # find the article that kills workers
            for job, single in singles:
                yield from self._resolve([job], single)
            return
        except Exception as error:
            raise DaskEngineError(f"the Dask cluster failed: {one_line(error)}") from error
        yield from outcomes(shard, results)


def local_cluster(jobs: int, **options: Any) -> LocalCluster:
    """A cluster of ``jobs`` single-threaded worker processes on this machine, set up for extraction."""
    with dask.config.set(LOCAL_CLUSTER_CONFIG):
        return LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=jobs,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=logging.ERROR,
            **options,
        )


@contextmanager
def open_dask(
    jobs: int,
    scheduler: str | None,
    model: str | None,
    factory: ExtractorFactory | None = None,
    recycle_after: int | None = None,
    log: Callable[[str], None] = lambda message: None,
    convention: str = "ontonotes",
    recycle_memory: float | None = None,
) -> Iterator[DaskEngine]:
    """Connect to ``scheduler`` (or start a local cluster of ``jobs`` workers) and load the model there.

    Raises:
        DaskEngineError: when the scheduler cannot be reached or the model cannot be loaded on a worker.
    """
    with ExitStack() as stack:
        if scheduler:
            try:
                client = stack.enter_context(Client(scheduler, timeout=CONNECT_TIMEOUT))  # type: ignore[no-untyped-call]
            except (OSError, TimeoutError) as error:
                reason = one_line(error)
                raise DaskEngineError(f"cannot reach the Dask scheduler at {scheduler}: {reason}") from error
        else:
            cluster = stack.enter_context(local_cluster(jobs))
            client = stack.enter_context(Client(cluster))  # type: ignore[no-untyped-call]
            log(f"Dask scheduler {cluster.scheduler_address}, dashboard {cluster.dashboard_link}"
                + ("" if importlib.util.find_spec("bokeh") else " (install bokeh to see it)"))  # fmt: skip
        plugin = ExtractorPlugin(model, factory, recycle_after, convention, recycle_memory)
        try:
            client.register_plugin(plugin)
        except Exception as error:
            raise DaskEngineError(f"a Dask worker cannot load the model: {one_line(error)}") from error
        threads = sum(info.get("nthreads", 1) for info in client.scheduler_info()["workers"].values())
        if not threads:
            log(f"no Dask workers on {scheduler} yet: waiting for some to join")
        yield DaskEngine(client, plugin.name, window=max(4, 2 * threads + 2))
