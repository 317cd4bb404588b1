"""The reader's annotation controller without a UI: workspace, session (load, merge, edit, save), selection.

Real files in a temporary folder and the real store; spans are written by hand so that the test says
exactly what the extractor "found".
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

from tui.annotation import AnnotationWorkspace, ArticleSession, Selection
from tui.model import Article, ArticleEntry, Span, default_label_config
from tui.store import StoreError

TEXT = "Putin said Russia sent 15,000 troops to Kursk. “We will win,” he said before Victory Day.\n"


def span(text: str, label: str, kind: str = "entity", occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(text, start + 1)
    return Span(start, start + len(text), label, kind, text)  # type: ignore[arg-type]


SUGGESTIONS = [
    span("Putin", "PERSON"),
    span("Russia", "GPE"),
    span("15,000", "CARDINAL", "number"),
    span("Kursk", "PRODUCT"),
    span("“We will win,”", "QUOTE", "quote"),
]


def write_article(folder: Path, text: str = TEXT) -> tuple[Article, ArticleEntry]:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "kursk.txt"
    path.write_text(text, encoding="utf-8")
    article = Article(key=str(path), path=path, title="Kursk", text=text)
    entry = ArticleEntry(key=str(path), path=path, title="Kursk", loader=lambda: article)
    return article, entry


def open_session(folder: Path, **options: object) -> ArticleSession:
    article, entry = write_article(folder) if not (folder / "kursk.txt").exists() else _existing(folder)
    workspace = AnnotationWorkspace([folder])
    return ArticleSession.open(
        article,
        workspace.store_for(entry),
        workspace.labels_for(entry),
        **options,  # type: ignore[arg-type]
    )


def _existing(folder: Path) -> tuple[Article, ArticleEntry]:
    path = folder / "kursk.txt"
    text = path.read_text(encoding="utf-8")
    article = Article(key=str(path), path=path, title="Kursk", text=text)
    return article, ArticleEntry(key=str(path), path=path, title="Kursk", loader=lambda: article)


def find(session: ArticleSession, text: str, label: str) -> str:
    for annotation in session.annotations:
        if annotation.span.text == text and annotation.label == label:
            return annotation.id
    raise AssertionError(f"no {label} {text!r}")


def test_suggestions_alone_make_no_file_but_an_edit_does(tmp_path: Path) -> None:
    session = open_session(tmp_path)
    session.merge(SUGGESTIONS, model="m-1", extractor_version="0.2.0", complete=True)
    assert session.close()
    assert not (tmp_path / ".gloss").exists(), "opening an article must not mark it as annotated"

    session = open_session(tmp_path)
    session.merge(SUGGESTIONS, model="m-1", extractor_version="0.2.0", complete=True)
    session.edit(lambda a: a.accept(find(session, "Putin", "PERSON")))
    assert session.close()
    files = list((tmp_path / ".gloss").glob("*.json"))
    assert len(files) == 1
    data = json.loads(files[0].read_text(encoding="utf-8"))
    assert data["model"] == "m-1" and data["extractor_version"] == "0.2.0"
    assert data["unreviewed"] == 4


def test_the_acceptance_flow_survives_closing_and_reopening(tmp_path: Path) -> None:
    session = open_session(tmp_path)
    session.merge(SUGGESTIONS, model="m-1", extractor_version="0.2.0", complete=True)
    kursk = find(session, "Kursk", "PRODUCT")
    session.edit(lambda a: a.reject(kursk))
    place = session.annotations.require(kursk)
    gpe = session.edit(lambda a: a.add_span(place.start, place.end, "GPE"))
    victory = TEXT.index("Victory Day")
    session.edit(lambda a: a.add_span(victory, victory + len("Victory Day"), "EVENT"))
    session.edit(lambda a: a.set_note(find(session, "15,000", "CARDINAL"), "ministry figure"))
    assert session.last_edit is not None and "note" in session.last_edit.description
    assert session.close()

    again = open_session(tmp_path)
    assert again.loaded is not None and again.corrupt is None
    assert again.suggestions_current("m-1", "0.2.0")
    assert not again.suggestions_current("m-2", "0.2.0")
    anns = again.annotations
    assert anns.require(kursk).status == "rejected"
    assert anns.require(gpe.id).label == "GPE" and anns.require(gpe.id).source == "human"
    assert again.annotations.require(find(again, "Victory Day", "EVENT")).status == "accepted"
    assert anns.require(find(again, "15,000", "CARDINAL")).note == "ministry figure"
    # fresh suggestions do not bring the rejected span back or duplicate the accepted ones
    again.merge(SUGGESTIONS, model="m-2", extractor_version="0.3.0", complete=True)
    assert [a.status for a in again.annotations if a.label == "PRODUCT"] == ["rejected"]
    assert sum(1 for a in again.annotations if a.span.text == "Kursk") == 2
    # undo works after reopening: the note goes, then Victory Day
    assert again.edit(lambda a: a.undo()) is not None
    assert anns.require(find(again, "15,000", "CARDINAL")).note == ""
    assert again.edit(lambda a: a.undo()) is not None
    assert not any(a.label == "EVENT" for a in again.annotations)
    assert again.edit(lambda a: a.redo()) is not None
    assert any(a.label == "EVENT" for a in again.annotations)
    assert again.close()


def test_a_file_saved_during_progressive_extraction_is_not_taken_as_current(tmp_path: Path) -> None:
    session = open_session(tmp_path)
    session.merge(SUGGESTIONS[:2], model="m-1", extractor_version="0.2.0", complete=False)
    session.edit(lambda a: a.accept(find(session, "Putin", "PERSON")))
    assert session.close()
    again = open_session(tmp_path)
    assert not again.suggestions_current("m-1", "0.2.0")
    again.merge(SUGGESTIONS, model="m-1", extractor_version="0.2.0", complete=True)
    assert len(again.annotations) == len(SUGGESTIONS)
    assert again.close()


def test_every_edit_is_saved_within_a_second(tmp_path: Path) -> None:
    saved = threading.Event()
    session = open_session(tmp_path, on_saved=lambda version: saved.set())
    session.merge(SUGGESTIONS, model="m-1", extractor_version="0.2.0", complete=True)
    session.edit(lambda a: a.reject(find(session, "Kursk", "PRODUCT")))
    assert saved.wait(timeout=1.5), "the autosaver did not save within a second"
    data = json.loads(next((tmp_path / ".gloss").glob("*.json")).read_text(encoding="utf-8"))
    assert [s["status"] for s in data["spans"] if s["text"] == "Kursk"] == ["rejected"]
    session.close()


def test_a_corrupt_file_is_kept_until_the_person_starts_fresh(tmp_path: Path) -> None:
    session = open_session(tmp_path)
    session.merge(SUGGESTIONS, model="m-1", extractor_version="0.2.0", complete=True)
    session.edit(lambda a: a.accept(find(session, "Putin", "PERSON")))
    session.close()
    file = next((tmp_path / ".gloss").glob("*.json"))
    file.write_text("{ not json", encoding="utf-8")

    errors: list[StoreError] = []
    broken = open_session(tmp_path, on_error=errors.append)
    assert broken.corrupt is not None and broken.corrupt.path == file
    assert "JSON" in broken.corrupt.reason or "json" in broken.corrupt.reason
    broken.merge(SUGGESTIONS, model="m-1", extractor_version="0.2.0", complete=True)
    broken.edit(lambda a: a.accept(find(broken, "Russia", "GPE")))
    broken.flush()
    assert file.read_text(encoding="utf-8") == "{ not json", "a corrupt file must never be saved over"
    assert broken.saving_blocked and broken.unsaved_while_blocked and not errors

    aside = broken.start_fresh()
    assert Path(aside).read_text(encoding="utf-8") == "{ not json"
    data = json.loads(file.read_text(encoding="utf-8"))
    assert [s["status"] for s in data["spans"] if s["text"] == "Russia"] == ["accepted"]
    assert broken.close()


def test_a_failed_save_is_reported(tmp_path: Path) -> None:
    article, entry = write_article(tmp_path / "news")
    (tmp_path / "blocked").write_text("a file where the annotations folder should be", encoding="utf-8")
    errors: list[StoreError] = []
    workspace = AnnotationWorkspace([tmp_path / "news"], store=tmp_path / "blocked")
    session = ArticleSession.open(
        article, workspace.store_for(entry), workspace.labels_for(entry), on_error=errors.append
    )
    session.edit(lambda a: a.add_span(0, 5, "PERSON"))
    assert not session.close()
    assert errors and errors[0].path.parent == tmp_path / "blocked"


def test_workspace_shares_stores_reads_labels_and_summarises(tmp_path: Path) -> None:
    news = tmp_path / "news"
    article, entry = write_article(news)
    (news / "gloss.toml").write_text('[labels.CLAIM]\nkey = "c"\ncolour = "#d81b60"\n', encoding="utf-8")
    workspace = AnnotationWorkspace([news, news / "kursk.txt"])
    assert len(workspace.stores) == 1
    labels = workspace.labels_for(entry)
    assert labels.by_key("c") is not None and labels.by_key("c").name == "CLAIM"  # type: ignore[union-attr]
    assert any("CARDINAL" in problem for problem in workspace.problems)  # CLAIM took CARDINAL's key
    assert workspace.summary(entry) == (False, 0)
    session = ArticleSession.open(article, workspace.store_for(entry), labels)
    session.merge(SUGGESTIONS, model="m", extractor_version="v", complete=True)
    claim = session.edit(lambda a: a.add_span(0, 17, "CLAIM", kind=session.labels.kind_for("CLAIM")))
    assert claim.kind == "entity" and claim.label == "CLAIM"
    session.close()
    assert workspace.summary(entry) == (True, 5)

    override = AnnotationWorkspace([news], store=tmp_path / "elsewhere")
    assert override.store_for(entry).folder == tmp_path / "elsewhere"

    (news / "gloss.toml").write_text("[labels.CLAIM]\nkey = 7\n", encoding="utf-8")
    broken = AnnotationWorkspace([news])
    assert broken.labels_for(entry).names == default_label_config().names
    assert any("gloss.toml" in problem and "built-in" in problem for problem in broken.problems)


def test_temporaries_left_by_a_killed_process_are_cleaned(tmp_path: Path) -> None:
    import os
    import time

    write_article(tmp_path)
    folder = tmp_path / ".gloss"
    folder.mkdir()
    old = folder / ".kursk.txt.abc.json.123.xyz.tmp"
    old.write_text("{", encoding="utf-8")
    hours_ago = time.time() - 7200
    os.utime(old, (hours_ago, hours_ago))
    assert AnnotationWorkspace([tmp_path]).clean_temporaries() == 1
    assert not old.exists()


def test_selection_moves_one_edge_by_words_and_characters() -> None:
    text = "He said before Victory Day, in Moscow."
    selection = Selection.at(text, text.index("Victory") + 2)
    assert selection.selected == "Victory"
    selection.by_word(1)
    assert selection.selected == "Victory Day"
    selection.by_word(1)
    assert selection.selected == "Victory Day, in"
    selection.by_word(-1)
    assert selection.selected == "Victory Day"
    selection.by_char(1)
    assert selection.selected == "Victory Day,"
    selection.by_char(-1)
    selection.switch_side()
    selection.by_word(-1)
    assert selection.selected == "before Victory Day"
    selection.by_word(1)
    assert selection.selected == "Victory Day"
    selection.by_char(1)
    assert selection.selected == "ictory Day"
    assert selection.describe() == "“ictory Day” (start moves)"
    between = Selection.at(text, text.index(" Victory"))
    assert between.selected == "Victory"
    whole = Selection.at(text, text.index("ctory"), text.index("Day") + 1)
    assert whole.selected == "Victory Day"
