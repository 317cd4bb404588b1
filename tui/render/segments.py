"""Turning a line of text and its highlight layers into Rich segments, without Rich's ``Text``.

``Text.stylize`` + ``Text.render`` is general (wrapping, justification, markup) and costs a few hundred
microseconds a line; a display line here is already wrapped and only needs its style runs. This cuts
the line at every layer boundary and adds the styles that cover each piece, in layer order, so later
layers (the cursor) win over earlier ones (a quote's background under an entity's colour).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from rich.segment import Segment
from rich.style import Style

Layer = tuple[int, int, Style]
"""``(start, end, style)`` in offsets into the line's text, end-exclusive."""


def paint(text: str, base: Style, layers: Sequence[Layer]) -> list[Segment]:
    """Segments of ``text`` in ``base`` with each layer's style added over its range.

    Args:
        text: the line as drawn (one cell per character is not assumed; Rich measures segments).
        base: the style of unhighlighted text.
        layers: ranges to style, in the order they are applied (later wins where they conflict).
    """
    if not layers:
        return [Segment(text, base)] if text else []
    length = len(text)
    cuts = {0, length}
    for start, end, _ in layers:
        cuts.add(max(0, min(start, length)))
        cuts.add(max(0, min(end, length)))
    points = sorted(cuts)
    segments: list[Segment] = []
    for left, right in pairwise(points):
        if left >= right:
            continue
        style = base
        for start, end, layer_style in layers:
            if start <= left and right <= end:
                style = style + layer_style
        if segments and segments[-1].style == style:
            previous = segments.pop()
            segments.append(Segment(previous.text + text[left:right], style))
        else:
            segments.append(Segment(text[left:right], style))
    return segments
