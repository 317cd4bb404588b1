"""Dialogs of the annotation work: label picker and one-key label prompt, note editor, bulk review,
corrupt annotation file, and export. Each is a modal screen that dismisses with the person's answer."""

from __future__ import annotations

from tui.dialogs.corrupt_file import CorruptFileDialog
from tui.dialogs.export_dialog import ExportDialog, ExportRequest
from tui.dialogs.label_picker import LabelPicker, rank_labels
from tui.dialogs.label_prompt import LabelPrompt
from tui.dialogs.note_editor import NoteEditor
from tui.dialogs.review_remaining import ReviewRemainingDialog
from tui.dialogs.unplaced import UnplacedChoice, UnplacedDialog

__all__ = [
    "CorruptFileDialog",
    "ExportDialog",
    "ExportRequest",
    "LabelPicker",
    "LabelPrompt",
    "NoteEditor",
    "ReviewRemainingDialog",
    "UnplacedChoice",
    "UnplacedDialog",
    "rank_labels",
]
