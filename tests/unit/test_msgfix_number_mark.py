"""The numbers ledger marks the figure at its own offsets, not the first place its text stands in the
sentence: "0" in "the 2018 FIFA World Cup final ended 1 – 0" is the score, not the 0 of 2018."""

from __future__ import annotations

from pathlib import Path

from rich.style import Style

from tests.corpus_support import RuleEngine, build, write
from tui.corpus import CorpusIndex, NumberRow, index_path
from tui.corpus.queries import ArticleRef, sentence_mark
from tui.screens.corpus_numbers import number_prompt
from tui.store import AnnotationStore
from tui.widgets.corpus_results import RowStyles

SENTENCE = "France won the 2018 FIFA   World Cup final 1 – 0."
MATCH = Style(underline=True)
STYLES = RowStyles(match=MATCH, heading=Style(bold=True), muted=Style(dim=True), dropped=Style(),
                   added=Style())  # fmt: skip


def underlined(text: object) -> list[str]:
    from rich.text import Text

    assert isinstance(text, Text)
    return [
        text.plain[span.start : span.end] + f"@{span.start}" for span in text.spans if span.style == MATCH
    ]


def test_the_mark_follows_the_figures_offsets_through_the_collapsed_white_space() -> None:
    score = SENTENCE.rindex("0")
    flat, mark = sentence_mark(SENTENCE, 100, 100 + score, 100 + score + 1)
    assert flat == "France won the 2018 FIFA World Cup final 1 – 0."
    assert mark == (flat.rindex("0"), flat.rindex("0") + 1)
    assert sentence_mark("  " + SENTENCE, 0, 2, 3)[1] == (0, 1)  # leading white space trimmed
    assert sentence_mark(SENTENCE, None, 0, 1)[1] is None  # no offsets: no mark, never a guess
    assert sentence_mark(SENTENCE, 10, 0, 1)[1] is None  # outside the sentence


def test_the_prompt_marks_the_score_not_the_zero_inside_the_year() -> None:
    flat = " ".join(SENTENCE.split())
    at = flat.rindex("0")
    row = NumberRow(ArticleRef("final.txt", "Final", "2018-07-15"), 500, 501, "0", "CARDINAL", 0.0,
                    None, None, flat, None, (at, at + 1))  # fmt: skip
    prompt = number_prompt(row, STYLES)
    sentence_at = prompt.plain.index(flat)
    assert f"0@{sentence_at + at}" in underlined(prompt)
    assert f"0@{sentence_at + flat.index('2018') + 1}" not in underlined(prompt)


def test_the_index_gives_the_ledger_the_figures_own_place(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    write(folder, "final.txt", f"Final\nSunday, July 15, 2018\n{SENTENCE}\n")
    build(folder, RuleEngine())
    index = CorpusIndex(index_path(AnnotationStore.for_article_path(folder)))
    zeros = [n for n in index.numbers(label="CARDINAL") if n.text == "0" and "FIFA" in n.sentence]
    assert len(zeros) == 1
    zero = zeros[0]
    assert zero.mark is not None
    assert zero.sentence == "France won the 2018 FIFA World Cup final 1 – 0."
    assert zero.sentence[zero.mark[0] : zero.mark[1]] == "0"
    assert zero.mark[0] == zero.sentence.rindex("0")
    prompt = number_prompt(zero, STYLES)
    assert underlined(prompt) == [f"0@{prompt.plain.index(zero.sentence) + zero.mark[0]}"]
