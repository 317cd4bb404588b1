"""What each corpus view looks like, at a fixed size, on the index of the corpus view tests.

Regenerate with ``.venv/bin/pytest tests/app/test_corpus_snapshots.py --snapshot-update`` and look at
the SVGs before committing them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.app.test_corpus_views import MODEL, VERSION, corpus  # noqa: F401 - the fixture
from tests.app_support import FixedExtractor, settle
from tui.app import GlossApp

SIZE = (110, 30)

SnapCompare = Callable[..., bool]


def app_on(folder: Path) -> GlossApp:
    """The reader on the test corpus, its indexed articles painted from the index."""
    app = GlossApp.for_paths([folder], extractor_factory=FixedExtractor)
    app.extractor.expected = (MODEL, VERSION)
    return app


def pressing(*keys: str) -> Callable[[Pilot[Any]], Any]:
    """Settle, press ``keys``, settle again (the views' queries run in workers)."""

    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot.app, pilot)
        await pilot.press(*keys)
        await settle(pilot.app, pilot)

    return run


@pytest.mark.parametrize(
    ("keys"),
    [
        pytest.param(("ctrl+f", *"troops"), id="search"),
        pytest.param(("e",), id="entities"),
        pytest.param(("e", "enter"), id="mentions"),
        pytest.param(("W",), id="speakers"),
        pytest.param(("W", "j", "enter"), id="quotes-and-variants"),
        pytest.param(("dollar_sign",), id="numbers"),
        pytest.param(("dollar_sign", "c"), id="conflicts"),
    ],
)
def test_corpus_view(snap_compare: SnapCompare, corpus: Path, keys: tuple[str, ...]) -> None:  # noqa: F811
    assert snap_compare(app_on(corpus), terminal_size=SIZE, run_before=pressing(*keys))
