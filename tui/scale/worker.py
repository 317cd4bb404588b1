"""What runs inside a local worker process: the model, loaded once, and the shard function.

Module-level functions so that they pickle by reference into ``spawn``-ed processes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from tui.scale.shards import ShardResult, extract_shard

if TYPE_CHECKING:
    from tui.extract import Extractor

ExtractorFactory = Callable[[str | None, str], "Extractor"]
"""Makes the extractor a worker uses from a model name and an entity convention (``Extractor.load``
unless a test injects one; it gets the convention too, so that tests can see it reach every worker)."""

_extractor: Extractor | None = None
"""This process's extractor, set by :func:`start_process`."""


def load_extractor(
    model: str | None, factory: ExtractorFactory | None = None, convention: str = "ontonotes"
) -> Extractor:
    """The extractor for ``model`` in ``convention``, made by ``factory`` or loaded the normal way."""
    if factory is not None:
        return factory(model, convention)
    from tui.extract import Extractor  # loads spaCy: only in processes that extract

    return Extractor.load(model, convention=convention)


def start_process(
    model: str | None, factory: ExtractorFactory | None = None, convention: str = "ontonotes"
) -> None:
    """Load the model in a new worker process (the pool's initializer)."""
    global _extractor
    _extractor = load_extractor(model, factory, convention)


def extract_in_process(texts: Sequence[str]) -> ShardResult:
    """Extract one shard in a worker process started by :func:`start_process`."""
    assert _extractor is not None, "start_process did not run in this process"
    return extract_shard(_extractor, texts)
