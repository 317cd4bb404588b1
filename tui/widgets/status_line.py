"""The status line: where the cursor is on the left, what the extractor is doing on the right.

"PERSON 3 of 12 · Vladimir Putin · mention 2 of 4" when the cursor is on an entity; for a quote, who
said it. The right side says "extracting… 40%", the model's name and span count when done, or that
there is no model (reading goes on without highlights).
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from tui.render import CursorReport
from tui.text_safety import drawable


def describe_cursor(report: CursorReport) -> str:
    """The status line's words for a cursor position."""
    annotation = report.annotation
    span = annotation.span
    parts = [f"{annotation.label} {report.label_rank} of {report.label_total}"]
    if span.kind == "quote":
        speaker = span.speaker_name or (span.speaker.text if span.speaker else None)
        parts.append(f"said by {speaker}" if speaker else "speaker unknown")
        if span.cue:
            parts.append(f"cue “{span.cue}”")
    else:
        name = " ".join(span.text.split())
        parts.append(name if report.entity_name in (name, "") else f"{name} → {report.entity_name}")
        if report.mention_total > 1:
            parts.append(f"mention {report.mention_rank} of {report.mention_total}")
    if report.inside_quote is not None:
        quote = report.inside_quote
        speaker = quote.speaker_name or (quote.speaker.text if quote.speaker else None)
        parts.append(f"in a quote by {speaker}" if speaker else "in a quote")
    if annotation.status != "suggested":
        parts.append(annotation.status)
    if annotation.note:
        parts.append(f"note: {annotation.note}")
    if report.wrapped:
        parts.append("wrapped around")
    return " · ".join(parts)


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

    def show_cursor(self, report: CursorReport | None, hint: str = "") -> None:
        """Describe the cursor (or show ``hint`` when there is none)."""
        self.position = describe_cursor(report) if report is not None else hint

    def render(self) -> Text:
        """Both sides on one line, the right side kept whole (a plain ``Text``: this line is redrawn on
        every jump, and a Rich table would cost more than the jump itself)."""
        width = self.content_region.width
        right = drawable(" · ".join(part for part in (self.unsaved, self.state) if part))
        if cell_len(right) > width // 2:  # a narrow screen: the cursor's place keeps half the line
            right = set_cell_size(right, max(0, width // 2 - 1)) + "…"
        room = max(0, width - cell_len(right) - 1)
        left = drawable(self.position)  # span texts, notes and titles are the user's: no controls
        if cell_len(left) > room:
            left = set_cell_size(left, max(0, room - 1)) + "…" if room else ""
        return Text(set_cell_size(left, room) + " " + right if right else left, end="", no_wrap=True)
