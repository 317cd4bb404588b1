"""The displaCy HTML, CoNLL and brat exports, each read back by what consumes it."""

from __future__ import annotations

import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from tests.unit.test_export_common import Corpus, annotation, corpus, span
from tui.cli import main as gloss
from tui.export import ExportItem, export_items
from tui.export.brat import fragments
from tui.sources import discover

__all__ = ["corpus"]  # the fixture, imported so pytest finds it here


class DisplacyPage(HTMLParser):
    """Collects, per ``<figure>`` (one article), its ``<h2>`` title and its marks as (text, label)."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: list[dict[str, object]] = []
        self._stack: list[str] = []
        self._mark_text = ""
        self._label = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._stack.append(tag)
        if tag == "figure":
            self.sections.append({"title": "", "marks": []})
        elif tag == "mark":
            self._mark_text, self._label = "", ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            marks = self.sections[-1]["marks"]
            assert isinstance(marks, list)
            marks.append((self._mark_text.strip(), self._label.strip()))
        while self._stack and self._stack.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        if "mark" in self._stack and self._stack[-1] == "span":
            self._label += data
        elif "mark" in self._stack:
            self._mark_text += data
        elif "h2" in self._stack and "small" not in self._stack and self.sections:
            self.sections[-1]["title"] = str(self.sections[-1]["title"]) + data


def test_html_page_has_one_section_per_article_with_its_marks(corpus: Corpus, tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    assert gloss(["export", str(corpus.folder), "--format", "html", "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert html.lstrip().startswith("<!DOCTYPE html>")
    assert "<title>Gloss: 3 annotated articles</title>" in html
    page = DisplacyPage()
    page.feed(html)
    sections = {str(s["title"]).strip(): s["marks"] for s in page.sections}
    assert sections == {
        "Lyra probe delayed": [("The European Space Agency", "ORG"), ("Lyra", "PRODUCT"),
                               ("about €30 million", "MONEY")],
        "Harbour town votes to rebuild its storm-wrecked pier": [("Port Avery", "GPE"),
                                                                 ("£4.2 million", "MONEY"),
                                                                 ("Janet Hughes", "PERSON")],
        "Museum returns bronze heads to Benin City": [("Benin City", "GPE"), ("The Horniman Museum", "ORG"),
                                                      ("London", "GPE"), ("six", "CARDINAL")],
    }  # fmt: skip


def test_html_escapes_titles(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: Profits <up> & away\n---\n\nAcme rose.\n", encoding="utf-8")
    ((entry,), _) = discover([path])
    article = entry.load()
    export_items(
        [ExportItem(article, [annotation(0, span(article.text, "Acme", "ORG"))])], "html", tmp_path / "p.html"
    )
    assert "Profits &lt;up&gt; &amp; away" in (tmp_path / "p.html").read_text(encoding="utf-8")


def test_conll_is_read_by_spacy_convert(corpus: Corpus, tmp_path: Path) -> None:
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    out = tmp_path / "out.conll"
    assert gloss(["export", str(corpus.folder), "--format", "conll", "-o", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines.count("-DOCSTART- -X- O O") == 3
    assert all(len(line.split(" ")) == 4 for line in lines if line)
    converted = tmp_path / "converted"
    converted.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "spacy", "convert", str(out), str(converted), "--converter", "ner"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    docs = list(DocBin().from_disk(converted / "out.spacy").get_docs(Vocab()))
    assert len(docs) == 3
    ents = [[(e.text, e.label_) for e in doc.ents] for doc in docs]
    assert ents == [
        [("The European Space Agency", "ORG"), ("Lyra", "PRODUCT")],
        [("Port Avery", "GPE"), ("Janet Hughes", "PERSON")],
        [("Benin City", "GPE"), ("The Horniman Museum", "ORG"), ("London", "GPE")],
    ]  # entity-kind spans only; the overlapping FAC "Horniman Museum" is left out
    assert "Museum returns bronze heads to Benin City" in docs[2].text  # the headline is its own sentence
    assert len(list(docs[2].sents)) >= 2


def parse_ann(path: Path) -> dict[str, list[tuple[str, ...]]]:
    """A brat ``.ann`` file by kind of line: T spans, # notes, R relations, A attributes (tab fields)."""
    parsed: dict[str, list[tuple[str, ...]]] = {"T": [], "#": [], "R": [], "A": []}
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = tuple(line.split("\t"))
        parsed[line[0]].append(fields)
    return parsed


def test_brat_standoff_parses_back_to_the_same_spans(corpus: Corpus, tmp_path: Path) -> None:
    out = tmp_path / "brat"
    assert (
        gloss(["export", str(corpus.folder), "--format", "brat", "-o", str(out), "--include-suggestions"])
        == 0
    )
    names = {p.name for p in out.iterdir()}
    assert {
        "annotation.conf", "briefs-2.ann", "briefs-2.txt", "harbour-vote.ann", "harbour-vote.txt",
        "plain-note.ann", "plain-note.txt",
    } <= names  # fmt: skip
    assert {"briefs-1.ann", "briefs-3.txt"} <= names  # never opened: extracted for their suggestions
    for name, stem in [("plain-note.txt", "plain-note"), ("harbour-vote.md", "harbour-vote")]:
        text = (out / f"{stem}.txt").read_bytes().decode("utf-8")
        assert text == corpus.articles[name].text
        ann = parse_ann(out / f"{stem}.ann")
        by_id: dict[str, tuple[int, int, str]] = {}
        for tid, middle, covered in ann["T"]:
            label, offsets = middle.split(" ", 1)
            pieces = [tuple(map(int, part.split())) for part in offsets.split(";")]
            assert " ".join(text[a:b] for a, b in pieces) == covered
            by_id[tid] = (pieces[0][0], pieces[-1][1], label)
        expected = corpus.kept(name, include_suggestions=True)
        assert sorted(by_id.values()) == sorted((a.start, a.end, a.label) for a in expected)
        notes = {by_id[target.split()[1]]: note for _, target, note in ann["#"]}
        assert notes == {(a.start, a.end, a.label): a.note for a in expected if a.note}
        suggested = {by_id[fields[1].split()[1]] for fields in ann["A"]}
        assert suggested == {(a.start, a.end, a.label) for a in expected if a.status == "suggested"}
    relations = parse_ann(out / "harbour-vote.ann")["R"]
    assert len(relations) == 1
    conf = (out / "annotation.conf").read_text(encoding="utf-8")
    assert "[entities]" in conf and "\nQUOTE\n" in conf and "Speaker\tArg1:<ENTITY>" in conf


def test_brat_span_across_a_line_break_becomes_fragments() -> None:
    text = "He said: “We will\nwin this.” Then left."
    start, end = text.index("We"), text.index("this.") + 5
    assert fragments(text, start, end) == [(start, text.index("\n")), (text.index("\n") + 1, end)]
    assert fragments("a\r\n\r\nb", 0, 6) == [(0, 1), (5, 6)]
