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

if TYPE_CHECKING:
    from tui.store import AnnotationStore


def store_for(paths: Sequence[Path], store: Path | None) -> AnnotationStore:
    """The annotation store (and so the index) of a command's PATHS and ``--store``."""
    from tui.store import AnnotationStore  # about 20 ms, a tenth of gloss corpus's start

    return AnnotationStore.for_article_path(paths[0] if paths else Path("."), store)


def index_path(store: AnnotationStore) -> Path:
    """Where a store keeps its index."""
    return store.folder / INDEX_NAME
