"""Text from users made safe to print on a terminal as one line (no UI imports, no dependencies).

Article titles, file names, labels and span texts are data. Written raw to a terminal, an ``ESC ]``
sequence sets the window title or the clipboard (OSC 52), ``ESC [`` recolours what follows, a bidi
override reorders the rest of the line and a newline forges a message line of its own. A file name that
is not valid UTF-8 arrives as lone surrogates, which make ``print`` raise. :func:`one_line` replaces
each such character by one visible placeholder, so a message keeps its length and says that something
was there; the command line and the reader both use it for whatever they print.
"""

from __future__ import annotations

import re
from typing import Final

PLACEHOLDER: Final = "\ufffd"
"""Shown for a character that has no picture of its own (C1 controls, bidi controls, surrogates)."""

_UNSAFE: Final = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
"""C0 and C1 controls, DEL, line and paragraph separators, bidi marks, overrides and isolates, and lone
surrogates (what ``surrogateescape`` makes of bytes that are not UTF-8)."""


def _picture(match: re.Match[str]) -> str:
    """The visible stand-in of one unsafe character (U+2400 Control Pictures for C0 and DEL)."""
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    if code in (0x2028, 0x2029):
        return "\u2424"
    return PLACEHOLDER


def _table() -> dict[int, str]:
    """Every unsafe character (as :data:`_UNSAFE` matches) mapped to its picture, for ``str.translate``."""
    codes = (*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029, 0x200E, 0x200F, 0x061C)
    codes += (*range(0x202A, 0x202F), *range(0x2066, 0x206A), *range(0xD800, 0xE000))
    return {code: _picture(_UNSAFE.match(chr(code))) for code in codes}  # type: ignore[arg-type]


DRAWN: Final = _table()
"""The ``str.translate`` table of :func:`one_line`: one picture per unsafe character, so a drawn line keeps
its offsets (the article view draws each display line through it)."""


def drawable(text: str) -> str:
    """``text`` with every unsafe character replaced by its picture, one for one (offsets unchanged).

    What every widget draws user text through (the article list, the status line, the legend, dialogs and
    the article view); :func:`one_line` is the same for any value.
    """
    return text.translate(DRAWN)


def one_line(value: object) -> str:
    """``str(value)`` with every control, bidi-control or surrogate character made visible.

    Each unsafe character becomes exactly one placeholder (a tab shows as ``␉``, a newline as ``␊``), so
    the result is a single terminal line that moves no cursor and changes no terminal state.
    """
    return _UNSAFE.sub(_picture, str(value))


def has_unsafe(value: str) -> bool:
    """Whether :func:`one_line` would change ``value``."""
    return _UNSAFE.search(value) is not None
