"""``gloss index`` and ``gloss corpus`` as commands: real files, a real (blank, rule-based) spaCy
pipeline loaded by ``--model``, the JSON Lines output checked field by field, CSV and tables."""

from __future__ import annotations

import csv
import functools
import io
import json
from pathlib import Path
from typing import Any

import pytest

from tests.corpus_support import write
from tests.unit.scale_support import ctrl_c_while_freeing_factory
from tui import scale
from tui.cli import main
from tui.model import AnnotationSet, Article, Change, Speaker
from tui.scale.interrupt import EXIT_INTERRUPTED
from tui.store import AnnotationStore

TROOPS = (
    "Troops sent\nMonday, May 4, 2020\nNorth Korea sent 15,000 troops, officials said. "
    "“We will not give up our weapons, whatever the cost,” said Kim Jong Un. The parade was cancelled.\n"
)
FEWER = "Fewer troops\nTuesday, May 5, 2020\nNorth Korea sent 12,000 troops, a report said.\n"
HOSTILE = (
    "Markup [bold red]here[/] and \x1b[31mescape\x1b[0m\nNorth Korea denied it \x1b]0;pwned\x07loudly.\n"
)


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A blank English pipeline with an entity ruler, saved where ``--model`` can load it."""
    import spacy  # the blank pipeline loads in well under a second

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(  # type: ignore[attr-defined]
        [{"label": "GPE", "pattern": "North Korea"}, {"label": "PERSON", "pattern": "Kim Jong Un"}]
    )
    folder = tmp_path_factory.mktemp("model") / "rules"
    nlp.to_disk(folder)
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, model: Path) -> Path:
    folder = tmp_path_factory.mktemp("news")
    write(folder, "troops.txt", TROOPS)
    write(folder, "fewer.txt", FEWER)
    write(folder, "hostile.txt", HOSTILE)
    assert main(["index", str(folder), "--model", str(model)]) == 0
    return folder


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def json_lines(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines()]


def test_index_prints_a_summary_and_a_rerun_extracts_nothing(
    corpus: Path, model: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "index", str(corpus), "--model", str(model))
    assert status == 0 and err == ""
    assert out.startswith("3 articles: 0 extracted, 3 unchanged (index: ")
    assert out.rstrip().endswith(f"{corpus / '.gloss' / 'index.sqlite'})")


def test_index_reports_an_engine_that_is_not_available(
    tmp_path: Path, model: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, "a.txt", FEWER)
    with pytest.raises(SystemExit) as refused:  # refused by the parser, before any work
        main(["index", str(tmp_path), "--model", str(model), "--jobs", "0"])
    out, err = capsys.readouterr()
    assert refused.value.code == 2 and out == ""
    assert err.splitlines()[-1] == "gloss index: error: argument --jobs/-j: must be 1 or more, not 0"
    assert not (tmp_path / ".gloss").exists()
    status, _, err = run(capsys, "index", str(tmp_path), "--model", str(tmp_path / "no-such-model"))
    assert status == 2 and "no-such-model" in err and "not installed" in err


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # the dropped interrupt
def test_a_ctrl_c_stops_the_index_with_one_line_and_a_rerun_carries_on(
    tmp_path: Path, model: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for number in range(5):
        write(tmp_path, f"{number}.txt", f"Report {number}\nNorth Korea sent {number},000 troops.\n")
    freeing = functools.partial(scale.open_engine, factory=ctrl_c_while_freeing_factory)
    monkeypatch.setattr(scale, "open_engine", freeing)
    status, out, err = run(capsys, "index", str(tmp_path), "--model", str(model))
    assert status == EXIT_INTERRUPTED and out == ""
    [line] = err.splitlines()
    assert line.startswith("gloss index: interrupted; the 0 articles committed are kept in ")
    assert line.endswith("and a rerun carries on from there")
    monkeypatch.undo()
    status, out, _ = run(capsys, "index", str(tmp_path), "--model", str(model))
    assert status == 0 and out.startswith("5 articles: 5 extracted, 0 unchanged")


def test_entities_as_json_lines(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "corpus", "entities", str(corpus), "--json")
    assert status == 0
    rows = json_lines(out)
    assert rows[0] == {
        "ident": "north korea",
        "name": "North Korea",
        "label": "GPE",
        "articles": 3,
        "mentions": 3,
    }
    assert {
        "ident": "kim jong un",
        "name": "Kim Jong Un",
        "label": "PERSON",
        "articles": 1,
        "mentions": 1,
    } in rows
    status, out, _ = run(capsys, "corpus", "entities", "--label", "PERSON", str(corpus), "--json")
    assert [row["ident"] for row in json_lines(out)] == ["kim jong un"]


def test_mentions_as_json_lines(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys, "corpus", "mentions", "north KOREA", "--store", str(corpus / ".gloss"), "--json"
    )
    assert status == 0
    rows = json_lines(out)
    assert [row["key"] for row in rows] == [
        "fewer.txt",
        "troops.txt",
        "hostile.txt",
    ]  # newest first, undated last
    first = rows[0]
    assert first == {
        "entity": "North Korea",
        "ident": "north korea",
        "key": "fewer.txt",
        "title": "Fewer troops",
        "date": "2020-05-05",
        "start": FEWER.index("North Korea"),
        "end": FEWER.index("North Korea") + len("North Korea"),
        "text": "North Korea",
        "context": "North Korea sent 12,000 troops, a report said.",
    }
    status, _, err = run(capsys, "corpus", "mentions", "Nobody Here", str(corpus))
    assert status == 1 and "no entity called 'Nobody Here'" in err


def test_numbers_and_conflicts_as_json_lines(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "corpus", "numbers", "--noun", "troops", str(corpus), "--json")
    assert status == 0
    rows = json_lines(out)
    assert [row["figure"] for row in rows] == ["12,000 troops", "15,000 troops"]
    big = rows[1]
    start = TROOPS.index("15,000")
    assert big == {
        "value": 15000.0,
        "text": "15,000",
        "label": "CARDINAL",
        "noun": "troops",
        "figure": "15,000 troops",
        "about": "north korea",
        "sentence": "North Korea sent 15,000 troops, officials said.",
        "speaker": None,
        "key": "troops.txt",
        "title": "Troops sent",
        "date": "2020-05-04",
        "start": start,
        "end": start + 6,
    }
    status, out, _ = run(capsys, "corpus", "numbers", "--conflicts", str(corpus), "--json")
    conflicts = json_lines(out)
    assert {(row["noun"], row["about_name"], row["value"], row["key"]) for row in conflicts} == {
        ("troops", "North Korea", 12000.0, "fewer.txt"),
        ("troops", "North Korea", 15000.0, "troops.txt"),
    }


def test_search_as_json_lines_and_csv(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "corpus", "search", "parade", str(corpus), "--json")
    assert status == 0
    (hit,) = json_lines(out)
    assert set(hit) == {"key", "title", "date", "offset", "snippet", "highlights"}
    assert (hit["key"], hit["title"], hit["date"]) == ("troops.txt", "Troops sent", "2020-05-04")
    assert hit["offset"] == TROOPS.index("parade")
    start, end = hit["highlights"][0]
    assert hit["snippet"][start:end] == "parade"
    status, out, _ = run(capsys, "corpus", "search", "troops", str(corpus), "--csv")
    table = list(csv.reader(io.StringIO(out)))
    assert table[0] == ["title", "date", "key", "offset", "snippet"]
    assert {row[2] for row in table[1:]} == {"troops.txt", "fewer.txt"}
    status, _, err = run(capsys, "corpus", "search", "zebra", str(corpus))
    assert status == 1 and err == "gloss corpus: nothing found\n"


def test_quotes_as_json_lines_with_a_speaker_the_person_linked(
    tmp_path: Path, model: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "troops.txt", TROOPS)
    from tui.extract import Extractor

    extractor = Extractor.load(str(model))
    annotations = AnnotationSet.from_suggestions(TROOPS, extractor.extract(TROOPS))
    quote = next(a for a in annotations if a.kind == "quote")
    name = TROOPS.index("Kim Jong Un")
    linked = quote.span.evolve(speaker=Speaker(name, name + 11, "Kim Jong Un"), cue="said")
    annotations.apply("link speaker", [Change(quote, quote.evolve(span=linked, status="accepted"))])
    article = Article(key=str(path), path=path, title="Troops sent", text=TROOPS)
    AnnotationStore.for_article_path(tmp_path).save(article, annotations, model="m", extractor_version="v")
    assert main(["index", str(tmp_path), "--model", str(model)]) == 0
    capsys.readouterr()

    status, out, _ = run(capsys, "corpus", "quotes", str(tmp_path), "--json")
    assert json_lines(out) == [{"speaker": "Kim Jong Un", "ident": "kim jong un", "quotes": 1, "articles": 1}]
    status, out, _ = run(capsys, "corpus", "quotes", "--speaker", "kim jong un", str(tmp_path), "--json")
    (row,) = json_lines(out)
    assert row == {
        "speaker": "Kim Jong Un",
        "speaker_text": "Kim Jong Un",
        "speaker_ident": "kim jong un",
        "quote": "“We will not give up our weapons, whatever the cost,”",
        "cue": "said",
        "key": "troops.txt",
        "title": "Troops sent",
        "date": "2020-05-04",
        "start": quote.start,
        "end": quote.end,
    }
    status, out, err = run(capsys, "corpus", "quotes", "--unattributed", str(tmp_path), "--json")
    assert status == 1 and err == "gloss corpus: nothing found\n"


def test_a_table_shows_article_text_as_data(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "corpus", "mentions", "North Korea", str(corpus), "--limit", "0")
    assert status == 0
    assert "Markup [bold red]here[/" in out  # markup in a title is shown, not applied
    assert "\x1b]0;" not in out and "\x07" not in out  # the article's escapes are not sent
    assert "North Korea denied it \ufffd]0;pwned\ufffdloudly." in out
    assert "North Korea sent 12,000 troops" in " ".join(out.split())  # the context column has room


def test_corpus_needs_paths_or_a_store_and_an_index(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["corpus", "entities"])
    assert exit_info.value.code == 2
    status, _, err = run(capsys, "corpus", "entities", str(tmp_path))
    assert status == 2 and "no index here (run gloss index first)" in err


def test_gloss_corpus_reads_the_index_of_the_store_gloss_index_wrote(
    tmp_path: Path, model: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "news", "troops.txt", TROOPS)
    elsewhere = tmp_path / "elsewhere"
    assert main(["index", str(tmp_path / "news"), "--model", str(model), "--store", str(elsewhere)]) == 0
    capsys.readouterr()
    status, out, _ = run(capsys, "corpus", "entities", str(tmp_path / "news"), "--store", str(elsewhere),
                         "--json")  # fmt: skip
    assert status == 0 and "north korea" in out
    status, _, err = run(capsys, "corpus", "entities", str(tmp_path / "news" / "troops.txt"), "--json")
    assert status == 2 and f"{tmp_path / 'news' / '.gloss' / 'index.sqlite'}: no index here" in err
