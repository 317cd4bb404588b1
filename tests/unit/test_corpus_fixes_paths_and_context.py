"""Fixes found by a user: ``gloss index`` and ``gloss corpus`` on paths that do not exist, the line of
context of a mention cut inside a word, and counts that do not agree with their noun."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.test_corpus_cli import corpus, model, run  # noqa: F401 - corpus, model: the fixtures
from tui.corpus.build import BuildReport
from tui.corpus.rows import context_line
from tui.widgets.corpus_pane import counted


def test_corpus_on_a_path_that_does_not_exist_says_so_and_queries_nothing(
    corpus: Path,  # noqa: F811 - the fixture
    capsys: pytest.CaptureFixture[str],
) -> None:
    missing = corpus / "nonexist.txt"
    status, out, err = run(capsys, "corpus", "search", "troops", str(missing))
    assert status == 2 and out == ""  # not the whole index of the folder it would be in
    assert err == f"gloss corpus: no such file or folder: {missing}\n"


def test_corpus_names_the_missing_path_not_an_index_in_its_parent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "x" / "nonexist"
    status, out, err = run(capsys, "corpus", "search", "parade", str(missing))
    assert status == 2 and out == ""
    assert err == f"gloss corpus: no such file or folder: {missing}\n"  # not ".gloss/index.sqlite: no index"
    assert list(tmp_path.iterdir()) == []


def test_corpus_with_some_paths_missing_queries_the_others_and_exits_non_zero(
    corpus: Path,  # noqa: F811 - the fixture
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    missing = tmp_path / "typo.txt"  # first, so it cannot decide where the index is
    status, out, err = run(capsys, "corpus", "search", "troops", str(missing), str(corpus), "--json")
    assert status == 2  # as gloss extract: each missing path reported, the rest done, a non-zero status
    assert err.splitlines() == [f"gloss corpus: no such file or folder: {missing}"]
    assert len(out.splitlines()) == 2 and "troops" in out
    assert list(tmp_path.iterdir()) == []


def test_a_missing_path_is_named_on_one_terminal_safe_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "bad\x1b]0;pwned\x07\nname.txt"
    status, _, err = run(capsys, "corpus", "entities", str(missing))
    assert status == 2 and err.count("\n") == 1
    assert "\x1b" not in err and "\x07" not in err and "␛]0;pwned␇␊name.txt" in err


def test_index_of_a_path_that_does_not_exist_writes_nothing(
    tmp_path: Path,
    model: Path,  # noqa: F811 - the fixture
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "x").mkdir()
    missing = tmp_path / "x" / "nonexist"
    status, out, err = run(capsys, "index", str(missing), "--model", str(model))
    assert status == 2 and out == ""  # EXIT_FAILED: nothing could be done
    assert err == f"gloss index: no such file or folder: {missing}\n"
    assert list((tmp_path / "x").iterdir()) == []  # no .gloss/index.sqlite in the parent folder


def test_index_with_some_paths_missing_indexes_the_others_and_exits_non_zero(
    tmp_path: Path,
    model: Path,  # noqa: F811 - the fixture
    capsys: pytest.CaptureFixture[str],
) -> None:
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text("Troops\nNorth Korea sent 15,000 troops.\n", encoding="utf-8")
    missing = tmp_path / "elsewhere" / "nonexist.txt"
    status, out, err = run(capsys, "index", str(missing), str(news), "--model", str(model))
    assert status == 1  # EXIT_PROBLEMS, as for an article that could not be read
    assert err.splitlines() == [f"gloss index: no such file or folder: {missing}"]
    assert out.startswith("1 article: 1 extracted, 0 unchanged")  # "1 article", not "1 articles"
    assert (news / ".gloss" / "index.sqlite").exists() and not (tmp_path / "elsewhere").exists()


LONG = (
    "The ministry relied on written statements in place of official interviews to determine references "
    "about the health of Xi Jinping as the leader of the party and of the state for the coming years."
)


@pytest.mark.parametrize("width", [30, 45, 60, 80, 100])
def test_a_long_sentence_is_cut_at_words_and_marked_where_it_was_cut(width: int) -> None:
    start = LONG.index("Xi Jinping")
    end = start + len("Xi Jinping")
    line, mention_start, mention_end = context_line(LONG, start, end, width)
    assert line[mention_start:mention_end] == "Xi Jinping"
    assert line.startswith("…") and line.endswith("…")
    inner = line.removeprefix("…").removesuffix("…")
    assert f" {inner} " in f" {LONG} "  # whole words only: no word is cut on either side
    assert len(inner) <= width


def test_a_cut_only_on_one_side_is_marked_on_that_side() -> None:
    start = LONG.index("The ministry")
    line, mention_start, mention_end = context_line(LONG, start, start + len("The ministry"), 60)
    assert not line.startswith("…") and line.endswith("…")
    assert line[mention_start:mention_end] == "The ministry" and line.removesuffix("…") in LONG
    start = LONG.index("years")
    line, mention_start, _ = context_line(LONG, start, start + len("years"), 60)
    assert line.startswith("…") and line.endswith("coming years.")
    assert line[mention_start:].startswith("years")


def test_a_sentence_that_fits_is_shown_whole_with_no_mark() -> None:
    text = "Talks\nXi Jinping spoke. Later Xi left Beijing."
    start = text.index("Xi left")
    assert context_line(text, start, start + 2) == ("Later Xi left Beijing.", 6, 8)


def test_a_word_longer_than_the_room_is_cut_but_still_marked() -> None:
    spaced = "Before " + "x" * 80 + " Xi Jinping " + "y" * 80 + " after."
    start = spaced.index("Xi Jinping")
    assert context_line(spaced, start, start + 10, 40) == ("…Xi Jinping…", 1, 11)  # the long words go
    joined = "Before " + "x" * 80 + "-Xi Jinping-" + "y" * 80 + " after."
    start = joined.index("Xi Jinping")
    line, mention_start, mention_end = context_line(joined, start, start + 10, 40)
    assert line.startswith("…x") and line.endswith("y…") and line[mention_start:mention_end] == "Xi Jinping"


def test_counts_agree_with_their_nouns() -> None:
    from tui.wording import counted as quantity  # new with the fix: imported here so the others run

    assert [quantity(n, "group") for n in (0, 1, 2)] == ["0 groups", "1 group", "2 groups"]
    assert quantity(1, "person", "people") == "1 person" and quantity(3, "person", "people") == "3 people"
    assert counted("Entities", 1, False) == "Entities · 1 shown"
    assert BuildReport(listed=1, extracted=1).summary() == "1 article: 1 extracted, 0 unchanged"
    assert BuildReport(listed=2, unchanged=2).summary() == "2 articles: 0 extracted, 2 unchanged"
