"""``tui.text_safety.drawable``: the one cleaner every widget draws user text through."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui.text_safety import drawable, has_unsafe, one_line


@given(st.text())
def test_drawable_is_one_line_and_keeps_every_offset(text: str) -> None:
    shown = drawable(text)
    assert shown == one_line(text)
    assert len(shown) == len(text)
    assert not has_unsafe(shown)


def test_terminal_sequences_become_pictures() -> None:
    shown = drawable("\x1b]0;title\x07 \x1b]52;c;SGk=\x07 \x1b[31mred \x85\u202eevil\u2069\tx")
    assert shown == "␛]0;title␇ ␛]52;c;SGk=␇ ␛[31mred \ufffd\ufffdevil\ufffd␉x"
