"""The reader's annotation controller without a screen: the open article's set, merges and the rules.

Real files in a temporary folder and the real store; the spans are written by hand so that each test
says exactly what the extractor "found". No Textual is imported here.
"""

from __future__ import annotations

from pathlib import Path

from tui.annotation import AnnotationController, AnnotationWorkspace, match_target, speaker_choice
from tui.model import Annotation, AnnotationSet, Article, ArticleEntry, Span, Speaker

TEXT = (
    "Putin met Xi in Moscow. Kim spoke too. “We will win,” the minister said, "
    "and Shoigu of the ministry agreed.\n"
)


def at(text: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(text, start + 1)
    return start, start + len(text)


def span(text: str, label: str, kind: str = "entity") -> Span:
    start, end = at(text)
    return Span(start, end, label, kind, text)  # type: ignore[arg-type]


SPANS = [
    span("Putin", "PERSON"),
    span("Xi", "PERSON"),
    span("Moscow", "PRODUCT"),
    span("Kim", "PERSON"),
    span("“We will win,”", "QUOTE", "quote"),
    span("Shoigu", "PERSON"),
    span("ministry", "ORG"),
]


def opened(tmp_path: Path) -> tuple[AnnotationController, Article]:
    path = tmp_path / "moscow.txt"
    path.write_text(TEXT, encoding="utf-8")
    article = Article(key=str(path), path=path, title="Moscow", text=TEXT)
    entry = ArticleEntry(key=str(path), path=path, title="Moscow", loader=lambda: article)
    controller = AnnotationController(AnnotationWorkspace([tmp_path]))
    controller.adopt(controller.open(entry, article))
    assert controller.merge_complete(article, SPANS, model="m", version="1")
    return controller, article


def by_text(annotations: AnnotationSet, text: str) -> Annotation:
    return next(a for a in annotations if a.span.text == text)


def test_the_controller_is_the_one_holder_of_the_set(tmp_path: Path) -> None:
    controller, article = opened(tmp_path)
    assert controller.annotations is controller.session.annotations  # type: ignore[union-attr]
    before = controller.annotations
    controller.accept(by_text(before, "Putin").id)  # type: ignore[arg-type]
    assert controller.annotations is before, "an edit changes the set in place, never a copy"
    assert controller.close()
    assert controller.annotations is None and not controller.is_open(article)


def test_relabelling_a_rejected_span_adds_a_span_and_keeps_the_rejection(tmp_path: Path) -> None:
    controller, _ = opened(tmp_path)
    annotations = controller.annotations
    assert annotations is not None
    moscow = by_text(annotations, "Moscow")
    controller.reject(moscow.id)
    placed = controller.relabel(moscow.id, "GPE")
    assert placed is not None and placed.id != moscow.id
    assert (placed.label, placed.status, placed.source) == ("GPE", "accepted", "human")
    assert annotations.get(moscow.id).status == "rejected"  # type: ignore[union-attr]


def test_relabelling_with_the_same_label_accepts_and_another_label_relabels(tmp_path: Path) -> None:
    controller, _ = opened(tmp_path)
    annotations = controller.annotations
    assert annotations is not None
    xi = by_text(annotations, "Xi")
    same = controller.relabel(xi.id, "PERSON")
    assert same is not None and (same.id, same.label, same.status) == (xi.id, "PERSON", "accepted")
    other = controller.relabel(by_text(annotations, "Kim").id, "ORG")
    assert other is not None and other.label == "ORG" and len(annotations) == len(SPANS)


def test_speaker_candidates_start_nearest_before_the_quote(tmp_path: Path) -> None:
    controller, _ = opened(tmp_path)
    annotations = controller.annotations
    assert annotations is not None
    quote = by_text(annotations, "“We will win,”")
    controller.reject(by_text(annotations, "Xi").id)  # a rejected span is no candidate
    choice = speaker_choice(annotations, quote)
    assert choice is not None
    assert [c.span.text for c in choice.candidates] == ["Putin", "Kim", "Shoigu", "ministry"]
    assert choice.current.span.text == "Kim", "the nearest PERSON/ORG before the quote comes first"
    choice.step(-1)
    assert choice.current.span.text == "Putin"
    choice.step(-1)
    assert choice.current.span.text == "ministry", "stepping wraps around"


def test_a_linked_speaker_is_offered_first(tmp_path: Path) -> None:
    controller, _ = opened(tmp_path)
    annotations = controller.annotations
    assert annotations is not None
    quote = by_text(annotations, "“We will win,”")
    shoigu = by_text(annotations, "Shoigu")
    linked = controller.link_speaker(quote.id, shoigu.id)
    assert linked.span.speaker == Speaker(shoigu.start, shoigu.end, "Shoigu")
    choice = controller.speaker_choice(linked)
    assert not isinstance(choice, str) and choice is not None
    assert choice.current.span.text == "Shoigu"


def test_the_speaker_choice_explains_what_is_missing(tmp_path: Path) -> None:
    controller, _ = opened(tmp_path)
    annotations = controller.annotations
    assert annotations is not None
    reason = controller.speaker_choice(by_text(annotations, "Moscow"))
    assert isinstance(reason, str) and "quotation" in reason


def test_a_search_match_means_a_span_in_play_then_the_shortest() -> None:
    text = "the Kursk region"
    region = Annotation.suggestion(0, Span(4, 16, "LOC", "entity", text[4:]), "t")
    rejected = Annotation.suggestion(1, Span(4, 9, "PRODUCT", "entity", "Kursk"), "t").evolve(
        status="rejected"
    )
    kept = Annotation.suggestion(2, Span(4, 9, "GPE", "entity", "Kursk"), "t")
    assert match_target([(0, region), (1, rejected), (2, kept)]) == 2
    assert match_target([(0, region), (1, rejected)]) == 0, "a rejected span only when nothing else is there"
    assert match_target([]) is None


def test_progressive_merges_take_only_new_spans_and_new_bounds_accept(tmp_path: Path) -> None:
    path = tmp_path / "moscow.txt"
    path.write_text(TEXT, encoding="utf-8")
    article = Article(key=str(path), path=path, title="Moscow", text=TEXT)
    entry = ArticleEntry(key=str(path), path=path, title="Moscow", loader=lambda: article)
    controller = AnnotationController(AnnotationWorkspace([tmp_path]))
    controller.adopt(controller.open(entry, article))
    suggestions = [Annotation.suggestion(n, s, "t") for n, s in enumerate(SPANS)]
    assert controller.merge_progress(article, suggestions[:3], model="m", version="1")
    assert not controller.merge_progress(article, suggestions[:3], model="m", version="1"), "nothing new"
    assert controller.merge_progress(article, suggestions, model="m", version="1")
    annotations = controller.annotations
    assert annotations is not None and len(annotations) == len(SPANS)
    moscow = by_text(annotations, "Moscow")
    start, end = at("in Moscow")
    moved = controller.set_bounds(moscow.id, start, end)
    assert (moved.span.text, moved.status) == ("in Moscow", "accepted")
    assert controller.undo() is not None and annotations.get(moscow.id).span.text == "Moscow"  # type: ignore[union-attr]
