"""Prodigy/doccano JSONL export and ``gloss import``: checked against Prodigy's sample; round trips."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.unit.test_export_common import Corpus, annotation, corpus, key_spans, span
from tui.cli import main as gloss
from tui.export import ExportItem, export_items
from tui.model import AnnotationSet
from tui.sources import discover
from tui.store import AnnotationStore

__all__ = ["corpus"]  # the fixture, imported so pytest finds it here

SAMPLE = (
    Path(__file__).parents[2]
    / ".."
    / "shared"
    / "data"
    / "formats"
    / "annotated_news_headlines-ORG-PERSON-LOCATION-ner.jsonl"
)
PRODIGY_INTERNAL = {"_input_hash", "_task_hash", "_session_id", "_view_id"}
"""Keys Prodigy adds itself when it stores a task (``db-in`` computes the hashes)."""


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def check_task(task: dict[str, Any]) -> None:
    """What Prodigy's manual NER interface relies on, true of its own sample and of our export."""
    text = task["text"]
    for n, token in enumerate(task["tokens"]):
        assert token["id"] == n
        assert text[token["start"] : token["end"]] == token["text"]
    for s in task.get("spans", []):
        tokens = task["tokens"]
        assert tokens[s["token_start"]]["start"] == s["start"]
        assert tokens[s["token_end"]]["end"] == s["end"]  # token_end is inclusive
        assert s["token_start"] <= s["token_end"]


def types(record: dict[str, Any], keys: set[str]) -> dict[str, type]:
    return {k: type(record[k]) for k in keys}


def test_export_matches_prodigy_sample_field_by_field(corpus: Corpus, tmp_path: Path) -> None:
    if not SAMPLE.exists():
        pytest.skip(f"Prodigy sample not available at {SAMPLE} (../shared/data is absent in a user's clone)")
    sample = read_jsonl(SAMPLE)
    out = tmp_path / "out.jsonl"
    export_items(corpus.items(), "jsonl", out)
    ours = read_jsonl(out)
    assert len(ours) == 3
    for task in sample[:50]:
        check_task(task)
    reference = next(t for t in sample if t.get("spans"))
    record_keys = set(reference) - PRODIGY_INTERNAL
    token_keys = set(reference["tokens"][0])
    span_keys = {"start", "end", "token_start", "token_end", "label"}
    assert span_keys <= set(reference["spans"][0])
    for task in ours:
        check_task(task)
        assert record_keys <= set(task)
        assert types(task, record_keys) == types(reference, record_keys)
        assert task["answer"] in {t["answer"] for t in sample}
        for token in task["tokens"]:
            assert token_keys <= set(token)
            assert types(token, token_keys) == types(reference["tokens"][0], token_keys)
            assert isinstance(token["ws"], bool)
        for s in task["spans"]:
            assert types(s, span_keys) == types(reference["spans"][0], span_keys)
        assert task["label"] == [[s["start"], s["end"], s["label"]] for s in task["spans"]]  # doccano


def test_export_holds_kept_spans_and_article_identity(corpus: Corpus, tmp_path: Path) -> None:
    out = tmp_path / "exports" / "out.jsonl"
    export_items(corpus.items(), "jsonl", out)
    by_title = {t["meta"]["title"]: t for t in read_jsonl(out)}
    note = by_title["Museum returns bronze heads to Benin City"]
    assert [(s["label"], s["text"]) for s in note["spans"]] == [
        ("GPE", "Benin City"),
        ("ORG", "The Horniman Museum"),
        ("FAC", "Horniman Museum"),
        ("GPE", "London"),
        ("CARDINAL", "six"),
    ]  # Nigeria (suggested) and Wednesday (rejected) are not exported
    assert note["spans"][3]["note"] == "the capital, not Ontario"
    assert note["meta"]["path"] == "../corpus/plain-note.txt"
    lyra = by_title["Lyra probe delayed"]
    assert (lyra["meta"]["path"], lyra["meta"]["entry"]) == ("../corpus/briefs.jsonl", 2)
    harbour = by_title["Harbour town votes to rebuild its storm-wrecked pier"]
    assert harbour["meta"]["author"] == "Maria Okafor"  # the article's own metadata comes along
    quote = next(s for s in harbour["spans"] if s["label"] == "QUOTE")
    assert quote["speaker"]["text"] == "Janet Hughes" and quote["kind"] == "quote"


def test_include_suggestions_adds_suggested_never_rejected(corpus: Corpus, tmp_path: Path) -> None:
    out = tmp_path / "all.jsonl"
    assert gloss(["export", str(corpus.folder), "-f", "jsonl", "-o", str(out), "--include-suggestions"]) == 0
    labels = {s["text"] for t in read_jsonl(out) for s in t["spans"]}
    assert {"Nigeria", "Storm Edith"} <= labels
    assert "Wednesday" not in labels


def test_round_trip_export_then_import_restores_the_same_annotations(corpus: Corpus, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert gloss(["export", str(corpus.folder), "--format", "jsonl", "-o", str(out)]) == 0
    fresh = tmp_path / "fresh-store"
    assert gloss(["import", str(out), "--store", str(fresh)]) == 0
    store = AnnotationStore(fresh)
    for name in corpus.saved:
        loaded = store.load(corpus.articles[name])
        assert loaded is not None, name
        imported = list(loaded.annotations)
        assert key_spans(imported) == key_spans(corpus.kept(name)), name
        assert all(a.status == "accepted" and a.source == "human" for a in imported)
    # Importing into the store the spans came from changes nothing and duplicates nothing.
    before = {n: key_spans(list(corpus.saved[n])) for n in corpus.saved}
    assert gloss(["import", str(out)]) == 0
    home = AnnotationStore.for_article_path(corpus.folder)
    for name in corpus.saved:
        loaded = home.load(corpus.articles[name])
        assert loaded is not None
        assert key_spans(list(loaded.annotations)) == before[name]
        statuses = {a.id: (a.source, a.status) for a in corpus.saved[name]}
        assert {a.id: (a.source, a.status) for a in loaded.annotations} == statuses


def test_span_inside_a_token_is_widened_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Kursk's governor resigned on Monday.\n", encoding="utf-8")
    ((entry,), _) = discover([path])
    article = entry.load()
    item = ExportItem(article, [annotation(0, span(article.text, "Kurs", "GPE"))])
    report = export_items([item], "jsonl", tmp_path / "o.jsonl")
    (task,) = read_jsonl(tmp_path / "o.jsonl")
    assert [(s["start"], s["end"], s["text"]) for s in task["spans"]] == [(0, 5, "Kursk")]
    assert any("widened" in note for note in report.notes)


def test_import_plain_doccano_file_annotates_its_own_lines(tmp_path: Path) -> None:
    doccano = tmp_path / "doccano.jsonl"
    records = [
        {"text": "Angela Merkel visited Paris.", "label": [[0, 13, "PERSON"], [22, 27, "GPE"]]},
        {"text": "No entities here.", "label": []},
        {
            "id": 7,
            "text": "Acme Corp hired 40 people.",
            "entities": [{"id": 1, "label": "ORG", "start_offset": 0, "end_offset": 9}],
        },
    ]
    doccano.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    assert gloss(["import", str(doccano)]) == 0
    entries, _ = discover([doccano])
    store = AnnotationStore.for_article_path(doccano)
    found = {}
    for entry in entries:
        loaded = store.load(entry.load())
        found[entry.key.rsplit("#", 1)[1]] = (
            [] if loaded is None else [(a.label, a.span.text) for a in loaded.annotations]
        )
    assert found == {
        "1": [("PERSON", "Angela Merkel"), ("GPE", "Paris")],
        "2": [],
        "3": [("ORG", "Acme Corp")],
    }


def test_import_reports_bad_lines_and_imports_the_rest(
    corpus: Corpus, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.jsonl"
    export_items(corpus.items(), "jsonl", out)
    tasks = read_jsonl(out)
    changed = dict(tasks[0], text=tasks[0]["text"].replace("September", "October"))
    off_text = dict(tasks[1], spans=[{"start": 0, "end": 9999, "label": "ORG"}])
    rejected = dict(tasks[2], answer="reject")
    lines = [
        json.dumps(changed),
        "{not json",
        json.dumps(off_text),
        json.dumps(rejected),
        json.dumps(tasks[2]),
    ]
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    fresh = tmp_path / "fresh"
    assert gloss(["import", str(bad), "--store", str(fresh)]) == 1
    err = capsys.readouterr().err
    assert f"{bad} line 1: its text is not the text of" in err
    assert f"{bad} line 2: not valid JSON" in err
    assert f"{bad} line 3: span offsets 0..9999 are not inside the text" in err
    assert "line 4" not in err and "line 5" not in err
    assert len(list(fresh.glob("*.json"))) == 1


def test_export_with_nothing_saved_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text("Nothing annotated here.\n", encoding="utf-8")
    assert gloss(["export", str(tmp_path), "-o", str(tmp_path / "x.jsonl")]) == 1
    assert "nothing to export" in capsys.readouterr().err
    assert not (tmp_path / "x.jsonl").exists()


def test_export_format_follows_the_output_name(corpus: Corpus, tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        gloss(["export", str(corpus.folder), "-o", str(tmp_path / "out.weird")])
    assert gloss(["export", str(corpus.folder), "-o", str(tmp_path / "out.jsonl")]) == 0
    assert len(read_jsonl(tmp_path / "out.jsonl")) == 3


def test_annotations_saved_for_an_enclosing_folder_are_found_and_imported_back(tmp_path: Path) -> None:
    """The reader opened on ``news/`` keeps ``news/.gloss``; exporting ``news/world`` still finds it."""
    sub = tmp_path / "news" / "world"
    sub.mkdir(parents=True)
    path = sub / "a.txt"
    path.write_text("Acme Corp opened an office in Lagos.\n", encoding="utf-8")
    ((entry,), _) = discover([path])
    article = entry.load()
    store = AnnotationStore.for_article_path(tmp_path / "news")
    saved = AnnotationSet(article.text, [annotation(0, span(article.text, "Lagos", "GPE"))])
    store.save(article, saved, model=None, extractor_version=None)
    out = tmp_path / "out.jsonl"
    assert gloss(["export", str(sub), "-o", str(out)]) == 0
    (task,) = read_jsonl(out)
    task["spans"].append({"start": 0, "end": 9, "label": "ORG"})
    out.write_text(json.dumps(task) + "\n", encoding="utf-8")
    assert gloss(["import", str(out)]) == 0
    assert not (sub / ".gloss").exists()
    loaded = store.load(article)
    assert loaded is not None
    assert [(a.label, a.span.text) for a in loaded.annotations] == [("ORG", "Acme Corp"), ("GPE", "Lagos")]


def test_doccano_labels_accept_existing_spans_without_losing_speakers_or_values(
    corpus: Corpus, tmp_path: Path
) -> None:
    article = corpus.articles["harbour-vote.md"]
    saved = {a.label: a for a in corpus.saved["harbour-vote.md"]}
    quote, money, storm = saved["QUOTE"], saved["MONEY"], saved["EVENT"]
    record = {
        "text": article.text,
        "meta": {"path": "corpus/harbour-vote.md"},
        "label": [[a.start, a.end, a.label] for a in (quote, money, storm)],
    }
    doccano = tmp_path / "doccano.jsonl"
    doccano.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert gloss(["import", str(doccano)]) == 0
    loaded = AnnotationStore.for_article_path(corpus.folder).load(article)
    assert loaded is not None
    after = {a.id: a for a in loaded.annotations}
    assert after[quote.id].span.speaker == quote.span.speaker
    assert after[money.id].span.value == 4_200_000.0
    assert after[storm.id].status == "accepted"  # the suggestion was accepted by the import
    assert len(after) == len(corpus.saved["harbour-vote.md"])


def test_import_leaves_a_corrupt_annotation_file_alone_and_imports_the_rest(
    corpus: Corpus, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.jsonl"
    export_items(corpus.items(), "jsonl", out)
    store = AnnotationStore.for_article_path(corpus.folder)
    broken = store.path_for(corpus.articles["plain-note.txt"])
    broken.write_text("{ not json", encoding="utf-8")
    assert gloss(["import", str(out)]) == 1
    assert str(broken) in capsys.readouterr().err
    assert broken.read_text(encoding="utf-8") == "{ not json"
    assert store.load(corpus.articles["harbour-vote.md"]) is not None


def test_export_skips_a_corrupt_annotation_file_and_names_it(
    corpus: Corpus, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = AnnotationStore.for_article_path(corpus.folder)
    broken = store.path_for(corpus.articles["briefs.jsonl#2"])
    broken.write_bytes(b"\x00\x01garbage")
    out = tmp_path / "out.jsonl"
    assert gloss(["export", str(corpus.folder), "-o", str(out)]) == 0
    assert str(broken) in capsys.readouterr().err
    assert {t["meta"]["title"] for t in read_jsonl(out)} == {
        "Museum returns bronze heads to Benin City",
        "Harbour town votes to rebuild its storm-wrecked pier",
    }
    assert broken.read_bytes() == b"\x00\x01garbage"
