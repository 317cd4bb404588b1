"""Hostile input through ``gloss import`` and ``gloss export``: the security rows of the hardening issue.

An import file is someone else's data: its paths must not reach outside the corpus (nor tell what exists
there), what it writes must be a file Gloss can read again, its labels must not forge lines in the
formats that are split on lines and tabs, and nothing it holds may reach the terminal as a control
character. Each test drives the real command on real files in ``tmp_path``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tui.cli import main as gloss
from tui.model import Annotation, AnnotationSet, Span
from tui.sources import discover
from tui.store import AnnotationStore
from tui.text_safety import one_line

TEXT = "Acme Corp hired Janet Hughes in Lagos.\n"


def write_jsonl(path: Path, records: list[Any]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def article_at(path: Path, text: str = TEXT) -> Any:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    ((entry,), _) = discover([path])
    return entry.load()


def record(text: str, path: str, spans: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"text": text, "meta": {"path": path}, "spans": spans or [{"start": 0, "end": 9, "label": "ORG"}]}


def problem_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("gloss import:")]


# row 3: paths stay inside the corpus ---------------------------------------------------------------
def test_import_never_reads_or_creates_anything_outside_the_corpus(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    inside = article_at(corpus / "a.txt")
    outside = tmp_path / "outside"
    article_at(outside / "victim.txt", "secret words\n")
    (corpus / "link.txt").symlink_to(outside / "victim.txt")
    records = [
        record("secret words\n", "../outside/victim.txt"),
        record("secret words\n", str(outside / "victim.txt")),
        record("secret words\n", "link.txt"),
        record(TEXT, "a.txt"),
    ]
    imported = write_jsonl(corpus / "in.jsonl", records)
    assert gloss(["import", str(imported)]) == 1
    err = capsys.readouterr().err
    assert not (outside / ".gloss").exists()
    refused = problem_lines(err)
    assert len(refused) == 3
    assert all("is not an article file inside the corpus" in line for line in refused)
    assert AnnotationStore.for_article_path(corpus).load(inside) is not None  # the record inside is in


def test_refusal_does_not_tell_whether_a_file_outside_exists_or_what_it_holds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With ``--store`` nothing is created beside the victim, so only the messages could leak."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    victim = article_at(tmp_path / "outside" / "shadow.txt", "root:x:0:0\n").path
    missing = tmp_path / "outside" / "nothing-here.txt"
    guesses = [
        record("root:x:0:0\n", str(victim)),  # right guess of the content
        record("wrong guess\n", str(victim)),  # wrong guess
        record("wrong guess\n", str(missing)),  # no such file
    ]
    imported = write_jsonl(corpus / "in.jsonl", guesses)
    assert gloss(["import", str(imported), "--store", str(tmp_path / "store")]) == 1
    lines = problem_lines(capsys.readouterr().err)
    assert len(lines) == 3
    anonymised = {re.sub(r"line \d+: meta.path '[^']*'", "line N: meta.path P", line) for line in lines}
    assert len(anonymised) == 1, lines
    assert not (tmp_path / "store").exists()


def test_corpus_option_names_where_paths_resolve(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "news"
    article = article_at(corpus / "world" / "a.txt")
    elsewhere = tmp_path / "downloads"
    elsewhere.mkdir()
    imported = write_jsonl(elsewhere / "in.jsonl", [record(TEXT, "world/a.txt")])
    assert gloss(["import", str(imported)]) == 1  # relative to the file's own folder: not there
    assert "inside the corpus" in capsys.readouterr().err
    assert gloss(["import", str(imported), "--corpus", str(corpus)]) == 0
    loaded = AnnotationStore.for_article_path(article.path).load(article)
    assert loaded is not None and [a.label for a in loaded.annotations] == ["ORG"]


def test_an_export_written_outside_the_corpus_imports_back_with_corpus(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``gloss export`` writes ``meta.path`` relative to the export: ``../news/a.txt`` from elsewhere."""
    article = article_at(tmp_path / "news" / "a.txt")
    exported = tmp_path / "elsewhere" / "out.jsonl"
    exported.parent.mkdir()
    write_jsonl(exported, [record(TEXT, "../news/a.txt")])
    assert gloss(["import", str(exported)]) == 1
    assert "inside the corpus" in capsys.readouterr().err
    assert gloss(["import", str(exported), "--corpus", str(tmp_path / "news")]) == 0
    assert AnnotationStore.for_article_path(article.path).load(article) is not None


# row 4: what an import writes is valid ------------------------------------------------------------
@pytest.mark.parametrize("name", ["a.txt", "corpus.jsonl"])
def test_reserved_and_unknown_keys_never_make_an_unreadable_annotation_file(
    tmp_path: Path, name: str
) -> None:
    """A JSONL article's file keeps its text and no ``context``: an imported ``context`` key used to stay."""
    if name == "a.txt":
        article = article_at(tmp_path / name)
    else:
        write_jsonl(tmp_path / name, [{"text": TEXT}])
        ((entry,), _) = discover([tmp_path / name])
        article = entry.load()
    hostile_span = {
        "start": 0,
        "end": 9,
        "label": "ORG",
        "context": "not a pair",
        "id": "m0",
        "status": "rejected",
        "source": "model",
        "updated": 12,
        "was": {"status": 3},
        "extra": {"deep": [1, 2, {"x": None}]},
    }
    hostile = record(TEXT, name, [hostile_span])
    if name.endswith(".jsonl"):
        hostile["meta"]["entry"] = 1
    imported = write_jsonl(tmp_path / "in.jsonl", [hostile])
    assert gloss(["import", str(imported)]) == 0
    loaded = AnnotationStore.for_article_path(tmp_path).load(article)  # raises if Gloss refuses the file
    assert loaded is not None
    (only,) = loaded.annotations
    assert (only.status, only.source, only.span.extra) == ("accepted", "human", {})


@pytest.mark.parametrize(
    "label",
    ["ORG\nT9\tPERSON 0 4\tAcme", "ORG PERSON", "ORG\tX", "a/b", "ORG\x1b[31m", "", "ORG\r", "x" * 65],
)
def test_import_refuses_a_label_that_is_not_letters_digits_underscore_or_hyphen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], label: str
) -> None:
    article = article_at(tmp_path / "a.txt")
    span = {"start": 0, "end": 9, "label": label}
    imported = write_jsonl(tmp_path / "in.jsonl", [record(TEXT, "a.txt", [span])])
    assert gloss(["import", str(imported)]) == 1
    assert "line 1" in capsys.readouterr().err
    assert AnnotationStore.for_article_path(tmp_path).load(article) is None


def test_import_accepts_custom_labels_of_letters_digits_underscore_and_hyphen(tmp_path: Path) -> None:
    article = article_at(tmp_path / "a.txt")
    spans = [{"start": 0, "end": 9, "label": "Org_2-b"}, {"start": 32, "end": 37, "label": "ÉTAT"}]
    imported = write_jsonl(tmp_path / "in.jsonl", [record(TEXT, "a.txt", spans)])
    assert gloss(["import", str(imported)]) == 0
    loaded = AnnotationStore.for_article_path(tmp_path).load(article)
    assert loaded is not None and sorted(a.label for a in loaded.annotations) == ["Org_2-b", "ÉTAT"]


FORGED = "ORG\nT99\tPERSON 0 4\tAcme\n[relations]"


def saved_with_a_forged_label(tmp_path: Path) -> Any:
    """A store file (written by an older import, or by hand) whose label holds line breaks and tabs."""
    article = article_at(tmp_path / "corpus" / "a.txt")
    forged = Span(0, 9, FORGED, "entity", "Acme Corp")
    fine = Span(32, 37, "GPE", "entity", "Lagos")
    annotations = AnnotationSet(
        article.text,
        [Annotation("h0", forged, "human", "accepted"), Annotation("h1", fine, "human", "accepted")],
    )
    AnnotationStore.for_article_path(article.path).save(
        article, annotations, model=None, extractor_version=None
    )
    return article


def test_brat_export_of_a_stored_forged_label_forges_no_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved_with_a_forged_label(tmp_path)
    out = tmp_path / "brat"
    assert gloss(["export", str(tmp_path / "corpus"), "--format", "brat", "-o", str(out)]) == 0
    ann = (out / "a.ann").read_text(encoding="utf-8").splitlines()
    assert ann == ["T1\tGPE 32 37\tLagos"]
    conf = (out / "annotation.conf").read_text(encoding="utf-8")
    assert "T99" not in conf and conf.count("[relations]") == 1
    assert "left out 1 span whose label is not letters, digits, _ or -" in capsys.readouterr().err


def test_conll_export_of_a_stored_forged_label_forges_no_line(tmp_path: Path) -> None:
    saved_with_a_forged_label(tmp_path)
    out = tmp_path / "out.conll"
    assert gloss(["export", str(tmp_path / "corpus"), "--format", "conll", "-o", str(out)]) == 0
    lines = [line for line in out.read_text(encoding="utf-8").splitlines() if line]
    assert all(len(line.split(" ")) == 4 for line in lines), lines
    assert {line.split(" ")[3] for line in lines} == {"O", "B-GPE"}


# issue row 1, for what import and export print -----------------------------------------------------
def test_one_line_makes_every_control_character_visible_and_keeps_the_length() -> None:
    hostile = "a\x1b]0;title\x07b\x1b[31mc\td\ne\x9bf\u202eg\u2066h\ud800i\x7f"
    shown = one_line(hostile)
    assert len(shown) == len(hostile)
    assert not re.search("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]", shown)
    assert shown.startswith("a␛]0;title␇b␛[31mc␉d␊e")
    print(shown)  # a lone surrogate would make print raise


def test_import_and_export_messages_carry_no_control_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile = "evil\x1b]0;pwned\x07\x1b[31m"
    imported = tmp_path / f"{hostile}.jsonl"
    imported.write_text("{not json\n", encoding="utf-8")
    assert gloss(["import", str(imported)]) == 1
    article = article_at(tmp_path / "corpus" / f"{hostile}.txt")
    store = AnnotationStore.for_article_path(article.path)
    store.path_for(article).parent.mkdir(parents=True, exist_ok=True)
    store.path_for(article).write_text("{ corrupt", encoding="utf-8")
    assert gloss(["export", str(tmp_path / "corpus"), "-o", str(tmp_path / "x.jsonl")]) == 1
    captured = capsys.readouterr()
    for stream in (captured.out, captured.err):
        assert "\x1b" not in stream and "\x07" not in stream
    assert "evil␛]0;pwned␇" in captured.err


@pytest.mark.parametrize(
    "argv",
    [
        ["import", "a.jsonl", "\x1b]0;pwned\x07"],
        ["export", "x", "-o", "y\x1b[31m.weird"],
        ["--bogus\x1b[31m"],
        ["extract", "x", "--bogus\x07"],
        ["index", "x", "--bogus\x1b]0;pwned\x07"],
        ["corpus", "search", "x", "--bogus\x1b[31m"],
        ["corpus", "numbers", "--sort", "size\x07"],
    ],
)
def test_usage_errors_quote_arguments_terminal_safe(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        gloss(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "error:" in err and "\x1b" not in err and "\x07" not in err
