"""Quote variants as plain functions: which quotes are one quote reworded, and the word-by-word diff."""

from __future__ import annotations

from tui.corpus.variants import describe, group_quotes, similar, spliced_from, word_diff, words

BASE = "“We will not give up our weapons, whatever the cost,”"


def test_words_ignore_punctuation_but_keep_what_was_written() -> None:
    assert words("“Don’t stop — ever,” he said.") == ["Don’t", "stop", "ever", "he", "said"]


def test_a_dropped_not_and_a_cut_end_are_named() -> None:
    dropped = word_diff(BASE, "“We will give up our weapons, whatever the cost”")
    assert [(p.op, p.old, p.new) for p in dropped if p.op != "same"] == [("dropped", "not", "")]
    assert describe(dropped) == ['dropped "not"']
    assert describe(word_diff(BASE, "“We will not give up our weapons”")) == [
        'end cut off: "whatever the cost"'
    ]
    assert describe(word_diff(BASE, "“give up our weapons, whatever the cost”")) == [
        'start cut off: "We will not"'
    ]
    changed = word_diff(BASE, "“We will not give up our missiles, whatever the cost”")
    assert describe(changed) == ['changed "weapons" to "missiles"']
    assert describe(word_diff(BASE, BASE.upper())) == []  # case is not a change of words


def test_only_reworded_quotes_in_two_articles_are_grouped() -> None:
    quotes = [
        (1, BASE, 10),
        (2, "“We will give up our weapons, whatever the cost”", 11),
        (3, "“The weather is lovely in the spring this year”", 12),
        (4, BASE, 13),
    ]
    assert group_quotes(quotes) == [[1, 2, 4]]
    assert group_quotes([(1, BASE, 10), (2, BASE, 11)]) == []  # reads the same everywhere: no variant
    assert group_quotes([(1, BASE, 10), (2, "“We will give up our weapons, whatever the cost”", 10)]) == []
    assert not similar(["old", "friend"], ["old", "friend"])  # too short to tell


def test_a_splice_of_two_quotes_is_found() -> None:
    first, second = "“The economy is strong and growing fast”", "“we will win the election in November”"
    spliced = "“The economy is strong and growing fast, and we will win the election in November”"
    assert spliced_from(
        spliced, [(1, first), (2, second), (3, "“Something else entirely, said nobody”")]
    ) == [1, 2]
    assert spliced_from(first, [(2, second)]) == []
