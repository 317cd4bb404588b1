"""The entity panel: each distinct entity once with its count ("Vladimir Putin ×4"), by label.

Numbers are listed by value and quotes by speaker ("who said what"). The counts are mentions as
:func:`tui.model.annotations.is_mention` defines them (a rejected span is none), by the label each span
carries, so "PERSON 5 (12)" says what navigation says ("PERSON 3 of 12"). Choosing a row posts
:class:`EntityPanel.Chosen`; the reader screen jumps to the first mention, or to the next one when the
cursor is already on a mention of that entity, so pressing Enter again cycles through the mentions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.style import Style
from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.model import ENTITY_LABELS, Annotation
from tui.model.annotations import mention_groups, value_text
from tui.model.navigation import EntityGroup
from tui.text_safety import drawable

MAX_ROWS_PER_LABEL = 100
"""A book has thousands of distinct names; the panel lists the most mentioned ones of each label."""

StyleFor = Callable[[str, str], Style]
"""``(label, kind) → highlight style``, given by the article view."""


def _section_order(label: str, kind: str) -> tuple[int, int, str]:
    order = {"entity": 0, "number": 1, "quote": 2}[kind] if kind in ("entity", "number", "quote") else 0
    rank = ENTITY_LABELS.index(label) if label in ENTITY_LABELS else len(ENTITY_LABELS)
    return (order, rank, label)


class EntityPanel(OptionList):
    """Distinct entities, numbers and quoting speakers of the open article."""

    class Chosen(Message):
        """A row was chosen (Enter or click): jump to that entity's mentions."""

        def __init__(self, group: EntityGroup) -> None:
            super().__init__()
            self.group = group

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.groups: dict[str, EntityGroup] = {}
        """Option id → group, for the rows shown."""

    def show_groups(
        self, groups: Sequence[EntityGroup], shown: Sequence[Annotation], style_for: StyleFor
    ) -> None:
        """List ``groups`` (from :meth:`SpanIndex.groups` over ``shown``) under a heading per label."""
        by_section: dict[tuple[int, int, str], list[EntityGroup]] = {}
        for group in mention_groups(groups, shown):
            by_section.setdefault(_section_order(group.label, group.kind), []).append(group)
        options: list[Option] = []
        self.groups = {}
        for section in sorted(by_section):
            members = by_section[section]
            label = section[2]
            total = sum(len(g.indices) for g in members)
            heading = "QUOTES" if members[0].kind == "quote" else label
            options.append(Option(Text(f"{heading}  {len(members)} ({total})", style="bold"), disabled=True))
            for number, group in enumerate(members[:MAX_ROWS_PER_LABEL]):
                option_id = f"{label}-{number}"
                self.groups[option_id] = group
                options.append(Option(self._row(group, shown, style_for), id=option_id))
            if len(members) > MAX_ROWS_PER_LABEL:
                options.append(Option(f"  … {len(members) - MAX_ROWS_PER_LABEL} more", disabled=True))
        self.set_options(options)
        if not options:
            self.set_options([Option("No highlights yet.", disabled=True)])

    @staticmethod
    def _row(group: EntityGroup, shown: Sequence[Annotation], style_for: StyleFor) -> Text:
        text = Text("  ", end="")
        text.append(drawable(group.name), style_for(group.label, group.kind))
        value = shown[group.indices[0]].span.value if group.kind == "number" else None
        if value is not None:  # what the number was read as, as on the status line
            text.append(f" = {value_text(value)}")
        text.append(f" ×{len(group.indices)}")
        if group.kind == "quote":
            first = shown[group.indices[0]].span.text
            text.append(": " + (first if len(first) <= 60 else first[:59] + "…"), Style(italic=True))
        return text

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        group = self.groups.get(event.option.id or "")
        if group is not None:
            self.post_message(self.Chosen(group))
