"""Names of the article view's component classes: one per entity label, plus numbers, quotes and states.

The colours themselves live in ``styles/gloss.tcss`` (a colour-blind-safe palette with variants for
Textual's light and dark themes); Python only maps a label to a class name. The legend and the entity
panel ask the article view for the same styles, so the three always agree.
"""

from __future__ import annotations

from tui.model import ENTITY_LABELS

PREFIX = "article-view--"


def class_name(label: str) -> str:
    """``WORK_OF_ART`` → ``work-of-art``: the CSS form of a label."""
    return label.lower().replace("_", "-")


LABEL_CLASSES: dict[str, str] = {label: PREFIX + class_name(label) for label in ENTITY_LABELS}
"""Entity label → its component class."""

STATE_CLASSES = (
    "number",
    "quote",
    "custom",
    "cursor",
    "match",
    "match-current",
    "heading",
    "message",
    "accepted",
    "rejected",
    "selection",
)
"""Kinds without a per-label style, and visual states (``accepted``/``rejected``/``selection`` are for
the annotation work that builds on the reader)."""

COMPONENT_CLASSES: set[str] = set(LABEL_CLASSES.values()) | {PREFIX + name for name in STATE_CLASSES}
"""Every component class the article view defines."""


def component_for(label: str, kind: str) -> str:
    """The component class that styles a span: its label's, else its kind's (custom labels included)."""
    if kind == "number":
        return PREFIX + "number"
    if kind == "quote":
        return PREFIX + "quote"
    return LABEL_CLASSES.get(label, PREFIX + "custom")
