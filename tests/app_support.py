"""Helpers for the reader's Pilot and snapshot tests: a fixed extractor and paths to the seeds.

The fixed extractor finds a list of needles with ``str.find`` so that tests and snapshots do not change
when the real extractor improves; it yields its spans in two chunks, like the real one does for long
texts, so progressive painting is exercised too.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

from tui.model import Span, Speaker, kind_for_label, sort_key

ROOT = Path(__file__).parents[1]
SEEDS = ROOT / "seeds"
SEED = SEEDS / "beijing-summit.txt"
SHARED = ROOT / ".." / "shared"
WAR_AND_PEACE = SHARED / "data" / "long" / "war_and_peace.txt"


def run_fresh(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``script`` (dedented) in a fresh interpreter from the checkout, with only ``PATH`` and
    ``PYTHONPATH`` set: what a module import pulls in shows only in a process that imported nothing yet."""
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        timeout=120,
        check=False,
    )

NEEDLES: list[tuple[str, str]] = [
    (
        "“trilateral military exercises between Russia, China and North Korea seem nearly inevitable.”",
        "QUOTE",
    ),
    ("“new global order”", "QUOTE"),
    ("China National Petroleum Corporation", "ORG"),
    ("Kim Jong Un", "PERSON"),
    ("Vladimir Putin", "PERSON"),
    ("Xi Jinping", "PERSON"),
    ("Youngjun Kim", "PERSON"),
    ("North Korea", "GPE"),
    ("Victory Day", "EVENT"),
    ("Beijing", "GPE"),
    ("Moscow", "GPE"),
    ("Kursk", "LOC"),
    ("Putin", "PERSON"),
    ("Kim", "PERSON"),
    ("Xi", "PERSON"),
    ("Tuesday", "DATE"),
    ("15,000", "CARDINAL"),
    ("50,000", "CARDINAL"),
    ("80th", "ORDINAL"),
]
"""Longest first: a shorter needle is not matched inside a longer one already found."""


def fixed_spans(text: str) -> list[Span]:
    """Every whole-word occurrence of the needles, longest first, without overlaps of the same kind."""
    taken: list[tuple[int, int, str]] = []
    spans: list[Span] = []
    for needle, label in NEEDLES:
        kind = kind_for_label(label)
        for match in re.finditer(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", text):
            start, end = match.span()
            if any(s < end and start < e and k == kind for s, e, k in taken):
                continue
            taken.append((start, end, kind))
            speaker = None
            if kind == "quote" and needle.startswith("“trilateral"):
                at = text.find("Youngjun Kim")
                speaker = Speaker(at, at + len("Youngjun Kim"), "Youngjun Kim")
            spans.append(
                Span(start, end, label, kind, needle, speaker=speaker, cue="wrote" if speaker else None)
            )
    return sorted(spans, key=sort_key)


class FixedExtractor:
    """Stands in for :class:`tui.extract.Extractor` with :func:`fixed_spans`."""

    model_name = "fixed-test-spans"

    def extract_progressively(self, text: str) -> Iterator[list[Span]]:
        """The spans of the first and second half of the text, in that order."""
        spans = fixed_spans(text)
        half = len(text) // 2
        yield [s for s in spans if s.start < half]
        yield [s for s in spans if s.start >= half]

    def extract(self, text: str) -> list[Span]:
        """All spans at once."""
        return fixed_spans(text)


async def settle(app: object, pilot: object) -> None:
    """Wait until every worker has finished and the screen has processed what they posted.

    Workers start other workers (loading → extracting → counting the visible articles), so this waits
    in rounds until a round starts nothing new.
    """
    from textual.app import App
    from textual.pilot import Pilot

    assert isinstance(app, App) and isinstance(pilot, Pilot)
    for _ in range(50):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(worker.is_running for worker in app.workers):
            await pilot.pause()
            if not any(worker.is_running for worker in app.workers):
                return
    raise AssertionError("workers did not settle")
