"""The key bar: the keys that work now, on the bottom line, as one widget.

Textual's ``Footer`` shows the same thing with a widget per key, and rebuilds them all (fifteen widgets,
each styled by the stylesheet) whenever the bindings may have changed: on every focus change and every
``refresh_bindings``. The reader's start alone did that a dozen times, and it was most of what kept an
indexed article's highlights off the screen for the first half second (the main thread was busy styling
footer keys while the worker waited for the lock to hand over the index). This bar keeps one list of
``(key, description, enabled)`` and repaints one line only when that list really changed.

It looks like the footer (the same theme variables, in ``styles/gloss.tcss``), and a click on a key
presses it, as a click on a footer key does.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

from tui.text_safety import drawable


class ShownKey(NamedTuple):
    """One key on the bar."""

    key: str
    """The key's name as Textual knows it (what a click simulates)."""
    display: str
    """How the key is written on the bar (``^p``, ``/``)."""
    description: str
    enabled: bool


class KeyBar(Widget, can_focus=False):
    """The bottom line: each key shown by the focused chain's bindings, the palette's key on the right."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-bar--key", "key-bar--description", "key-bar--palette"}
    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: 1; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.keys: tuple[ShownKey, ...] = ()
        """What the bar shows, left to right (without the palette's key)."""
        self.palette: ShownKey | None = None
        """The command palette's key, drawn at the right end."""
        self._places: list[tuple[int, int, ShownKey]] = []
        """Where each key was drawn: ``(start, end, key)`` columns, for clicks."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        """Read the active bindings; repaint only if what the bar shows changed."""
        keys: list[ShownKey] = []
        actions: set[str] = set()
        palette: ShownKey | None = None
        app = self.app
        for key, active in screen.active_bindings.items():
            binding = active.binding
            shown = ShownKey(key, app.get_key_display(binding), binding.description, active.enabled)
            if key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
                palette = shown
            elif binding.show and binding.action not in actions:  # one entry per action, as the footer
                actions.add(binding.action)
                keys.append(shown)
        if (tuple(keys), palette) != (self.keys, self.palette):
            self.keys, self.palette = tuple(keys), palette
            self.refresh()

    def render(self) -> Text:
        """One line: `` k Description `` for each key, dimmed when disabled, the palette's key flush
        right; keys that do not fit are left off (the help screen lists them all)."""
        width = self.content_region.width
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        palette_style = self.get_component_rich_style("key-bar--palette")
        dim = Style(dim=True)
        right = Text()
        if self.palette is not None:
            right.append("▏", palette_style)
            right.append(f"{self.palette.display} ", key_style)
            right.append(f"{self.palette.description} ", description_style)
        room = max(0, width - right.cell_len)
        line = Text(no_wrap=True, end="")
        places: list[tuple[int, int, ShownKey]] = []
        for shown in self.keys:
            key_part, description_part = f" {drawable(shown.display)} ", f"{drawable(shown.description)} "
            cells = cell_len(key_part) + cell_len(description_part)
            if line.cell_len + cells > room:
                break
            start = line.cell_len
            line.append(key_part, key_style + dim if not shown.enabled else key_style)
            line.append(description_part, description_style + dim if not shown.enabled else description_style)
            places.append((start, start + cells, shown))
        line.append(" " * max(0, room - line.cell_len))
        if self.palette is not None:
            places.append((line.cell_len, line.cell_len + right.cell_len, self.palette))
            line.append_text(right)
        self._places = places
        return line

    def key_at(self, x: int) -> ShownKey | None:
        """The key drawn at column ``x`` of the bar, if any."""
        return next((shown for start, end, shown in self._places if start <= x < end), None)

    def on_click(self, event: events.Click) -> None:
        """A click on a key presses it (a disabled key rings the bell instead)."""
        shown = self.key_at(event.x)
        if shown is None:
            return
        event.stop()
        if shown.enabled:
            self.app.simulate_key(shown.key)
        else:
            self.app.bell()
