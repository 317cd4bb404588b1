"""The store's errors: each names the file and says why, in words meant for the person reading."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """Base of the store's errors; ``str(error)`` is ``"<file>: <reason>"``."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        """The annotation file concerned."""
        self.reason = reason
        """What is wrong, without the file name."""


class CorruptAnnotationsError(StoreError):
    """An annotation file exists but cannot be used (not JSON, wrong format, invalid spans…).

    The file is left exactly as it is; the store refuses to save over it until the person sets it aside
    (:meth:`~tui.store.AnnotationStore.set_aside`).
    """


class StoreWriteError(StoreError):
    """Saving failed (read-only folder, full disk, a corrupt file in the way…); the old file is intact."""
