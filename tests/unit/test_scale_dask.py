"""The Dask engine on a real ``LocalCluster`` of two worker processes (real model where output matters).

One cluster serves the whole module (each worker loads spaCy). Waiting is on files and processes with
bounded timeouts, never on sleeps sized for the machine.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.unit.scale_support import (
    CRASH_MARK,
    UNITED_NATIONS,
    blank_factory,
    crashing_factory,
    ruler_factory,
)
from tui.extract import cli
from tui.scale import EngineError, Job, open_engine
from tui.scale.shards import SHARD_CHARS

pytest.importorskip("distributed", reason="the dask extra is not installed (make test installs it)")

from tui.scale.dask_engine import local_cluster

pytestmark = [pytest.mark.model, pytest.mark.xdist_group("dask-cluster")]

ROOT = Path(__file__).parents[2]
SEEDS = ROOT / "seeds"
TIMEOUT = 120.0
"""Upper bound for anything the tests wait for (a loaded machine is slow, a hung one is a failure)."""


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    """Two single-threaded worker processes, set up as ``--engine dask`` sets up its own."""
    with local_cluster(2) as running:
        yield running


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A mixed corpus: a long text (many chunks, its own shard), an empty one, a JSONL corpus with an
    unencodable surrogate, and enough short articles to make several shards."""
    root = tmp_path_factory.mktemp("mixed")
    paragraph = (
        "Angela Merkel met 3 ministers in Berlin on Monday. “We will not give in,” she said.\n\n"
        "The talks, which cost $4.5 million, ended at 6 p.m. after 12 hours.\n\n"
    )
    (root / "a_long.txt").write_text(paragraph * 300, encoding="utf-8")  # about 45,000 characters
    (root / "b_empty.txt").write_text("", encoding="utf-8")
    records = [{"text": "Ana Ruiz flew to Lima.\ud800"}, {"text": "Paris had 2 million visitors."}]
    (root / "c_corpus.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    for number in range(40):
        (root / f"d_short_{number:02}.txt").write_text(
            f"Report {number}: John Smith said {number + 2} people left Madrid in {1990 + number}.",
            encoding="utf-8",
        )
    return root


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The output of one uninterrupted in-process run (``--engine local --jobs 1``)."""
    out = tmp_path_factory.mktemp("reference") / "local.jsonl"
    assert cli.main([str(SEEDS), str(corpus), "-o", str(out)]) == 0
    return out.read_bytes()


def dask_args(cluster: Any, out: Path, corpus: Path) -> list[str]:
    address = cluster.scheduler_address
    return [str(SEEDS), str(corpus), "--engine", "dask", "--scheduler", address, "-o", str(out)]


def checkpointed(out: Path) -> int:
    """Finished articles in the checkpoint beside ``out`` (complete lines after the header)."""
    path = out.with_name(f".{out.name}.checkpoint")
    data = path.read_bytes() if path.exists() else b""
    return max(0, data.count(b"\n") - 1)


def wait_for(condition: Callable[[], bool], what: str) -> None:
    """Poll ``condition`` until it holds, failing after :data:`TIMEOUT`."""
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.01)


def test_dask_output_is_byte_identical_to_the_local_engine(
    cluster: Any, corpus: Path, reference: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "dask.jsonl"
    assert cli.main(dask_args(cluster, out, corpus)) == 0
    assert out.read_bytes() == reference
    assert len(reference.splitlines()) == 25 + 1 + 1 + 2 + 40
    assert not out.with_name(f".{out.name}.checkpoint").exists()  # removed once the output is in place
    assert capsys.readouterr().out == ""


def test_a_client_killed_mid_run_resumes_and_extracts_only_what_is_missing(
    cluster: Any, corpus: Path, reference: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "killed.jsonl"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    client = subprocess.Popen(
        [sys.executable, "-m", "tui", "extract", *dask_args(cluster, out, corpus)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        wait_for(lambda: checkpointed(out) >= 2 or client.poll() is not None, "the first finished articles")
        client.send_signal(signal.SIGKILL)
    finally:
        client.wait(TIMEOUT)
    assert client.returncode == -signal.SIGKILL, client.stderr.read() if client.stderr else ""
    done = checkpointed(out)
    total = len(reference.splitlines())
    assert 2 <= done < total and not out.exists()

    assert cli.main(dask_args(cluster, out, corpus)) == 0
    err = capsys.readouterr().err
    assert f"resuming: {done} finished articles" in err
    assert f"extracted {total - done} articles, {done} were checkpointed" in err
    assert out.read_bytes() == reference


def test_a_worker_killed_mid_run_is_replaced_and_the_output_is_the_same(
    cluster: Any, corpus: Path, reference: bytes, tmp_path: Path
) -> None:
    from distributed import Client

    with Client(cluster.scheduler_address) as observer:
        pids = list(observer.run(os.getpid).values())
    out = tmp_path / "worker.jsonl"
    killed = threading.Event()

    def kill_a_worker() -> None:
        deadline = time.monotonic() + TIMEOUT
        while checkpointed(out) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        if checkpointed(out) < len(reference.splitlines()):
            os.kill(pids[0], signal.SIGKILL)
            killed.set()

    killer = threading.Thread(target=kill_a_worker)
    killer.start()
    try:
        status = cli.main(dask_args(cluster, out, corpus))
    finally:
        killer.join(TIMEOUT)
    assert killed.is_set(), "the run ended before a worker could be killed"
    assert status == 0
    assert out.read_bytes() == reference


def test_an_article_that_crashes_its_worker_is_reported_and_the_rest_written(
    cluster: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "crash"
    folder.mkdir()
    crasher = f"the {CRASH_MARK} one " + "padding " * SHARD_CHARS  # a shard of its own: crashes only it
    for name, text in (("a.txt", "first"), ("b.txt", crasher), ("c.txt", "third")):
        (folder / name).write_text(text, encoding="utf-8")
    monkeypatch.setattr(cli, "open_engine", functools.partial(open_engine, factory=crashing_factory))
    out = tmp_path / "crash.jsonl"
    status = cli.main([str(folder), "--scheduler", cluster.scheduler_address, "-o", str(out)])
    err = capsys.readouterr().err
    assert status == cli.EXIT_FAILED_FILES
    assert f"failed {folder / 'b.txt'}: crashed its Dask worker 2 times" in err
    written = [Path(json.loads(line)["path"]).name for line in out.read_text().splitlines()]
    assert written == ["a.txt", "c.txt"]


def test_without_a_scheduler_it_starts_a_cluster_says_where_and_recycles_workers() -> None:
    from tui.scale.dask_engine import DaskEngine

    notes: list[str] = []
    batch = [Job(f"a{n}", f"Article {n}.") for n in range(3)]
    with open_engine("dask", jobs=1, factory=blank_factory, recycle_after=2, log=notes.append) as engine:
        [note] = notes
        assert note.startswith("Dask scheduler tcp://") and "dashboard http://" in note
        assert isinstance(engine, DaskEngine)
        [first] = engine.client.run(os.getpid).values()
        assert [o.key for o in engine.run(batch)] == ["a0", "a1", "a2"]

        def replaced() -> bool:
            # A worker asked while it retires fails the broadcast (CommClosedError): not counted, asked again
            pids = set(engine.client.run(os.getpid, on_error="ignore").values())
            return bool(pids) and first not in pids

        # three articles passed recycle_after=2: the worker hands off and its nanny starts a new one
        wait_for(replaced, "a recycled worker")
        outcomes = list(engine.run(batch))  # the new worker loaded the extractor again
        assert [o.key for o in outcomes] == ["a0", "a1", "a2"]
        assert all(o.spans is not None for o in outcomes)


def test_a_missing_dask_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    import tui.scale

    monkeypatch.setitem(sys.modules, "tui.scale.dask_engine", None)  # what an uninstalled extra looks like
    monkeypatch.delattr(tui.scale, "dask_engine", raising=False)
    missing = r"^the dask engine needs dask\[distributed\]: pip install"
    with pytest.raises(EngineError, match=missing), open_engine("dask", jobs=1):
        pass


def test_gloss_index_runs_on_the_dask_engine(
    cluster: Any, reference: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.corpus import index_cli

    address = cluster.scheduler_address
    args = [str(SEEDS), "--engine", "dask", "--scheduler", address, "--store", str(tmp_path)]
    assert index_cli.main(args) == 0
    assert "25 articles: 25 extracted, 0 unchanged" in capsys.readouterr().out
    with sqlite3.connect(tmp_path / "index.sqlite") as connection:
        [(articles,)] = connection.execute("SELECT count(*) FROM articles")
        [(spans,)] = connection.execute("SELECT count(*) FROM spans")
    seeds = [json.loads(line) for line in reference.splitlines()][:25]
    assert articles == 25 and spans == sum(len(record["spans"]) for record in seeds)
    assert index_cli.main(args) == 0  # the rerun extracts nothing
    assert "25 articles: 0 extracted, 25 unchanged" in capsys.readouterr().out


def test_the_convention_reaches_the_pool_and_the_dask_workers(cluster: Any) -> None:
    batch = [Job(f"a{n}", f"On day {n}, {UNITED_NATIONS} met in Geneva.") for n in range(3)]

    def spans(kind: str, convention: str, **options: Any) -> list[Any]:
        with open_engine(kind, convention=convention, factory=ruler_factory, **options) as engine:
            return [outcome.spans for outcome in engine.run(batch)]

    local = {convention: spans("local", convention) for convention in ("ontonotes", "conll")}
    assert [span.text for span in local["ontonotes"][0]] == ["the United Nations"]
    assert [span.text for span in local["conll"][0]] == ["United Nations"]  # the article is not the name
    for convention, expected in local.items():
        assert spans("local", convention, jobs=2) == expected, convention
        assert spans("dask", convention, scheduler=cluster.scheduler_address) == expected, convention


def test_workers_recycled_mid_run_lose_and_repeat_no_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    padding = "More talks followed. " * ((SHARD_CHARS // 4 - 200) // 21)  # four fill a shard
    for number in range(40):
        text = f"Report {number}: " + "x " * number + f"{UNITED_NATIONS} met.\n\n{padding}"
        (folder / f"{number:02}.txt").write_text(text, encoding="utf-8")
    monkeypatch.setattr(cli, "open_engine", functools.partial(open_engine, factory=ruler_factory))
    local = tmp_path / "local.jsonl"
    assert cli.main([str(folder), "-o", str(local)]) == 0
    from distributed import Client

    # a cluster of its own: recycling restarts workers, and a worker that starts loads every plugin
    # registered on its cluster (the model of the other tests included)
    with local_cluster(2) as own, Client(own.scheduler_address) as observer:
        out = tmp_path / "dask.jsonl"
        args = [str(folder), "--scheduler", own.scheduler_address, "--recycle-after", "8", "-o", str(out)]
        assert cli.main(args) == 0
        retired = [
            address
            for _, event in observer.get_events("all")
            if isinstance(event, dict) and event.get("action") == "retire-workers"
            for address in event.get("retired", ())
        ]
        assert len(retired) >= 2, retired  # ten shards of four, a worker replaced after every two
    assert out.read_bytes() == local.read_bytes()
    assert len(out.read_bytes().splitlines()) == 40
    assert "failed" not in capsys.readouterr().err


def test_a_worker_is_due_for_recycling_after_its_articles_or_once_it_outgrows_its_allowance(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tui.scale import dask_engine

    by_count = dask_engine.ExtractorPlugin(None, blank_factory, recycle_after=64)
    by_count.counted(32)
    assert not by_count.due
    by_count.counted(32)
    assert by_count.due

    sizes = iter([300.0, 200.0, 240.0, 251.0])  # growth counts from the smallest size after a shard
    monkeypatch.setattr(dask_engine, "resident_mib", lambda: next(sizes))
    by_memory = dask_engine.ExtractorPlugin(None, blank_factory, recycle_after=None, recycle_memory=50)
    for expected in (False, False, False, True):
        by_memory.counted(32)
        assert by_memory.due is expected
    assert by_memory.name != dask_engine.ExtractorPlugin(None, blank_factory, None, recycle_memory=60).name


def test_gloss_index_seeds_with_the_dask_engine_on_a_fresh_folder(tmp_path: Path) -> None:
    """The issue's acceptance: `gloss index seeds/ --engine dask` starts its own cluster and indexes."""
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds, ignore=shutil.ignore_patterns(".gloss"))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    command = [sys.executable, "-m", "tui", "index", str(seeds), "--engine", "dask", "--jobs", "1"]
    done = subprocess.run(command, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=TIMEOUT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("25 articles: 25 extracted, 0 unchanged"), done.stdout
    with sqlite3.connect(seeds / ".gloss" / "index.sqlite") as connection:
        keys = {key for (key,) in connection.execute("SELECT key FROM articles")}
        [(spans,)] = connection.execute("SELECT count(*) FROM spans")
    assert keys == {path.relative_to(seeds).as_posix() for path in seeds.rglob("*.txt")}
    assert spans > 25 * 5  # the model ran: every seed article has names, numbers or quotes
