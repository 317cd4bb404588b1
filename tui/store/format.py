"""The annotation file format (``gloss-annotations``, version 1): encoding, decoding and validation.

The layout is documented in ``docs/annotation-format.md``. The writer puts one span (and one history
step) per line so that files diff well and a person can read them, and it puts the small fields first
(``unreviewed`` within the first few hundred bytes) so the article list can read a file's head only.
Decoding validates everything and raises :class:`CorruptAnnotationsError` with the reason; it never
guesses at a broken file.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.model import Annotation, AnnotationSet, Article, Edit, now_iso
from tui.store.anchor import context_of
from tui.store.errors import CorruptAnnotationsError

FORMAT_NAME = "gloss-annotations"
FORMAT_VERSION = 1
"""Bumped on any change a version-1 reader could misread; older versions stay readable."""

MAX_SAVED_HISTORY = 1000
"""Undo steps kept in the file (the most recent ones); keeps saves small after long sessions."""

MAX_SAVED_CHANGES = 20_000
"""Annotation changes kept in the file's history, counted over all saved steps (newest first). A step
that would go over it is not saved, nor any older one: "accept all" on a 50,000-span book can be undone
until the article is closed, but is not worth doubling every later save."""


def text_sha256(text: str) -> str:
    """SHA-256 of the text as UTF-8, hex: how the store notices that an article changed."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(slots=True)
class StoredDocument:
    """One annotation file as read, validated but not yet matched to the article's current text."""

    file: Path
    key: str
    article_path: str
    title: str
    sha256: str
    text: str | None
    """The annotated text, when the file keeps it (articles whose text is not the file itself)."""
    model: str | None
    extractor_version: str | None
    saved: str
    annotations: list[Annotation]
    contexts: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Saved context per annotation id (only in files that do not keep the text)."""
    unplaced: list[Annotation] = field(default_factory=list)
    unplaced_contexts: dict[str, tuple[str, str]] = field(default_factory=dict)
    """The words around each unplaced span where it was lost (saved with it)."""
    undo: list[Edit] = field(default_factory=list)
    redo: list[Edit] = field(default_factory=list)

    @property
    def unreviewed(self) -> int:
        """Suggestions still waiting for a decision."""
        return sum(1 for a in self.annotations if a.status == "suggested")

    def context(self, annotation: Annotation) -> tuple[str, str]:
        """The context around an annotation in the text it was saved against."""
        if self.text is not None:
            return context_of(self.text, annotation.start, annotation.end)
        return self.contexts.get(annotation.id, ("", ""))


def _line(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def _list(name: str, items: list[str], last: bool = False) -> str:
    comma = "" if last else ","
    if not items:
        return f' "{name}": []{comma}\n'
    return f' "{name}": [\n  ' + ",\n  ".join(items) + f"\n ]{comma}\n"


def encode(
    article: Article, annotations: AnnotationSet, *, model: str | None, extractor_version: str | None
) -> bytes:
    """The file's bytes for this article's annotations (UTF-8 JSON, one span per line)."""
    keep_text = not article.text_is_file
    spans = []
    for annotation in annotations.ordered:
        data = annotation.to_json()
        if not keep_text:
            data["context"] = list(context_of(annotations.text, annotation.start, annotation.end))
        spans.append(_line(data))
    header = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "unreviewed": annotations.unreviewed(),
        "saved": now_iso(),
        "article": {
            "key": article.key,
            "path": str(article.path),
            "title": article.title,
            "sha256": text_sha256(annotations.text),
            "length": len(annotations.text),
        },
        "model": model,
        "extractor_version": extractor_version,
    }
    parts = ["{\n"]
    parts.extend(f" {_line(k)}: {_line(v)},\n" for k, v in header.items())
    parts.append(_list("spans", spans))
    unplaced = []
    for annotation in annotations.unplaced:
        data = annotation.to_json()
        if (context := annotations.unplaced_context.get(annotation.id)) is not None:
            data["context"] = list(context)  # the old text is gone: what stood around it, for the list
        unplaced.append(_line(data))
    parts.append(_list("unplaced", unplaced))
    undo = _recent(annotations.undo_stack)
    redo = _recent(annotations.redo_stack)
    parts.append(_list("undo", [_line(e.to_json()) for e in undo]))
    parts.append(_list("redo", [_line(e.to_json()) for e in redo]))
    parts.append(f' "text": {_line(annotations.text if keep_text else None)}\n}}\n')
    return "".join(parts).encode("utf-8", "surrogatepass")


def _recent(edits: list[Edit]) -> list[Edit]:
    """The newest edits (at the end of the stack) within both history limits."""
    kept = 0
    budget = MAX_SAVED_CHANGES
    for edit in reversed(edits[-MAX_SAVED_HISTORY:]):
        budget -= len(edit.changes)
        if budget < 0:
            break
        kept += 1
    return edits[len(edits) - kept :]


def _require(data: dict[str, Any], name: str, kind: type | tuple[type, ...], where: str = "") -> Any:
    if name not in data:
        raise ValueError(f"missing field {where}{name!r}")
    value = data[name]
    if not isinstance(value, kind):
        raise ValueError(f"field {where}{name!r} has the wrong type ({type(value).__name__})")
    return value


def _optional_str(data: dict[str, Any], name: str) -> str | None:
    value = data.get(name)
    if value is not None and not isinstance(value, str):
        raise ValueError(f"field {name!r} must be text or null")
    return value


def _optional_list(data: dict[str, Any], name: str) -> list[Any]:
    """A list field a file may leave out or set to null (``unplaced``, ``undo``, ``redo``).

    Anything else is a corrupt file: ``true`` or ``7`` there would otherwise fail later, as a
    ``TypeError`` where the list is walked, which no caller takes for a corrupt file.
    """
    value = data.get(name)
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError(f"field {name!r} must be a list or null ({type(value).__name__})")
    return value


def _annotations(items: list[Any], what: str) -> tuple[list[Annotation], dict[str, tuple[str, str]]]:
    annotations, contexts = [], {}
    for n, item in enumerate(items):
        if not isinstance(item, dict):
            raise ValueError(f"{what}[{n}] is not an object")
        item = dict(item)
        context = item.pop("context", None)
        try:
            annotation = _checked(Annotation.from_json(item))
        except (KeyError, ValueError, TypeError, OverflowError, AttributeError) as error:
            raise ValueError(f"{what}[{n}] is invalid ({_why(error)})") from error
        if context is not None:
            pair = isinstance(context, list) and len(context) == 2
            if not (pair and all(isinstance(c, str) for c in context)):
                raise ValueError(f"{what}[{n}] has an invalid context")
            contexts[annotation.id] = (context[0], context[1])
        annotations.append(annotation)
    return annotations, contexts


def _edits(items: list[Any], what: str) -> list[Edit]:
    try:
        edits = [Edit.from_json(item) for item in items]
        for edit in edits:
            for change in edit.changes:
                for annotation in (change.before, change.after):
                    if annotation is not None:
                        _checked(annotation)
    except (KeyError, ValueError, TypeError, OverflowError, AttributeError) as error:
        raise ValueError(f"{what} history is invalid ({_why(error)})") from error
    return edits


def _why(error: Exception) -> str:
    """An error's message on one line; a ``KeyError`` names the missing field."""
    if isinstance(error, KeyError):
        return f"missing field {error.args[0]!r}" if error.args else "a field is missing"
    return " ".join(str(error).split())


def _checked(annotation: Annotation) -> Annotation:
    """Refuse what :meth:`Annotation.from_json` lets through but the reader and the exporters cannot
    use: an infinite or NaN value (``1e400`` reads as infinity), and a cue, speaker name or speaker text
    that is not text.

    Raises:
        ValueError: saying which field.
    """
    span = annotation.span
    if span.value is not None and not math.isfinite(span.value):
        raise ValueError(f"'value' is not a finite number ({span.value})")
    for name in ("cue", "speaker_name"):
        value = getattr(span, name)
        if value is not None and not isinstance(value, str):
            raise ValueError(f"{name!r} must be text or null")
    if span.speaker is not None and not 0 <= span.speaker.start <= span.speaker.end:
        raise ValueError("the speaker's offsets are out of order")
    return annotation


class _NotFinite(ValueError):
    """A number Gloss never writes: ``NaN``, ``Infinity``, or one too large for a float (``1e400``)."""


def _finite(literal: str) -> float:
    value = float(literal)
    if not math.isfinite(value):
        raise _NotFinite(f"holds a number too large to use ({literal[:20]})")
    return value


def _no_constant(literal: str) -> float:
    raise _NotFinite(f"holds {literal}, which is not a number JSON allows")


def decode(data: bytes, file: Path) -> StoredDocument:
    """Parse and validate an annotation file's bytes.

    Raises:
        CorruptAnnotationsError: naming ``file`` and what is wrong with it.
    """
    try:
        doc = json.loads(
            data.decode("utf-8", "surrogatepass"), parse_float=_finite, parse_constant=_no_constant
        )
    except _NotFinite as error:
        raise CorruptAnnotationsError(file, str(error)) from error
    except UnicodeDecodeError as error:
        reason = f"not UTF-8 text ({error.reason} at byte {error.start})"
        raise CorruptAnnotationsError(file, reason) from error
    except json.JSONDecodeError as error:
        # Some of json's messages end in "at" ("Invalid control character at", "Unterminated string
        # starting at"): the place is said once.
        what = error.msg.removesuffix(" at")
        raise CorruptAnnotationsError(
            file, f"not valid JSON ({what} at line {error.lineno} column {error.colno})"
        ) from error
    except RecursionError as error:
        raise CorruptAnnotationsError(file, "nested too deeply to read (not a file Gloss wrote)") from error
    except ValueError as error:  # Python's limit on converting integers of more than 4,300 digits
        reason = str(error).split(";")[0].strip()
        raise CorruptAnnotationsError(file, f"holds a number too long to read ({reason})") from error
    try:
        return _document(doc, file)
    except ValueError as error:
        raise CorruptAnnotationsError(file, " ".join(str(error).split())) from error
    except RecursionError as error:
        raise CorruptAnnotationsError(file, "nested too deeply to use (not a file Gloss wrote)") from error


def _document(doc: Any, file: Path) -> StoredDocument:
    if not isinstance(doc, dict):
        raise ValueError("not a Gloss annotation file (the JSON is not an object)")
    if doc.get("format") != FORMAT_NAME:
        raise ValueError(f"not a Gloss annotation file (format is {doc.get('format')!r})")
    version = _require(doc, "version", int)
    if version > FORMAT_VERSION or version < 1:
        understood = f"this Gloss reads versions 1..{FORMAT_VERSION}"
        raise ValueError(f"format version {version} is not understood ({understood}; upgrade Gloss)")
    article = _require(doc, "article", dict)
    spans, contexts = _annotations(_require(doc, "spans", list), "spans")
    unplaced, unplaced_contexts = _annotations(_optional_list(doc, "unplaced"), "unplaced")
    ids = [a.id for a in spans] + [a.id for a in unplaced]
    if len(set(ids)) != len(ids):
        raise ValueError("two spans share an id")
    text = doc.get("text")
    if text is not None and not isinstance(text, str):
        raise ValueError("field 'text' must be text or null")
    return StoredDocument(
        file=file,
        key=_require(article, "key", str, "article."),
        article_path=str(article.get("path", "")),
        title=str(article.get("title", "")),
        sha256=_require(article, "sha256", str, "article."),
        text=text,
        model=_optional_str(doc, "model"),
        extractor_version=_optional_str(doc, "extractor_version"),
        saved=str(doc.get("saved", "")),
        annotations=spans,
        contexts=contexts,
        unplaced=unplaced,
        unplaced_contexts=unplaced_contexts,
        undo=_edits(_optional_list(doc, "undo"), "undo"),
        redo=_edits(_optional_list(doc, "redo"), "redo"),
    )
