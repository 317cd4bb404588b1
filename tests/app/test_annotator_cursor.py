"""One cursor: a search match moves it, jumps go on from it, every key acts on it, the status line
names it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.app.annotator_support import seeded_reader
from tests.conftest import OpenReader, Reader


async def test_a_search_puts_the_cursor_on_the_span_and_jumps_go_on_from_it(reader: Reader) -> None:
    pilot, view = reader.pilot, reader.view
    await pilot.press("slash", *"Kim Jong", "enter")
    assert view.current is not None and view.current.span.text == "Kim Jong Un"
    assert "Kim Jong Un" in reader.status.position and "match 1 of" in reader.status.position
    first = view.current
    await pilot.press("right_square_bracket")
    named = view.current
    assert named is not None and named.start > first.start, "] goes on from the match, not from the top"
    await pilot.press("right_square_bracket")
    named = view.current
    assert named is not None
    assert named.span.text in reader.status.position
    await pilot.press("x")
    assert view.current is not None and view.current.id == named.id
    assert reader.screen.annotations is not None
    assert reader.screen.annotations.get(named.id).status == "rejected"  # type: ignore[union-attr]
    assert reader.screen.annotations.get(first.id).status == "suggested"  # type: ignore[union-attr]


async def test_esc_keeps_the_cursor_where_the_search_put_it(reader: Reader) -> None:
    pilot, view = reader.pilot, reader.view
    text = view.text
    hours = text.index("Hours later")
    await pilot.press("slash", *"Hours later", "enter")
    assert view.current is None, "the match is on no span: the keys act on nothing rather than elsewhere"
    assert "no span here" in reader.status.position
    await pilot.press("escape", "right_square_bracket")
    assert view.current is not None
    after = [a for a in view.shown if a.kind == "entity" and a.start >= hours]
    assert view.current.id == after[0].id, "] after Esc goes on from the match"
    await pilot.press("a")
    assert reader.screen.annotations is not None
    assert reader.screen.annotations.get(after[0].id).status == "accepted"  # type: ignore[union-attr]


async def test_a_search_on_a_span_then_esc_acts_on_that_span(reader: Reader) -> None:
    pilot, view = reader.pilot, reader.view
    await pilot.press("slash", *"Kursk", "enter", "escape", "x")
    assert view.current is not None and view.current.span.text == "Kursk"
    assert view.current.status == "rejected"
    assert "Kursk" in reader.status.position



async def test_star_on_an_only_mention_says_so_and_skips_rejected_mentions(reader: Reader) -> None:
    pilot, view = reader.pilot, reader.view
    await pilot.press("slash", *"China National", "enter", "escape")
    only = view.current
    assert only is not None and only.span.text == "China National Petroleum Corporation"
    await pilot.press("asterisk")
    assert view.current is not None and view.current.id == only.id
    assert "wrapped around" not in reader.status.position
    await pilot.press("slash", *"Putin", "enter", "n", "escape", "x")
    rejected = view.current
    assert rejected is not None and rejected.status == "rejected"
    await pilot.press("asterisk", "asterisk", "asterisk")
    assert view.current is not None and view.current.id != rejected.id, "* never stops on a rejected span"


@pytest.fixture
async def reader(open_reader: OpenReader, tmp_path: Path) -> AsyncIterator[Reader]:
    """The reader on a copy of the seeds (these tests save)."""
    async with seeded_reader(open_reader, tmp_path) as opened:
        yield opened
