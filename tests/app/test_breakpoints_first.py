"""The reader's width class is right from its first styling (not set by Textual's first resize, which
restyled every widget a second time before the first frame)."""

from __future__ import annotations

import pytest
from textual.css.stylesheet import Stylesheet
from textual.screen import Screen

from tests.app_support import SEED, FixedExtractor
from tui.app import GlossApp
from tui.screens.reader import ReaderScreen, breakpoint_class


@pytest.mark.parametrize("width", [0, 1, 40, 69, 70, 71, 99, 100, 101, 120, 200])
def test_the_class_follows_textuals_own_rule(width: int) -> None:
    breakpoints = ReaderScreen.HORIZONTAL_BREAKPOINTS
    assert {breakpoint_class(width, breakpoints)} == Screen()._get_breakpoint_classes(width, breakpoints)


@pytest.mark.parametrize(("size", "expected"), [((60, 30), "-narrow"), ((120, 40), "-wide")])
async def test_the_screen_is_styled_once_for_its_width_before_the_first_frame(
    monkeypatch: pytest.MonkeyPatch, size: tuple[int, int], expected: str
) -> None:
    restyled: list[int] = []
    original = Stylesheet.update_nodes

    def counting(self: Stylesheet, nodes: object, animate: bool = False) -> None:
        nodes = list(nodes)  # type: ignore[call-overload]
        restyled.append(len(nodes))
        original(self, nodes, animate)

    monkeypatch.setattr(Stylesheet, "update_nodes", counting)
    app = GlossApp.for_paths([SEED], extractor_factory=FixedExtractor)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReaderScreen) and screen.has_class(expected)
        whole = len(list(screen.walk_children(with_self=True)))
        assert sum(1 for count in restyled if count >= whole) == 1  # the resume's, not a resize's as well
