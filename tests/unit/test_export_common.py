"""A small annotated corpus for the export tests, saved through the real store, and the shared helpers.

The corpus mixes formats (a ``.txt`` whose text is the file, a Markdown page, a JSONL line, an Atom feed
with nothing saved) and statuses (accepted, human, suggested, rejected), with a note, a quote linked to
its speaker, a number with a value and two overlapping entities, so every exporter meets each case.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from tui.export import ExportItem, exported_annotations
from tui.model import Annotation, AnnotationSet, Article, Span, Speaker, kind_for_label
from tui.sources import discover
from tui.store import AnnotationStore

DATA = Path(__file__).parents[1] / "data" / "sources" / "mixed"


@dataclass
class Corpus:
    """The folder, its articles by short name, and what was saved for them."""

    folder: Path
    articles: dict[str, Article]
    saved: dict[str, AnnotationSet]

    def kept(self, name: str, *, include_suggestions: bool = False) -> list[Annotation]:
        """What an export of ``name`` should hold."""
        return exported_annotations(self.saved[name], include_suggestions=include_suggestions)

    def items(self, *, include_suggestions: bool = False) -> list[ExportItem]:
        """Export items of every annotated article, in name order."""
        return [
            ExportItem(self.articles[name], self.kept(name, include_suggestions=include_suggestions))
            for name in sorted(self.saved)
        ]


def span(text: str, phrase: str, label: str, *, nth: int = 0, **fields: object) -> Span:
    """The span of the ``nth`` occurrence of ``phrase`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return Span(start, start + len(phrase), label, kind_for_label(label), phrase, **fields)  # type: ignore[arg-type]


def annotation(
    n: int, s: Span, status: str = "accepted", source: str = "model", note: str = ""
) -> Annotation:
    """An annotation with a predictable id."""
    return Annotation(f"{source[0]}{n}", s, source, status, note, "2026-11-29T05:00:00+00:00")  # type: ignore[arg-type]


def key_spans(annotations: list[Annotation]) -> list[tuple[object, ...]]:
    """What must survive a round trip: offsets, label, kind, note, value and speaker."""
    return sorted(
        (a.start, a.end, a.label, a.kind, a.note, a.span.value, a.span.speaker) for a in annotations
    )


def build_corpus(folder: Path) -> Corpus:
    """Copy the test articles into ``folder``, annotate three of them and save through the store."""
    for name in ("plain-note.txt", "harbour-vote.md", "briefs.jsonl", "world.atom"):
        shutil.copy(DATA / name, folder / name)
    entries, problems = discover([folder])
    assert problems == []
    articles = {e.key.removeprefix(f"{folder}/"): e.load() for e in entries}
    saved: dict[str, AnnotationSet] = {}

    text = articles["plain-note.txt"].text
    saved["plain-note.txt"] = AnnotationSet(
        text,
        [
            annotation(0, span(text, "Benin City", "GPE")),
            annotation(1, span(text, "The Horniman Museum", "ORG"), source="human"),
            annotation(2, span(text, "Horniman Museum", "FAC")),
            annotation(3, span(text, "London", "GPE"), note="the capital, not Ontario"),
            annotation(4, span(text, "six", "CARDINAL", value=6.0)),
            annotation(5, span(text, "Nigeria", "GPE"), status="suggested"),
            annotation(6, span(text, "Wednesday", "DATE"), status="rejected"),
        ],
    )
    text = articles["harbour-vote.md"].text
    quote_text = "The pier is the reason people come here,"
    hughes = span(text, "Janet Hughes", "PERSON")
    speaker = Speaker(hughes.start, hughes.end, hughes.text)
    saved["harbour-vote.md"] = AnnotationSet(
        text,
        [
            annotation(0, hughes),
            annotation(1, span(text, quote_text, "QUOTE", cue="said", speaker=speaker)),
            annotation(2, span(text, "£4.2 million", "MONEY", value=4_200_000.0)),
            annotation(3, span(text, "Port Avery", "GPE"), source="human", note="a made-up town"),
            annotation(4, span(text, "Storm Edith", "EVENT"), status="suggested"),
        ],
    )
    text = articles["briefs.jsonl#2"].text
    saved["briefs.jsonl#2"] = AnnotationSet(
        text,
        [
            annotation(0, span(text, "The European Space Agency", "ORG")),
            annotation(1, span(text, "Lyra", "PRODUCT")),
            annotation(2, span(text, "about €30 million", "MONEY", value=30_000_000.0)),
        ],
    )
    store = AnnotationStore.for_article_path(folder)
    for name, spans in saved.items():
        store.save(articles[name], spans, model="en_core_web_sm", extractor_version="test")
    return Corpus(folder, articles, saved)


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    """The annotated corpus in a fresh folder."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    return build_corpus(folder)


def test_corpus_is_saved_where_export_looks(corpus: Corpus) -> None:
    store = AnnotationStore.for_article_path(corpus.folder)
    for name, article in corpus.articles.items():
        assert store.path_for(article).exists() == (name in corpus.saved)
    loaded = store.load(corpus.articles["harbour-vote.md"])
    assert loaded is not None
    assert key_spans(list(loaded.annotations)) == key_spans(list(corpus.saved["harbour-vote.md"]))
