"""What every exporter shares: which annotations go out, tokens, and the one-entity-per-token layer.

Exporters take :class:`ExportItem` objects (an article and its saved annotations), so they work the same
from ``gloss export``, from the reader's command palette and from tests, without knowing where the
annotations are stored. spaCy is imported lazily: the blank English tokenizer costs about a second the
first time and nothing after.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from tui.model import Annotation, AnnotationSet, Article
from tui.store.errors import StoreWriteError
from tui.store.files import atomic_write
from tui.wording import counted

if TYPE_CHECKING:  # spaCy types only for the checker; importing spaCy at run time is deferred
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan


LABEL_PATTERN: Final = re.compile(r"[\w-]+")
"""What a label may be: letters, digits, ``_`` and ``-``, nothing else (no space, slash or control)."""

MAX_LABEL_LENGTH: Final = 64
"""Longer labels are refused: no tool shows them and they are more likely garbage than a name."""


def is_valid_label(label: object) -> bool:
    """Whether ``label`` is a label every format can hold as one field of one line.

    brat's ``.ann`` and ``annotation.conf`` and CoNLL's tag column are split on whitespace and lines, so a
    label with a space, a tab or a newline in it would forge extra fields or lines there.
    """
    return (
        isinstance(label, str)
        and 0 < len(label) <= MAX_LABEL_LENGTH
        and LABEL_PATTERN.fullmatch(label) is not None
    )


@dataclass(slots=True)
class ExportItem:
    """One article and the annotations that leave Gloss with it (already filtered)."""

    article: Article
    annotations: list[Annotation]

    @classmethod
    def from_set(
        cls, article: Article, annotations: AnnotationSet, *, include_suggestions: bool = False
    ) -> ExportItem:
        """Pick the annotations to export: kept ones, plus suggestions when asked (never rejected)."""
        return cls(article, exported_annotations(annotations, include_suggestions=include_suggestions))


@dataclass(slots=True)
class ExportReport:
    """What an export wrote, for the command line and the reader to tell the user."""

    path: Path
    articles: int = 0
    spans: int = 0
    notes: list[str] = field(default_factory=list)
    """Things the user should know: spans widened to token boundaries, overlaps left out…"""

    def summary(self) -> str:
        """One line for the terminal."""
        where = "standard output" if str(self.path) == "-" else str(self.path)
        return f"wrote {counted(self.articles, 'article')} with {counted(self.spans, 'span')} to {where}"


def exported_annotations(annotations: Iterable[Annotation], *, include_suggestions: bool) -> list[Annotation]:
    """Kept annotations (accepted, or added by a person and not rejected) in reading order.

    With ``include_suggestions`` the model's undecided suggestions are added; rejected spans never are.
    """
    return [a for a in annotations if a.is_kept or (include_suggestions and a.status == "suggested")]


@cache
def blank_english() -> Language:
    """A blank English pipeline: spaCy's rule-based tokenizer, no model (fast and deterministic)."""
    from tui.extract.spacy_import import import_spacy

    spacy = import_spacy()  # about 0.5 s to import; only exporters that need tokens pay it
    blank: Language = spacy.blank("en")
    return blank


_SURROGATE: Final = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """``text`` with each lone surrogate as U+FFFD: encodable as UTF-8, and of the same length.

    Lone surrogates come from ``"\\ud800"`` in JSON and from file names that are not UTF-8; spaCy and
    msgpack (the DocBin) cannot encode them.
    """
    return _SURROGATE.sub("\ufffd", text)


def make_doc(text: str) -> Doc:
    """Tokenise ``text`` with the blank English tokenizer (offsets into ``text`` exactly).

    spaCy cannot encode a lone surrogate (a JSONL record may hold ``"\\ud800"``), so each is tokenised
    as U+FFFD: one code point for one, so every offset stays the same.
    """
    return blank_english().make_doc(without_surrogates(text))


def token_span(doc: Doc, annotation: Annotation, label: str | None = None) -> SpacySpan | None:
    """The tokens covering an annotation, widened to whole tokens when its edges fall inside one.

    Gloss's selections snap to words, so almost every span already sits on token boundaries; one that
    does not (a span ending inside "Kursk's") is expanded rather than dropped, and callers count those.
    Returns ``None`` only when the span covers nothing but whitespace.
    """
    span = doc.char_span(
        annotation.start, annotation.end, label=label or annotation.label, alignment_mode="expand"
    )
    if span is None or not span.text.strip():
        return None
    return span


def is_widened(span: SpacySpan, annotation: Annotation) -> bool:
    """Whether :func:`token_span` had to move the annotation's edges to reach token boundaries."""
    return (span.start_char, span.end_char) != (annotation.start, annotation.end)


def entity_layer(
    annotations: Iterable[Annotation], kinds: tuple[str, ...] = ("entity",)
) -> tuple[list[Annotation], list[Annotation]]:
    """Split annotations of ``kinds`` into a non-overlapping layer and the rest.

    Named-entity formats (``doc.ents``, BIO tags, displaCy's ``ent`` style) allow one label per token.
    Where entities overlap, the longest wins (then the earliest, then the label's name, so the choice is
    the same every run); the others are returned so they can go elsewhere (a ``doc.spans`` group) or be
    counted as left out.
    """
    candidates = sorted(
        (a for a in annotations if a.kind in kinds), key=lambda a: (-(a.end - a.start), a.start, a.label)
    )
    chosen: list[Annotation] = []
    rest: list[Annotation] = []
    for annotation in candidates:
        if any(annotation.start < c.end and c.start < annotation.end for c in chosen):
            rest.append(annotation)
        else:
            chosen.append(annotation)
    chosen.sort(key=lambda a: a.start)
    rest.sort(key=lambda a: (a.start, a.end))
    return chosen, rest


def json_safe(value: Any) -> Any:
    """``value`` if JSON can hold it as-is, else its string form (metadata may hold dates, NaN)."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # JSON has no NaN or Infinity: a bare NaN would make the line invalid JSON
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    return str(value)


def article_meta(article: Article, relative_to: Path | None) -> dict[str, Any]:
    """The ``meta`` an exported record carries, enough for ``gloss import`` to find the article again.

    ``path`` is the article's file relative to ``relative_to`` (the folder of the export) when it can be
    written so, so that an export moved together with its articles still finds them; ``entry`` is the
    ``N`` of a ``PATH#N`` key (a JSONL line or a feed entry). Title, date and source help a person
    reading the record in Prodigy or doccano. The article's own metadata (a JSONL record's ``meta``, a
    feed entry's link, Markdown front matter) comes along under these keys.
    """
    meta: dict[str, Any] = {k: json_safe(v) for k, v in article.meta.items() if k not in ("path", "entry")}
    meta["title"] = article.title
    if article.date:
        meta["date"] = article.date
    if article.source:
        meta["source"] = article.source
    meta["path"] = relative_path(article.path, relative_to)
    entry = entry_number(article)
    if entry is not None:
        meta["entry"] = entry
    return meta


def relative_path(path: Path, base: Path | None) -> str:
    """``path`` relative to ``base`` in POSIX form where possible, else absolute."""
    absolute = path.resolve()
    if base is not None:
        try:
            return Path(os.path.relpath(absolute, base.resolve())).as_posix()
        except ValueError:  # another drive on Windows
            pass
    return absolute.as_posix()


def entry_number(article: Article) -> int | None:
    """The ``N`` of an article keyed ``PATH#N`` (one of many in a file), else ``None``."""
    prefix = f"{article.path}#"
    if article.key.startswith(prefix) and article.key[len(prefix) :].isdigit():
        return int(article.key[len(prefix) :])
    return None


class ExportWriteError(OSError):
    """An export could not be written (read-only folder, full disk…); ``str()`` is one line.

    An :class:`OSError`, so callers that guard file writes with ``except OSError`` (the reader's export
    worker) report it like any other failed write.
    """


def write_file(path: Path, data: bytes) -> None:
    """Write an exported file with the store's atomic writer (temporary file, fsync, replace).

    The store's writer creates files with the mode the umask allows (``0644`` under the usual ``022``),
    so brat or a web server running as another user can read the export, and an export interrupted
    half-way never leaves a truncated file where a good one was.

    Raises:
        ExportWriteError: when the file cannot be written; nothing is left half-written.
    """
    try:
        atomic_write(path, data)
    except StoreWriteError as error:
        raise ExportWriteError(str(error)) from error
