"""Finding the reporting verb and the speaker of each quotation in a parsed, condensed frame.

Works on the parse of a :class:`~tui.extract.quotes_frames.Frame`, where each quotation is a stub. For
one stub it looks, in order, for: a reporting verb in the stub's sentence and its subject (“…,” said
Caddell / Caddell said: “…” / Kim wrote that “…”); "according to X"; a dash signature (“…” ― Veronica
Cruz). The dependency parse finds the subject; when the small model's parse of an inverted clause is
off ("said Caddell" with Caddell as an object), the nearest noun phrase next to the verb is used.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span as SpacySpan, Token

REPORTING_LEMMAS: Final = frozenset(
    """say tell add write ask continue explain note declare recall shout chant sing tweet comment reply
    respond answer argue insist claim state announce warn boast joke scold observe demand conclude
    acknowledge admit agree cry exclaim whisper murmur mutter remark repeat suggest testify report read
    describe call label urge assert predict concede confirm deny emphasize emphasise stress hail promise
    vow quip laugh sigh interrupt retort rejoin pronounce speak yell scream plead complain lament
    write post text email type sneer snap thunder roar groan moan gasp stammer begin put""".split()
)
"""Lemmas of verbs that introduce a quotation."""

SUBJECT_DEPS: Final = frozenset({"nsubj", "nsubjpass", "csubj"})
NOMINAL_POS: Final = frozenset({"PROPN", "NOUN", "PRON"})
MAX_GAP: Final = 12
"""Most tokens between a quotation's stub and its reporting verb (a long subject may sit between)."""


@dataclass(frozen=True, slots=True)
class Attribution:
    """Cue and speaker found for one stub, as character offsets into the condensed frame text."""

    cue: tuple[int, int] | None
    speaker: tuple[int, int] | None


def _is_reporting(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in REPORTING_LEMMAS


def _phrase(token: Token) -> tuple[int, int]:
    """Character span of the noun phrase headed by ``token`` (modifiers on the left, no clauses)."""
    start = token
    for child in token.lefts:
        if child.dep_ in ("det", "compound", "amod", "poss", "nummod", "nmod", "case", "flat"):
            start = child if child.i < start.i else start
            break
    end = token
    for child in token.rights:
        if child.dep_ in ("compound", "flat") and child.i == end.i + 1:
            end = child
    return start.idx, end.idx + len(end.text)


def _subject(verb: Token) -> Token | None:
    """The verb's subject, through conjunctions and participles ("…, adding" / "and said")."""
    for _ in range(3):
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS and child.pos_ in NOMINAL_POS:
                return child
        for child in verb.children:
            if child.dep_ == "agent":
                for grandchild in child.children:
                    if grandchild.dep_ == "pobj":
                        return grandchild
        if verb.dep_ in ("conj", "advcl", "xcomp", "ccomp") and verb.head is not verb:
            verb = verb.head
        else:
            break
    return None


def _adjacent_nominal(doc: Doc, verb: Token, stub: SpacySpan) -> Token | None:
    """The noun nearest the verb on the side away from the quotation ("said Caddell", "Caddell said")."""
    step = 1 if verb.i > stub.end - 1 else -1
    index = verb.i + step
    # "…,” said the prince: the speaker follows the verb. "…,” Caddell said: it precedes it.
    inverted = step == 1 and all(t.is_punct or t.is_space for t in doc[stub.end : verb.i])
    if not inverted and step == 1:
        index, step = verb.i - 1, -1
    best: Token | None = None
    while 0 <= index < len(doc) and abs(index - verb.i) <= MAX_GAP:
        token = doc[index]
        if index in range(stub.start, stub.end) or token.text in ("“", "”"):
            break
        if token.pos_ in NOMINAL_POS:
            best = token
            if step == 1 and not (index + 1 < len(doc) and doc[index + 1].pos_ == "PROPN"):
                return token
            if step == -1 and token.pos_ in ("PROPN", "PRON"):
                # walk left to the head of a multi-word name, keep the rightmost word
                return token
        elif best is not None:
            return best
        index += step
    return best


def attribute(doc: Doc, stub: SpacySpan) -> Attribution:
    """Cue and speaker of the quotation standing at ``stub`` in ``doc``."""
    sentence = stub.sent if stub.start < len(doc) else None
    candidates: list[Token] = []
    if sentence is not None:
        window = doc[max(sentence.start, stub.start - MAX_GAP * 2) : min(sentence.end, stub.end + MAX_GAP)]
        candidates = [t for t in window if _is_reporting(t) and not (stub.start <= t.i < stub.end)]
    continues = any(t.text in (",", "?", "!", "—", "–") for t in stub) and stub[-1].text == "”"
    # A lead-in ending in a colon ("Caddell continued:") attributes the quotation after it.
    before = doc[stub.start - 1] if stub.start > 0 else None
    if not candidates and before is not None and (before.text == ":" or before.is_space):
        previous = doc[before.i].sent
        candidates = [t for t in previous if _is_reporting(t) and t.i < stub.start]

    def distance(token: Token) -> tuple[int, int]:
        after = token.i >= stub.end
        gap = token.i - stub.end if after else stub.start - token.i
        return (0 if after == continues else 1, gap)

    for verb in sorted(candidates, key=distance):
        cue = (verb.idx, verb.idx + len(verb.text))
        subject = _subject(verb)
        if subject is None or (stub.start <= subject.i < stub.end) or subject.text == "“":
            subject = _adjacent_nominal(doc, verb, stub)
        if subject is not None:
            return Attribution(cue, _phrase(subject))
        return Attribution(cue, None)
    return _according_or_signature(doc, stub)


def _according_or_signature(doc: Doc, stub: SpacySpan) -> Attribution:
    """"According to X, “…”" or a dash signature after the quotation (“…” ― Veronica Cruz)."""
    sentence = stub.sent
    for token in sentence:
        if token.lower_ == "according" and token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "to":
            target = doc[token.i + 2]
            for candidate in doc[token.i + 2 : min(len(doc), token.i + 8)]:
                if candidate.pos_ in NOMINAL_POS:
                    target = candidate
                    if not (candidate.i + 1 < len(doc) and doc[candidate.i + 1].pos_ == "PROPN"):
                        break
            return Attribution((token.idx, token.idx + len(token.text)), _phrase(target))
    if stub.end + 1 < len(doc) and doc[stub.end].text in ("―", "—", "–", "-", "--"):
        name = [t for t in doc[stub.end + 1 : stub.end + 6] if t.pos_ == "PROPN"]
        if name:
            dash = doc[stub.end]
            return Attribution((dash.idx, dash.idx + len(dash.text)), (name[0].idx, name[-1].idx + len(name[-1].text)))
    return Attribution(None, None)
