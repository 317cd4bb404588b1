"""Entity clean-up rules (plain unit tests) and the seed article's entities with the real model."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.extract import Extractor
from tui.extract.entities import (
    fix_entities,
    harmonise_labels,
    is_heading,
    mark_datelines,
    propagate_names,
    recase_capitals,
    split_at_dashes,
    trim_span,
)
from tui.model import Span

SEED = Path(__file__).parents[2] / "seeds" / "beijing-summit.txt"


def test_entity_is_cut_at_a_line_break_and_keeps_both_lines() -> None:
    text = "Dumbarton\nBerwick won"
    assert fix_entities(text, [(0, 17, "ORG")]) == [(0, 9, "ORG"), (10, 17, "ORG")]


def test_possessive_and_leading_article_are_trimmed() -> None:
    """The leading "the" goes in the CoNLL convention only; OntoNotes (the model's) counts it in."""
    text = "Kim’s train and the Commerce Department's report and Hong Kong 's future"
    assert text[slice(*trim_span(text, 0, 5, "PERSON"))] == "Kim"
    start = text.index("the Commerce")
    assert text[slice(*trim_span(text, start, start + 25, "ORG", "conll"))] == "Commerce Department"
    assert text[slice(*trim_span(text, start, start + 25, "ORG"))] == "the Commerce Department"
    start = text.index("Hong Kong 's")
    assert text[slice(*trim_span(text, start, start + 12, "GPE"))] == "Hong Kong"


def test_scores_and_lower_case_words_are_trimmed_from_names_only() -> None:
    text = "S. Watkin 4-28 and Manchester City v Charlton; Interstate 95"
    assert text[slice(*trim_span(text, 0, 14, "PERSON"))] == "S. Watkin"
    start = text.index("Manchester")
    assert text[slice(*trim_span(text, start, start + 17, "ORG"))] == "Manchester City"
    start = text.index("Interstate")
    assert text[slice(*trim_span(text, start, start + 13, "FAC"))] == "Interstate 95"


def test_unclosed_bracket_and_table_scores_split_names() -> None:
    text = "the National League for Democracy ( NLD ) said; Zemun 1 Rad 0"
    start = text.index("National")
    assert text[slice(*trim_span(text, start, start + 36, "ORG"))] == "National League for Democracy"
    zemun = text.index("Zemun")
    assert fix_entities(text, [(zemun, zemun + 11, "ORG")]) == [
        (zemun, zemun + 5, "ORG"),
        (zemun + 8, zemun + 11, "ORG"),
    ]


def test_dateline_places_are_places() -> None:
    text = "SOCCER - SLOVAKIA WIN .\nTOFTIR , Faroe Islands 1996-08-31\nLONDON (Reuters) - Prices fell.\n"
    toftir = text.index("TOFTIR")
    london = text.index("LONDON")
    found = mark_datelines(text, [(toftir, toftir + 6, "ORG")])
    assert [(text[s:e], label) for s, e, label in found] == [
        ("TOFTIR", "GPE"),
        ("Faroe Islands", "GPE"),
        ("LONDON", "GPE"),
    ]
    assert london == found[-1][0]


def test_heading_tagged_whole_is_dropped_but_a_name_line_is_kept() -> None:
    text = "The defense treaty was signed.\nProspect of Closer Defense Ties\nVera Haller\nShe wrote more."
    heading = text.index("Prospect")
    byline = text.index("Vera")
    spans = [(heading, heading + 31, "ORG"), (byline, byline + 11, "PERSON")]
    assert fix_entities(text, spans) == [(byline, byline + 11, "PERSON")]
    assert is_heading("Prospect of Closer Defense Ties")
    assert not is_heading("Kim said the talks went well.")


def test_spaced_dash_splits_and_unknown_pieces_are_dropped() -> None:
    text = "RUGBY LEAGUE - WIGAN BEAT BRADFORD .\nWigan won."
    assert split_at_dashes(text, 0, 20) == [(0, 12), (15, 20)]
    wigan = text.index("Wigan")
    # Only the piece that is an entity elsewhere ("Wigan", here in capitals) survives, with its label.
    assert fix_entities(text, [(0, 20, "ORG"), (wigan, wigan + 5, "GPE")]) == [
        (15, 20, "GPE"),
        (wigan, wigan + 5, "GPE"),
    ]


def test_recasing_keeps_length_and_only_touches_capital_lines() -> None:
    text = "SOCCER - ST LOUIS BEAT US TEAM .\nKeep THIS line.\nSTRASSE ß"
    recased = recase_capitals(text)
    assert len(recased) == len(text)
    # Words of one or two letters stay in capitals: they are as often acronyms ("US") as words.
    assert recased.startswith("Soccer - ST Louis Beat US Team .")
    assert "Keep THIS line." in recased


def test_labels_agree_within_a_text_and_names_are_propagated() -> None:
    text = "Essex beat Kent. Essex lost. Donovan Bailey won; Bailey smiled. Essex again."
    first, second = 0, text.index("Essex lost")
    bailey = text.index("Bailey smiled")
    spans = [(first, first + 5, "ORG"), (second, second + 5, "ORG"), (bailey, bailey + 6, "GPE"),
             (text.index("Donovan"), text.index("Donovan") + 14, "PERSON")]  # fmt: skip
    labels = {text[s:e] + str(s): label for s, e, label in harmonise_labels(text, sorted(spans))}
    assert labels[f"Bailey{bailey}"] == "PERSON"
    propagated = propagate_names(text, sorted(spans))
    third = text.index("Essex again")
    assert (third, third + 5, "ORG") in propagated


def test_a_surname_alone_is_tagged_after_the_full_name() -> None:
    text = "Donovan Bailey won the race. Later Bailey said the young Young was fast."
    found = propagate_names(text, [(0, 14, "PERSON"), (text.index("Young"), text.index("Young") + 5, "GPE")])
    bailey = text.index("Bailey said")
    assert (bailey, bailey + 6, "PERSON") in found


@pytest.fixture(scope="module")
def extractor() -> Iterator[Extractor]:
    """The real model, loaded once for this module."""
    yield Extractor.load()


@pytest.fixture(scope="module")
def seed_spans(extractor: Extractor) -> list[Span]:
    return extractor.extract(SEED.read_text(encoding="utf-8"))


@pytest.mark.model
@pytest.mark.parametrize("name", ["Xi Jinping", "Vladimir Putin", "Kim Jong Un", "Youngjun Kim"])
def test_seed_people_are_person(seed_spans: list[Span], name: str) -> None:
    assert any(s.text == name and s.label == "PERSON" for s in seed_spans)


@pytest.mark.model
def test_seed_heading_is_no_entity_and_possessive_is_trimmed(seed_spans: list[Span]) -> None:
    text = SEED.read_text(encoding="utf-8")
    heading = text.index("Prospect of Closer Defense Ties")
    assert not any(s.kind == "entity" and s.start < heading + 31 and heading < s.end for s in seed_spans)
    kims = text.index("Kim’s armored")
    assert any(s.start == kims and s.text == "Kim" for s in seed_spans)
    assert not any("’s" in s.text or "'s" in s.text for s in seed_spans if s.kind == "entity")
    assert all("\n" not in s.text for s in seed_spans if s.kind != "quote")
    assert all(text[s.start : s.end] == s.text for s in seed_spans)
