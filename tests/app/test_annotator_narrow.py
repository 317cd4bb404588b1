"""Narrow terminals (issue 11, row 14): below 70 columns the list hides and ``t`` (shown in the footer)
brings it back; at 80 columns the list is narrower; at 80×24 the export dialog's buttons and every legend
entry are on screen. Snapshots at 60×24 and 80×24 show it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Button

from tests.app_support import ROOT, SEEDS, FixedExtractor, settle
from tests.conftest import OpenReader
from tui.app import GlossApp
from tui.dialogs import ExportDialog
from tui.render.layout import wrap
from tui.widgets.legend import Legend

SnapCompare = Callable[..., bool]


async def test_at_60_columns_the_list_hides_and_t_shows_it(open_reader: OpenReader) -> None:
    async with open_reader(size=(60, 24)) as reader:
        screen, pilot = reader.screen, reader.pilot
        view, article_list = reader.view, reader.article_list
        assert not article_list.display or article_list.region.width == 0
        assert view.region.width >= 55, f"the article has {view.region.width} of 60 columns"
        footer = {k: a.binding.description for k, a in screen.active_bindings.items() if a.binding.show}
        assert footer.get("t") == "List"
        await pilot.press("t")
        await pilot.pause()
        assert screen.focused is article_list and article_list.region.width > 0
        in_list = {k for k, a in screen.active_bindings.items() if a.binding.show}
        assert "t" not in in_list, "in the list t filters: the footer must not offer it"
        await pilot.press("j", "enter")  # open the second article: the list makes room again
        await pilot.pause()
        assert screen.focused is view
        assert view.region.width >= 55


async def test_at_80_by_24_the_list_shrinks_and_nothing_is_cut(open_reader: OpenReader) -> None:
    async with open_reader(size=(80, 24)) as reader:
        screen, pilot = reader.screen, reader.pilot
        assert reader.article_list.region.width <= 30
        assert "t" not in screen.active_bindings or not screen.active_bindings["t"].enabled
        legend = screen.query_one(Legend)
        assert legend.region.height >= legend.virtual_size.height, "the legend drops entries"
        shown_text = str(legend.render())
        for entry in ("PERSON", "GPE", "number", "quote"):
            assert entry in shown_text
        await pilot.press("E")
        await pilot.pause()
        dialog = reader.app.screen
        assert isinstance(dialog, ExportDialog)
        height = reader.app.size.height
        for button in dialog.query(Button):
            assert button.region.bottom <= height - 1 and button.region.height == 3, button.id


async def test_the_text_is_wrapped_for_the_width_it_is_drawn_at(open_reader: OpenReader) -> None:
    """After ``t`` on a narrow terminal, Textual sometimes resizes the view without sending it a
    ``Resize`` (about one run in three): the next frame re-wraps the text all the same. Here the stale
    layout is made directly, as a width change without a ``Resize`` leaves it."""
    async with open_reader(size=(60, 24)) as reader:
        view, pilot = reader.view, reader.pilot
        width = view.text_width
        view._install(wrap(view.text, width + 30))  # the text as wrapped for a width the view no longer has
        view.refresh()
        await pilot.pause()
        assert view.text_layout is not None and view.text_layout.width == width
        drawn = [view.render_line(y).cell_length for y in range(view.size.height)]
        assert max(drawn) <= view.size.width


def _seed_app() -> GlossApp:
    return GlossApp.for_paths([SEEDS], extractor_factory=FixedExtractor)


async def _settled(pilot: Pilot[Any]) -> None:
    await settle(pilot.app, pilot)


def test_snapshot_60_by_24(snap_compare: SnapCompare) -> None:
    """60 columns: the article takes the width, the footer offers t for the list."""
    assert snap_compare(_seed_app(), terminal_size=(60, 24), run_before=_settled, press=["n"])


def test_snapshot_60_by_24_list_shown(snap_compare: SnapCompare) -> None:
    """60 columns after t: the list over the article's left side."""
    assert snap_compare(_seed_app(), terminal_size=(60, 24), run_before=_settled, press=["t"])


def test_snapshot_80_by_24(snap_compare: SnapCompare) -> None:
    """80×24: a narrower list, the whole legend."""
    assert snap_compare(_seed_app(), terminal_size=(80, 24), run_before=_settled, press=["n"])


def test_snapshot_80_by_24_export(snap_compare: SnapCompare, monkeypatch: pytest.MonkeyPatch) -> None:
    """80×24: the export dialog with its buttons (started as `gloss seeds` from the checkout, so the
    proposed path is the same in every clone)."""
    monkeypatch.chdir(ROOT)
    app = GlossApp.for_paths([Path("seeds")], extractor_factory=FixedExtractor)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_settled, press=["E"])
