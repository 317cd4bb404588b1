"""The parts of the engines that do not need a cluster: shards, the in-order buffer, the checkpoint, and
the local process pool with an article that kills its worker (blank pipeline: no model needed)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.unit.scale_support import CRASH_MARK, RAISE_MARK, blank_factory, crashing_factory
from tui.scale import Checkpoint, EngineError, Job, Outcome, extract_shard, open_engine, result_key, shards
from tui.scale.pool import ProcessPoolEngine
from tui.scale.shards import in_order


def jobs(*sizes: int) -> list[Job]:
    return [Job(f"a{index}", "x" * size) for index, size in enumerate(sizes)]


def test_shards_are_bounded_by_size_and_count_and_a_long_text_stands_alone() -> None:
    grouped = list(shards(jobs(10, 10, 10, 100, 10, 10, 10, 10, 10), max_chars=35, max_articles=3))
    assert [[job.key for job in shard] for shard in grouped] == [
        ["a0", "a1", "a2"],
        ["a3"],
        ["a4", "a5", "a6"],
        ["a7", "a8"],
    ]
    assert list(shards([])) == []


def test_in_order_keeps_a_window_in_flight_and_yields_in_submission_order() -> None:
    events: list[str] = []

    def submit(shard: list[Job]) -> str:
        events.append(f"submit {shard[0].key}")
        return shard[0].key

    def resolve(shard: list[Job], handle: str) -> Iterator[Outcome]:
        events.append(f"resolve {handle}")
        yield Outcome(handle, [])

    work = [[job] for job in jobs(1, 2, 3, 4)]
    assert [o.key for o in in_order(work, submit, resolve, window=2)] == ["a0", "a1", "a2", "a3"]
    assert events == [
        "submit a0", "submit a1", "submit a2", "resolve a0", "submit a3", "resolve a1", "resolve a2",
        "resolve a3",
    ]  # fmt: skip


def test_in_order_cancels_what_is_in_flight_when_the_consumer_stops() -> None:
    cancelled: list[str] = []

    def resolve(shard: list[Job], handle: str) -> Iterator[Outcome]:
        yield Outcome(handle, [])

    work = [[job] for job in jobs(1, 1, 1, 1, 1)]
    stream = in_order(work, lambda shard: shard[0].key, resolve, window=3, cancel=cancelled.append)
    assert next(stream).key == "a0"
    stream.close()
    assert cancelled == ["a1", "a2", "a3"]


def test_extract_shard_gives_the_raising_article_its_message_and_the_others_their_spans() -> None:
    extractor = blank_factory(None)
    results = extract_shard(extractor, ["fine", f"bad {RAISE_MARK}", "also fine"])
    assert results[0] == [] and results[2] == []
    assert isinstance(results[1], str) and results[1].startswith("ValueError: this article makes")


def test_checkpoint_resumes_drops_a_line_cut_short_and_ignores_another_extractors(tmp_path: Path) -> None:
    path = tmp_path / ".out.checkpoint"
    identity = {"model": "m", "extractor": "1"}
    first = Checkpoint.open(path, identity)
    span = {"start": 0, "end": 3, "label": "GPE", "text": "Ban\udc80"}
    first.add("k1", [span])
    first.add("k2", [])
    first.close()
    with path.open("ab") as handle:
        handle.write(b'{"key": "k3", "spa')  # the client was killed in the middle of a line
    again = Checkpoint.open(path, identity)
    assert again.resumed == 2 and "k1" in again and "k3" not in again
    assert again.spans("k1") == [span]
    again.add("k3", [])
    again.close()
    lines = path.read_bytes().splitlines()
    assert len(lines) == 4 and all(json.loads(line) for line in lines)
    other = Checkpoint.open(path, {"model": "m", "extractor": "2"})
    assert other.resumed == 0 and "k1" not in other
    other.remove()
    assert not path.exists()


def test_result_key_is_the_texts_hash_and_the_extractor_version() -> None:
    assert result_key("abc", "1") == result_key("abc", "1") != result_key("abc", "2")
    assert result_key("abc", "1") != result_key("abd", "1")
    assert result_key("lone \ud800", "1").endswith(":1")  # a surrogate from a JSONL corpus hashes too


def test_open_engine_refuses_what_it_cannot_do() -> None:
    for kind, jobs_, scheduler in (("spark", 1, None), ("local", 0, None), ("local", 1, "tcp://x:1")):
        with pytest.raises(EngineError), open_engine(kind, jobs=jobs_, scheduler=scheduler):
            pass


def test_pool_reports_the_article_that_kills_its_worker_and_finishes_the_others() -> None:
    articles = [Job("one", "first"), Job("bad", f"x {CRASH_MARK}"), Job("two", "second")]
    articles.append(Job("raise", RAISE_MARK))
    engine = ProcessPoolEngine(None, 1, factory=crashing_factory)
    try:
        outcomes = list(engine.run(articles))
    finally:
        engine.close()
    assert [o.key for o in outcomes] == ["one", "bad", "two", "raise"]
    assert outcomes[0].spans == [] and outcomes[2].spans == []
    assert outcomes[1].spans is None and outcomes[1].error == "crashed its worker process 2 times"
    assert outcomes[3].spans is None and "ValueError" in str(outcomes[3].error)
