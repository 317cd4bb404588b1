"""Issue 5's acceptance, headless: annotate the seed article, export every format, read each back.

The real model makes the suggestions; the edits are those of the annotation issue's walk-through
(reject "Kursk" as PRODUCT and label it GPE, add a span by hand, put a note on "15,000"), made
through the document model's editing operations and saved through the real store.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.unit.test_export_common import key_spans
from tui.cli import main as gloss
from tui.export import exported_annotations
from tui.model import AnnotationSet
from tui.sources import discover
from tui.store import AnnotationStore

SEED = Path(__file__).parents[2] / "seeds" / "beijing-summit.txt"


@pytest.mark.model
@pytest.mark.slow
def test_seed_article_exports_to_every_format_and_imports_back(tmp_path: Path) -> None:
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    from tui.extract import EXTRACTOR_VERSION, Extractor

    folder = tmp_path / "seeds"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    ((entry,), _) = discover([folder])
    article = entry.load()
    extractor = Extractor.load()
    annotations = AnnotationSet.from_suggestions(article.text, extractor.extract(article.text))
    assert len(annotations) > 20
    for found in list(annotations):
        if found.span.text == "Kursk":
            annotations.reject(found.id)
            annotations.add_span(found.start, found.end, "GPE")
    troops = article.text.index("15,000")
    number = annotations.add_span(troops, troops + len("15,000"), "CARDINAL")
    annotations.set_note(number.id, "reported, not confirmed")
    hall = article.text.index("Great Hall of the People")
    annotations.add_span(hall, hall + len("Great Hall of the People"), "FAC")
    annotations.review_remaining("accepted")
    AnnotationStore.for_article_path(folder).save(
        article, annotations, model="en_core_web_sm", extractor_version=EXTRACTOR_VERSION
    )
    kept = exported_annotations(annotations, include_suggestions=False)
    assert not any(a.span.text == "Kursk" and a.label == "PRODUCT" for a in kept)

    outputs = {
        "jsonl": "out.jsonl",
        "spacy": "out.spacy",
        "html": "out.html",
        "conll": "out.conll",
        "brat": "brat",
    }
    for format_name, name in outputs.items():
        assert gloss(["export", str(folder), "-f", format_name, "-o", str(tmp_path / name)]) == 0, format_name

    (task,) = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(task["spans"]) == len(kept)
    (doc,) = DocBin().from_disk(tmp_path / "out.spacy").get_docs(Vocab())
    assert ("Kursk", "GPE") in {(e.text, e.label_) for e in doc.ents}
    assert "15,000" in {s.text for s in doc.spans["numbers"]}
    html = (tmp_path / "out.html").read_text(encoding="utf-8")
    assert html.count("<mark") >= len(doc.ents)
    converted = tmp_path / "converted"
    converted.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "spacy", "convert", str(tmp_path / "out.conll"), str(converted), "-c", "ner"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    (converted_doc,) = DocBin().from_disk(converted / "out.spacy").get_docs(Vocab())
    assert [e.text for e in converted_doc.ents] == [
        " ".join(t.text for t in e if not t.is_space) for e in doc.ents
    ]
    ann = (tmp_path / "brat" / "beijing-summit.ann").read_text(encoding="utf-8")
    assert "AnnotatorNotes" in ann and "reported, not confirmed" in ann

    fresh = tmp_path / "fresh"
    assert gloss(["import", str(tmp_path / "out.jsonl"), "--store", str(fresh)]) == 0
    loaded = AnnotationStore(fresh).load(article)
    assert loaded is not None
    assert key_spans(list(loaded.annotations)) == key_spans(kept)
