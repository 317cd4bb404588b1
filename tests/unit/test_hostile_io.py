"""Hostile and broken input to discovery, the source readers and the annotation store, on real files.

Each test builds the bad file in ``tmp_path``, runs the real code and checks that the bad file (or line)
gets one line saying why while everything else still loads. Nothing here may hang: FIFOs are opened only
by code that refuses them before blocking, so a regression shows as a hung test, not a pass.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tui.model import AnnotationSet, Article, ArticleLoadError, Span
from tui.sources import discover
from tui.store import AnnotationStore, CorruptAnnotationsError

TEXT = "Xi Jinping met Vladimir Putin in Kursk. “Old friend,” Putin said of Xi."
MODEL = {"model": "m", "extractor_version": "1"}

ALIAS_BOMB = """---
title: Bomb
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
---
Body text of the bomb.
"""


# row 5: resource bombs ------------------------------------------------------------------------------
def test_yaml_alias_bomb_in_front_matter_is_refused_quickly(tmp_path: Path) -> None:
    (tmp_path / "bomb.md").write_text(ALIAS_BOMB, encoding="utf-8")
    (tmp_path / "fine.md").write_text("---\ntitle: Fine\n---\nFine text.\n", encoding="utf-8")
    entries, _ = discover([tmp_path])
    by_name = {e.path.name: e for e in entries}
    assert by_name["fine.md"].load().text == "Fine text.\n"
    with pytest.raises(ArticleLoadError, match=r"bomb\.md: .*alias"):
        by_name["bomb.md"].load()


def test_oversized_front_matter_is_refused(tmp_path: Path) -> None:
    big = "---\n" + "".join(f"k{n}: {'x' * 60}\n" for n in range(3000)) + "---\nText.\n"
    path = tmp_path / "big.md"
    path.write_text(big, encoding="utf-8")
    (entry,), _ = discover([path])
    with pytest.raises(ArticleLoadError, match=r"big\.md: the front matter is larger than"):
        entry.load()


def test_sane_yaml_anchors_are_still_read(tmp_path: Path) -> None:
    path = tmp_path / "anchors.md"
    path.write_text("---\ntitle: T\nbase: &b {x: 1}\nother: *b\n---\nText.\n", encoding="utf-8")
    (entry,), _ = discover([path])
    assert entry.load().meta["other"] == {"x": 1}


def test_jsonl_huge_integer_and_deep_nesting_cost_one_line_each(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    lines = [
        json.dumps({"text": "First good article."}),
        '{"text": "big", "n": ' + "9" * 5000 + "}",
        '{"text": "deep", "x": ' + "[" * 100_000 + "]" * 100_000 + "}",
        json.dumps({"text": "Second good article."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    entries, problems = discover([tmp_path])
    assert [e.load().text for e in entries] == ["First good article.", "Second good article."]
    assert len(problems) == 2
    assert problems[0].startswith(f"{path} line 2: ") and "digits" in problems[0]
    assert problems[1].startswith(f"{path} line 3: ") and "nested" in problems[1]


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".jsonl", ".xml", ".rss"])
def test_fifo_with_a_known_suffix_is_skipped_without_blocking(tmp_path: Path, suffix: str) -> None:
    os.mkfifo(tmp_path / f"pipe{suffix}")
    (tmp_path / "real.txt").write_text("A real article.\n", encoding="utf-8")
    entries, problems = discover([tmp_path])
    assert [e.path.name for e in entries] == ["real.txt"]
    assert problems == [f"{tmp_path / f'pipe{suffix}'}: not a regular file (a FIFO); skipped"]


def test_a_device_behind_a_symlink_is_refused_not_read_forever(tmp_path: Path) -> None:
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    entries, problems = discover([tmp_path])
    assert problems == [f"{tmp_path / 'zero.txt'}: not a regular file (a character device); skipped"]
    (dangling,) = entries
    assert dangling.error is not None and "cannot read (No such file or directory)" in dangling.error


def test_fifo_named_on_the_command_line_is_refused_by_name(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    entries, problems = discover([fifo])
    assert entries == []
    assert problems == [f"{fifo}: not a regular file (a FIFO); skipped"]


def test_a_file_replaced_by_a_fifo_after_listing_fails_to_open_instead_of_blocking(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Text.\n", encoding="utf-8")
    (entry,), _ = discover([path])
    path.unlink()
    os.mkfifo(path)
    with pytest.raises(ArticleLoadError, match=r"a\.txt: not a regular file"):
        entry.load()


def test_an_annotation_file_that_is_a_fifo_is_corrupt_not_a_hang(tmp_path: Path) -> None:
    article = _article(tmp_path)
    store = AnnotationStore.for_article_path(article.path)
    store.folder.mkdir()
    os.mkfifo(store.path_for(article))
    with pytest.raises(CorruptAnnotationsError, match="not a regular file"):
        store.load(article)


def test_an_unreadable_subfolder_is_reported_not_silently_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "a.txt").write_text("Hidden.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Seen.\n", encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:  # chmod 0 does not stop root, who runs these tests
        if os.fspath(path) == str(locked):  # type: ignore[call-overload]
            raise PermissionError(13, "Permission denied", str(locked))
        return real_scandir(path)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "scandir", scandir)
    entries, problems = discover([tmp_path])
    assert [e.path.name for e in entries] == ["b.txt"]
    assert problems == [f"{locked}: cannot read this folder (Permission denied)"]


# row 8: annotation files the validator used to let through ------------------------------------------
def _article(folder: Path) -> Article:
    path = folder / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    return Article(key=str(path), path=path, title="Summit", text=TEXT)


def _saved(folder: Path) -> tuple[AnnotationStore, Article, Path, list[str]]:
    """A valid saved file with a quote whose speaker is set and one undo step, as lines."""
    article = _article(folder)
    quote = TEXT.index("“Old friend,”")
    anns = AnnotationSet.from_suggestions(
        TEXT,
        [
            Span(0, 10, "PERSON", "entity", "Xi Jinping"),
            Span(quote, quote + 13, "QUOTE", "quote", "“Old friend,”"),
        ],
    )
    anns.accept("m0")
    putin = anns.add_span(TEXT.index("Putin", 30), TEXT.index("Putin", 30) + 5, "PERSON")
    anns.link_speaker("m1", putin.id)
    store = AnnotationStore.for_article_path(article.path)
    file = store.save(article, anns, **MODEL)
    return store, article, file, file.read_text(encoding="utf-8").splitlines(keepends=True)


def _corrupt(file: Path, lines: list[str], needle: str, old: str, new: str) -> None:
    index = next(n for n, line in enumerate(lines) if needle in line)
    assert old in lines[index]
    lines[index] = lines[index].replace(old, new, 1)
    file.write_text("".join(lines), encoding="utf-8")


@pytest.mark.parametrize(
    ("needle", "old", "new"),
    [
        ('"id": "m0"', '"start": 0', '"start": 1e400'),
        ('"id": "m0"', '"end": 10', '"end": -1e400'),
        ('"kind": "quote"', '"speaker": {"start": ', '"speaker": {"start": 1e400, "x": '),
        ('"id": "m0"', '"end": 10', '"end": ' + "1" * 5000),
        ('"id": "m0"', '"end": 10', '"end": 10, "deep": ' + "[" * 100_000 + "]" * 100_000),
        ('"description"', '"start": ', '"start": 1e400, "x": '),
        ('"id": "m0"', '"end": 10', '"end": 10, "value": 1e400'),
        ('"kind": "quote"', '"cue": ', '"cue": {"not": "text"}, "x": '),
        ('"id": "m0"', '"end": 10', '"end": 10, "extra": NaN'),
        ('"id": "m0"', '"end": 10', '"end": 10, "extra": [1e999]'),
    ],
    ids=[
        "inf-start",
        "inf-end",
        "inf-speaker",
        "huge-int",
        "deep",
        "inf-undo",
        "inf-value",
        "cue-object",
        "nan-anywhere",
        "inf-anywhere",
    ],
)
def test_hostile_numbers_and_nesting_are_reported_as_corrupt(
    tmp_path: Path, needle: str, old: str, new: str
) -> None:
    store, article, file, lines = _saved(tmp_path)
    _corrupt(file, lines, needle, old, new)
    before = file.read_bytes()
    fresh = AnnotationStore.for_article_path(article.path)
    with pytest.raises(CorruptAnnotationsError) as raised:
        fresh.load(article)
    assert str(raised.value).startswith(f"{file}: ") and "\n" not in str(raised.value)
    reported: list[CorruptAnnotationsError] = []
    assert list(fresh.documents(on_error=reported.append)) == []
    assert [e.path for e in reported] == [file]
    assert file.read_bytes() == before
    del store


@pytest.mark.parametrize("field", ["unplaced", "undo", "redo"])
@pytest.mark.parametrize("value", [True, 7, "spans", {"id": "m0"}])
def test_a_list_field_that_is_no_list_is_reported_as_corrupt(
    tmp_path: Path, field: str, value: object
) -> None:
    """``"unplaced": true`` made the article impossible to open (a TypeError in the reader's load),
    where a corrupt file is the corrupt-file dialog and the article opens."""
    store, article, file, _lines = _saved(tmp_path)
    document = json.loads(file.read_text(encoding="utf-8"))
    document[field] = value
    file.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(CorruptAnnotationsError, match=f"field '{field}' must be a list or null"):
        AnnotationStore.for_article_path(article.path).load(article)
    del store
