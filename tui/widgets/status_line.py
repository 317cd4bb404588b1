"""The status line: where the cursor is on the left, what the extractor is doing on the right.

"PERSON 3 of 12 · Vladimir Putin · mention 2 of 4" when the cursor is on an entity; for a quote, who
said it. The right side says "extracting… 40%", the model's name and span count when done, or that
there is no model (reading goes on without highlights).
"""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from tui.render import CursorReport
from tui.text_safety import drawable


class Part(NamedTuple):
    """One piece of the status line, and how long it is kept when the line is too narrow for all."""

    text: str
    keep: int
    """Higher is kept longer; :data:`ALWAYS` is never left out (it is cut short at worst)."""


ALWAYS = 9
"""The part a side never drops: the cursor's label and rank, or a hint."""


def cursor_parts(report: CursorReport) -> list[Part]:
    """The status line's words for a cursor position, each with how long it is kept.

    What the span is and what a person decided about it (who said a quote, accepted or rejected, their
    note) outlast where it stands among others (mention 2 of 4) and the quote's cue.
    """
    annotation = report.annotation
    span = annotation.span
    parts = [Part(f"{annotation.label} {report.label_rank} of {report.label_total}", ALWAYS)]
    if span.kind == "quote":
        speaker = span.speaker_name or (span.speaker.text if span.speaker else None)
        parts.append(Part(f"said by {speaker}" if speaker else "speaker unknown", 8))
        if span.cue:
            parts.append(Part(f"cue “{span.cue}”", 2))
    else:
        name = " ".join(span.text.split())
        parts.append(Part(name if report.entity_name in (name, "") else f"{name} → {report.entity_name}", 8))
        if report.mention_total > 1:
            parts.append(Part(f"mention {report.mention_rank} of {report.mention_total}", 3))
    if report.inside_quote is not None:
        quote = report.inside_quote
        speaker = quote.speaker_name or (quote.speaker.text if quote.speaker else None)
        parts.append(Part(f"in a quote by {speaker}" if speaker else "in a quote", 4))
    if annotation.status != "suggested":
        parts.append(Part(annotation.status, 7))
    if annotation.note:
        parts.append(Part(f"note: {annotation.note}", 6))
    if report.wrapped:
        parts.append(Part("wrapped around", 5))
    return parts


def describe_cursor(report: CursorReport) -> str:
    """The status line's words for a cursor position, all of them."""
    return SEPARATOR.join(part.text for part in cursor_parts(report))


SEPARATOR = " · "


def fit(left: list[Part], right: list[str], width: int) -> tuple[str, str]:
    """The two sides of a line ``width`` cells wide, leaving parts out before cutting any short.

    The right side (unsaved edits, to review, highlights, the model) gives up its last parts first, down
    to its first; then the left gives up its least kept parts; then each side is cut with "…", the
    right to at most half the line.
    """
    left, right = list(left), list(right)

    def length() -> int:
        sides = [SEPARATOR.join(p.text for p in left), SEPARATOR.join(right)]
        return cell_len(sides[0]) + (1 + cell_len(sides[1]) if right else 0)

    while length() > width and len(right) > 1:
        right.pop()
    while length() > width and any(p.keep < ALWAYS for p in left):
        least = min(range(len(left)), key=lambda i: (left[i].keep, -i))  # the last of the least kept
        del left[least]
    left_text, right_text = SEPARATOR.join(p.text for p in left), SEPARATOR.join(right)
    if cell_len(right_text) > width // 2 and length() > width:  # narrow: the left keeps half the line
        right_text = set_cell_size(right_text, max(0, width // 2 - 1)) + "…"
    room = max(0, width - cell_len(right_text) - 1) if right_text else width
    if cell_len(left_text) > room:
        left_text = set_cell_size(left_text, max(0, room - 1)) + "…" if room else ""
    return left_text, right_text


class StatusLine(Widget):
    """One line under the article: position on the left, extraction state on the right."""

    DEFAULT_CSS = """
    StatusLine { height: 1; }
    """

    position: reactive[str] = reactive("")
    """Left side: the cursor's place, a search result, or a hint."""
    state: reactive[str] = reactive("")
    """Right side: extraction progress or the model's name."""
    unsaved: reactive[str] = reactive("")
    """Before the right side while saving fails (``● 3 unsaved``), until a save succeeds."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._parts: list[Part] = []
        """The left side's parts as :meth:`show_cursor` made them (``position`` set directly has none)."""

    def show_cursor(self, report: CursorReport | None, hint: str = "") -> None:
        """Describe the cursor (or show ``hint`` when there is none)."""
        self._parts = cursor_parts(report) if report is not None else [Part(hint, ALWAYS)]
        self.position = SEPARATOR.join(part.text for part in self._parts)
        self.refresh()  # the same words can come with other parts to keep

    def render(self) -> Text:
        """Both sides on one line, parts left out before any is cut (see :func:`fit`; a plain ``Text``:
        this line is redrawn on every jump, and a Rich table would cost more than the jump itself)."""
        width = self.content_region.width
        parts = self._parts if SEPARATOR.join(p.text for p in self._parts) == self.position else None
        # span texts, notes and titles are the user's: no control characters reach the terminal
        left = [Part(drawable(p.text), p.keep) for p in parts or [Part(self.position, ALWAYS)]]
        right = [drawable(p) for p in (self.unsaved, *self.state.split(SEPARATOR)) if p]
        left_text, right_text = fit(left, right, width)
        if not right_text:
            return Text(left_text, end="", no_wrap=True)
        return Text(
            set_cell_size(left_text, max(0, width - cell_len(right_text) - 1)) + " " + right_text,
            end="",
            no_wrap=True,
        )
