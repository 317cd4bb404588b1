"""The ``.spacy`` export read back by spaCy: ``DocBin().from_disk``, ``spacy debug data``, ``spacy train``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.unit.test_export_common import Corpus, annotation, corpus
from tui.cli import main as gloss
from tui.model import AnnotationSet, Span, kind_for_label
from tui.sources import discover
from tui.store import AnnotationStore

__all__ = ["corpus"]  # the fixture, imported so pytest finds it here

PEOPLE = ["Maria Lopez", "Tom Becker", "Aiko Tanaka", "Samuel Osei", "Ingrid Berg", "Ravi Menon"]
PLACES = ["Lisbon", "Nairobi", "Osaka", "Quebec", "Tallinn", "Cusco", "Dundee"]
ORGS = ["Harbor Bank", "Nordwind Energy", "the Red Cross", "Apex Motors", "Lumen Labs"]


def generated_corpus(folder: Path, count: int = 120) -> Path:
    """A JSONL corpus of ``count`` short news sentences, each annotated (PERSON, GPE, ORG, MONEY) and
    saved through the store: spaCy's ``debug data`` wants 100+ training documents before it calls a
    corpus big enough to train a new pipeline."""
    path = folder / "wire.jsonl"
    records = []
    for n in range(count):
        person, place, org = PEOPLE[n % 6], PLACES[n % 7], ORGS[n % 5]
        text = f"{person} of {org} said in {place} on Monday that it would invest ${n + 2} million."
        records.append({"text": text, "meta": {"n": n}})
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    store = AnnotationStore.for_article_path(folder)
    entries, problems = discover([path])
    assert problems == [] and len(entries) == count
    for entry in entries:
        article = entry.load()
        text = article.text
        spans = []
        for phrase, label in [(PEOPLE, "PERSON"), (ORGS, "ORG"), (PLACES, "GPE")]:
            value = next(v for v in phrase if v in text)
            start = text.index(value)
            spans.append(Span(start, start + len(value), label, kind_for_label(label), value))
        money = text[text.index("$") : text.index(" million") + len(" million")]
        start = text.index(money)
        spans.append(Span(start, start + len(money), "MONEY", "number", money))
        annotations = AnnotationSet(text, [annotation(i, s) for i, s in enumerate(spans)])
        store.save(article, annotations, model="test", extractor_version="test")
    return path


def test_docbin_reads_back_with_entities_and_span_groups(corpus: Corpus, tmp_path: Path) -> None:
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    out = tmp_path / "out.spacy"
    assert gloss(["export", str(corpus.folder), "--format", "spacy", "-o", str(out)]) == 0
    docs = {d.user_data["gloss"]["title"]: d for d in DocBin().from_disk(out).get_docs(Vocab())}
    assert len(docs) == 3
    note = docs["Museum returns bronze heads to Benin City"]
    assert note.text == corpus.articles["plain-note.txt"].text
    assert [(e.text, e.label_) for e in note.ents] == [
        ("Benin City", "GPE"),
        ("The Horniman Museum", "ORG"),
        ("London", "GPE"),
    ]
    assert [(s.text, s.label_) for s in note.spans["entities_overlapping"]] == [("Horniman Museum", "FAC")]
    assert [(s.text, s.label_) for s in note.spans["numbers"]] == [("six", "CARDINAL")]
    assert note.user_data["gloss"]["notes"] == {"66:72": "the capital, not Ontario"}
    harbour = docs["Harbour town votes to rebuild its storm-wrecked pier"]
    assert [s.text for s in harbour.spans["quotes"]] == ["The pier is the reason people come here,"]
    assert [(s.text, s.label_) for s in harbour.spans["speakers"]] == [("Janet Hughes", "SPEAKER")]
    assert "Storm Edith" not in {e.text for e in harbour.ents}  # a suggestion, not exported by default


def run_spacy(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "spacy", *args], cwd=cwd, capture_output=True, text=True, timeout=600
    )


@pytest.mark.slow
def test_spacy_debug_data_and_train_accept_the_export(tmp_path: Path) -> None:
    """A blank English NER trains for a few steps on the exported file (as train and dev)."""
    folder = tmp_path / "wire"
    folder.mkdir()
    generated_corpus(folder)
    data = tmp_path / "train.spacy"
    assert gloss(["export", str(folder), "-f", "spacy", "-o", str(data)]) == 0
    config = tmp_path / "config.cfg"
    made = run_spacy(
        "init", "config", str(config), "--lang", "en", "--pipeline", "ner", "--force", cwd=tmp_path
    )
    assert made.returncode == 0, made.stderr
    overrides = ["--paths.train", str(data), "--paths.dev", str(data)]
    debug = run_spacy("debug", "data", str(config), *overrides, cwd=tmp_path)
    assert debug.returncode == 0, debug.stdout + debug.stderr
    assert "Corpus is loadable" in debug.stdout
    assert "No entities consisting of or starting/ending with whitespace" in debug.stdout
    assert "0 missing value(s)" in debug.stdout  # every token's tag was known: no misaligned spans
    trained = run_spacy(
        "train", str(config), "--output", str(tmp_path / "model"), *overrides,
        "--training.max_steps", "12", "--training.eval_frequency", "6",
        "--training.batcher.size", "32", "--nlp.batch_size", "32",
        cwd=tmp_path,
    )  # fmt: skip
    assert trained.returncode == 0, trained.stdout + trained.stderr
    assert (tmp_path / "model" / "model-last" / "ner").is_dir()
