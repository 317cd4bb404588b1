"""Exports the reader proposes beside the articles are not listed as more articles.

The export dialog proposes ``kursk-annotations.jsonl`` (``.html``, a ``-brat`` folder) in the articles'
folder; the next ``gloss FOLDER`` listed each as another copy of the article ("Gloss: 1 annotated
article" first of all), and annotations got saved against the copies.
"""

from __future__ import annotations

import json
from pathlib import Path

from tui.sources.discover import is_export, scan

TEXT = "Talks in Kursk\n\nThe governor spoke on Monday.\n"


def corpus_with_exports(folder: Path) -> Path:
    folder.mkdir()
    (folder / "kursk.txt").write_text(TEXT, encoding="utf-8")
    task = {"text": TEXT, "spans": [{"start": 9, "end": 14, "label": "GPE"}], "meta": {"title": "Talks"}}
    (folder / "kursk-annotations.jsonl").write_text(json.dumps(task) + "\n", encoding="utf-8")
    (folder / "gloss-annotations.html").write_text(
        "<html><head><title>Gloss: 1 annotated article</title></head>"
        "<body><p>Talks in Kursk</p></body></html>",
        encoding="utf-8",
    )
    brat = folder / "kursk-annotations-brat"
    brat.mkdir()
    (brat / "kursk.txt").write_text(TEXT, encoding="utf-8")
    (brat / "kursk.ann").write_text("T1\tGPE 9 14\tKursk\n", encoding="utf-8")
    (brat / "annotation.conf").write_text("[entities]\nGPE\n", encoding="utf-8")
    return folder


def test_a_folder_scan_lists_the_article_once_and_says_what_it_skipped(tmp_path: Path) -> None:
    folder = corpus_with_exports(tmp_path / "news")
    found = scan([folder])
    assert [entry.path.name for entry in found.entries] == ["kursk.txt"]
    skipped = "\n".join(found.skipped)
    assert "kursk-annotations.jsonl: skipped (an export of annotations; name it to read it)" in skipped
    assert "gloss-annotations.html: skipped (an export" in skipped
    assert "kursk-annotations-brat: skipped (a brat collection; name it to read it)" in skipped


def test_an_export_named_directly_is_read(tmp_path: Path) -> None:
    folder = corpus_with_exports(tmp_path / "news")
    found = scan([folder / "kursk-annotations.jsonl", folder / "kursk-annotations-brat"])
    assert found.problems == [] and found.skipped == []
    assert len(found.entries) == 2  # the JSONL task and the brat folder's text, asked for by name


def test_only_the_names_the_dialog_proposes_count_as_exports() -> None:
    assert is_export("kursk-annotations.jsonl") and is_export("gloss-annotations.HTML")
    assert not is_export("annotations.jsonl")  # no stem before the suffix the dialog adds
    assert not is_export("kursk-annotations.txt")  # the dialog never writes a .txt
    assert not is_export("court-annotations-ruling.html")
