"""CoNLL-2003 NER columns: ``TOKEN POS CHUNK TAG``, a ``-DOCSTART-`` line per article, BIO tags.

Gloss has no part-of-speech or chunk tags to give, so those columns hold placeholders: ``-X-`` (CoNLL's
own "no tag") for the part of speech and ``O`` (outside any chunk) for the chunk. Tools that read the
format (``spacy convert --converter ner``, seqeval, Flair, Hugging Face's conll2003 loader) take the
first column as the token and the last as the tag. The document line is ``-DOCSTART- -X- O O``, the
exact line spaCy's converter splits documents on (the others only look at ``-DOCSTART-``).

Sentences are separated by a blank line: spaCy's rule-based sentencizer splits them, and a line break
in the article always ends one (a headline has no full stop). Whitespace is not a token in CoNLL, so
whitespace tokens are left out and a token can never contain a space. The tags carry the same entity
layer as the ``.spacy`` export: entity-kind spans, the longest where they overlap; numbers and quotes are
not NER tags here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from tui.export.common import (
    ExportItem,
    ExportReport,
    atomic_write,
    entity_layer,
    is_widened,
    token_span,
)

if TYPE_CHECKING:
    from spacy.language import Language

DOCSTART = "-DOCSTART- -X- O O"
POS_PLACEHOLDER = "-X-"
CHUNK_PLACEHOLDER = "O"


@cache
def _sentencizer() -> Language:
    """A blank English pipeline with only the rule-based sentencizer (no model, milliseconds a page)."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _token_text(text: str) -> str:
    """A token as one column: any whitespace inside it (a no-break space) becomes ``_``."""
    return "_".join(text.split())


def article_sentences(item: ExportItem, report: ExportReport) -> Iterator[list[str]]:
    """The article's sentences, each a list of ``TOKEN -X- O TAG`` lines."""
    doc = _sentencizer()(item.article.text)
    tags = ["O"] * len(doc)
    layer, left_out = entity_layer(item.annotations)
    for annotation in layer:
        span = token_span(doc, annotation)
        if span is None:
            continue
        if is_widened(span, annotation):
            report.notes.append(f"{item.article.key}: {annotation.label} “{annotation.span.text}” widened")
        if any(tags[i] != "O" for i in range(span.start, span.end)):
            left_out.append(annotation)  # widening made it touch a neighbour
            continue
        tags[span.start] = f"B-{annotation.label}"
        for i in range(span.start + 1, span.end):
            tags[i] = f"I-{annotation.label}"
        report.spans += 1
    if left_out:
        report.notes.append(f"{item.article.key}: {len(left_out)} overlapping entity span(s) left out")
    sentence: list[str] = []
    for token in doc:
        if token.is_space:
            if "\n" in token.text and sentence:
                yield sentence
                sentence = []
            continue
        if token.is_sent_start and sentence:
            yield sentence
            sentence = []
        sentence.append(f"{_token_text(token.text)} {POS_PLACEHOLDER} {CHUNK_PLACEHOLDER} {tags[token.i]}")
    if sentence:
        yield sentence


def conll_text(items: Iterable[ExportItem], report: ExportReport) -> str:
    """The whole CoNLL file: per article a ``-DOCSTART-`` line, then its sentences, blank-line separated."""
    blocks: list[str] = []
    for item in items:
        blocks.append(DOCSTART)
        blocks.extend("\n".join(sentence) for sentence in article_sentences(item, report))
        report.articles += 1
    return "\n\n".join(blocks) + "\n" if blocks else ""


def write_conll(items: Iterable[ExportItem], out: Path) -> ExportReport:
    """Write CoNLL-2003 columns for ``items`` to ``out``."""
    report = ExportReport(out)
    atomic_write(out, conll_text(items, report).encode("utf-8"))
    return report
