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
    cuttable: bool = False
    """Whether the part, left out, may come back cut short ("note: verify…", a title): words, not a
    count that would read wrong cut ("mention 1 of…")."""


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
        parts.append(Part(f"note: {annotation.note}", 6, cuttable=True))
    if report.wrapped:
        parts.append(Part("wrapped around", 5))
    return parts


def describe_cursor(report: CursorReport) -> str:
    """The status line's words for a cursor position, all of them."""
    return SEPARATOR.join(part.text for part in cursor_parts(report))


SEPARATOR = " · "


def hint_parts(hint: str) -> list[Part]:
    """A hint's pieces (``n next highlight · ? keys · TITLE``): the first always, the rest sooner left out."""
    pieces = hint.split(SEPARATOR)
    return [
        Part(piece, ALWAYS if i == 0 else 2 if i == 1 else 1, cuttable=i > 1)
        for i, piece in enumerate(pieces)
    ]


def state_parts(unsaved: str, state: str) -> list[Part]:
    """The right side's pieces: unsaved edits and the state's first piece (progress, or what is left to
    review) always; then the highlight count; the model's name and where the spans came from first to go."""
    parts = [Part(unsaved, ALWAYS)] if unsaved else []
    pieces = [piece for piece in state.split(SEPARATOR) if piece]
    parts += [Part(piece, ALWAYS if i == 0 else 3 if i == 1 else 1) for i, piece in enumerate(pieces)]
    return parts


FILL_AT_LEAST = 8
"""Cells a left-out part needs, beside its separator, to come back cut short into the room left."""


def fit(left: list[Part], right: list[Part], width: int) -> tuple[str, str]:
    """The two sides of a line ``width`` cells wide, leaving parts out before cutting any short.

    The least kept part of either side goes first (of two as little kept, the right side's, then the
    later one), until the line fits or only :data:`ALWAYS` parts are left. The last part the left side
    gave up, when it is words (:attr:`Part.cuttable`), then comes back cut short with "…" into what room
    is left (the title of a hint, "note: verify…"), so the line is not left half empty. With nothing
    left to give up, each side is cut, the right to at most half the line.
    """
    sides = [list(enumerate(left)), list(enumerate(right))]  # (place, part): a part comes back in place

    def joined(side: int) -> str:
        return SEPARATOR.join(p.text for _, p in sides[side])

    def length() -> int:
        return cell_len(joined(0)) + (1 + cell_len(joined(1)) if sides[1] else 0)

    given_up: tuple[int, Part] | None = None
    while length() > width:
        droppable = [
            (p.keep, -side, -i) for side in (0, 1) for i, (_, p) in enumerate(sides[side]) if p.keep < ALWAYS
        ]
        if not droppable:
            break
        _, side, i = min(droppable)
        place, part = sides[-side].pop(-i)
        if side == 0:
            given_up = (place, part) if part.cuttable else None
    if given_up is not None and length() <= width:
        spare = width - length() - cell_len(SEPARATOR) * (1 if sides[0] else 0)
        if spare >= FILL_AT_LEAST:
            place, part = given_up
            cut = Part(set_cell_size(part.text, spare - 1) + "…", part.keep, cuttable=True)
            sides[0].append((place, cut))
            sides[0].sort(key=lambda placed: placed[0])
    left_text, right_text = joined(0), joined(1)
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
        self._parts = cursor_parts(report) if report is not None else hint_parts(hint)
        self.position = SEPARATOR.join(part.text for part in self._parts)
        self.refresh()  # the same words can come with other parts to keep

    def render(self) -> Text:
        """Both sides on one line, parts left out before any is cut (see :func:`fit`; a plain ``Text``:
        this line is redrawn on every jump, and a Rich table would cost more than the jump itself)."""
        width = self.content_region.width
        parts = self._parts if SEPARATOR.join(p.text for p in self._parts) == self.position else None
        # span texts, notes and titles are the user's: no control characters reach the terminal
        left = [p._replace(text=drawable(p.text)) for p in parts or [Part(self.position, ALWAYS)]]
        right = [p._replace(text=drawable(p.text)) for p in state_parts(self.unsaved, self.state)]
        left_text, right_text = fit(left, right, width)
        if not right_text:
            return Text(left_text, end="", no_wrap=True)
        return Text(
            set_cell_size(left_text, max(0, width - cell_len(right_text) - 1)) + " " + right_text,
            end="",
            no_wrap=True,
        )
