"""Saving annotations: one JSON file per article, written atomically, never lost (no UI imports).

See ``docs/annotation-format.md`` for the file format and :class:`AnnotationStore` for the API.
"""

from __future__ import annotations

from tui.store.anchor import CONTEXT_CHARS, AnchorResult, reanchor
from tui.store.autosave import Autosaver, SaveState
from tui.store.errors import CorruptAnnotationsError, StoreError, StoreWriteError
from tui.store.format import (
    FORMAT_NAME,
    FORMAT_VERSION,
    MAX_SAVED_CHANGES,
    MAX_SAVED_HISTORY,
    StoredDocument,
    text_sha256,
)
from tui.store.merge import SaveResult
from tui.store.store import DEFAULT_FOLDER, AnnotationStore, LoadedAnnotations

__all__ = [
    "CONTEXT_CHARS",
    "DEFAULT_FOLDER",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "MAX_SAVED_CHANGES",
    "MAX_SAVED_HISTORY",
    "AnchorResult",
    "AnnotationStore",
    "Autosaver",
    "CorruptAnnotationsError",
    "LoadedAnnotations",
    "SaveResult",
    "SaveState",
    "StoreError",
    "StoreWriteError",
    "StoredDocument",
    "reanchor",
    "text_sha256",
]
