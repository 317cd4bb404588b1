"""Notifications cover only their own area (issue 11, row 13): above the status line and the footer, flush
with the right edge, so no stray character of the line under them shows beside them."""

from __future__ import annotations

from textual.widgets._toast import Toast

from tests.conftest import OpenReader, Reader
from tui.widgets.key_bar import KeyBar


async def test_a_toast_sits_above_the_status_line_flush_right(open_reader: OpenReader) -> None:
    async with open_reader(notifications=True) as reader:
        await _toast_placement(reader)


async def _toast_placement(reader: Reader) -> None:
    await reader.pilot.press("u")  # "Nothing to undo."
    await reader.pilot.pause()
    toasts = list(reader.screen.query(Toast))
    assert toasts, "u with nothing to undo says so"
    status, footer = reader.status.region, reader.screen.query_one(KeyBar).region
    width = reader.app.size.width
    for toast in toasts:
        region = toast.region
        assert region.right == width, f"a gap of {width - region.right} column(s) right of the toast"
        assert region.bottom <= status.y, "the toast covers the status line"
        assert region.bottom <= footer.y
