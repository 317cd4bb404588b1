"""Extractors for the scale tests: a blank spaCy pipeline (fast, no model), one that kills its worker
process on a marked article, one that raises on it, and one with a rule that finds "the United Nations"
(so that the entity convention shows in the output without the model).

They are module-level factories so that worker processes (spawned, or Dask workers) import them by
name; nothing in ``tui`` knows about them: they reach the engines through ``open_engine(factory=...)``.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterable, Iterator
from typing import Any

from tui.extract import Extractor
from tui.model import Span

CRASH_MARK = "KILL-THIS-WORKER"
"""An article holding this kills the worker process that extracts it (``crashing_factory``)."""
RAISE_MARK = "RAISE-IN-THIS-ARTICLE"
"""An article holding this makes the extractor raise (``raising_factory``)."""


class _MarkedExtractor(Extractor):
    """A blank-pipeline extractor that misbehaves on marked articles."""

    crash = False

    def extract_many(self, texts: Iterable[str]) -> Iterator[list[Span]]:
        texts = list(texts)
        if any(CRASH_MARK in text for text in texts) and self.crash:
            os._exit(3)  # what a segfault in a C extension looks like from outside
        if any(RAISE_MARK in text for text in texts):
            raise ValueError("this article makes the extractor raise")
        return super().extract_many(texts)


def blank_factory(model: str | None, convention: str = "ontonotes") -> Extractor:
    """An extractor on a blank English pipeline (no entities; numbers and quotes off)."""
    import spacy

    extractor = _MarkedExtractor(spacy.blank("en"), "blank-test", convention=convention)
    extractor.find_quotes = None
    return extractor


UNITED_NATIONS = "the United Nations"
"""The one entity :func:`ruler_factory` finds: ``ontonotes`` keeps its "the", ``conll`` drops it."""


def ruler_factory(model: str | None, convention: str = "ontonotes") -> Extractor:
    """Like :func:`blank_factory`, with an entity rule that marks :data:`UNITED_NATIONS` as an ORG."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns([{"label": "ORG", "pattern": UNITED_NATIONS}])
    extractor = _MarkedExtractor(nlp, "ruler-test", convention=convention)
    extractor.find_quotes = None
    return extractor


def crashing_factory(model: str | None, convention: str = "ontonotes") -> Extractor:
    """Like :func:`blank_factory`, but the worker process dies on an article holding ``CRASH_MARK``."""
    extractor = blank_factory(model, convention)
    assert isinstance(extractor, _MarkedExtractor)
    extractor.crash = True
    return extractor


class CtrlCInAFinalizer:
    """Sends this process SIGINT from ``__del__``: the handler's ``KeyboardInterrupt`` is raised inside the
    finalizer, where Python prints it as "Exception ignored" and drops it (as when Ctrl+C lands while
    spaCy's objects are freed)."""

    def __del__(self) -> None:
        os.kill(os.getpid(), signal.SIGINT)


def ctrl_c_while_freeing_factory(model: str | None, convention: str = "ontonotes") -> Any:
    """The blank extractor, sending a Ctrl+C that a finalizer drops after each article."""
    extractor = blank_factory(model, convention)
    extract_many = extractor.extract_many

    def freeing(texts: Any) -> Any:
        for spans in extract_many(texts):
            CtrlCInAFinalizer()  # made and freed at once: its __del__ runs here
            yield spans

    extractor.extract_many = freeing  # type: ignore[method-assign]
    return extractor
