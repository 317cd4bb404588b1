"""The command palette (ctrl+p): every reader action by name, with its key as help.

Built from the same ``BINDINGS`` the keys and the help screen use, so a new binding appears here
without further work. Actions run on the reader screen (or the app for app-wide ones).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider


class GlossCommands(Provider):
    """Offers every action of the reader screen, the article view and the app."""

    def _commands(self) -> Iterator[tuple[str, str, Binding, object]]:
        from tui.app import GlossApp
        from tui.screens.annotation_actions import AnnotationActions
        from tui.screens.reader import ReaderScreen
        from tui.widgets.article_view import ArticleView

        reader = next((s for s in self.app.screen_stack if isinstance(s, ReaderScreen)), None)
        if reader is None:
            return
        owners: list[tuple[type, object]] = [
            (ReaderScreen, reader),
            (AnnotationActions, reader),  # the annotation keys (not their modes' keys)
            (GlossApp, self.app),
        ]
        owners.insert(2, (ArticleView, reader.query_one(ArticleView)))
        for owner_type, target in owners:
            for binding in owner_type.BINDINGS:  # type: ignore[attr-defined]
                if not isinstance(binding, Binding) or binding.action.startswith("dismiss"):
                    continue
                keys = ", ".join(
                    self.app.get_key_display(Binding(k.strip(), "")) for k in binding.key.split(",")
                )
                help_text = f"{binding.tooltip} · key: {keys}" if binding.tooltip else f"key: {keys}"
                yield binding.description, help_text, binding, target

    async def _run(self, target: object, action: str) -> None:
        from textual.dom import DOMNode

        assert isinstance(target, DOMNode)
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
