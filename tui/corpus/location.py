"""Where a command's index is: the annotation store of its PATHS (or ``--store``), and the file in it.

``gloss index``, ``gloss corpus`` and the reader all find the index this way, so they agree on it. The
store package is imported only when a store is asked for: ``gloss corpus`` imports little else at
start-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tui.corpus.schema import INDEX_NAME
from tui.text_safety import one_line

if TYPE_CHECKING:
    from tui.store import AnnotationStore


def store_for(paths: Sequence[Path], store: Path | None) -> AnnotationStore:
    """The annotation store (and so the index) of a command's PATHS and ``--store``."""
    from tui.store import AnnotationStore  # about 20 ms, a tenth of gloss corpus's start

    return AnnotationStore.for_article_path(paths[0] if paths else Path("."), store)


def missing_paths(paths: Sequence[Path]) -> tuple[list[Path], list[str]]:
    """The PATHS that exist, and one terminal-safe line for each that does not.

    Checked before anything else so that a mistyped path neither locates a store (the parent folder's
    ``.gloss/``, which ``gloss index`` would create and ``gloss corpus`` would query) nor is taken for an
    empty corpus. As ``gloss extract`` and ``gloss export`` do, each missing path is reported and the
    command goes on with the rest; the caller exits non-zero.
    """
    existing = [path for path in paths if path.exists()]
    problems = [f"no such file or folder: {one_line(path)}" for path in paths if not path.exists()]
    return existing, problems


def index_path(store: AnnotationStore) -> Path:
    """Where a store keeps its index."""
    return store.folder / INDEX_NAME
