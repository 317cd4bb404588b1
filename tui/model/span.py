"""Spans: the one shape every part of Gloss uses for "this stretch of text is a …".

The extractor produces :class:`Span` objects, the reader draws them, the store saves them (wrapped in an
:class:`~tui.model.annotations.Annotation`) and the exporters write them out. Offsets are Python ``str``
indices into the article text exactly as read, end-exclusive; nothing here ever normalises text.

This module imports nothing from Textual or spaCy, so it is cheap to import everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Final, Literal, TypeAlias

SpanKind: TypeAlias = Literal["entity", "number", "quote"]
"""What sort of thing a span marks. Each kind has its own style in the reader."""

KINDS: Final[tuple[SpanKind, ...]] = ("entity", "number", "quote")

ENTITY_LABELS: Final[tuple[str, ...]] = (
    "PERSON",
    "NORP",
    "FAC",
    "ORG",
    "GPE",
    "LOC",
    "PRODUCT",
    "EVENT",
    "WORK_OF_ART",
    "LAW",
    "LANGUAGE",
    "DATE",
    "TIME",
)
"""spaCy's OntoNotes entity labels that Gloss reports with ``kind="entity"``."""

NUMBER_LABELS: Final[tuple[str, ...]] = ("CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY")
"""OntoNotes numeric labels; Gloss reports them with ``kind="number"``."""

QUOTE_LABEL: Final = "QUOTE"
"""The single label of quotation spans."""


def kind_for_label(label: str) -> SpanKind:
    """Return the kind a label belongs to (custom labels count as entities)."""
    if label in NUMBER_LABELS:
        return "number"
    if label == QUOTE_LABEL:
        return "quote"
    return "entity"


@dataclass(frozen=True, slots=True)
class Speaker:
    """The stretch of text that names who said a quotation, as written there (a pronoun included)."""

    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        """Return the JSON shape ``{"start", "end", "text"}``."""
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Speaker:
        """Build a speaker from :meth:`to_json` output."""
        return cls(int(data["start"]), int(data["end"]), str(data["text"]))


@dataclass(frozen=True, slots=True)
class Span:
    """One extracted or annotated stretch of an article's text.

    Immutable so that spans can be shared between the extractor's results, the reader's caches and the
    undo history without defensive copies; use :meth:`evolve` to get a changed copy.
    """

    start: int
    """Offset of the first character (a Python ``str`` index)."""
    end: int
    """Offset just past the last character (end-exclusive)."""
    label: str
    """OntoNotes label (``PERSON``, ``MONEY``…), ``QUOTE``, or a corpus's custom label."""
    kind: SpanKind
    """``entity``, ``number`` or ``quote``."""
    text: str
    """``article_text[start:end]``, kept so that a span can be found again if the text changes."""
    value: float | None = None
    """For numbers: the parsed value where one is clear (``"15,000"`` → 15000)."""
    cue: str | None = None
    """For quotes: the reporting verb (``said``, ``wrote``), when found."""
    speaker: Speaker | None = None
    """For quotes: who said it, as written at the quote."""
    speaker_name: str | None = None
    """For quotes whose speaker is a pronoun or bare surname: the fullest earlier name of that person."""
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    """Fields from other tools that Gloss does not interpret but keeps (round-tripped as-is)."""

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"span offsets must satisfy 0 <= start < end, got {self.start}..{self.end}")

    @property
    def length(self) -> int:
        """Number of characters covered."""
        return self.end - self.start

    def evolve(self, **changes: Any) -> Span:
        """Return a copy with ``changes`` applied (``dataclasses.replace``)."""
        return replace(self, **changes)

    def overlaps(self, other: Span) -> bool:
        """Whether the two spans share at least one character."""
        return self.start < other.end and other.start < self.end

    def to_json(self) -> dict[str, Any]:
        """Return the extractor-contract JSON object (only the optional fields that are set)."""
        data: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "label": self.label,
            "kind": self.kind,
            "text": self.text,
        }
        if self.kind == "number" and self.value is not None:
            data["value"] = self.value
        if self.kind == "quote":
            data["cue"] = self.cue
            data["speaker"] = self.speaker.to_json() if self.speaker else None
            if self.speaker_name is not None:
                data["speaker_name"] = self.speaker_name
        data.update(self.extra)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Span:
        """Build a span from :meth:`to_json` output; unknown keys are kept in :attr:`extra`."""
        known = {"start", "end", "label", "kind", "text", "value", "cue", "speaker", "speaker_name"}
        label = str(data["label"])
        kind = data.get("kind") or kind_for_label(label)
        if kind not in KINDS:
            raise ValueError(f"unknown span kind {kind!r}")
        speaker = data.get("speaker")
        value = data.get("value")
        return cls(
            start=int(data["start"]),
            end=int(data["end"]),
            label=label,
            kind=kind,
            text=str(data.get("text", "")),
            value=float(value) if value is not None else None,
            cue=data.get("cue"),
            speaker=Speaker.from_json(speaker) if speaker else None,
            speaker_name=data.get("speaker_name"),
            extra={k: v for k, v in data.items() if k not in known},
        )


def sort_key(span: Span) -> tuple[int, int, str]:
    """Reading order: by start, longer spans first, then label (stable across runs)."""
    return (span.start, -span.end, span.label)
