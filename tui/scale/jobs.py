"""What goes into an engine and what comes out: plain data, picklable to worker processes."""

from __future__ import annotations

from dataclasses import dataclass

from tui.model import Span


@dataclass(frozen=True, slots=True)
class Job:
    """One article to extract: ``key`` names it in the outcome, ``text`` is its text exactly as read."""

    key: str
    text: str


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one job: its spans (sorted), or an error message when extraction failed."""

    key: str
    spans: list[Span] | None
    error: str | None = None
