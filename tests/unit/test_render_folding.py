"""Search folds case and accents, and its offsets are the original text's."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from tui.render.folding import FoldedText, fold


def test_accents_and_case_fold_with_offsets_into_the_original() -> None:
    composed = "Count Rostóv and Natásha; NATASHA again."
    found = FoldedText(composed).find_all("natasha")
    assert [composed[s:e] for s, e in found] == ["Natásha", "NATASHA"]
    decomposed = unicodedata.normalize("NFD", "Natásha met Natasha")
    found = FoldedText(decomposed).find_all("Natasha")
    assert [decomposed[s:e] for s, e in found] == [unicodedata.normalize("NFD", "Natásha"), "Natasha"]
    german = "Die Straße, die STRASSE"
    assert [german[s:e] for s, e in FoldedText(german).find_all("strasse")] == ["Straße", "STRASSE"]
    assert FoldedText("abc").find_all("") == []
    assert fold("Ábc") == "abc"


@given(st.text(alphabet="aáAÁßs\u0301 xé", max_size=30), st.text(alphabet="aAsx é", min_size=1, max_size=4))
def test_every_match_is_the_query_folded(text: str, query: str) -> None:
    for start, end in FoldedText(text).find_all(query):
        assert 0 <= start < end <= len(text)
        assert fold(query) in fold(text[start:end])
