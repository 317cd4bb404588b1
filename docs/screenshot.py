"""Regenerate ``docs/screenshot.svg``: the seed article with the real model and the entity panel open.

Run from the checkout: ``.venv/bin/python docs/screenshot.py``. It uses a throwaway annotation folder
so that no ``.gloss/`` is written into ``seeds/``.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.app_support import settle  # noqa: E402
from tui.app import GlossApp  # noqa: E402


async def main() -> None:
    """Open the seeds, wait for every worker, open the panel, jump twice and save the screen."""
    with tempfile.TemporaryDirectory() as store:
        app = GlossApp.for_paths([ROOT / "seeds"], store=store)
        async with app.run_test(size=(140, 40)) as pilot:
            await settle(app, pilot)
            await pilot.press("p", "n", "n", "n")
            await settle(app, pilot)
            app.save_screenshot(filename="screenshot.svg", path=str(ROOT / "docs"))


if __name__ == "__main__":
    asyncio.run(main())
