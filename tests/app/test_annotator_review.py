"""Review suggestion by suggestion: r/R to the next one still to review, y/z accept/reject and go on,
a counter of what is left on the status line, the list's counts following every edit."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.app.annotator_support import seeded_reader
from tests.conftest import OpenReader, Reader


def left(reader: Reader) -> int:
    annotations = reader.screen.annotations
    assert annotations is not None
    return annotations.unreviewed()


async def test_accept_and_reject_and_next_walk_the_suggestions(reader: Reader) -> None:
    pilot, view, status = reader.pilot, reader.view, reader.status
    total = left(reader)
    assert total > 3
    assert status.state.startswith(f"{total} to review")
    await pilot.press("r")
    first = view.current
    assert first is not None and first.status == "suggested"
    await pilot.press("y")
    assert reader.screen.annotations is not None
    assert reader.screen.annotations.get(first.id).status == "accepted"  # type: ignore[union-attr]
    second = view.current
    assert second is not None and second.id != first.id and second.status == "suggested"
    assert second.start >= first.start
    await pilot.press("z")
    assert reader.screen.annotations.get(second.id).status == "rejected"  # type: ignore[union-attr]
    third = view.current
    assert third is not None and third.status == "suggested" and third.id not in (first.id, second.id)
    assert left(reader) == total - 2
    assert status.state.startswith(f"{total - 2} to review")
    await pilot.press("R")
    assert view.current is not None and view.current.status == "suggested"
    # every suggestion before the third is decided: R wraps around to the last one still waiting
    waiting = [a for a in view.shown if a.status == "suggested"]
    assert view.current.id == waiting[-1].id
    await pilot.press("r")
    assert view.current is not None and view.current.id == third.id


async def test_the_list_counts_follow_every_edit(reader: Reader) -> None:
    pilot, view = reader.pilot, reader.view
    key = reader.screen.article.key  # type: ignore[union-attr]
    before = reader.article_list.counts[key]
    await pilot.press("right_square_bracket")
    assert view.current is not None and view.current.kind == "entity"
    await pilot.press("x")
    after = reader.article_list.counts[key]
    assert after.entities == before.entities - 1, "a rejected span is not counted"
    await pilot.press("u")
    assert reader.article_list.counts[key] == before


async def test_reviewing_everything_says_so(reader: Reader) -> None:
    pilot = reader.pilot
    await pilot.press("r")
    for _ in range(left(reader) + 1):
        await pilot.press("y")
        if left(reader) == 0:
            break
    assert left(reader) == 0
    assert "to review" not in reader.status.state


@pytest.fixture
async def reader(open_reader: OpenReader, tmp_path: Path) -> AsyncIterator[Reader]:
    """The reader on a copy of the seeds (these tests save)."""
    async with seeded_reader(open_reader, tmp_path) as opened:
        yield opened
