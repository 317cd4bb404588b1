"""A number's value shows on the status line, and new bounds read it again instead of dropping it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from tests.app.annotator_support import seeded_reader
from tests.app_support import FixedExtractor, fixed_spans
from tests.conftest import OpenReader
from tui.extract.numbers import parse_value
from tui.model import Span


class ValuedExtractor(FixedExtractor):
    """The fixed spans, numbers with their values as the extractor reads them."""

    model_name = "valued-spans"

    def extract_progressively(self, text: str) -> Iterator[list[Span]]:
        yield [s.evolve(value=parse_value(s.text)) if s.kind == "number" else s for s in fixed_spans(text)]


async def test_the_value_shows_and_new_bounds_read_it_again(open_reader: OpenReader, tmp_path: Path) -> None:
    async with seeded_reader(open_reader, tmp_path, extractor=ValuedExtractor) as reader:
        pilot, view = reader.pilot, reader.view
        for _ in range(10):
            if view.current is not None and view.current.span.text == "15,000":
                break
            await pilot.press("right_parenthesis")
        assert view.current is not None and view.current.span.value == 15000
        assert "= 15000" in reader.status.position
        await pilot.press("greater_than_sign", "h", "h", "h", "h", "enter")
        assert view.mode == "normal"
        current = view.current
        assert current is not None and current.span.text == "15" and current.span.value == 15
        assert "= 15" in reader.status.position
