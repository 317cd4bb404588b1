"""CoNLL-2003 NER columns: ``TOKEN POS CHUNK TAG``, a ``-DOCSTART-`` line per article, BIO tags.

Gloss has no part-of-speech or chunk tags to give, so those columns hold placeholders: ``-X-`` (CoNLL's
own "no tag") for the part of speech and ``O`` (outside any chunk) for the chunk. Tools that read the
format (``spacy convert --converter ner``, seqeval, Flair, Hugging Face's conll2003 loader) take the
first column as the token and the last as the tag. The document line is ``-DOCSTART- -X- O O``, the
exact line spaCy's converter splits documents on (the others only look at ``-DOCSTART-``).

Sentences are separated by a blank line: spaCy's rule-based sentencizer splits them, and a line break
in the article always ends one (a headline has no full stop). Whitespace is not a token in CoNLL, so
whitespace tokens are left out and a token can never contain a space. The tags carry the same entity
layer as the ``.spacy`` export (built from the same Doc): entity-kind spans, the longest where they
overlap; numbers and quotes are not NER tags here, and the export says how many it left out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from tui.export.common import ExportItem, ExportReport
from tui.export.docbin import entity_doc
from tui.wording import count_list, counted

if TYPE_CHECKING:
    from spacy.tokens import Doc

DOCSTART = "-DOCSTART- -X- O O"
POS_PLACEHOLDER = "-X-"
CHUNK_PLACEHOLDER = "O"


@cache
def _sentencizer() -> Callable[[Doc], Doc]:
    """spaCy's rule-based sentencizer alone (no model, milliseconds a page), applied to a built Doc."""
    from spacy.pipeline import Sentencizer

    sentencizer: Callable[[Doc], Doc] = Sentencizer()
    return sentencizer


def _token_text(text: str) -> str:
    """A token as one column: any whitespace inside it (a no-break space) becomes ``_``."""
    return "_".join(text.split())


def article_sentences(item: ExportItem, report: ExportReport) -> Iterator[list[str]]:
    """The article's sentences, each a list of ``TOKEN -X- O TAG`` lines.

    The tags come from the very Doc the ``.spacy`` export builds (:func:`~tui.export.docbin.entity_doc`),
    so both exports keep the same entity where two overlap.
    """
    doc = _sentencizer()(entity_doc(item, report))
    left_out = len(doc.spans["entities_overlapping"])
    if left_out:
        report.notes.append(f"{item.article.key}: {counted(left_out, 'overlapping entity span')} left out")
    report.spans += len(doc.ents)
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
        tag = f"{token.ent_iob_}-{token.ent_type_}" if token.ent_iob_ in ("B", "I") else "O"
        sentence.append(f"{_token_text(token.text)} {POS_PLACEHOLDER} {CHUNK_PLACEHOLDER} {tag}")
    if sentence:
        yield sentence


def conll_text(items: Iterable[ExportItem], report: ExportReport) -> str:
    """The whole CoNLL file: per article a ``-DOCSTART-`` line, then its sentences, blank-line separated."""
    blocks: list[str] = []
    numbers = quotes = 0
    for item in items:
        blocks.append(DOCSTART)
        blocks.extend("\n".join(sentence) for sentence in article_sentences(item, report))
        numbers += sum(1 for a in item.annotations if a.kind == "number")
        quotes += sum(1 for a in item.annotations if a.kind == "quote")
        report.articles += 1
    left_out = count_list((numbers, "number span"), (quotes, "quote"))
    if left_out:
        report.notes.append(
            f"CoNLL holds named entities only: left out {left_out} "
            f"(the jsonl, spacy and brat formats keep {'it' if numbers + quotes == 1 else 'them'})"
        )
    return "\n\n".join(blocks) + "\n" if blocks else ""


def render_conll(items: Iterable[ExportItem], report: ExportReport, relative_to: Path) -> bytes:
    """CoNLL-2003 columns for ``items`` as UTF-8 (no paths in the file, so ``relative_to`` is unused)."""
    return conll_text(items, report).encode("utf-8", "replace")
