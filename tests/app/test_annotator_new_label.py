"""New labels on the fly (issue 11, row 10): the label picker offers "create label CLAIM" when nothing
matches; the label is saved to the articles' gloss.toml (the rest of the file kept, written atomically)
with a free key, and is usable at once: the span takes it, the legend lists it, its key applies it."""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual.widgets import OptionList

from tests.app.annotator_support import copy_of_seeds
from tests.conftest import OpenReader
from tui.dialogs import LabelPicker
from tui.widgets.legend import Legend

BEFORE = '# our labels\n[labels.SOURCE]\nkey = "S"\ndescription = "Who a figure comes from"\n'


async def test_the_picker_creates_a_label_saved_with_a_free_key(
    open_reader: OpenReader, tmp_path: Path
) -> None:
    folder = copy_of_seeds(tmp_path)
    config = folder / "gloss.toml"
    config.write_text(BEFORE, encoding="utf-8")
    async with open_reader([folder]) as reader:
        pilot, view = reader.pilot, reader.view
        await pilot.press("n", "L", *"claim")
        await pilot.pause()
        picker = reader.app.screen
        assert isinstance(picker, LabelPicker)
        options = picker.query_one("#label-options", OptionList)
        assert "create label CLAIM" in str(options.get_option_at_index(0).prompt)
        first = view.current
        assert first is not None
        await pilot.press("enter")
        await pilot.pause()
        assert view.current is not None and view.current.label == "CLAIM"
        assert "CLAIM" in str(reader.screen.query_one(Legend).render())
        await pilot.press("n", "l", "C")  # the new key applies it to the next span
        await pilot.pause()
        assert view.current is not None and view.current.id != first.id and view.current.label == "CLAIM"
    text = config.read_text(encoding="utf-8")
    assert text.startswith(BEFORE), "the rest of gloss.toml is kept as it was"
    table = tomllib.loads(text)["labels"]
    assert table["CLAIM"] == {"key": "C", "kind": "entity"}
    assert table["SOURCE"]["key"] == "S"
    assert [p.name for p in folder.iterdir() if p.name.startswith(".gloss.toml")] == []
