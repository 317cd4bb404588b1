"""The index's fast identities agree with the reader's rules (``entity_keys`` over untitled spans)."""

from __future__ import annotations

import random
from bisect import bisect_left
from collections.abc import Sequence
from typing import Any

from tests.corpus_support import rule_spans
from tui.corpus.identity import PRONOUNS, SPEAKER_LABELS, article_identities, strip_titles
from tui.model import Span, Speaker
from tui.model.navigation import MERGED_BY_NAME_PARTS, entity_keys


def _untitled(span: Span) -> Span:
    changes: dict[str, Any] = {}
    if span.label in MERGED_BY_NAME_PARTS and (text := strip_titles(span.text)) != span.text:
        changes["text"] = text
    if span.kind == "quote":
        if span.speaker is not None and (text := strip_titles(span.speaker.text)) != span.speaker.text:
            changes["speaker"] = Speaker(span.speaker.start, span.speaker.end, text)
        if span.speaker_name and (text := strip_titles(span.speaker_name)) != span.speaker_name:
            changes["speaker_name"] = text
    return span.evolve(**changes) if changes else span


def reference(spans: Sequence[Span]) -> list[str | None]:
    """The identities as first written: the reader's ``entity_keys``, span by span."""
    named_spans = [span for span in spans if span.kind != "number"]
    keys = iter(entity_keys([_untitled(span) for span in named_spans]))
    keyed = [next(keys) if span.kind != "number" else "" for span in spans]
    named = [(s.start, s.end, s.label, k.partition(":")[2]) for s, k in zip(spans, keyed, strict=True)
             if s.kind == "entity" and s.label in SPEAKER_LABELS]  # fmt: skip
    starts = [item[0] for item in named]
    identities: list[str | None] = []
    for span, key in zip(spans, keyed, strict=True):
        if span.kind == "number":
            identities.append(None)
            continue
        kind, _, name = key.partition(":")
        if kind == "quote" and span.speaker is not None and not span.speaker_name:
            inside = named[bisect_left(starts, span.speaker.start) : bisect_left(starts, span.speaker.end)]
            for label in SPEAKER_LABELS:
                chosen = [item for item in inside if item[1] <= span.speaker.end and item[2] == label]
                if chosen:
                    name = chosen[-1][3]
                    break
        identities.append(None if kind == "quote" and (name.startswith("#") or name in PRONOUNS) else name)
    return identities


TEXT = (
    "President Xi Jinping met Kim Jong Un in Beijing. “We are old friends and we stay so,” said Xi. "
    "Kim’s 15,000 troops paraded. “North Korea will not give up 12,000 troops,” he said. Putin spoke "
    "too; Vladimir Putin’s aide said the United Nations counted 300 guests. “Nobody asked the guests,” "
    "she said Beijing."
)


def test_identities_match_the_readers_rules_on_a_written_article() -> None:
    spans = rule_spans(TEXT)
    assert article_identities(spans) == reference(spans)
    assert "xi jinping" in article_identities(spans)


def test_identities_match_on_shuffled_titles_speakers_and_descriptions() -> None:
    rng = random.Random(3)
    names = ["Xi Jinping", "Xi", "President Xi", "Dr. Jane Roe", "Roe", "Jane Roe's", "the Kremlin",
             "Labour", "he", "She", "Mr Smith", "Smith", "#tag"]  # fmt: skip
    for _ in range(300):
        spans: list[Span] = []
        at = 0
        for _ in range(rng.randint(1, 8)):
            name = rng.choice(names)
            label = rng.choice(["PERSON", "PERSON", "ORG", "GPE"])
            if rng.random() < 0.3:
                speaker = Speaker(at + 1, at + 1 + len(name), name)
                given = rng.choice([None, None, rng.choice(names)])
                spans.append(
                    Span(at, at + 40, "QUOTE", "quote", "x" * 40, speaker=speaker, speaker_name=given)
                )
                spans.append(Span(at + 1, at + 1 + len(name), label, "entity", name))
            elif rng.random() < 0.2:
                spans.append(Span(at, at + 2, "CARDINAL", "number", "12", value=12.0))
            else:
                spans.append(Span(at, at + len(name), label, "entity", name))
            at += 50
        assert article_identities(spans) == reference(spans), spans
