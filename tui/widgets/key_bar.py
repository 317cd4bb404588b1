"""The key bar: the keys that work now, on the bottom line, as one widget.

Textual's ``Footer`` shows the same thing with a widget per key, and rebuilds them all (fifteen widgets,
each styled by the stylesheet) whenever the bindings may have changed: on every focus change and every
``refresh_bindings``. The reader's start alone did that a dozen times, and it was most of what kept an
indexed article's highlights off the screen for the first half second (the main thread was busy styling
footer keys while the worker waited for the lock to hand over the index). This bar keeps one list of
``(key, description, enabled)`` and repaints one line only when that list really changed.

It looks like the footer (the same theme variables, in ``styles/gloss.tcss``), and a click on a key
presses it, as a click on a footer key does.

A modal dialog draws over the screen and leaves its bottom line in sight, so while dialogs are open over
the bar's screen the bar shows the keys of the topmost one (its Esc), not the screen's, none of which work
there.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widget import Widget

from tui import keys
from tui.text_safety import drawable


def shown_anyway(node: DOMNode, action: str) -> str | None:
    """The description to show for a hidden (``show=False``) binding of ``node``, if it is one of
    :data:`tui.keys.SHOWN_ANYWAY` (Enter on the entity panel), else ``None``: not on the bar."""
    return keys.SHOWN_ANYWAY.get((node.id or "", action))


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
        self._source: Screen[object] | None = None
        """The screen whose keys the bar shows: its own, or the topmost dialog over it."""

    def on_mount(self) -> None:
        self.app.screen_change_signal.subscribe(self, self._screen_changed)
        self._follow(self.shown_screen())

    def on_unmount(self) -> None:
        self.app.screen_change_signal.unsubscribe(self)
        if self._source is not None:
            self._source.bindings_updated_signal.unsubscribe(self)
            self._source = None

    def shown_screen(self) -> Screen[object]:
        """The screen whose keys work while the bar is in sight: the topmost of the modal dialogs open over
        the bar's own screen, else that screen (a full screen over it hides the bar anyway)."""
        own = self.screen
        stack = self.app.screen_stack
        above = stack[stack.index(own) + 1 :] if own in stack else []
        if above and all(isinstance(screen, ModalScreen) for screen in above):
            return above[-1]
        return own

    def _screen_changed(self, _screen: Screen[object]) -> None:
        """A screen was pushed or popped: follow the one whose keys now work."""
        if self.is_attached:
            self._follow(self.shown_screen())

    def _follow(self, screen: Screen[object]) -> None:
        """Show ``screen``'s keys, and keep them current."""
        if screen is not self._source:
            if self._source is not None:
                self._source.bindings_updated_signal.unsubscribe(self)
            self._source = screen
            screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(screen)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        """Read the active bindings; repaint only if what the bar shows changed."""
        if screen is not self._source:
            return  # posted by a screen the bar has stopped following (a dialog just closed)
        shown_keys: list[ShownKey] = []
        actions: set[tuple[DOMNode, str]] = set()
        palette: ShownKey | None = None
        app = self.app
        for key, active in screen.active_bindings.items():
            binding = active.binding
            display = app.get_key_display(binding)
            if key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
                palette = ShownKey(key, display, binding.description, active.enabled)
                continue
            description = binding.description if binding.show else shown_anyway(active.node, binding.action)
            action = (active.node, binding.action)  # the entity panel's "select" is not the screen's
            if description is not None and action not in actions:  # one entry per action, as the footer
                actions.add(action)
                shown_keys.append(ShownKey(key, display, description, active.enabled))
        if (tuple(shown_keys), palette) != (self.keys, self.palette):
            self.keys, self.palette = tuple(shown_keys), palette
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
