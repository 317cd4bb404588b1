"""Fuzzing discovery, the source readers and the store loader with hypothesis, on real files.

Random bytes under every known suffix, random JSON Lines and randomly damaged annotation files go
through the same code the reader and the command line use. No exception may escape other than the ones
that carry a user-facing reason (``ArticleLoadError``, ``CorruptAnnotationsError``), and every file that
does not give an article gives a reason naming it.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.model import AnnotationSet, Article, ArticleLoadError, Span
from tui.sources import SUFFIXES, scan
from tui.store import AnnotationStore, CorruptAnnotationsError, StoreError

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

HOSTILE_FRAGMENTS = [
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"---\n",
    b"\n---\n",
    b"a: &a [x, x]\nb: &b [*a, *a]\n",
    b"<rss version='2.0'><channel><item><title>",
    b"<feed xmlns='http://www.w3.org/2005/Atom'><entry><title>",
    b"<html><body><article><p>",
    b'{"text": ',
    b"9" * 5000,
    b"[" * 3000,
    b"&amp;amp;",
    b"\x1b]0;title\x07",
    b"\r\n",
]


@st.composite
def hostile_bytes(draw: st.DrawFn) -> bytes:
    """Random bytes mixed with fragments of every format and of known attacks."""
    parts = draw(st.lists(st.one_of(st.binary(max_size=200), st.sampled_from(HOSTILE_FRAGMENTS)), max_size=8))
    return b"".join(parts)


def _reasons_name(path: Path, found_lines: list[str]) -> bool:
    return any(line.startswith(str(path)) for line in found_lines)


@FUZZ
@given(files=st.lists(st.tuples(st.sampled_from(sorted(SUFFIXES)), hostile_bytes()), min_size=1, max_size=4))
def test_random_files_of_every_suffix_never_raise_and_each_gets_an_article_or_a_reason(
    files: list[tuple[str, bytes]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for number, (suffix, data) in enumerate(files):
            path = Path(folder, f"f{number}{suffix}")
            path.write_bytes(data)
            paths.append(path)
        found = scan([Path(folder)])
        for path in paths:
            entries = [e for e in found.entries if e.path == path]
            reasons = [*found.problems, *found.skipped]
            loaded = 0
            for entry in entries:
                try:
                    article = entry.load()
                except ArticleLoadError as error:
                    message = str(error)
                    assert message.startswith(str(path)), message
                    assert "\n" not in message.strip(), message
                    continue
                assert isinstance(article.text, str) and isinstance(article.title, str)
                loaded += 1
            assert loaded or entries or _reasons_name(path, reasons), (path, found)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def jsonl_line(draw: st.DrawFn) -> bytes:
    """A record, a damaged record, any JSON value, or random bytes: one line of a JSONL corpus."""
    kind = draw(st.sampled_from(["record", "value", "bytes", "bomb"]))
    if kind == "record":
        record: dict[str, Any] = {"text": draw(st.text(min_size=1, max_size=50))}
        record.update(draw(st.dictionaries(st.sampled_from(["title", "meta", "date", "url"]), JSON_VALUES)))
        return json.dumps(record).encode()
    if kind == "value":
        return json.dumps(draw(JSON_VALUES)).encode()
    if kind == "bomb":
        return draw(st.sampled_from([b'{"text": "x", "n": ' + b"7" * 4400 + b"}", b"[" * 50_000]))
    return draw(st.binary(max_size=80)).replace(b"\n", b" ")


@FUZZ
@given(lines=st.lists(jsonl_line(), min_size=1, max_size=12))
def test_random_jsonl_lines_each_load_or_give_their_line_a_reason(lines: list[bytes]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "corpus.jsonl")
        path.write_bytes(b"\n".join(lines) + b"\n")
        found = scan([path])
        keys = {e.key for e in found.entries}
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            named = any(p.startswith(f"{path} line {number}: ") for p in found.problems)
            assert (f"{path}#{number}" in keys) != named, (number, line[:80], found.problems)
        for entry in found.entries:
            article = entry.load()
            assert article.text.strip()


TEXT = "Xi Jinping met Vladimir Putin in Kursk. “Old friend,” Putin said of Xi."


def _article(folder: Path) -> Article:
    path = folder / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    return Article(key=str(path), path=path, title="T", text=TEXT)


def _valid_file() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        article = _article(Path(folder))
        quote = TEXT.index("“")
        anns = AnnotationSet.from_suggestions(
            TEXT,
            [
                Span(0, 10, "PERSON", "entity", "Xi Jinping"),
                Span(quote, quote + 13, "QUOTE", "quote", TEXT[quote : quote + 13]),
            ],
        )
        anns.accept("m0")
        putin = TEXT.index("Putin", 45)
        anns.link_speaker("m1", anns.add_span(putin, putin + 5, "PERSON").id)
        store = AnnotationStore.for_article_path(article.path)
        data: dict[str, Any] = json.loads(
            store.save(article, anns, model="m", extractor_version="1").read_bytes()
        )
        return data


VALID = _valid_file()


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a JSON document (as key paths), for replacing one value."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(_paths(item, (*prefix, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_paths(item, (*prefix, index)))
    return found


PLACES = _paths(VALID)[1:]
HOSTILE_VALUES = JSON_VALUES | st.sampled_from(
    [float("inf"), float("-inf"), float("nan"), 10**5000, -1, 2**64, "", [], {}, None]
)


def _replace(document: Any, place: tuple[Any, ...], value: Any) -> Any:
    if not place:
        return value
    head, rest = place[0], place[1:]
    copy = dict(document) if isinstance(document, dict) else list(document)
    copy[head] = _replace(copy[head], rest, value)  # type: ignore[index]
    return copy


def _encode(document: Any) -> bytes:
    """JSON as another program might write it: bare ``Infinity``/``NaN`` and integers of any length."""
    import sys

    old = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        return json.dumps(document, ensure_ascii=False).encode()
    finally:
        sys.set_int_max_str_digits(old)


@FUZZ
@given(
    changes=st.lists(st.tuples(st.sampled_from(PLACES), HOSTILE_VALUES), min_size=1, max_size=4),
    tail=st.one_of(st.none(), st.binary(max_size=20)),
)
def test_randomly_damaged_annotation_files_load_or_are_reported_corrupt(
    changes: list[tuple[tuple[Any, ...], Any]], tail: bytes | None
) -> None:
    document: Any = VALID
    for place, value in changes:
        try:
            document = _replace(document, place, value)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed that place
    data = _encode(document) + (tail or b"")
    with tempfile.TemporaryDirectory() as folder:
        article = _article(Path(folder))
        store = AnnotationStore.for_article_path(article.path)
        file = store.path_for(article)
        file.parent.mkdir()
        file.write_bytes(data)
        try:
            loaded = store.load(article)
        except CorruptAnnotationsError as error:
            assert str(error).startswith(f"{file}: ") and "\n" not in str(error)
            assert file.read_bytes() == data  # never touched
            reported: list[CorruptAnnotationsError] = []
            assert list(store.documents(on_error=reported.append)) == []
            assert len(reported) == 1
            return
        assert loaded is not None
        for annotation in loaded.annotations:  # what the reader and the exporters do with them
            json.dumps(annotation.to_json(), allow_nan=False)
            assert 0 <= annotation.start < annotation.end
        try:
            store.save(article, loaded.annotations, model="m", extractor_version="1")
        except StoreError as error:
            assert str(error).startswith(str(file))


@FUZZ
@given(data=hostile_bytes())
def test_random_bytes_as_an_annotation_file_are_reported_corrupt_or_load(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        article = _article(Path(folder))
        store = AnnotationStore.for_article_path(article.path)
        file = store.path_for(article)
        file.parent.mkdir()
        file.write_bytes(data)
        try:
            store.load(article)
        except CorruptAnnotationsError as error:
            assert str(error).startswith(f"{file}: ") and "\n" not in str(error)
        assert file.read_bytes() == data
