"""The annotation dialogs on their own: keys pressed in a small app, the answer each dismisses with."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App
from textual.screen import ModalScreen

from tui.app import STYLES
from tui.dialogs import (
    CorruptFileDialog,
    ExportDialog,
    ExportRequest,
    LabelPicker,
    LabelPrompt,
    NoteEditor,
    ReviewRemainingDialog,
    rank_labels,
)
from tui.dialogs.review_remaining import ARTICLE
from tui.model import LabelConfig, LabelDef, default_label_config
from tui.store import CorruptAnnotationsError

SIZE = (100, 30)


class Host(App[None]):
    """Pushes one dialog on mount and keeps what it dismissed with."""

    CSS_PATH = [STYLES / "gloss.tcss", STYLES / "annotation.tcss"]  # noqa: RUF012

    def __init__(self, dialog: ModalScreen[Any]) -> None:
        super().__init__()
        self.dialog = dialog
        self.answers: list[object] = []

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.answers.append)


def labels_with_claim() -> LabelConfig:
    config = default_label_config()
    config.labels["CLAIM"] = LabelDef("CLAIM", "entity", "k", "#d81b60", "A checkable claim", custom=True)
    return config


def test_ranking_puts_a_label_key_and_name_prefixes_first() -> None:
    config = labels_with_claim()
    assert rank_labels(config, "g")[0].name == "GPE"
    assert [d.name for d in rank_labels(config, "per")][:2] == ["PERSON", "PERCENT"]
    assert rank_labels(config, "checkable")[0].name == "CLAIM"
    assert rank_labels(config, "work of")[0].name == "WORK_OF_ART"
    assert rank_labels(config, "zzz") == []
    assert len(rank_labels(config, "")) == len(config.labels)


async def test_label_picker_filters_as_you_type_and_applies_with_enter() -> None:
    app = Host(LabelPicker(labels_with_claim(), current="PRODUCT"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"cla")
        await pilot.press("enter")
        assert app.answers == ["CLAIM"]


async def test_label_picker_moves_with_arrows_and_cancels_with_escape() -> None:
    app = Host(LabelPicker(default_label_config()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"per", "down", "enter")
        assert app.answers == ["PERCENT"]
    app = Host(LabelPicker(default_label_config()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")
        assert app.answers == [None]


async def test_label_prompt_applies_a_label_by_its_key_or_opens_the_picker() -> None:
    app = Host(LabelPrompt(labels_with_claim()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        assert app.answers == ["GPE"]
    app = Host(LabelPrompt(labels_with_claim()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("k")
        assert app.answers == ["CLAIM"]
    app = Host(LabelPrompt(default_label_config()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", *"quantity", "enter")
        await pilot.pause()
        assert app.answers == ["QUANTITY"]
    app = Host(LabelPrompt(default_label_config()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("z")  # no label on z: the prompt stays
        assert app.answers == []
        await pilot.press("escape")
        assert app.answers == [None]


async def test_note_editor_saves_edits_and_clears() -> None:
    app = Host(NoteEditor("CARDINAL “15,000”", "ministry"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*" figure", "enter")
        assert app.answers == ["ministry figure"]
    app = Host(NoteEditor("CARDINAL “15,000”", "old"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("backspace", "backspace", "backspace", "enter")
        assert app.answers == [""]
    app = Host(NoteEditor("CARDINAL “15,000”", "kept"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x", "escape")
        assert app.answers == [None]


async def test_corrupt_file_dialog_names_the_file_and_offers_both_choices(tmp_path: Path) -> None:
    error = CorruptAnnotationsError(tmp_path / "kursk.txt.abc.json", "not JSON (line 1)")
    app = Host(CorruptFileDialog(error, "Kursk"))
    async with app.run_test(size=SIZE) as pilot:
        shown = str(app.screen.query_one("#corrupt-file-text").render())
        assert "kursk.txt.abc.json" in shown and "not JSON" in shown
        await pilot.press("f")
        assert app.answers == [True]
    app = Host(CorruptFileDialog(error, "Kursk"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")
        assert app.answers == [False]


async def test_review_remaining_dialog_chooses_article_or_label() -> None:
    app = Host(ReviewRemainingDialog("Accept", 12, "PERSON", 4))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")
        assert app.answers == ["PERSON"]
    app = Host(ReviewRemainingDialog("Reject", 12, None, 0))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")  # no label to choose: nothing happens
        assert app.answers == []
        await pilot.press("a")
        assert app.answers == [ARTICLE]


async def test_export_dialog_suggests_names_per_format_and_returns_the_request(tmp_path: Path) -> None:
    app = Host(ExportDialog("kursk", tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        out = dialog.query_one("#export-out")
        assert out.value == str(tmp_path / "kursk-annotations.jsonl")  # type: ignore[attr-defined]
        from textual.widgets import Select

        dialog.query_one("#export-format", Select).value = "brat"
        await pilot.pause()
        assert out.value == str(tmp_path / "kursk-annotations-brat")  # type: ignore[attr-defined]
        dialog.query_one("#export-format", Select).value = "spacy"
        await pilot.pause()
        dialog.query_one("#export-out").focus()
        await pilot.press("enter")
        assert app.answers == [
            ExportRequest("spacy", tmp_path / "kursk-annotations.spacy", "article", include_suggestions=False)
        ]
