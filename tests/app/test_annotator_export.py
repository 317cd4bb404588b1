"""The export dialog and what it and the corrupt-file dialog say (issue 11, rows 12 and 16): the output is
proposed beside the articles, not in the folder Gloss was started from; "Wrote 1 article" in the singular;
a JSON error names its place once."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input

from tests.app.annotator_support import copy_of_seeds
from tests.conftest import OpenReader
from tui.dialogs import CorruptFileDialog, ExportDialog


@pytest.fixture
def elsewhere(tmp_path: Path) -> Iterator[Path]:
    """Gloss started from a folder that is not the articles'."""
    start = tmp_path / "started-here"
    start.mkdir()
    before = Path.cwd()
    os.chdir(start)
    try:
        yield start
    finally:
        os.chdir(before)


async def test_export_proposes_the_articles_folder_and_says_one_article(
    open_reader: OpenReader, tmp_path: Path, elsewhere: Path
) -> None:
    folder = copy_of_seeds(tmp_path)
    async with open_reader([folder]) as reader:
        pilot = reader.pilot
        await pilot.press("n", "a", "E")
        await pilot.pause()
        dialog = reader.app.screen
        assert isinstance(dialog, ExportDialog)
        out = Path(dialog.query_one("#export-out", Input).value)
        assert out.parent == folder, f"proposed {out}, not beside the articles in {folder}"
        dialog.query_one("#export-out", Input).focus()
        await pilot.press("enter")
        await reader.settle()
        assert out.is_file()
        said = [str(n.message) for n in reader.app._notifications]
        assert any(m.startswith("Wrote 1 article with 1 span to ") for m in said), said
    assert not list(elsewhere.iterdir()), "nothing is written where Gloss was started"


async def test_a_json_error_says_at_line_once(open_reader: OpenReader, tmp_path: Path) -> None:
    folder = copy_of_seeds(tmp_path)
    async with open_reader([folder]) as reader:
        await reader.pilot.press("n", "a", "q")
    file = next(f for f in (folder / ".gloss").glob("*.json"))
    saved = json.loads(file.read_text(encoding="utf-8"))
    lines = json.dumps(saved, indent=1).splitlines()
    lines[5] = lines[5].replace('"', '"\t', 1)  # a raw tab inside a string on line 6: not JSON
    file.write_text("\n".join(lines), encoding="utf-8")
    async with open_reader([folder]) as reader:
        dialog = reader.app.screen
        assert isinstance(dialog, CorruptFileDialog)
        shown = str(dialog.query_one("#corrupt-file-text").render())
        assert "at line 6" in shown
        assert "at at" not in shown
