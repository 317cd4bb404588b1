"""The extractor's plumbing: chunking, offsets across chunks, batching (blank spaCy + entity_ruler).

A blank English pipeline with an ``entity_ruler`` makes these tests fast and exact: the point here is
where spans land, not what a statistical model thinks.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.extract import Extractor
from tui.extract.pipeline import CHUNK_CHARS, chunk_text


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(  # type: ignore[attr-defined]
        [
            {"label": "PERSON", "pattern": [{"LOWER": "angela"}, {"LOWER": "merkel"}]},
            {"label": "GPE", "pattern": "Berlin"},
        ]
    )
    return Extractor(nlp, "test_blank")


@given(st.text(alphabet=st.sampled_from("ab .\n"), max_size=400), st.integers(min_value=5, max_value=60))
def test_chunks_concatenate_to_the_text(text: str, size: int) -> None:
    pieces = list(chunk_text(text, size))
    assert "".join(chunk for _, chunk in pieces) == text
    assert all(text[offset : offset + len(chunk)] == chunk for offset, chunk in pieces)


def test_chunks_end_at_paragraph_breaks() -> None:
    paragraph = "Angela Merkel spoke in Berlin. " * 20 + "\n\n"
    text = paragraph * 40
    pieces = list(chunk_text(text))
    assert len(pieces) > 1
    assert all(chunk.endswith("\n\n") for _, chunk in pieces[:-1])
    assert all(len(chunk) <= CHUNK_CHARS for _, chunk in pieces)


def test_spans_of_later_chunks_point_into_the_whole_text(extractor: Extractor) -> None:
    text = ("Angela Merkel spoke in Berlin on 3 May and 12 June.\n" * 600) + "Tail: Berlin 7."
    assert len(text) > 3 * CHUNK_CHARS
    spans = extractor.extract(text)
    assert all(text[s.start : s.end] == s.text for s in spans)
    assert sum(s.label == "PERSON" for s in spans) == 600
    assert spans[-2].text == "Berlin" and spans[-1].text == "7"
    assert [s.start for s in spans] == sorted(s.start for s in spans)


def test_extract_many_yields_one_list_per_text_even_empty_ones(extractor: Extractor) -> None:
    texts = ["", "Angela Merkel.", "", "Nothing here", "Berlin" + " x" * 8000]
    results = list(extractor.extract_many(texts))
    assert [len(r) for r in results] == [0, 1, 0, 0, 1]
    assert results[4][0].text == "Berlin"


def test_progressive_chunks_come_in_text_order(extractor: Extractor) -> None:
    text = "Berlin is big.\n" * 3000
    chunks = list(extractor.extract_progressively(text))
    assert len(chunks) > 2
    firsts = [chunk[0].start for chunk in chunks]
    assert firsts == sorted(firsts)
    assert sum(map(len, chunks)) == 3000


def test_chunks_do_not_start_with_a_paragraph_that_may_continue_a_quotation() -> None:
    text = "He spoke at length.\n\n“We will go on\n\n“until the end,” she said.\n\n" * 600
    pieces = list(chunk_text(text))
    assert len(pieces) > 1
    assert "".join(chunk for _, chunk in pieces) == text
    assert all(chunk.startswith("He spoke") for _, chunk in pieces)


def test_convention_from_settings_reads_the_extract_table() -> None:
    from tui.extract import convention_from_settings

    assert convention_from_settings({}) == "ontonotes"
    assert convention_from_settings({"extract": {"convention": "conll"}}) == "conll"
    for bad in ({"extract": {"convention": "ieer"}}, {"extract": {"convention": 3}}, {"extract": "conll"}):
        with pytest.raises(ValueError, match=r"^gloss.toml: "):
            convention_from_settings(bad)


def test_unknown_convention_is_refused_before_loading(extractor: Extractor) -> None:
    with pytest.raises(ValueError, match="unknown entity convention 'x'"):
        Extractor.load("no_such_model_anywhere", convention="x")
    assert Extractor(extractor.nlp, "test_blank", convention="conll").version.endswith("+conll")
