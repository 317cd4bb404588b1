"""Counts in what export and import say agree with their nouns ("1 record", "2 records"), never "(s)",
and a count of zero is left out instead of listed ("not marked: 0 overlapping span(s), 1 quote(s)")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.unit.test_export_common import annotation, span
from tui.cli import main as gloss
from tui.export import ExportItem, export_items
from tui.export.cli import nothing_to_export
from tui.export.import_cli import summary
from tui.model import Article, Span
from tui.wording import count_list, counted

TEXT = "Acme Corp hired Janet Hughes in Lagos. “We won 2 – 0,” said Hughes.\n"


def article(tmp_path: Path) -> Article:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    return Article(key=str(path), path=path, title="a", text=TEXT)


def quote() -> Span:
    start = TEXT.index("“")
    end = TEXT.index("”") + 1
    return Span(start, end, "QUOTE", "quote", TEXT[start:end])


def test_a_count_agrees_with_its_noun_and_zero_parts_are_left_out() -> None:
    assert [counted(n, "record") for n in (0, 1, 2)] == ["0 records", "1 record", "2 records"]
    assert counted(1, "conflict copy", "conflict copies") == "1 conflict copy"
    assert counted(3, "conflict copy", "conflict copies") == "3 conflict copies"
    assert count_list((0, "overlapping span"), (1, "quote")) == "1 quote"
    assert count_list((2, "number span"), (1, "quote")) == "2 number spans and 1 quote"
    assert count_list((1, "a"), (2, "b"), (3, "c")) == "1 a, 2 bs and 3 cs"
    assert count_list((0, "a"), (0, "b")) == ""


def test_the_import_summary_agrees_in_number() -> None:
    assert summary(6, 1, 1, 1) == "imported 6 spans from 1 record into 1 article (1 annotation file written)"
    assert (
        summary(1, 2, 2, 2) == "imported 1 span from 2 records into 2 articles (2 annotation files written)"
    )
    assert summary(0, 0, 0, 0) == "imported 0 spans from 0 records"


def test_gloss_import_prints_one_record_and_one_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    spans = [span(TEXT, phrase, label) for phrase, label in
             [("Acme Corp", "ORG"), ("Janet Hughes", "PERSON"), ("Lagos", "GPE")]]  # fmt: skip
    task = {"text": TEXT, "meta": {"path": "a.txt"},
            "spans": [{"start": s.start, "end": s.end, "label": s.label} for s in spans]}  # fmt: skip
    file = tmp_path / "in.jsonl"
    file.write_text(json.dumps(task) + "\n", encoding="utf-8")
    assert gloss(["import", str(file), "--corpus", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "imported 3 spans from 1 record into 1 article (1 annotation file written)" in out
    assert "(s)" not in out


def test_the_html_note_lists_only_what_is_not_marked(tmp_path: Path) -> None:
    item = ExportItem(
        article(tmp_path), [annotation(0, span(TEXT, "Acme Corp", "ORG")), annotation(1, quote())]
    )
    report = export_items([item], "html", tmp_path / "o.html")
    (note,) = report.notes
    assert note.endswith(": not marked: 1 quote")
    assert "overlapping" not in note and "(s)" not in note


def test_the_conll_note_says_nothing_of_numbers_when_there_are_none(tmp_path: Path) -> None:
    item = ExportItem(
        article(tmp_path), [annotation(0, span(TEXT, "Acme Corp", "ORG")), annotation(1, quote())]
    )
    report = export_items([item], "conll", tmp_path / "o.conll")
    (note,) = report.notes
    assert "left out 1 quote (the jsonl, spacy and brat formats keep it)" in note
    assert "number" not in note and "(s)" not in note
    plain = ExportItem(article(tmp_path), [annotation(0, span(TEXT, "Acme Corp", "ORG"))])
    assert export_items([plain], "conll", tmp_path / "p.conll").notes == []
    two = span(TEXT, "2", "CARDINAL")
    numbers = ExportItem(article(tmp_path), [annotation(0, two), annotation(1, span(TEXT, "0", "CARDINAL"))])
    (note,) = export_items([numbers], "conll", tmp_path / "n.conll").notes
    assert "left out 2 number spans (the jsonl" in note and "quote" not in note


def test_a_bad_label_note_and_nothing_to_export_agree_in_number(tmp_path: Path) -> None:
    bad = Span(0, 9, "bad label", "entity", "Acme Corp")
    report = export_items(
        [ExportItem(article(tmp_path), [annotation(0, bad)])], "jsonl", tmp_path / "o.jsonl"
    )
    assert any("left out 1 span whose label" in note for note in report.notes), report.notes
    assert nothing_to_export(1, None) == "nothing to export: the 1 article found has no saved annotations"
    assert "none of the 3 articles" in nothing_to_export(3, None)
    assert nothing_to_export(0, None) == "nothing to export: no article was found"
