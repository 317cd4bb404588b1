"""The entity panel counts what navigation counts (issue 11, rows 5 and 17): one definition of a mention
(a rejected span is none), each span under the label it carries; a number's row shows its value."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.app.annotator_support import seeded_reader
from tests.app.test_annotator_numbers import ValuedExtractor
from tests.conftest import OpenReader, Reader
from tui.widgets.entity_panel import EntityPanel


def _panel_lines(reader: Reader) -> list[str]:
    panel = reader.screen.query_one(EntityPanel)
    return [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]


def _heading_total(reader: Reader, label: str) -> int:
    for line in _panel_lines(reader):
        if (found := re.fullmatch(rf"{label}  \d+ \((\d+)\)", line)) is not None:
            return int(found.group(1))
    raise AssertionError(f"no {label} heading in {_panel_lines(reader)}")


async def test_a_labels_total_in_the_panel_is_navigations(reader: Reader) -> None:
    screen, view = reader.screen, reader.view
    putin = next(a for a in view.shown if a.span.text == "Putin")
    screen.controller.relabel(putin.id, "ORG")  # one mention of Vladimir Putin now says ORG
    screen.after_edit(putin.id)
    await reader.pilot.press("p")
    await reader.pilot.pause()
    for label in ("PERSON", "ORG"):
        view.move_to_annotation(next(a.id for a in view.shown if a.label == label))
        report = view.report()
        assert report is not None
        assert _heading_total(reader, label) == report.label_total, label


async def test_a_rejected_span_is_no_mention_in_the_panel(reader: Reader) -> None:
    screen, view = reader.screen, reader.view
    kims = [a for a in view.shown if a.span.text == "Kim Jong Un"]
    screen.controller.reject(kims[0].id)
    screen.after_edit(kims[1].id)
    await reader.pilot.press("p")
    await reader.pilot.pause()
    report = view.report()
    assert report is not None and report.entity_name == "Kim Jong Un"
    rows = [line for line in _panel_lines(reader) if line.strip().startswith("Kim Jong Un ×")]
    assert rows == [f"  Kim Jong Un ×{report.mention_total}"]


async def test_a_numbers_row_shows_its_value(open_reader: OpenReader, tmp_path: Path) -> None:
    async with seeded_reader(open_reader, tmp_path, extractor=ValuedExtractor) as reader:
        await reader.pilot.press("p")
        await reader.pilot.pause()
        lines = _panel_lines(reader)
        assert "  15,000 = 15000 ×1" in lines, lines


@pytest.fixture
async def reader(open_reader: OpenReader, tmp_path: Path) -> AsyncIterator[Reader]:
    """The reader on a copy of the seeds (these tests save)."""
    async with seeded_reader(open_reader, tmp_path) as opened:
        yield opened
