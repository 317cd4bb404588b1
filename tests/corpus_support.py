"""Helpers for the corpus tests: articles written for the tests, and an engine whose spans are known.

:class:`RuleEngine` stands in for the model where its judgement is not the point: it finds the names it
is given, digit numerals and quotations of the form “…,” said Name, so that each test knows exactly which
spans an article has, and it records which articles it was asked to extract.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

from tui.corpus import BuildReport, IndexBuild
from tui.model import Span, Speaker, sort_key
from tui.scale import Engine, Job, Outcome
from tui.store import AnnotationStore

NAMES: dict[str, str] = {
    "Xi Jinping": "PERSON",
    "Xi": "PERSON",
    "Kim Jong Un": "PERSON",
    "Kim": "PERSON",
    "Vladimir Putin": "PERSON",
    "Putin": "PERSON",
    "North Korea": "GPE",
    "Russia": "GPE",
    "Beijing": "GPE",
    "United Nations": "ORG",
}
"""Names the rule engine tags, longest first where they overlap."""

_QUOTE = re.compile(
    r"“(?P<quote>[^”]+)”,? (?P<speaker>he|she)? ?(?P<cue>said|says|wrote) ?"
    r"(?P<name>[A-Z][\w-]*(?: [A-Z][\w-]*)*)?"
)
_NUMBER = re.compile(r"(?<![\w,])\d{1,3}(?:,\d{3})+(?![\w,])|(?<![\w,.])\d+(?![\w,])")


def rule_spans(text: str, names: Mapping[str, str] = NAMES) -> list[Span]:
    """The spans the rule engine finds in ``text``, in reading order."""
    taken: list[tuple[int, int]] = []
    spans: list[Span] = []
    for name in sorted(names, key=len, reverse=True):
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            taken.append(match.span())
            spans.append(Span(match.start(), match.end(), names[name], "entity", name))
    for match in _NUMBER.finditer(text):
        value = float(match.group(0).replace(",", ""))
        spans.append(Span(match.start(), match.end(), "CARDINAL", "number", match.group(0), value=value))
    for match in _QUOTE.finditer(text):
        start, end = match.start(), match.start("quote") + len(match.group("quote")) + 1
        who = "speaker" if match.group("speaker") else "name"
        speaker = Speaker(match.start(who), match.end(who), match.group(who)) if match.group(who) else None
        resolved = None
        if who == "speaker":  # a pronoun: the last full name before it, as the extractor resolves them
            before = [s for s in spans if s.label == "PERSON" and " " in s.text and s.end <= start]
            resolved = max(before, key=lambda s: s.start).text if before else None
        spans.append(Span(start, end, "QUOTE", "quote", text[start:end], cue=match.group("cue"),
                          speaker=speaker, speaker_name=resolved))  # fmt: skip
    return sorted(spans, key=sort_key)


class RuleEngine:
    """An :class:`~tui.scale.Engine` that applies :func:`rule_spans` and remembers what it extracted."""

    def __init__(self, names: Mapping[str, str] = NAMES) -> None:
        self.names = names
        self.extracted: list[str] = []

    def run(self, jobs: Iterable[Job]) -> Iterator[Outcome]:
        for job in jobs:
            self.extracted.append(job.key)
            if "UNEXTRACTABLE" in job.text:
                yield Outcome(job.key, None, "the engine failed on this one")
            else:
                yield Outcome(job.key, rule_spans(job.text, self.names))


def build(
    folder: Path,
    engine: RuleEngine,
    *,
    model: str = "rules-1",
    version: str = "test-1",
    store: Path | None = None,
) -> BuildReport:
    """Index ``folder`` (store ``.gloss/`` inside it unless ``store`` is given) with ``engine``."""

    def opener() -> AbstractContextManager[Engine]:
        return nullcontext(engine)

    target = AnnotationStore.for_article_path(folder, store)
    return IndexBuild(target, model=model, extractor_version=version, open_engine=opener).run([folder])


def write(folder: Path, name: str, text: str) -> Path:
    """Write an article file (folders created) and return its path."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
