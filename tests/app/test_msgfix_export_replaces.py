"""The export dialog says when the output is already there, before writing over it: the proposed name
is the same each time, so a second export of an article replaced the first and just said "Wrote …"."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, Input, Label, Select

from tests.app.annotator_support import copy_of_seeds
from tests.app.test_annotation_dialogs import Host
from tests.app.test_annotator_export import elsewhere  # noqa: F401 - the fixture
from tests.conftest import OpenReader
from tui.dialogs import ExportDialog, ExportRequest
from tui.dialogs.export_dialog import replace_warning


def shown(dialog: ExportDialog) -> tuple[str, str]:
    """The warning line (empty when hidden) and the button's label."""
    line = dialog.query_one("#export-replaces", Label)
    return (str(line.render()) if line.display else ""), str(dialog.query_one("#export", Button).label)


def test_what_the_output_would_replace(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text("{}\n", encoding="utf-8")
    (tmp_path / "a-brat").mkdir()
    assert replace_warning(str(tmp_path / "new.jsonl"), "jsonl") == ("", False)
    assert replace_warning("  ", "jsonl") == ("", False)
    line, replaces = replace_warning(str(tmp_path / "a.jsonl"), "jsonl")
    assert replaces and "replaces the existing file" in line
    line, replaces = replace_warning(str(tmp_path / "a-brat"), "brat")
    assert replaces and "folder exists" in line
    line, replaces = replace_warning(str(tmp_path / "a-brat"), "jsonl")  # a folder for a file: it fails
    assert not replaces and "folder" in line
    line, replaces = replace_warning(str(tmp_path / "a.jsonl"), "brat")
    assert not replaces and "fail" in line


async def test_the_dialog_warns_and_names_the_button_before_replacing(tmp_path: Path) -> None:
    (tmp_path / "kursk-annotations.jsonl").write_text("{}\n", encoding="utf-8")
    app = Host(ExportDialog("kursk", tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        await pilot.pause()
        line, button = shown(dialog)
        assert "replaces the existing file" in line and button == "Replace"
        assert dialog.query_one("#export", Button).region.bottom <= 24  # still on an 80×24 screen
        dialog.query_one("#export-format", Select).value = "spacy"  # a name with nothing behind it
        await pilot.pause()
        assert shown(dialog) == ("", "Export")
        (tmp_path / "kursk-annotations-brat").mkdir()
        dialog.query_one("#export-format", Select).value = "brat"
        await pilot.pause()
        line, button = shown(dialog)
        assert "folder exists" in line and button == "Replace"
        box = dialog.query_one("#export-out", Input)
        box.focus()
        box.value = ""
        await pilot.press(*"new.jsonl")  # typed by hand: checked as it is typed
        assert shown(dialog) == ("", "Export")
        box.value = str(tmp_path / "kursk-annotations.jsonl")
        await pilot.pause()
        assert shown(dialog)[1] == "Export"  # brat is still chosen: a file there makes the export fail
        assert "fail" in shown(dialog)[0]
        dialog.query_one("#export-format", Select).value = "jsonl"
        await pilot.pause()
        assert shown(dialog)[1] == "Replace"
        box.focus()
        await pilot.press("enter")  # keyboard only: Enter after the warning still exports
        assert app.answers == [
            ExportRequest("jsonl", tmp_path / "kursk-annotations.jsonl", "article", include_suggestions=False)
        ]


async def test_a_second_export_to_the_proposed_file_is_warned_about(
    open_reader: OpenReader,
    tmp_path: Path,
    elsewhere: Path,  # noqa: F811 - the fixture
) -> None:
    folder = copy_of_seeds(tmp_path)
    async with open_reader([folder]) as reader:
        pilot = reader.pilot
        await pilot.press("n", "a", "E")
        await pilot.pause()
        dialog = reader.app.screen
        assert isinstance(dialog, ExportDialog)
        assert shown(dialog) == ("", "Export")  # nothing there yet
        out = Path(dialog.query_one("#export-out", Input).value)
        dialog.query_one("#export-out", Input).focus()
        await pilot.press("enter")
        await reader.settle()
        assert out.is_file()
        await pilot.press("E")
        await pilot.pause()
        again = reader.app.screen
        assert isinstance(again, ExportDialog)
        assert Path(again.query_one("#export-out", Input).value) == out
        line, button = shown(again)
        assert "replaces the existing file" in line and button == "Replace"
