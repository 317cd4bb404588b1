"""Exports and imports with messy input and awkward outputs: one line per problem, never a traceback.

Unwritable outputs, bad records among good ones, NaN in metadata, never-opened articles with
``--include-suggestions``, file modes, doccano's edits, what each format leaves out, CRLF text in brat,
``-`` for stdin and stdout, a file that is not JSON Lines, and CoNLL and ``.spacy`` agreeing on overlaps.
"""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.unit.test_export_common import Corpus, annotation, corpus, span
from tui.cli import main as gloss
from tui.export import ExportItem, export_items
from tui.model import AnnotationSet, Article
from tui.sources import discover
from tui.store import AnnotationStore

__all__ = ["corpus"]  # the fixture, imported for pytest

TEXT = "Acme Corp hired Janet Hughes in Lagos.\n"
ROOT = Path(__file__).parents[2]


def strict_json(line: str) -> Any:
    """Parse as JSON proper: ``NaN`` and ``Infinity`` are not JSON."""

    def refuse(name: str) -> None:
        raise ValueError(f"bare {name} in JSON")

    return json.loads(line, parse_constant=refuse)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [strict_json(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def saved_article(folder: Path, name: str = "a.txt", text: str = TEXT) -> Article:
    """An article with one accepted ORG span saved beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8", newline="")
    ((entry,), _) = discover([folder / name])
    article = entry.load()
    saved = AnnotationSet(article.text, [annotation(0, span(article.text, "Acme Corp", "ORG"))])
    AnnotationStore.for_article_path(article.path).save(article, saved, model=None, extractor_version=None)
    return article


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


# row 7 ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("format_name", ["jsonl", "brat"])
def test_export_to_an_unwritable_place_is_one_line_and_status_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], format_name: str
) -> None:
    saved_article(tmp_path / "corpus")
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way", encoding="utf-8")
    out = blocker / ("out.jsonl" if format_name == "jsonl" else "brat")
    status = gloss(["export", str(tmp_path / "corpus"), "--format", format_name, "-o", str(out)])
    err = capsys.readouterr().err
    assert status == 1
    assert [line for line in err.splitlines() if line] == [err.strip()]
    assert err.startswith("gloss export: cannot write the export:") and "Traceback" not in err
    assert blocker.read_text(encoding="utf-8") == "in the way"


def test_import_to_an_unwritable_store_is_one_line_per_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "blocker").write_text("x", encoding="utf-8")
    task = {"text": TEXT, "meta": {"path": "a.txt"}, "spans": [{"start": 0, "end": 9, "label": "ORG"}]}
    (tmp_path / "in.jsonl").write_text(json.dumps(task) + "\n", encoding="utf-8")
    assert gloss(["import", str(tmp_path / "in.jsonl"), "--store", str(tmp_path / "blocker" / "s")]) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert "not saved" in line


def test_an_unreadable_store_folder_costs_its_records_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A ``.gloss/`` another user owns (``EACCES``; as root the test stands in with the error itself)."""
    for folder in ("locked", "open"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text(TEXT, encoding="utf-8")
    real_load = AnnotationStore.load

    def load(store: AnnotationStore, article: Article) -> Any:
        if "locked" in str(article.path):
            raise PermissionError(13, "Permission denied")
        return real_load(store, article)

    monkeypatch.setattr(AnnotationStore, "load", load)
    tasks = [
        {"text": TEXT, "meta": {"path": f"{folder}/a.txt"}, "spans": [{"start": 0, "end": 9, "label": "ORG"}]}
        for folder in ("locked", "open")
    ]
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(t) + "\n" for t in tasks), encoding="utf-8")
    assert gloss(["import", str(tmp_path / "in.jsonl")]) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert "line 1: Permission denied; not imported" in line
    assert (tmp_path / "open" / ".gloss").is_dir() and not (tmp_path / "locked" / ".gloss").exists()


def test_one_bad_record_is_reported_by_line_and_the_rest_is_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    quote_text = 'He said "we win" today.\n'
    (tmp_path / "q.txt").write_text(quote_text, encoding="utf-8")
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    quote = {"start": 9, "end": 15, "label": "QUOTE", "kind": "quote"}
    money = {"start": 0, "end": 9, "label": "MONEY", "kind": "number"}

    def task(path: str, text: str, **span: Any) -> str:
        return json.dumps({"text": text, "meta": {"path": path}, "spans": [span]})

    lines = [
        task("q.txt", quote_text, **quote, speaker="Bob"),  # a speaker that is not an object
        task("a.txt", TEXT, **money, value="lots"),  # a value that is not a number
        task("a.txt", TEXT, **money).replace('"kind"', '"value": 1e400, "kind"'),  # overflows a float
        task("a.txt", TEXT, **money).replace('"kind"', '"value": NaN, "kind"'),  # not JSON
        '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}",  # nested past the recursion limit
        task("a.txt", TEXT, **money).replace('"kind"', f'"value": {"9" * 5000}, "kind"'),  # 5,000 digits
        task("a.txt", TEXT, start=32, end=37, label="GPE"),  # a good one
    ]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert gloss(["import", str(tmp_path / "in.jsonl")]) == 1
    err = capsys.readouterr().err
    problems = err.splitlines()
    assert [p.split(" line ")[1].split(":")[0] for p in problems] == ["1", "2", "3", "4", "5", "6"], err
    assert "Traceback" not in err
    ((entry,), _) = discover([tmp_path / "a.txt"])
    loaded = AnnotationStore.for_article_path(tmp_path).load(entry.load())
    assert loaded is not None and [a.label for a in loaded.annotations] == ["GPE"]


def test_nan_and_infinity_in_metadata_are_never_written_as_bare_nan(tmp_path: Path) -> None:
    article = Article(
        key="x.jsonl#1",
        path=tmp_path / "x.jsonl",
        title="Scores",
        text=TEXT,
        meta={"score": float("nan"), "limits": [float("inf"), -float("inf")]},
        text_is_file=False,
    )
    item = ExportItem(article, [annotation(0, span(TEXT, "Acme Corp", "ORG"))])
    export_items([item], "jsonl", tmp_path / "out.jsonl")
    (task,) = read_jsonl(tmp_path / "out.jsonl")
    assert task["meta"]["score"] == "nan" and task["meta"]["limits"] == ["inf", "-inf"]


def test_export_mentions_conflict_copies_it_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = saved_article(tmp_path / "corpus")
    saved = AnnotationStore.for_article_path(article.path).path_for(article)
    copy = saved.with_name(saved.name.removesuffix(".json") + ".conflict-20261201T000000.json")
    copy.write_bytes(saved.read_bytes())
    assert gloss(["export", str(tmp_path / "corpus"), "-o", str(tmp_path / "out.jsonl")]) == 0
    assert f"1 conflict copy not exported ({copy.name})" in capsys.readouterr().err
    assert len(read_jsonl(tmp_path / "out.jsonl")) == 1


def test_lone_surrogates_in_text_and_file_names_reach_every_format(tmp_path: Path) -> None:
    """JSONL input may hold ``"\\ud800"`` and a file name may not be UTF-8 (``\\udcff`` in Python)."""
    text = "Acme Corp \ud800 rose.\n"
    name = tmp_path / "b\udcffd.jsonl"
    article = Article(key=f"{name}#1", path=name, title="b\udcffd", text=text, text_is_file=False)
    item = ExportItem(article, [annotation(0, span(text, "Acme Corp", "ORG", nth=0), note="n\udcff")])
    export_items([item], "jsonl", tmp_path / "o.jsonl")
    (line,) = (tmp_path / "o.jsonl").read_bytes().decode("utf-8").splitlines()
    assert strict_json(line)["text"] == text  # written as the JSON escape, read back the same
    for format_name, out in [("spacy", "o.spacy"), ("html", "o.html"), ("conll", "o.conll"), ("brat", "b")]:
        assert export_items([item], format_name, tmp_path / out).spans == 1


# row 14 --------------------------------------------------------------------------------------------
def test_include_suggestions_extracts_articles_never_opened(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Real model: a corpus nobody opened yet is pre-annotated with the model's suggestions."""
    (tmp_path / "a.txt").write_text("Barack Obama met Angela Merkel in Berlin on Monday.\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)  # a terminal: the progress bar is drawn
    assert gloss(["export", str(tmp_path), "--include-suggestions", "-o", str(out)]) == 0
    (task,) = read_jsonl(out)
    assert {"PERSON", "GPE"} <= {s["label"] for s in task["spans"]}
    captured = capsys.readouterr()
    assert "1 article never opened was extracted" in captured.out
    assert "extracting suggestions" in captured.err
    assert not (tmp_path / ".gloss").exists()  # exporting saves nothing


# row 15 --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("format_name", ["jsonl", "conll", "brat"])
def test_exported_files_take_their_mode_from_the_umask(
    tmp_path: Path, umask_022: None, format_name: str
) -> None:
    saved_article(tmp_path / "corpus")
    out = tmp_path / ("brat" if format_name == "brat" else f"out.{format_name}")
    assert gloss(["export", str(tmp_path / "corpus"), "--format", format_name, "-o", str(out)]) == 0
    files = sorted(out.iterdir()) if out.is_dir() else [out]
    assert {stat.S_IMODE(f.stat().st_mode) for f in files} == {0o644}


# row 16 --------------------------------------------------------------------------------------------
def test_a_doccano_round_trip_keeps_doccanos_edits(corpus: Corpus, tmp_path: Path) -> None:
    """doccano keeps Gloss's ``spans`` as they were and edits ``label``: the edits must win."""
    out = tmp_path / "out.jsonl"
    export_items(corpus.items(), "jsonl", out)
    tasks = read_jsonl(out)
    (task,) = [t for t in tasks if t["meta"]["path"].endswith("plain-note.txt")]
    text = task["text"]
    benin = text.index("Benin City")
    labels = [lab for lab in task["label"] if lab[0] != benin]  # deleted in doccano
    relabelled = labels[0][2]
    labels[0] = [labels[0][0], labels[0][1], "LOC" if relabelled != "LOC" else "GPE"]  # relabelled
    bronze = text.index("bronze")
    labels.append([bronze, bronze + len("bronze"), "PRODUCT"])  # added
    doccano = {"id": 7, "text": text, "label": labels, "spans": task["spans"], "meta": task["meta"]}
    edited = tmp_path / "doccano.jsonl"
    edited.write_text(json.dumps(doccano) + "\n", encoding="utf-8")
    assert gloss(["import", str(edited)]) == 0
    loaded = AnnotationStore.for_article_path(corpus.folder).load(corpus.articles["plain-note.txt"])
    assert loaded is not None
    state = {(a.start, a.end, a.label): a.status for a in loaded.annotations}
    assert state[(bronze, bronze + 6, "PRODUCT")] == "accepted"
    assert state[(labels[0][0], labels[0][1], labels[0][2])] == "accepted"
    assert state[(benin, benin + len("Benin City"), "GPE")] == "rejected"


# row 17 --------------------------------------------------------------------------------------------
def test_conll_says_on_stderr_that_it_leaves_numbers_and_quotes_out(
    corpus: Corpus, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.conll"
    assert gloss(["export", str(corpus.folder), "--format", "conll", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    numbers = sum(1 for item in corpus.items() for a in item.annotations if a.kind == "number")
    quotes = sum(1 for item in corpus.items() for a in item.annotations if a.kind == "quote")
    assert numbers and quotes
    from tui.wording import counted

    assert f"left out {counted(numbers, 'number span')} and {counted(quotes, 'quote')}" in err


def test_brat_text_has_lf_line_breaks_and_offsets_that_match_it(tmp_path: Path) -> None:
    text = "Headline here\r\n\r\nAcme Corp hired Janet Hughes.\r\nIn Lagos.\r\n"
    article = saved_article(tmp_path / "corpus", "crlf.txt", text)
    assert "\r\n" in article.text
    out = tmp_path / "brat"
    assert gloss(["export", str(tmp_path / "corpus"), "--format", "brat", "-o", str(out)]) == 0
    with (out / "crlf.txt").open(encoding="utf-8") as handle:  # universal newlines, as brat reads
        brat_text = handle.read()
    assert "\r" not in (out / "crlf.txt").read_bytes().decode("utf-8")
    ((_, middle, covered),) = [line.split("\t") for line in (out / "crlf.ann").read_text().splitlines()]
    _, start, end = middle.split(" ")
    assert brat_text[int(start) : int(end)] == covered == "Acme Corp"


# row 18 --------------------------------------------------------------------------------------------
def test_import_dash_reads_standard_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    task = {"text": TEXT, "meta": {"path": "a.txt"}, "spans": [{"start": 0, "end": 9, "label": "ORG"}]}
    stdin = io.TextIOWrapper(io.BytesIO((json.dumps(task) + "\n").encode()))
    monkeypatch.setattr(sys, "stdin", stdin)
    assert gloss(["import", "-", "--corpus", str(tmp_path)]) == 0
    assert "imported 1 span from 1 record into 1 article" in capsys.readouterr().out
    ((entry,), _) = discover([tmp_path / "a.txt"])
    loaded = AnnotationStore.for_article_path(tmp_path).load(entry.load())
    assert loaded is not None and [a.label for a in loaded.annotations] == ["ORG"]


def test_output_dash_writes_one_file_formats_to_standard_output(tmp_path: Path) -> None:
    saved_article(tmp_path / "corpus")
    command = [sys.executable, "-m", "tui", "export", str(tmp_path / "corpus"), "-f", "jsonl", "-o", "-"]
    environment = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run(command, capture_output=True, text=True, env=environment, check=False)
    assert result.returncode == 0, result.stderr
    (task,) = [strict_json(line) for line in result.stdout.splitlines()]
    assert [s["label"] for s in task["spans"]] == ["ORG"]
    assert "wrote 1 article with 1 span to standard output" in result.stderr
    brat = subprocess.run([*command[:-4], "-f", "brat", "-o", "-"], capture_output=True, env=environment)
    assert brat.returncode == 2 and b"cannot go to standard output" in brat.stderr


def test_a_closed_standard_output_is_one_line_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    saved_article(tmp_path / "corpus")

    class ClosedPipe(io.BytesIO):
        def write(self, data: Any) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    closed = io.TextIOWrapper(ClosedPipe())
    monkeypatch.setattr(sys, "stdout", closed)
    assert gloss(["export", str(tmp_path / "corpus"), "-f", "jsonl", "-o", "-"]) == 1
    monkeypatch.undo()
    assert "standard output was closed" in capsys.readouterr().err


# row 19 --------------------------------------------------------------------------------------------
def test_import_of_a_file_that_is_not_jsonl_stops_after_ten_bad_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    prose = tmp_path / "notes.jsonl"
    prose.write_text("".join(f"Line {n} of an ordinary text file.\n" for n in range(500)), encoding="utf-8")
    assert gloss(["import", str(prose)]) == 1
    problems = capsys.readouterr().err.splitlines()
    assert len(problems) == 11
    assert "stopped after 10 lines in a row that are not JSON objects" in problems[-1]


# issue 8: CoNLL and .spacy keep the same entity where two overlap -----------------------------------
def test_conll_keeps_the_same_entity_as_the_docbin_where_widening_makes_two_overlap(tmp_path: Path) -> None:
    """ "Kurs" widens to the token "Kursk", "k's" to "Kursk" + "'s": both now cover "Kursk"."""
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    text = "Kursk's governor resigned.\n"
    article = Article(key="k.txt", path=tmp_path / "k.txt", title="K", text=text)
    first = annotation(0, span(text, "Kurs", "ORG"))
    second = annotation(1, span(text, "k's", "GPE"))
    item = ExportItem(article, [first, second])
    export_items([item], "spacy", tmp_path / "out.spacy")
    export_items([item], "conll", tmp_path / "out.conll")
    (doc,) = DocBin().from_disk(tmp_path / "out.spacy").get_docs(Vocab())
    from_docbin = [(e.text, e.label_) for e in doc.ents]
    rows = [line.split(" ") for line in (tmp_path / "out.conll").read_text().splitlines()[2:] if line]
    tags = [(token, tag) for token, _, _, tag in rows]
    assert from_docbin == [("Kursk's", "GPE")]
    assert tags[:2] == [("Kursk", "B-GPE"), ("'s", "I-GPE")]


def test_conll_help_points_to_the_export_convention_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        gloss(["export", "--format", "conll", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "CoNLL-style boundaries for the suggestions: --convention conll" in help_text
    assert "--convention {ontonotes,conll}" in help_text
