"""An article's text changed under its annotations: spans are found again, or kept as unplaced."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.model import AnnotationSet, Article, Span
from tui.store import AnnotationStore

OLD = (
    "Putin spoke first. Later, in Kursk, Putin said: “We will win,” and Xi nodded. "
    "The ministry counted 15,000 troops."
)
MODEL = {"model": "m", "extractor_version": "1"}


def find(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def annotate(text: str) -> AnnotationSet:
    anns = AnnotationSet(text)
    anns.add_span(*find(text, "Putin"), "PERSON")
    second = anns.add_span(*find(text, "Putin", 1), "PERSON", note="the second")
    anns.add_span(*find(text, "Kursk"), "GPE")
    quote = anns.add_span(*find(text, "“We will win,”"), "QUOTE")
    anns.link_speaker(quote.id, second.id)
    anns.add_span(*find(text, "15,000"), "CARDINAL")
    return anns


def save_then_change(tmp_path: Path, new_text: str, *, text_is_file: bool = True) -> AnnotationStore:
    path = tmp_path / ("a.txt" if text_is_file else "a.html")
    path.write_text(OLD, encoding="utf-8")
    store = AnnotationStore.for_article_path(path)
    store.save(Article(str(path), path, "t", OLD, text_is_file=text_is_file), annotate(OLD), **MODEL)
    path.write_text(new_text, encoding="utf-8")
    return store


def article(tmp_path: Path, text: str, text_is_file: bool = True) -> Article:
    path = tmp_path / ("a.txt" if text_is_file else "a.html")
    return Article(str(path), path, "t", text, text_is_file=text_is_file)


def placed(anns: AnnotationSet) -> list[tuple[str, str, str]]:
    return [(a.label, a.span.text, anns.text[a.start : a.end]) for a in anns]


def test_inserted_text_moves_every_span(tmp_path: Path) -> None:
    new = "BREAKING: an update.\n\n" + OLD.replace("Xi nodded", "Xi Jinping nodded slowly")
    store = save_then_change(tmp_path, new)
    loaded = store.load(article(tmp_path, new))
    assert loaded is not None and loaded.text_changed and loaded.history_dropped
    assert loaded.moved == 5 and loaded.newly_unplaced == [] and loaded.lost_speakers == []
    assert all(label_text == found for _, label_text, found in placed(loaded.annotations))
    second = next(a for a in loaded.annotations if a.note == "the second")
    assert second.start == find(new, "Putin", 1)[0]  # the right Putin, by context
    quote = next(a for a in loaded.annotations if a.kind == "quote")
    assert quote.span.speaker is not None and quote.span.speaker.start == second.start


def test_spans_whose_text_is_gone_are_kept_as_unplaced(tmp_path: Path) -> None:
    new = OLD.replace("Kursk", "Belgorod").replace("15,000", "twenty thousand")
    store = save_then_change(tmp_path, new)
    changed = article(tmp_path, new)
    loaded = store.load(changed)
    assert loaded is not None
    assert sorted(a.span.text for a in loaded.newly_unplaced) == ["15,000", "Kursk"]
    assert len(loaded.annotations) == 3 and loaded.unplaced == loaded.newly_unplaced
    file = store.save(changed, loaded.annotations, **MODEL)
    doc = json.loads(file.read_text(encoding="utf-8"))
    assert sorted(s["text"] for s in doc["unplaced"]) == ["15,000", "Kursk"]
    again = store.load(changed)  # same text now: nothing moves, the unplaced stay listed
    assert again is not None and not again.text_changed and again.newly_unplaced == []
    assert sorted(a.span.text for a in again.unplaced) == ["15,000", "Kursk"]
    number = next(a for a in again.unplaced if a.span.text == "15,000")
    assert again.annotations.discard_unplaced([number.id]) == 1
    assert len(again.annotations.unplaced) == 1
    kursk = again.annotations.unplaced[0]
    start = new.index("Belgorod")
    placed = again.annotations.place_unplaced(kursk.id, start, start + len("Belgorod"))
    assert placed.span.text == "Belgorod" and placed.label == "GPE" and again.annotations.unplaced == []
    again.annotations.undo()
    assert again.annotations.get(kursk.id) is None
    again.annotations.redo()
    assert again.annotations.get(kursk.id) == placed


def test_ambiguous_text_without_matching_context_is_not_guessed(tmp_path: Path) -> None:
    new = "Putin. Putin. Putin."
    store = save_then_change(tmp_path, new)
    loaded = store.load(article(tmp_path, new))
    assert loaded is not None
    unplaced = sorted(a.span.text for a in loaded.newly_unplaced)
    assert "Kursk" in unplaced and len(loaded.annotations) + len(loaded.unplaced) == 5


def test_kept_text_gives_context_for_html_and_other_formats(tmp_path: Path) -> None:
    new = "Headline\n" + OLD
    store = save_then_change(tmp_path, new, text_is_file=False)
    loaded = store.load(article(tmp_path, new, text_is_file=False))
    assert loaded is not None and loaded.moved == 5 and loaded.newly_unplaced == []


def test_lost_speaker_is_reported_and_unlinked(tmp_path: Path) -> None:
    new = OLD.replace("Putin said", "he said").replace("Putin spoke", "Someone spoke")
    store = save_then_change(tmp_path, new)
    loaded = store.load(article(tmp_path, new))
    assert loaded is not None
    quote = next(a for a in loaded.annotations if a.kind == "quote")
    assert loaded.lost_speakers == [quote.id] and quote.span.speaker is None


def test_hand_edited_offsets_with_same_text_are_repaired(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(OLD, encoding="utf-8")
    store = AnnotationStore.for_article_path(path)
    file = store.save(article(tmp_path, OLD), annotate(OLD), **MODEL)
    doc = json.loads(file.read_text(encoding="utf-8"))
    kursk = next(s for s in doc["spans"] if s["text"] == "Kursk")
    kursk["start"] += 1
    kursk["end"] += 1
    file.write_text(json.dumps(doc), encoding="utf-8")
    loaded = AnnotationStore.for_article_path(path).load(article(tmp_path, OLD))
    assert loaded is not None and not loaded.text_changed and loaded.moved == 1
    fixed = next(a for a in loaded.annotations if a.span.text == "Kursk")
    assert fixed.start == OLD.index("Kursk")


def test_number_span_keeps_value_when_moved(tmp_path: Path) -> None:
    anns = AnnotationSet(OLD)
    anns.add(Span(*find(OLD, "15,000"), "CARDINAL", "number", "15,000", value=15000.0))
    path = tmp_path / "a.txt"
    store = AnnotationStore.for_article_path(path)
    store.save(article(tmp_path, OLD), anns, **MODEL)
    loaded = store.load(article(tmp_path, "x " + OLD))
    assert loaded is not None and loaded.annotations.ordered[0].span.value == 15000.0


WORDS = ["Putin", "Xi", "said", "the", "troops", "Kursk", "15,000", "and", "“yes,”", "in", "Moscow"]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS), min_size=5, max_size=60),
    st.lists(st.integers(0, 59), max_size=8, unique=True),
    st.lists(st.tuples(st.integers(0, 10_000), st.text(min_size=1, max_size=30)), max_size=5),
)
def test_edits_away_from_spans_never_lose_or_misplace_them(
    words: list[str], chosen: list[int], inserts: list[tuple[int, str]]
) -> None:
    text = " ".join(words)
    starts = [sum(len(w) + 1 for w in words[:i]) for i in range(len(words))]
    spans = [(starts[i], starts[i] + len(words[i])) for i in sorted(set(chosen)) if i < len(words)]
    anns = AnnotationSet(text)
    for start, end in spans:
        anns.add_span(start, end, "PERSON")
    # Insert text only where no span edge is within the context window, so every span keeps its
    # surroundings (a repeated word next to an edit may rightly become unplaced; that is tested above).
    safe = [p for p in range(len(text) + 1) if all(abs(p - s) > 16 and abs(p - e) > 16 for s, e in spans)]
    new, shifts = text, []
    edits = sorted(((safe[p % len(safe)], x) for p, x in inserts), reverse=True) if safe else []
    for position, extra in edits:
        new = new[:position] + extra + new[position:]
        shifts.append((position, len(extra)))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.txt"
        path.write_text(text, encoding="utf-8")
        store = AnnotationStore.for_article_path(path)
        store.save(Article(str(path), path, "t", text), anns, **MODEL)
        loaded = store.load(Article(str(path), path, "t", new))
    assert loaded is not None and loaded.newly_unplaced == []
    expected = sorted(
        (s + sum(n for p, n in shifts if p <= s), e + sum(n for p, n in shifts if p <= s)) for s, e in spans
    )
    placed = sorted((a.start, a.end) for a in loaded.annotations)
    assert all(new[a.start : a.end] == a.span.text for a in loaded.annotations)

    def window(start: int, end: int) -> str:  # two places with the same window cannot be told apart
        return new[max(0, start - 16) : end + 16]

    assert [window(*p) for p in placed] == [window(*p) for p in expected]


EDITED_OLD = (
    "Kim Jong Un\n\n"
    "North Korean leader Kim Jong Un in Beijing met Xi Jinping on Tuesday. "
    "He later left by train."
)


def test_an_edited_span_is_never_moved_onto_another_occurrence(tmp_path: Path) -> None:
    """The accepted span's own text is edited: its context matches no other place, so it is unplaced
    rather than landing on (and duplicating) the heading's "Kim Jong Un"."""
    path = tmp_path / "a.txt"
    path.write_text(EDITED_OLD, encoding="utf-8")
    store = AnnotationStore.for_article_path(path)
    anns = AnnotationSet(EDITED_OLD)
    anns.add_span(*find(EDITED_OLD, "Kim Jong Un"), "PERSON")
    anns.add_span(*find(EDITED_OLD, "Kim Jong Un", 1), "PERSON", note="the leader")
    store.save(Article(str(path), path, "t", EDITED_OLD), anns, **MODEL)
    new = EDITED_OLD.replace("leader Kim Jong Un in", "leader Kim Un in")
    path.write_text(new, encoding="utf-8")

    loaded = store.load(article(tmp_path, new))

    assert loaded is not None
    offsets = [(a.start, a.end) for a in loaded.annotations]
    assert len(offsets) == len(set(offsets)), "two annotations on one place"
    assert [a.note for a in loaded.annotations.unplaced] == ["the leader"]
    assert [(a.start, a.span.text, a.note) for a in loaded.annotations] == [(0, "Kim Jong Un", "")]


def test_a_span_whose_only_occurrence_lost_its_context_is_unplaced() -> None:
    from tui.store.anchor import find_again

    text = "A heading\n\nKim Jong Un\n\nand the rest."
    assert find_again(text, "Kim Jong Un", ("rean leader ", " in Beijing met"), 40) is None


def test_a_span_whose_neighbourhood_was_edited_on_one_side_is_still_placed() -> None:
    from tui.store.anchor import find_again

    text = "Korean leader Kim Jong Un, visiting Beijing, met Xi."
    assert find_again(text, "Kim Jong Un", ("Korean leader ", " in Beijing met"), 30) == 14
