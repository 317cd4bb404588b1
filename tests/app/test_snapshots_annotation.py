"""What annotating looks like: review states, a selection being made, the label prompt and picker.

Fixed terminal size and the fixed extractor of the reader's snapshots (``tests/app_support.py``), on a
copy of the seed article in a temporary folder so that no annotation file is left in ``seeds/``.
Regenerate with ``.venv/bin/pytest tests/app/test_snapshots_annotation.py --snapshot-update`` and look at
the SVGs before committing them.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.app_support import SEED, FixedExtractor, settle
from tui.app import GlossApp
from tui.screens import ReaderScreen

SIZE = (120, 36)

SnapCompare = Callable[..., bool]


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    """A folder holding a copy of the seed article, under a fixed name (the title bar shows no path)."""
    folder = tmp_path / "news"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    return folder


def app_on(folder: Path) -> GlossApp:
    return GlossApp.for_paths([folder], extractor_factory=FixedExtractor)


async def settled(pilot: Pilot[Any]) -> None:
    await settle(pilot.app, pilot)


def test_suggested_accepted_and_rejected_spans(snap_compare: SnapCompare, seed_copy: Path) -> None:
    """Vladimir Putin accepted (bold, underlined), Kim Jong Un rejected (dim, struck), the rest suggested;
    the list marks the article as annotated with its count of suggestions left to review."""

    async def review(pilot: Pilot[Any]) -> None:
        await settled(pilot)
        await pilot.press("n", "n", "a", "n", "x", "n")
        reader = next(s for s in pilot.app.screen_stack if isinstance(s, ReaderScreen))
        assert reader.session is not None and reader.session.flush()  # the ✎ follows the saved file
        await pilot.pause()

    assert snap_compare(app_on(seed_copy), terminal_size=SIZE, run_before=review)


def test_a_selection_being_made(snap_compare: SnapCompare, seed_copy: Path) -> None:
    """``/Great Hall`` then ``v`` and ``w`` three times: "Great Hall of the People" selected, the search
    marks gone, the selection keys in the footer."""
    assert snap_compare(
        app_on(seed_copy),
        terminal_size=SIZE,
        run_before=settled,
        press=["slash", *"Great Hall", "enter", "v", "w", "w", "w"],
    )


def test_the_one_key_label_prompt(snap_compare: SnapCompare, seed_copy: Path) -> None:
    """Enter on a selection: the label keys in a strip over the status line, the article still visible."""
    assert snap_compare(
        app_on(seed_copy),
        terminal_size=SIZE,
        run_before=settled,
        press=["slash", *"Great Hall", "enter", "v", "w", "enter"],
    )


def test_the_label_picker(snap_compare: SnapCompare, seed_copy: Path) -> None:
    """``L`` on a span: every label with its key, filtered by what was typed."""
    assert snap_compare(
        app_on(seed_copy),
        terminal_size=SIZE,
        run_before=settled,
        press=["n", "n", "L", "o"],
    )
