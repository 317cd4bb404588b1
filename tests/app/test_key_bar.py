"""The key bar (``tui.widgets.key_bar``): the keys of the focused widget, dimmed when off, pressed by a
click, user-written descriptions drawn as text; in a small app of its own, so each test is quick."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.pilot import Pilot
from textual.widgets import Static

from tui.widgets.key_bar import KeyBar


class Pane(Static, can_focus=True):
    """A focusable pane with keys of its own."""


class Left(Pane):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "app.ran('accept')", "Accept"),
        Binding("x", "app.ran('reject')", "Reject"),
    ]


class Right(Pane):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "app.ran('open')", "Open"),
        Binding("z", "app.ran('hidden')", "Hidden", show=False),
        Binding("d", "app.ran('off')", "[b]Off[/b]\x1b[31m"),  # markup and an escape: drawn as text
    ]


class BarApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.calls: list[str] = []
        self.bells = 0

    def compose(self) -> ComposeResult:
        yield Left("left", id="left")
        yield Right("right", id="right")
        yield KeyBar()

    def action_ran(self, name: str) -> None:
        self.calls.append(name)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "ran" and parameters == ("off",):
            return None  # Textual's "shown, but off" (False would hide the key)
        return True

    def bell(self) -> None:
        self.bells += 1


@asynccontextmanager
async def bar_on(pane: str, width: int = 80) -> AsyncIterator[tuple[BarApp, Pilot[None], KeyBar]]:
    """The app with ``#pane`` focused and its keys on the bar."""
    app = BarApp()
    async with app.run_test(size=(width, 5)) as pilot:
        app.query_one(f"#{pane}").focus()
        await pilot.pause()
        yield app, pilot, app.query_one(KeyBar)


def shown(bar: KeyBar) -> list[tuple[str, bool]]:
    return [(key.description, key.enabled) for key in bar.keys]


async def test_the_bar_shows_the_focused_widgets_keys_and_follows_the_focus() -> None:
    async with bar_on("left") as (app, pilot, bar):
        assert ("Accept", True) in shown(bar) and ("Open", True) not in shown(bar)
        app.query_one("#right").focus()
        await pilot.pause()
        assert ("Open", True) in shown(bar) and ("Accept", True) not in shown(bar)
        assert "Hidden" not in {description for description, _ in shown(bar)}  # show=False: not on the bar
        assert bar.palette is not None and bar.palette.display == "^p"


async def test_a_disabled_key_is_dimmed_and_a_click_on_it_rings_the_bell() -> None:
    async with bar_on("right") as (app, pilot, bar):
        off = next(key for key in bar.keys if key.key == "d")
        assert not off.enabled
        line = bar.render()
        start = line.plain.index("[b]Off")
        assert any(span.start <= start < span.end and "dim" in str(span.style) for span in line.spans)
        x = line.plain.index(" d ") + 1
        await pilot.click(KeyBar, offset=(x, 0))
        assert app.calls == [] and app.bells == 1


async def test_a_click_on_a_key_presses_it() -> None:
    async with bar_on("left") as (app, pilot, bar):
        x = bar.render().plain.index(" x ") + 1
        assert bar.key_at(x) is not None and bar.key_at(x).description == "Reject"  # type: ignore[union-attr]
        await pilot.click(KeyBar, offset=(x, 0))
        await pilot.pause()
        assert app.calls == ["reject"]


async def test_descriptions_are_drawn_as_text_and_the_palette_key_sits_at_the_right() -> None:
    async with bar_on("right") as (_, _, bar):
        plain = bar.render().plain
        assert "[b]Off[/b]" in plain and "\x1b" not in plain  # markup shown as written, no escape
        assert len(plain) == 80 and plain.rstrip().endswith("^p palette")


async def test_keys_that_do_not_fit_are_left_off_whole() -> None:
    async with bar_on("left", 30) as (_, _, bar):
        plain = bar.render().plain
        assert len(plain) == 30 and "Accept" in plain and "Reject" not in plain and "Rej" not in plain
