"""The local process pool against the Dask engine on one machine, and what that says about many.

    .venv/bin/python bench/scale.py [--jobs 2] [--articles N] [--recycle-after N] [--recycle-memory MIB]

Over the same 1,000+ articles (the seeds, GUM news and PolNeAR texts from ``../shared/data/quotes``, and
War and Peace cut into article-sized pieces) in one run:

- words/s of ``--engine local --jobs N`` (the process pool) and ``--engine dask --jobs N`` (a
  ``LocalCluster``), timed from the first job to the last outcome, after a warm-up that makes every
  worker load the model (start-up is printed separately);
- the Dask overhead per shard: a round trip of an empty shard (scheduling, transfer, result), and the
  difference of the two engines' wall times divided by the shards;
- the resident memory of every worker process, sampled through the run: each process's life and peak,
  and the workers' median size in the first against the last quarter of the run (flat, or growing?),
  with how many workers were recycled (``--recycle-after``, ``--recycle-memory``);
- the single writer's rows/s: records written as ``gloss extract -o FILE`` writes them (JSON line plus
  checkpoint line), which bounds how far adding machines can go.

The figures are ratios measured in the same run; the machine's load average is printed with them.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared"
sys.path.insert(0, str(ROOT))

from tui.extract import EXTRACTOR_VERSION  # noqa: E402
from tui.extract.cli import json_line  # noqa: E402
from tui.scale import (  # noqa: E402
    RECYCLE_AFTER,
    RECYCLE_MEMORY,
    Checkpoint,
    Job,
    open_engine,
    result_key,
    shards,
)

BOOK_PIECES = 40
"""Article-sized pieces of War and Peace added to the corpus (a long-text mix, and 1,000+ articles)."""
PIECE_CHARS = 8_000


def corpus(limit: int | None) -> list[Job]:
    """The benchmark's articles as jobs, in a fixed order."""
    files = sorted((ROOT / "seeds").rglob("*.txt"))
    for name in ("gum_news", "polnear_dev", "polnear_train"):
        files += sorted((SHARED / "data" / "quotes" / name).rglob("*.txt"))
    jobs = [Job(str(path), path.read_text(encoding="utf-8")) for path in files]
    book = SHARED / "data" / "long" / "war_and_peace.txt"
    if book.is_file():
        text = book.read_text(encoding="utf-8")
        for piece in range(BOOK_PIECES):
            start = 200_000 + piece * PIECE_CHARS
            jobs.append(Job(f"war_and_peace#{piece}", text[start : start + PIECE_CHARS]))
    return jobs[:limit] if limit else jobs


def words(jobs: list[Job]) -> int:
    return sum(len(job.text.split()) for job in jobs)


class MemorySampler:
    """Samples the resident memory of this process's worker processes (pool or Dask) in a thread.

    Workers are recycled (their pids change), so the run is judged by time: the worker sizes sampled
    in the first quarter of the run against those in the last quarter.
    """

    def __init__(self, interval: float = 0.25) -> None:
        self.interval = interval
        self.samples: dict[int, list[tuple[float, float]]] = {}
        """Per worker pid: (seconds into the run, resident MiB)."""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._begin = time.perf_counter()

    def __enter__(self) -> MemorySampler:
        self._begin = time.perf_counter()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.seconds = time.perf_counter() - self._begin

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.wait(self.interval):
            now = time.perf_counter() - self._begin
            for child in me.children(recursive=True):
                try:
                    rss = child.memory_info().rss / 2**20
                    if rss > 150:  # a worker with a model, not a resource tracker or a forkserver
                        self.samples.setdefault(child.pid, []).append((now, rss))
                except psutil.Error:
                    pass

    def quarters(self) -> tuple[list[float], list[float]]:
        """Worker sizes sampled in the first and in the last quarter of the run."""
        every = [sample for series in self.samples.values() for sample in series]
        first = [rss for at, rss in every if at <= self.seconds / 4]
        last = [rss for at, rss in every if at >= self.seconds * 3 / 4]
        return first, last

    def report(self) -> list[str]:
        """Per worker process: its life and peak; then the run's first quarter against its last."""
        lines = []
        for pid, series in sorted(self.samples.items(), key=lambda item: item[1][0][0]):
            sizes = [rss for _, rss in series]
            lines.append(
                f"    worker {pid}: {series[0][0]:.0f}-{series[-1][0]:.0f} s, peak {max(sizes):.0f} MiB, "
                f"first {sizes[0]:.0f} MiB, last {sizes[-1]:.0f} MiB ({len(sizes)} samples)"
            )
        first, last = self.quarters()
        if first and last:
            lines.append(
                f"    worker memory, first quarter of the run: median {statistics.median(first):.0f} MiB, "
                f"peak {max(first):.0f}; last quarter: median {statistics.median(last):.0f} MiB, "
                f"peak {max(last):.0f} ({len(self.samples)} worker processes over the run)"
            )
        return lines


def timed_run(
    kind: str,
    jobs: int,
    articles: list[Job],
    warmup: list[Job],
    recycle_after: int | None,
    recycle_memory: float | None,
) -> dict[str, float]:
    """Start an engine, warm it up, then time it over the articles; returns its figures."""
    started = time.perf_counter()
    figures: dict[str, float] = {}
    options = {"recycle_after": recycle_after, "recycle_memory": recycle_memory}
    log = lambda message: print(f"    ({message})")  # noqa: E731
    with open_engine(kind, jobs=jobs, log=log, **options) as engine:
        for _ in engine.run(warmup):
            pass
        figures["startup"] = time.perf_counter() - started
        with MemorySampler() as sampler:
            begin = time.perf_counter()
            failed = sum(outcome.spans is None for outcome in engine.run(articles))
            figures["seconds"] = time.perf_counter() - begin
        if kind == "dask":
            figures["empty_shard"] = empty_shard_round_trip(engine)
    figures["failed"] = failed
    figures["processes"] = len(sampler.samples)
    first, last = sampler.quarters()
    figures["first_quarter"] = statistics.median(first) if first else 0.0
    figures["last_quarter"] = statistics.median(last) if last else 0.0
    for line in sampler.report():
        print(line)
    return figures


def empty_shard_round_trip(engine: object, rounds: int = 50) -> float:
    """Median seconds of submitting an empty shard to the cluster and getting its result back."""
    from tui.scale.dask_engine import DaskEngine, extract_on_worker

    assert isinstance(engine, DaskEngine)
    times = []
    for _ in range(rounds):
        begin = time.perf_counter()
        engine.client.submit(extract_on_worker, engine.plugin_name, [], pure=False).result()
        times.append(time.perf_counter() - begin)
    return statistics.median(times)


def writer_rows_per_second(articles: list[Job], rows: int = 20_000) -> float:
    """Rows/s of the client's writing: a JSON line to the output and one to the checkpoint per article."""
    sample = articles[: min(len(articles), 200)]
    spans = [
        {"start": i, "end": i + 5, "label": "PERSON", "kind": "entity", "text": "Smith"} for i in range(40)
    ]  # about what an article of 700 words gets
    with tempfile.TemporaryDirectory() as folder:
        checkpoint = Checkpoint.open(Path(folder) / ".out.checkpoint", {"model": "bench"})
        begin = time.perf_counter()
        with (Path(folder) / "out.jsonl").open("w", encoding="utf-8") as sink:
            for _, job in zip(range(rows), cycle(sample), strict=False):
                checkpoint.add(result_key(job.text, EXTRACTOR_VERSION), spans)
                sink.write(json_line({"path": job.key, "title": "", "text": job.text, "spans": spans}))
            sink.flush()
            os.fsync(sink.fileno())
        seconds = time.perf_counter() - begin
        checkpoint.remove()
    return rows / seconds


def cycle(items: list[Job]) -> Iterator[Job]:
    while True:
        yield from items


def main() -> int:
    """Run the benchmark and print the figures; returns the exit status."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--jobs", type=int, default=2, help="worker processes of each engine (default 2)")
    parser.add_argument(
        "--limit", "--articles", type=int, help="use only the first N articles (a quicker run)"
    )
    parser.add_argument(
        "--recycle-after", type=int, default=0,
        help="articles before a worker is replaced (default 0: off, so that both engines time the same "
        f"work; the pool counts it in shards of up to 32 articles; the engines' default is {RECYCLE_AFTER})",
    )  # fmt: skip
    parser.add_argument(
        "--recycle-memory", type=float, default=RECYCLE_MEMORY,
        help=f"MiB a Dask worker may grow before it is replaced (default: the engines' {RECYCLE_MEMORY})",
    )  # fmt: skip
    options = parser.parse_args()

    articles = corpus(options.limit)
    total_words = words(articles)
    shard_count = sum(1 for _ in shards(iter(articles)))
    warmup = [Job(f"warmup{n}", article.text) for n, article in enumerate(articles[: 4 * options.jobs])]
    warmup = [Job(job.key, job.text * 8) for job in warmup]  # long enough to be a shard each
    print(f"{len(articles)} articles, {total_words:,} words, {shard_count} shards; {options.jobs} workers")
    print(
        f"recycling: after {options.recycle_after or 'no count of'} articles, or (Dask) "
        f"{options.recycle_memory} MiB past a worker's settled size"
    )
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    results = {}
    for kind in ("local", "dask"):
        print(f"--engine {kind} --jobs {options.jobs}:")
        figures = timed_run(
            kind, options.jobs, articles, warmup, options.recycle_after or None, options.recycle_memory
        )
        results[kind] = figures
        rate = total_words / figures["seconds"]
        print(
            f"    {rate:,.0f} words/s ({figures['seconds']:.1f} s; start-up and warm-up "
            f"{figures['startup']:.1f} s; {figures['failed']:.0f} failed)"
        )
        growth = figures["last_quarter"] - figures["first_quarter"]
        print(
            f"    worker memory: median {figures['first_quarter']:.0f} MiB in the first quarter, "
            f"{figures['last_quarter']:.0f} MiB in the last ({growth:+.0f} MiB); "
            f"{figures['processes']:.0f} worker processes for {options.jobs} slots "
            f"({figures['processes'] - options.jobs:.0f} recycled)"
        )
    local, dask = results["local"], results["dask"]
    ratio = local["seconds"] / dask["seconds"]
    print(f"dask / local throughput: {ratio:.2f} (goal: 0.85 or more)")
    per_shard = (dask["seconds"] - local["seconds"]) / shard_count
    print(
        f"dask overhead per shard: {dask['empty_shard'] * 1000:.1f} ms round trip of an empty shard; "
        f"{per_shard * 1000:+.1f} ms per shard from the wall times"
    )
    rows = writer_rows_per_second(articles)
    words_per_article = total_words / len(articles)
    per_worker = total_words / dask["seconds"] / options.jobs
    print(f"single writer: {rows:,.0f} rows/s (JSON line + checkpoint line per article)")
    ceiling_words = rows * words_per_article
    print(
        f"scaling: {per_worker:,.0f} words/s per worker process here; N machines of C cores give about "
        f"N x C x {per_worker:,.0f} words/s until the writer's {ceiling_words:,.0f} words/s "
        f"({rows:,.0f} articles/s of {words_per_article:.0f} words), i.e. about "
        f"{ceiling_words / per_worker:,.0f} worker processes"
    )
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
