"""The acceptance on seeds/ with the real model: ``gloss index seeds/``, then the corpus queries find
Xi Jinping with his articles, Youngjun Kim's quote, "15,000 troops" and the parade.

One index build of the 25 seed articles (copied, so that the repository's seeds/ gets no .gloss/) is
shared by the module: extracting them takes several seconds.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tui.cli import main

SEEDS = Path(__file__).parents[2] / "seeds"


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("copy") / "seeds"
    shutil.copytree(SEEDS, folder)
    assert main(["index", str(folder)]) == 0
    return folder


def query(capsys: pytest.CaptureFixture[str], seeds: Path, *argv: str) -> list[dict[str, Any]]:
    capsys.readouterr()
    assert main(["corpus", *argv, str(seeds), "--json", "--limit", "0"]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_entities_list_xi_jinping_with_his_articles(seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (xi,) = [
        row for row in query(capsys, seeds, "entities", "--label", "PERSON") if row["name"] == "Xi Jinping"
    ]
    assert xi["ident"] == "xi jinping" and xi["mentions"] > 1  # the bare "Xi"s merged with the full name
    mentions = query(capsys, seeds, "mentions", "President Xi Jinping")
    assert "beijing-summit.txt" in {row["key"] for row in mentions}
    assert len({row["key"] for row in mentions}) == xi["articles"]
    assert len(mentions) == xi["mentions"]
    text = (seeds / "beijing-summit.txt").read_text(encoding="utf-8")
    assert all(
        text[row["start"] : row["end"]] == row["text"]
        for row in mentions
        if row["key"] == "beijing-summit.txt"
    )


def test_who_said_what_lists_youngjun_kims_quote(seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    speakers = {row["speaker"]: row for row in query(capsys, seeds, "quotes")}
    assert speakers["Youngjun Kim"]["quotes"] >= 1
    quotes = query(capsys, seeds, "quotes", "--speaker", "Youngjun Kim")
    assert any("trilateral military exercises" in row["quote"] for row in quotes)
    assert {(row["key"], row["cue"]) for row in quotes} == {("beijing-summit.txt", "wrote")}


def test_the_numbers_ledger_lists_15000_troops(seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = query(capsys, seeds, "numbers", "--noun", "troops")
    (troops,) = [row for row in rows if row["figure"] == "15,000 troops"]
    assert (troops["value"], troops["key"]) == (15000.0, "beijing-summit.txt")
    assert "15,000 troops" in troops["sentence"]


def test_search_for_parade_finds_the_seed_article_with_a_snippet(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hits = {row["key"]: row for row in query(capsys, seeds, "search", "parade")}
    hit = hits["beijing-summit.txt"]
    start, end = hit["highlights"][0]
    assert hit["snippet"][start:end].lower() == "parade"
    text = (seeds / "beijing-summit.txt").read_text(encoding="utf-8")
    assert text[hit["offset"] : hit["offset"] + 6].lower() == "parade"
