"""The command palette (ctrl+p): every reader action by name, with its key as help.

Built from :data:`tui.keys.PALETTE_SECTIONS`, the tables the keys and the help screen use, so a new
binding appears here without further work. An action runs on the reader screen the palette was opened
over, on its article view, or on the app.

Textual's own system commands stay (Theme, Quit, Screenshot…), but its "Keys" opens Textual's help panel,
which lists Textual's keys (``^pgup Page Left``) and which none of Gloss's keys close: :func:`system_commands`
puts Gloss's help screen in its place.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import partial
from typing import Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode

from tui import keys
from tui.widgets.article_view import ArticleView


class GlossCommands(Provider):
    """Offers every action of the reader screen, the article view and the app."""

    def _commands(self) -> Iterator[tuple[str, str, Binding, DOMNode]]:
        screen = self.screen
        views = screen.query(ArticleView)
        if not views:
            return  # not the reader (a dialog, the help): nothing of its to offer
        targets: dict[str, DOMNode] = {"screen": screen, "view": views.first(), "app": self.app}
        for owner, bindings in keys.PALETTE_SECTIONS:
            for binding in bindings:
                shown = ", ".join(
                    self.app.get_key_display(Binding(k.strip(), "")) for k in binding.key.split(",")
                )
                help_text = f"{binding.tooltip} · key: {shown}" if binding.tooltip else f"key: {shown}"
                yield binding.description, help_text, binding, targets[owner]

    async def _run(self, target: DOMNode, action: str) -> None:
        views = target.query(ArticleView) if target is self.screen else None
        if views and action.split("(", 1)[0] in keys.ARTICLE_ACTIONS:
            view = views.first()
            # Chosen by name from the list: the action is the article's, so the article takes the focus
            # (the screen switches the article's keys off while the list has it).
            self.screen.set_focus(view)
        await self.app.run_action(action, target)

    async def discover(self) -> Hits:
        """Every command, for an empty search."""
        for title, help_text, binding, target in self._commands():
            yield DiscoveryHit(title, partial(self._run, target, binding.action), help=help_text)

    async def search(self, query: str) -> Hits:
        """Commands whose name matches ``query``."""
        matcher = self.matcher(query)
        for title, help_text, binding, target in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(title),
                    partial(self._run, target, binding.action),
                    help=help_text,
                )


def system_commands(app: App[Any], textual: Iterable[SystemCommand]) -> Iterator[SystemCommand]:
    """Textual's system commands (``textual``, from ``App.get_system_commands``) with "Keys" opening Gloss's
    help screen, as ``?`` does, instead of Textual's help panel.

    The app's ``get_system_commands`` returns this. Textual's "hide the panel" command stays, should its
    panel be open some other way.
    """
    for command in textual:
        if command.callback == app.action_show_help_panel:
            yield SystemCommand(
                command.title,
                "Show every key of Gloss (the help screen, as ? does)",
                partial(app.run_action, "help"),
            )
        else:
            yield command
