"""The export dialog: format, output path, which articles, and whether unreviewed suggestions go too.

The command palette's "Export annotations" opens it; the reader then writes the files with the same
writers as ``gloss export`` (:mod:`tui.export`), in a worker. The output name follows the format until
the person edits it. The writers replace what is there without asking, so when the output already
exists the dialog says so under the name and the button reads "Replace" before anything is written
(the proposed name is the same each time: a second export of an article would otherwise overwrite the
first silently).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet, Select

from tui import keys
from tui.export import FORMATS
from tui.sources.discover import EXPORT_NAME_END

SUFFIXES = {"jsonl": ".jsonl", "spacy": ".spacy", "html": ".html", "conll": ".conll", "brat": ""}
"""What an output name ends with for each format (brat writes a folder)."""

Scope = Literal["article", "all"]


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """What the person asked for."""

    format: str
    out: Path
    scope: Scope
    """``article``: the open article; ``all``: every article with saved annotations."""
    include_suggestions: bool


def default_output(stem: str, format_name: str) -> str:
    """``kursk-annotations.jsonl``; a folder name for brat."""
    return f"{stem}-brat" if format_name == "brat" else f"{stem}{SUFFIXES[format_name]}"


def replace_warning(out: str, format_name: str) -> tuple[str, bool]:
    """What exporting to ``out`` would do to what is already there: a line for the dialog (empty when
    nothing is there) and whether the export replaces something (the button then reads "Replace").

    brat writes into a folder and replaces only the files of the same names; the other formats write one
    file and replace it whole. A path of the other kind (a folder for a file format) is named too: the
    export would fail on it, and replaces nothing.
    """
    if not out.strip():
        return "", False
    path = Path(out.strip()).expanduser()
    try:
        exists, is_dir = path.exists(), path.is_dir()
    except OSError:  # a name too long or not allowed: the export itself says why
        return "", False
    if not exists:
        return "", False
    if format_name == "brat":
        if is_dir:
            return "The folder exists: exporting replaces its files of the same names.", True
        return "A file of this name exists: brat writes a folder, so the export will fail.", False
    if is_dir:
        return "A folder of this name exists: the export will fail (give a file name).", False
    return "The file exists: exporting replaces the existing file.", True


class ExportDialog(ModalScreen[ExportRequest | None]):
    """Dismisses with an :class:`ExportRequest`, or ``None`` when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = list(keys.CANCEL_ONLY)

    def __init__(self, article_stem: str, folder: Path | None = None) -> None:
        """Args:
        article_stem: The open article's file name without suffix (for the default output name).
        folder: Where the output goes by default (the current folder).
        """
        super().__init__()
        self.article_stem = article_stem
        self.folder = folder or Path.cwd()
        self._suggested = ""

    def compose(self) -> ComposeResult:
        """Format, scope, output, options and the two buttons."""
        with Vertical(id="export-dialog", classes="annotation-dialog"):
            yield Label("Export annotations", classes="dialog-title")
            yield Select(
                [(f"{name}: {description}", name) for name, (_, _, description) in FORMATS.items()],
                value="jsonl",
                allow_blank=False,
                id="export-format",
            )
            with RadioSet(id="export-scope"):
                yield RadioButton("This article", value=True, id="scope-article")
                yield RadioButton("Every article with saved annotations", id="scope-all")
            yield Input(id="export-out", placeholder="output file (a folder for brat)")
            warning = Label("", id="export-replaces", classes="dialog-hint", markup=False)
            warning.display = False
            yield warning
            yield Checkbox("Also unreviewed suggestions (rejected spans never)", id="export-suggestions")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", id="export", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        """Suggest an output name and start on the format list."""
        self._suggest()
        self.query_one("#export-format", Select).focus()

    def _stem(self) -> str:
        all_articles = self.query_one("#scope-all", RadioButton).value
        return f"gloss{EXPORT_NAME_END}" if all_articles else f"{self.article_stem}{EXPORT_NAME_END}"

    def _suggest(self) -> None:
        """Replace the output name with one for the chosen format, unless the person typed their own."""
        box = self.query_one("#export-out", Input)
        if box.value and box.value != self._suggested:
            return
        format_name = str(self.query_one("#export-format", Select).value)
        self._suggested = str(self.folder / default_output(self._stem(), format_name))
        box.value = self._suggested
        self._check_out()

    def _check_out(self) -> None:
        """Say under the name whether the export replaces something, and name the button for it."""
        out = self.query_one("#export-out", Input).value
        warning, replaces = replace_warning(out, str(self.query_one("#export-format", Select).value))
        line = self.query_one("#export-replaces", Label)
        line.update(warning)
        line.display = bool(warning)
        self.query_one("#export", Button).label = "Replace" if replaces else "Export"

    @on(Input.Changed, "#export-out")
    def _out_changed(self) -> None:
        self._check_out()

    @on(Select.Changed, "#export-format")
    def _format_changed(self) -> None:
        self._suggest()
        self._check_out()  # a typed name stays, but what it would replace depends on the format

    @on(RadioSet.Changed, "#export-scope")
    def _scope_changed(self) -> None:
        self._suggest()

    def request(self) -> ExportRequest | None:
        """The request as filled in, or ``None`` without an output name."""
        out = self.query_one("#export-out", Input).value.strip()
        if not out:
            return None
        return ExportRequest(
            format=str(self.query_one("#export-format", Select).value),
            out=Path(out).expanduser(),
            scope="all" if self.query_one("#scope-all", RadioButton).value else "article",
            include_suggestions=self.query_one("#export-suggestions", Checkbox).value,
        )

    @on(Button.Pressed, "#export")
    @on(Input.Submitted, "#export-out")
    def _export(self) -> None:
        request = self.request()
        if request is None:
            self.notify("Give an output file.", severity="warning", timeout=3)
            return
        self.dismiss(request)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without exporting."""
        self.dismiss(None)
