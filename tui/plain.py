"""User text on screen as plain characters: no markup, no terminal controls (the one helper for toasts).

Titles, paths, article text and labels are data. Given to Textual with markup on, ``[/oops]`` raises
``MarkupError`` and ``[@click=app.quit]`` becomes a link that runs an action; written raw, an ``ESC ]``
sequence retitles the terminal. Every toast of the reader goes through :func:`say`, and every widget that
draws user text draws it through :func:`plain` (or :func:`tui.text_safety.drawable` for one line).
"""

from __future__ import annotations

from textual.dom import DOMNode
from textual.notifications import SeverityLevel

from tui.text_safety import drawable


def plain(text: object) -> str:
    """``str(text)`` with every control or bidi character pictured, keeping its line breaks."""
    return "\n".join(drawable(line) for line in str(text).split("\n"))


def say(
    node: DOMNode,
    message: object,
    *,
    title: str = "",
    severity: SeverityLevel = "information",
    timeout: float | None = None,
) -> None:
    """Show a toast with ``message`` taken literally (markup off, controls pictured)."""
    node.app.notify(plain(message), title=plain(title), severity=severity, timeout=timeout, markup=False)
