"""The annotation store on real files: round trips, naming, summaries, corrupt files, write failures."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from tui.model import AnnotationSet, Article, Span, Speaker
from tui.store import (
    FORMAT_NAME,
    FORMAT_VERSION,
    AnnotationStore,
    CorruptAnnotationsError,
    StoreWriteError,
    text_sha256,
)

SEED = Path(__file__).parents[2] / ".." / "shared" / "seeds" / "beijing-summit.txt"
TEXT = "Xi Jinping met Vladimir Putin in Kursk. “Old friend,” Putin said of Xi, citing 15,000 troops."
MODEL = {"model": "en_core_web_sm-3.8.0", "extractor_version": "0.1.0"}


def span(text: str, needle: str, label: str, kind: str = "entity", nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span(start, start + len(needle), label, kind, needle)  # type: ignore[arg-type]


def make_article(folder: Path, text: str = TEXT, name: str = "a.txt") -> Article:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return Article(key=str(path), path=path, title="Summit", text=text)


def worked_on(text: str = TEXT) -> AnnotationSet:
    quote = span(text, "“Old friend,”", "QUOTE", "quote")
    anns = AnnotationSet.from_suggestions(
        text,
        [span(text, "Xi Jinping", "PERSON"), span(text, "Kursk", "PRODUCT"), quote,
         Span(*_range(text, "15,000"), "CARDINAL", "number", "15,000", value=15000.0)],
    )
    kursk = next(a.id for a in anns if a.span.text == "Kursk")
    anns.reject(kursk)
    gpe = anns.add_span(anns.require(kursk).start, anns.require(kursk).end, "GPE")
    assert gpe.label == "GPE"
    putin = anns.add_span(*_range(text, "Putin", 1), "PERSON")
    anns.link_speaker(next(a.id for a in anns if a.kind == "quote"), putin.id)
    anns.set_note(next(a.id for a in anns if a.span.text == "15,000"), "troops, not soldiers")
    anns.accept(next(a.id for a in anns if a.span.text == "Xi Jinping"))
    return anns


def _range(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    found = span(text, needle, "X", nth=nth)
    return found.start, found.end


@pytest.fixture
def article(tmp_path: Path) -> Article:
    return make_article(tmp_path)


def test_round_trip_restores_everything_and_history(article: Article) -> None:
    anns = worked_on()
    store = AnnotationStore.for_article_path(article.path)
    file = store.save(article, anns, **MODEL)
    assert file.parent == article.path.parent / ".gloss" and file.name.startswith("a.txt.")
    loaded = store.load(article)
    assert loaded is not None and not loaded.text_changed and not loaded.history_dropped
    assert loaded.annotations.ordered == anns.ordered
    assert loaded.annotations.undo_stack == anns.undo_stack
    assert (loaded.model, loaded.extractor_version) == (MODEL["model"], MODEL["extractor_version"])
    loaded.annotations.undo()  # undo after reopening: the accept of Xi Jinping
    xi = next(a for a in loaded.annotations if a.span.text == "Xi Jinping")
    assert xi.status == "suggested"


def test_file_holds_the_documented_fields(article: Article) -> None:
    file = AnnotationStore.for_article_path(article.path).save(article, worked_on(), **MODEL)
    doc = json.loads(file.read_text(encoding="utf-8"))
    assert (doc["format"], doc["version"]) == (FORMAT_NAME, FORMAT_VERSION)
    assert doc["article"] == {
        "key": article.key, "path": str(article.path), "title": "Summit",
        "sha256": text_sha256(TEXT), "length": len(TEXT),
    }
    assert doc["text"] is None  # a .txt article's text is its file
    assert doc["model"] == MODEL["model"] and doc["unreviewed"] == 1  # 15,000: noted, not decided
    by_label = {s["label"]: s for s in doc["spans"] if s["status"] != "rejected"}
    assert by_label["GPE"]["source"] == "human" and by_label["GPE"]["text"] == "Kursk"
    assert by_label["CARDINAL"]["note"] == "troops, not soldiers"
    quote = by_label["QUOTE"]
    putin = TEXT.index("Putin", TEXT.index("Putin") + 1)
    assert quote["speaker"] == {"start": putin, "end": putin + 5, "text": "Putin"}
    assert {s["status"] for s in doc["spans"]} == {"accepted", "rejected", "suggested"}
    assert all({"start", "end", "text", "label", "kind", "source", "status", "note", "updated"} <= set(s)
               for s in doc["spans"])
    assert doc["undo"][0]["description"] == "reject PRODUCT “Kursk”"
    assert file.read_bytes()[:300].count(b'"unreviewed"') == 1  # in the head, for cheap summaries


def test_text_is_kept_when_it_is_not_the_file(tmp_path: Path) -> None:
    source = tmp_path / "page.html"
    source.write_text(f"<p>{TEXT}</p>", encoding="utf-8")
    article = Article(key=str(source), path=source, title="Page", text=TEXT, text_is_file=False)
    store = AnnotationStore.for_article_path(source)
    doc = json.loads(store.save(article, worked_on(), **MODEL).read_text(encoding="utf-8"))
    assert doc["text"] == TEXT and "context" not in doc["spans"][0]


def test_file_names_are_readable_short_safe_and_distinct(tmp_path: Path) -> None:
    store = AnnotationStore(tmp_path / ".gloss")
    names = {store.path_for(f"{tmp_path}/corpus.jsonl#{n}").name for n in range(200)}
    assert len(names) == 200
    name = store.path_for(f"{tmp_path}/corpus.jsonl#12").name
    assert name.startswith("corpus.jsonl-12.") and name.endswith(".json") and len(name) < 90
    weird = store.path_for(f"{tmp_path}/../über/a b?*:.txt").name
    assert "/" not in weird and " " not in weird and weird.isascii()
    # The same article named relative or absolute gets the same file.
    cwd = os.getcwd()
    try:
        os.chdir(tmp_path)
        assert store.path_for("a.txt") == store.path_for(str(tmp_path / "a.txt"))
    finally:
        os.chdir(cwd)


def test_override_folder_and_missing_file(tmp_path: Path, article: Article) -> None:
    store = AnnotationStore.for_article_path(article.path, override=tmp_path / "elsewhere")
    assert store.load(article) is None and store.summary(article.key) == (False, 0)
    assert store.save(article, worked_on(), **MODEL).parent == tmp_path / "elsewhere"


def test_summary_counts_unreviewed_and_follows_saves(article: Article) -> None:
    store = AnnotationStore.for_article_path(article.path)
    spans = [span(TEXT, "Xi Jinping", "PERSON"), span(TEXT, "Kursk", "GPE")]
    anns = AnnotationSet.from_suggestions(TEXT, spans)
    store.save(article, anns, **MODEL)
    assert store.summary(article.key) == (True, 2)
    anns.accept("m0")
    store.save(article, anns, **MODEL)
    assert store.summary(article.key) == (True, 1)
    fresh = AnnotationStore.for_article_path(article.path)  # another process: reads the file's head
    assert fresh.summary(article.key) == (True, 1)


def test_documents_iterates_saved_files_and_reports_corrupt_ones(tmp_path: Path) -> None:
    store = AnnotationStore(tmp_path / ".gloss")
    for n in range(3):
        a = make_article(tmp_path, name=f"{n}.txt")
        store.save(a, worked_on(), **MODEL)
    (store.folder / "junk.json").write_text("{", encoding="utf-8")
    (store.folder / ".a.txt.json.123.tmp").write_text("half", encoding="utf-8")
    errors: list[CorruptAnnotationsError] = []
    docs = list(store.documents(on_error=errors.append))
    assert sorted(Path(d.article_path).name for d in docs) == ["0.txt", "1.txt", "2.txt"]
    assert len(errors) == 1 and errors[0].path.name == "junk.json"
    assert all(len(d.annotations) == 6 for d in docs)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'{"format": "gloss-annotations", "version": 1, "spa', "not valid JSON"),
        (b"\xff\xfe{}", "not UTF-8"),
        (b"[1, 2]", "not an object"),
        (b'{"format": "other"}', "not a Gloss annotation file"),
        (b'{"format": "gloss-annotations", "version": 9}', "format version 9"),
        (b'{"format": "gloss-annotations", "version": 1, "article": {"key": "k", "sha256": "x"}, '
         b'"spans": [{"start": 5, "end": 2, "label": "X", "id": "a"}]}', "spans[0] is invalid"),
        (b'{"format": "gloss-annotations", "version": 1, "article": {"key": "k"}, "spans": []}',
         "missing field article.'sha256'"),
    ],
)
def test_corrupt_file_is_reported_kept_and_never_saved_over(
    article: Article, content: bytes, reason: str
) -> None:
    store = AnnotationStore.for_article_path(article.path)
    file = store.path_for(article)
    file.parent.mkdir()
    file.write_bytes(content)
    with pytest.raises(CorruptAnnotationsError) as error:
        store.load(article)
    assert error.value.path == file and reason in error.value.reason and str(file) in str(error.value)
    with pytest.raises(StoreWriteError) as refused:
        store.save(article, worked_on(), **MODEL)
    assert "could not be read" in str(refused.value)
    assert file.read_bytes() == content  # untouched
    assert store.summary(article.key)[0] is True
    aside = store.set_aside(file)
    assert aside.parent == file.parent and ".corrupt-" in aside.name and aside.read_bytes() == content
    assert store.load(article) is None
    store.save(article, worked_on(), **MODEL)  # starting fresh works
    assert store.load(article) is not None and aside.read_bytes() == content
    assert store.files() == [file]


def test_a_file_corrupted_behind_the_stores_back_is_not_saved_over(article: Article) -> None:
    store = AnnotationStore.for_article_path(article.path)
    file = store.save(article, worked_on(), **MODEL)
    file.write_bytes(b"garbage")
    with pytest.raises(StoreWriteError):
        store.save(article, worked_on(), **MODEL)
    assert file.read_bytes() == b"garbage"


def test_set_aside_twice_in_one_second_keeps_both(article: Article) -> None:
    store = AnnotationStore.for_article_path(article.path)
    file = store.path_for(article)
    file.parent.mkdir()
    file.write_bytes(b"one")
    first = store.set_aside(file)
    file.write_bytes(b"two")
    second = store.set_aside(file)
    assert first != second and first.read_bytes() == b"one" and second.read_bytes() == b"two"


def _fail_with(code: int, message: str):  # type: ignore[no-untyped-def]
    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(code, message)

    return fail


@pytest.mark.parametrize(
    ("target", "code", "words"),
    [
        ("replace", errno.EACCES, "not allowed to write"),  # read-only folder (tests run as root)
        ("fsync", errno.ENOSPC, "disk is full"),  # full disk noticed when flushing
        ("write", errno.ENOSPC, "disk is full"),
        ("open", errno.EROFS, "not allowed to write"),
    ],
)
def test_write_failures_leave_the_old_file_and_no_temporaries(
    article: Article, monkeypatch: pytest.MonkeyPatch, target: str, code: int, words: str
) -> None:
    store = AnnotationStore.for_article_path(article.path)
    first = worked_on()
    file = store.save(article, first, **MODEL)
    old = file.read_bytes()
    first.reject(next(a.id for a in first if a.span.text == "Xi Jinping"))
    monkeypatch.setattr(os, target, _fail_with(code, os.strerror(code)))
    with pytest.raises(StoreWriteError) as error:
        store.save(article, first, **MODEL)
    monkeypatch.undo()
    assert words in str(error.value) and str(file) in str(error.value)
    assert file.read_bytes() == old
    assert sorted(p.name for p in file.parent.iterdir()) == [file.name]
    store.save(article, first, **MODEL)  # works again once the disk has room
    loaded = store.load(article)
    assert loaded is not None and loaded.annotations.ordered == first.ordered


def test_read_only_folder_under_a_file(tmp_path: Path, article: Article) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    store = AnnotationStore(blocker / ".gloss")
    with pytest.raises(StoreWriteError):
        store.save(article, worked_on(), **MODEL)


def test_an_older_snapshot_never_overwrites_a_newer_save(article: Article) -> None:
    store = AnnotationStore.for_article_path(article.path)
    anns = worked_on()
    old = anns.snapshot()
    anns.reject(next(a.id for a in anns if a.span.text == "Xi Jinping"))
    store.save(article, anns, **MODEL)  # the exit save
    store.save(article, old, **MODEL)  # a worker that was late
    loaded = store.load(article)
    assert loaded is not None and loaded.annotations.ordered == anns.ordered


def test_save_refuses_annotations_of_another_text(article: Article) -> None:
    with pytest.raises(ValueError):
        AnnotationStore.for_article_path(article.path).save(article, AnnotationSet("other"), **MODEL)


def test_issue_acceptance_flow_on_the_seed_article(tmp_path: Path) -> None:
    """Reject "Kursk" as PRODUCT and relabel it GPE, add "Victory Day" as EVENT with the selection
    helpers, note "15,000", reopen: all there, in the documented form, and fresh suggestions merged."""
    if not SEED.exists():
        pytest.skip(f"shared seed article not found at {SEED}")
    from tui.model import merge_suggestions, snap_to_words

    text = SEED.read_text(encoding="utf-8")
    article = make_article(tmp_path, text, "beijing-summit.txt")
    suggestions = [span(text, "Kursk", "PRODUCT"),
                   Span(*_range(text, "15,000"), "CARDINAL", "number", "15,000", value=15000.0)]
    anns = AnnotationSet.from_suggestions(text, suggestions)
    kursk = next(a.id for a in anns if a.label == "PRODUCT")
    anns.reject(kursk)
    anns.relabel(kursk, "GPE")
    inside = text.index("ictory Da")  # a rough selection, snapped to words
    anns.add_span(*snap_to_words(text, inside, inside + 9), "EVENT")
    anns.set_note(next(a.id for a in anns if a.span.text == "15,000"), "which troops?")
    store = AnnotationStore.for_article_path(article.path)
    store.save(article, anns, **MODEL)

    loaded = AnnotationStore.for_article_path(article.path).load(article)
    assert loaded is not None
    merge_suggestions(loaded.annotations, suggestions)  # the extractor runs again on reopening
    found = {(a.span.text, a.label, a.status, a.note) for a in loaded.annotations}
    assert found == {
        ("Kursk", "GPE", "accepted", ""),
        ("Victory Day", "EVENT", "accepted", ""),
        ("15,000", "CARDINAL", "suggested", "which troops?"),
    }
    doc = json.loads(store.path_for(article).read_text(encoding="utf-8"))
    assert {s["text"] for s in doc["spans"]} == {"Kursk", "Victory Day", "15,000"}
    assert [e["description"] for e in doc["undo"]] == [
        "reject PRODUCT “Kursk”", "relabel PRODUCT “Kursk” as GPE", "add EVENT “Victory Day”",
        "note on CARDINAL “15,000”",
    ]


def test_speaker_json_round_trips(article: Article) -> None:
    anns = worked_on()
    store = AnnotationStore.for_article_path(article.path)
    store.save(article, anns, **MODEL)
    loaded = store.load(article)
    assert loaded is not None
    quote = next(a for a in loaded.annotations if a.kind == "quote")
    assert isinstance(quote.span.speaker, Speaker) and quote.span.speaker.text == "Putin"


def test_history_is_trimmed_to_its_budget_but_annotations_are_complete(
    article: Article, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.store.format as store_format

    monkeypatch.setattr(store_format, "MAX_SAVED_CHANGES", 3)
    anns = worked_on()
    store = AnnotationStore.for_article_path(article.path)
    store.save(article, anns, **MODEL)
    loaded = store.load(article)
    assert loaded is not None and loaded.annotations.ordered == anns.ordered
    assert loaded.annotations.undo_stack == anns.undo_stack[-3:]
    assert anns.review_remaining("rejected") > 0  # one step bigger than the budget on its own…
    monkeypatch.setattr(store_format, "MAX_SAVED_CHANGES", 0)
    store.save(article, anns, **MODEL)
    reloaded = store.load(article)
    assert reloaded is not None and reloaded.annotations.undo_stack == []  # …is not kept
    assert reloaded.annotations.ordered == anns.ordered


def test_two_readers_on_one_article_never_erase_each_others_work(article: Article) -> None:
    first, second = (AnnotationStore.for_article_path(article.path) for _ in range(2))
    mine = worked_on()
    first.save(article, mine, **MODEL)
    theirs_loaded = second.load(article)
    assert theirs_loaded is not None
    theirs = theirs_loaded.annotations
    theirs.set_note(next(a.id for a in theirs if a.span.text == "Xi Jinping"), "theirs")
    second.save(article, theirs, **MODEL)
    mine.set_note(next(a.id for a in mine if a.span.text == "Xi Jinping"), "mine")
    file = first.save(article, mine, **MODEL)  # the file changed since `first` wrote it
    assert len(first.conflicts) == 1 and ".conflict-" in first.conflicts[0].name
    kept = first.read(first.conflicts[0])
    assert any(a.note == "theirs" for a in kept.annotations)
    assert any(a.note == "mine" for a in first.read(file).annotations)
    assert first.files() == [file]
    assert second.conflicts == []


def test_saving_without_loading_keeps_an_existing_file(article: Article) -> None:
    AnnotationStore.for_article_path(article.path).save(article, worked_on(), **MODEL)
    careless = AnnotationStore.for_article_path(article.path)
    result = careless.save_reporting(article, AnnotationSet(TEXT), **MODEL)
    # It never saw the file, so it cannot have deleted anything in it: every span is the other's, kept.
    assert careless.conflicts == [] and result.merged == 6 and result.conflict_copy is None
    assert len(careless.read(result.file).annotations) == 6
