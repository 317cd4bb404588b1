"""What the reader looks like, at a fixed terminal size, with fixed spans (not the real extractor).

Regenerate with ``.venv/bin/pytest tests/app/test_snapshots.py --snapshot-update`` and look at the SVGs
(``snapshot_report.html`` on failure) before committing them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

from tests.app_support import SEEDS, FixedExtractor, settle
from tui.app import GlossApp

SIZE = (120, 36)

SnapCompare = Callable[..., bool]


def seed_app() -> GlossApp:
    """The reader on the seeds, highlighted by the fixed extractor."""
    return GlossApp.for_paths([SEEDS], extractor_factory=FixedExtractor)


async def settled(pilot: Pilot[Any]) -> None:
    """Wait until the article, its highlights and the list's counts are all in."""
    await settle(pilot.app, pilot)


def test_seed_article_with_highlights(snap_compare: SnapCompare) -> None:
    """The seed article, every kind highlighted, the cursor on Vladimir Putin."""
    assert snap_compare(seed_app(), terminal_size=SIZE, run_before=settled, press=["n", "n"])


def test_cursor_in_a_quote_shows_its_speaker(snap_compare: SnapCompare) -> None:
    """The cursor on a quotation: the status line names who said it."""
    assert snap_compare(seed_app(), terminal_size=SIZE, run_before=settled, press=["}", "}"])


def test_entity_panel(snap_compare: SnapCompare) -> None:
    """The entity panel: distinct entities with counts, numbers, and quotes by speaker."""
    assert snap_compare(seed_app(), terminal_size=SIZE, run_before=settled, press=["p"])


def test_help_screen(snap_compare: SnapCompare) -> None:
    """The help screen lists every key."""
    assert snap_compare(seed_app(), terminal_size=SIZE, run_before=settled, press=["question_mark"])


def test_light_theme_with_search(snap_compare: SnapCompare) -> None:
    """Textual's light theme with the light variants of the palette, and search matches marked."""
    assert snap_compare(
        seed_app(),
        terminal_size=SIZE,
        run_before=settled,
        press=["ctrl+t", "slash", *"kim", "enter"],
    )
