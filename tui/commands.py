"""The command palette (ctrl+p): every reader action by name, with its key as help.

Built from :data:`tui.keys.PALETTE_SECTIONS`, the tables the keys and the help screen use, so a new
binding appears here without further work. An action runs on the reader screen the palette was opened
over, on its article view, or on the app.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

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
