"""The :class:`Extractor`: loads a spaCy pipeline once and turns texts into :class:`Span` lists.

Speed comes from running as little of the model as possible. The named-entity recogniser of the small
English pipeline has its own token-to-vector layer, so entities and numbers need only the ``ner``
component (about twice as fast as the whole pipeline); the dependency parser, the expensive part, runs
only inside :func:`tui.extract.quotes.find_quotes`, around quotation marks. The pipeline is loaded with
every component so that both kinds of pass are possible without loading it twice.

Texts are cut into paragraph-aligned chunks (spaCy refuses texts over ``nlp.max_length`` characters, and
chunks let a reader paint a book as it goes), the chunks of many texts are batched through ``nlp.pipe``,
and the spans of each chunk are shifted back to offsets into the whole text.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from tui.extract.entities import Triple, common_english_words, fix_entities, recase_capitals
from tui.extract.identity import (
    ModelNotFoundError,
    check_convention,
    extractor_version,
    find_model,
    model_name,
    pipeline_folder,
)
from tui.extract.numbers import number_spans, numeral_label
from tui.extract.quotes import OPENING_MARKS, QUOTE_MARKS, find_quotes
from tui.extract.wrapping import unwrap
from tui.model import NUMBER_LABELS, Span, kind_for_label, sort_key

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

CHUNK_CHARS = 10_000
"""Target chunk size: small enough for a reader to paint the first chunk at once, far below max_length."""

BATCH_SIZE = 16
"""Chunks per ``nlp.pipe`` batch: NER alone is fastest with batches of a few dozen article-sized docs."""

ENTITY_COMPONENTS = frozenset({"ner", "entity_ruler", "span_ruler"})
"""Components that set ``doc.ents``; the NER pass runs these (and the tok2vec they listen to) only."""

QuoteFinder = Callable[[str, "Language", Sequence[Span]], list[Span]]
"""The signature of :func:`tui.extract.quotes.find_quotes`."""


class Extractor:
    """Extracts entity, number and quote spans from texts with one loaded spaCy pipeline.

    One extractor may be shared between threads (the reader extracts the open article and the rest of
    the list in two workers): every public method is safe to call from several threads at once. A lock
    inside the extractor lets one thread at a time run the model, chunk by chunk, so neither waits for
    the other's whole text; nothing here changes the pipeline's components while it runs.
    """

    def __init__(
        self, nlp: Language, model_name: str | None = None, *, convention: str = "ontonotes"
    ) -> None:
        """Wrap a loaded pipeline.

        Raises:
            ValueError: when ``convention`` is not one of ``ontonotes`` and ``conll``.
        """
        self.nlp = nlp
        """The whole pipeline, every component loaded (the quote finder runs the parser on parts)."""
        self.model_name = model_name or str(nlp.meta.get("name", "blank"))
        """Name recorded with the suggestions this extractor makes."""
        self.convention = check_convention(convention)
        """Where entity names start and end: ``ontonotes`` (the model's own) or ``conll`` (no "the")."""
        self.ner_disabled = _components_not_needed_for_entities(nlp)
        """Components switched off for the entity pass."""
        self.common_words = common_english_words(nlp)
        """English words that are no given names (the lemmatizer's tables), for the entity rules."""
        self.find_quotes: QuoteFinder | None = find_quotes
        """The quote finder; ``None`` switches quotations off (for measuring the other parts alone)."""
        self._lock = threading.RLock()
        """Serialises the model's work: a spaCy pipeline must not run in two threads at once."""

    @property
    def version(self) -> str:
        """What identifies this extractor's rules besides the model: the rules' version and convention.

        Two extractors with the same :attr:`model_name` and :attr:`version` give the same spans, so an
        index of extracted spans can key by both.
        """
        return extractor_version(self.convention)

    @classmethod
    def load(cls, name: str | None = None, *, convention: str = "ontonotes") -> Extractor:
        """Load a named spaCy pipeline, or the first default one installed, with all its components.

        Args:
            name: a package or folder name; ``None`` tries the default English models in turn.
            convention: entity boundaries, ``ontonotes`` (default) or ``conll``.

        Raises:
            ModelNotFoundError: when the pipeline is not installed (the message says how to install it).
            ValueError: when ``convention`` is unknown (checked before the model loads).
        """
        check_convention(convention)
        from tui.extract.spacy_import import load_pipeline  # spaCy: here, so that importing tui stays fast

        candidate = cls.find_model(name)
        try:
            nlp = load_pipeline(candidate, pipeline_folder(candidate))
        except OSError as error:
            raise ModelNotFoundError(f"spaCy pipeline {candidate!r} cannot be loaded: {error}") from error
        return cls(nlp, model_name(nlp.meta, candidate), convention=convention)

    @staticmethod
    def find_model(name: str | None = None) -> str:
        """The pipeline :meth:`load` would load (a package or folder name), found without loading it.

        Raises:
            ModelNotFoundError: when it is not installed (the message says how to install one).
        """
        return find_model(name)

    def extract(self, text: str) -> list[Span]:
        """All spans of ``text`` in reading order."""
        spans: list[Span] = []
        for batch in self.extract_progressively(text):
            spans.extend(batch)
        return sorted(spans, key=sort_key)

    def extract_progressively(self, text: str) -> Iterator[list[Span]]:
        """Yield spans chunk by chunk (paragraph groups, in text order) so a UI can paint as they come.

        The first chunk goes through the model alone, so the first spans arrive after one chunk's work
        rather than a batch's; the rest go in small batches.
        """
        chunks = [(0, offset, chunk) for offset, chunk in chunk_text(text)]
        for part, batch_size in ((chunks[:1], 1), (chunks[1:], 4)):
            for _, spans in self._spans_of(part, batch_size=batch_size):
                yield sorted(spans, key=sort_key)

    def spans_of_chunks(self, chunks: Sequence[tuple[int, str]]) -> list[list[Span]]:
        """The spans of each ``(offset, chunk)`` piece of one text (as :func:`chunk_text` cuts it), each
        list sorted, batched through the model together: the model's process answers with this
        (:mod:`tui.extract.process`)."""
        numbered = [(0, offset, chunk) for offset, chunk in chunks]
        found = self._spans_of(numbered, batch_size=max(1, len(numbered)))
        return [sorted(spans, key=sort_key) for _, spans in found]

    def extract_many(self, texts: Iterable[str]) -> Iterator[list[Span]]:
        """Yield the spans of each text in turn (sorted), batching the chunks of many texts together.

        This is what ``gloss extract`` uses: batching short articles through ``nlp.pipe`` is much faster
        than calling :meth:`extract` on each.
        """
        current = 0
        spans: list[Span] = []
        numbered = ((index, offset, chunk) for index, text in enumerate(texts) for offset, chunk in
                    chunk_text(text, at_least_one=True))  # fmt: skip
        for index, found in self._spans_of(numbered, batch_size=BATCH_SIZE):
            if index != current:
                yield sorted(spans, key=sort_key)
                current, spans = index, []
            spans.extend(found)
        yield sorted(spans, key=sort_key)

    def _spans_of(
        self, chunks: Iterable[tuple[int, int, str]], batch_size: int
    ) -> Iterator[tuple[int, list[Span]]]:
        """``(text index, spans)`` of each ``(text index, offset, chunk)``, in order, under the lock.

        The lock is held while the model works on a chunk (or the batch the chunk opens) and released
        before the chunk's spans are handed out, so two threads extracting at once take turns chunk by
        chunk, and a consumer that stops iterating never keeps the lock.
        """
        contexts = (
            (recase_capitals(unwrap(chunk)), (index, offset, chunk)) for index, offset, chunk in chunks
        )
        docs = self.nlp.pipe(contexts, as_tuples=True, batch_size=batch_size, disable=self.ner_disabled)
        while True:
            with self._lock:
                item = next(docs, None)
                if item is None:
                    return
                doc, (index, offset, chunk) = item
                spans = self._chunk_spans(chunk, offset, doc)
            yield index, spans

    def _chunk_spans(self, chunk: str, offset: int, doc: Doc) -> list[Span]:
        """Entities, numbers and quotes of one chunk, at offsets into the whole text.

        The rules read the chunk with hard-wrapped paragraphs joined (:func:`~tui.extract.wrapping.unwrap`,
        same length, as the model saw it); every span's ``text`` is then taken from the chunk as read.
        """
        flat = unwrap(chunk)
        names: list[Triple] = []
        numeric: list[Triple] = []
        for ent in doc.ents:
            if ent.label_ in NUMBER_LABELS:
                numeric.append((ent.start_char, ent.end_char, ent.label_))
            elif label := numeral_label(flat[ent.start_char : ent.end_char]):
                numeric.append((ent.start_char, ent.end_char, label))
            else:
                names.append((ent.start_char, ent.end_char, ent.label_))
        entities = [Span(s, e, label, kind_for_label(label), flat[s:e]) for s, e, label in
                    fix_entities(flat, names, self.convention, self.common_words)]  # fmt: skip
        spans = list(entities)
        taken = [(s.start, s.end, s.label) for s in entities]
        for start, end, label, value in number_spans(flat, numeric, taken):
            spans.append(Span(start, end, label, "number", flat[start:end], value=value))
        if self.find_quotes is not None and any(mark in flat for mark in QUOTE_MARKS):
            spans.extend(self.find_quotes(flat, self.nlp, entities))
        if flat != chunk:
            spans = [as_read(span, chunk) for span in spans]
        if offset:
            spans = [shifted(span, offset) for span in spans]
        return spans


def as_read(span: Span, text: str) -> Span:
    """``span`` (and its speaker) with the text taken from ``text``, the same offsets."""
    speaker = span.speaker
    if speaker is not None:
        speaker = type(speaker)(speaker.start, speaker.end, text[speaker.start : speaker.end])
    return span.evolve(text=text[span.start : span.end], speaker=speaker)


def shifted(span: Span, offset: int) -> Span:
    """``span`` moved by ``offset`` characters (its speaker too)."""
    speaker = span.speaker
    if speaker is not None:
        speaker = type(speaker)(speaker.start + offset, speaker.end + offset, speaker.text)
    return span.evolve(start=span.start + offset, end=span.end + offset, speaker=speaker)


def _components_not_needed_for_entities(nlp: Language) -> list[str]:
    """Names of the components the entity pass can skip (all but NER and the tok2vec it listens to)."""
    needed = set(ENTITY_COMPONENTS)
    for name in nlp.pipe_names:
        listeners = getattr(nlp.get_pipe(name), "listening_components", None)
        if listeners and needed & set(listeners):
            needed.add(name)
    return [name for name in nlp.pipe_names if name not in needed]


def chunk_text(text: str, size: int = CHUNK_CHARS, at_least_one: bool = False) -> Iterator[tuple[int, str]]:
    """Split ``text`` into ``(offset, chunk)`` pieces of about ``size`` characters, concatenating to it.

    Cuts fall after a blank line if there is one near the end of the window, else after a line break,
    else after a sentence end or a space, so a paragraph (and a quotation inside it) stays whole.
    """
    if not text and at_least_one:
        yield 0, text
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            end = _cut(text, start, end)
        yield start, text[start:end]
        start = end


def _cut(text: str, start: int, end: int) -> int:
    """The best place to end a chunk that must stop by ``end``.

    A paragraph that opens with a quotation mark may continue the quotation of the paragraph before
    (news style reopens the mark at each paragraph of a long quote), so a break before one is used only
    when there is no other.
    """
    floor = start + (end - start) // 2
    for separator in ("\n\n", "\n"):
        cut = text.rfind(separator, floor, end)
        fallback = cut
        while cut >= 0 and text[cut + len(separator) : cut + len(separator) + 1] in OPENING_MARKS:
            cut = text.rfind(separator, floor, cut)
        if cut >= 0 or fallback >= 0:
            return (cut if cut >= 0 else fallback) + len(separator)
    for separator in (". ", " "):
        cut = text.rfind(separator, floor, end)
        if cut >= 0:
            return cut + len(separator)
    return end
