"""What a person types, and the labels, spans and notes of their files, show literally in every dialog:
``[`` is a character, never the start of a Rich or Textual markup tag."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Label, OptionList

from tests.app.annotator_support import seeded_reader
from tests.app.test_annotation_dialogs import SIZE, Host
from tests.conftest import OpenReader
from tui.dialogs import LabelPicker, LabelPrompt, UnplacedDialog
from tui.model import Annotation, LabelDef, Span, default_label_config


def prompts(picker: LabelPicker) -> list[str]:
    """The rows of the picker's list as plain text."""
    options = picker.query_one("#label-options", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_a_bracket_slash_typed_in_the_label_picker_is_shown_not_parsed(
    open_reader: OpenReader, tmp_path: Path
) -> None:
    async with seeded_reader(open_reader, tmp_path) as reader:
        pilot = reader.pilot
        await pilot.press("n", "L", "left_square_bracket", "slash")  # crashed: closing tag '[/”.]'
        await pilot.pause()
        picker = reader.app.screen
        assert isinstance(picker, LabelPicker)
        assert prompts(picker) == ["No label matches “[/”."]
        await pilot.press("escape")
        assert reader.app.is_running and not isinstance(reader.app.screen, LabelPicker)


async def test_markup_typed_in_the_label_picker_is_shown_literally() -> None:
    app = Host(LabelPicker(default_label_config()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"[red]CL")
        picker = app.screen
        assert isinstance(picker, LabelPicker)
        assert prompts(picker) == ["No label matches “[red]CL”."]
        await pilot.press(*"[@click=app.quit]x")
        assert app.is_running and prompts(picker) == ["No label matches “[red]CL[@click=app.quit]x”."]


def hostile_labels() -> tuple[LabelDef, ...]:
    return (LabelDef("CLAIM", "entity", "[", None, "said [b]loudly[/b]\x1b]0;owned\x07", custom=True),)


async def test_label_rows_and_prompt_keys_show_the_config_literally() -> None:
    config = default_label_config()
    (claim,) = hostile_labels()
    config.labels["CLAIM"] = claim
    app = Host(LabelPicker(config, title="Relabel PERSON “[/b]” as"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"claim")
        picker = app.screen
        assert isinstance(picker, LabelPicker)
        (row,) = prompts(picker)
        assert "said [b]loudly[/b]␛]0;owned␇" in row and "\x1b" not in row
        title = picker.query_one(".dialog-title", Label)
        assert str(title.render()) == "Relabel PERSON “[/b]” as"
    app = Host(LabelPrompt(config, title="Relabel PERSON “[/b]\x1b[2J” as"))
    async with app.run_test(size=SIZE) as pilot:
        shown = str(app.screen.query_one("#label-prompt-keys").render())
        assert shown.startswith("Relabel PERSON “[/b]␛[2J” as:") and " [  CLAIM" in shown
        await pilot.press("left_square_bracket")
        assert app.answers == ["CLAIM"]


async def test_the_unplaced_dialog_shows_the_target_text_literally() -> None:
    span = Span(0, 8, "PERSON", "entity", "Kim [/i]")
    lost = Annotation("m1", span, "model", "suggested", note="[@click=app.quit]", updated="")
    app = Host(UnplacedDialog([lost], "“[/oops] [b]Un”"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, UnplacedDialog)
        hint = dialog.query_one(".dialog-hint", Label)
        assert str(hint.render()).startswith("Enter places it at “[/oops] [b]Un” · d discards it")
        row = str(dialog.query_one(OptionList).get_option_at_index(0).prompt)
        assert "[/i]" in row and "note: [@click=app.quit]" in row
