"""Finding the reporting verb and the speaker of each quotation in a parsed, condensed frame.

Works on the parse of a :class:`~tui.extract.quotes.frames.Frame`, where each quotation is a stub. For
one stub it looks, in order, for: a reporting verb in the stub's sentence and its subject (“…,” said
Caddell / Caddell said: “…” / Kim wrote that “…”); "according to X"; a dash signature (“…” ― Veronica
Cruz). The dependency parse finds the subject; when the small model's parse of an inverted clause is
off ("said Caddell" with Caddell as an object), the nearest noun phrase next to the verb is used.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

REPORTING_LEMMAS: Final = frozenset(
    [
        "say",
        "tell",
        "add",
        "write",
        "ask",
        "continue",
        "explain",
        "note",
        "declare",
        "recall",
        "shout",
        "chant",
        "sing",
        "tweet",
        "comment",
        "reply",
        "respond",
        "answer",
        "argue",
        "insist",
        "claim",
        "state",
        "announce",
        "warn",
        "boast",
        "joke",
        "scold",
        "observe",
        "demand",
        "conclude",
        "acknowledge",
        "admit",
        "agree",
        "cry",
        "exclaim",
        "whisper",
        "murmur",
        "mutter",
        "remark",
        "repeat",
        "suggest",
        "testify",
        "report",
        "read",
        "describe",
        "call",
        "label",
        "urge",
        "assert",
        "predict",
        "concede",
        "confirm",
        "deny",
        "emphasize",
        "emphasise",
        "stress",
        "hail",
        "promise",
        "vow",
        "quip",
        "laugh",
        "sigh",
        "interrupt",
        "retort",
        "rejoin",
        "pronounce",
        "speak",
        "yell",
        "scream",
        "plead",
        "complain",
        "lament",
        "write",
        "post",
        "text",
        "email",
        "type",
        "sneer",
        "snap",
        "thunder",
        "roar",
        "groan",
        "moan",
        "gasp",
        "stammer",
        "begin",
        "put",
        "liken",
    ]
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
    weak: bool = False
    """Found only in the sentence before the quotation: a quotation nearby in the paragraph wins."""
    adjacent: bool = False
    """The reporting verb is right next to the quotation (“Yes,” he said / said: “Yes.”)."""


def _is_reporting(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in REPORTING_LEMMAS


def _wordlike(token: Token) -> bool:
    """A word with letters ("O'Neill" counts, punctuation and stubs' marks do not)."""
    return token.text[:1].isalpha()


def _phrase(token: Token) -> tuple[int, int]:
    """Character span of the noun phrase headed by ``token`` (modifiers on the left, no clauses)."""
    start = token
    for child in token.lefts:
        if child.dep_ in ("det", "compound", "amod", "poss", "nummod", "nmod", "case", "flat"):
            edge = child.left_edge
            start = edge if edge.i < start.i and _wordlike(edge) else child
            break
    end = token
    for child in token.rights:
        if child.dep_ in ("compound", "flat") and child.i == end.i + 1 and child.pos_ == "PROPN":
            end = child
        elif child.dep_ == "appos" and child.pos_ == "PROPN" and token.pos_ == "NOUN":
            end = child  # "Her deputy, John Smith": the name belongs to the speaker as written
    return start.idx, end.idx + len(end.text)


def _subject(verb: Token, stub: SpacySpan) -> Token | None:
    """The verb's subject (or passive agent), through conjunctions and participles.

    "…, adding", "and said", "before asking her" take the subject of the verb they hang on. The
    quotation's own stub is never its speaker.
    """
    for _ in range(4):
        for child in verb.children:
            inside = stub.start <= child.i < stub.end
            if child.dep_ in SUBJECT_DEPS and child.pos_ in NOMINAL_POS and not inside:
                return child
        for child in verb.children:
            if child.dep_ == "agent":
                for grandchild in child.children:
                    if grandchild.dep_ == "pobj":
                        return grandchild
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
            verb = verb.head.head  # "before asking her" -> the verb the preposition hangs on
        elif verb.dep_ in ("conj", "advcl", "xcomp", "ccomp") and verb.head is not verb:
            verb = verb.head
        else:
            break
    return None


def _nominal_after(doc: Doc, verb: Token) -> Token | None:
    """The first noun after an inverted verb ("said Caddell", "added Rep. Jim Clyburn")."""
    for token in doc[verb.i + 1 : min(len(doc), verb.i + 6)]:
        if token.tag_ == "PRP$" or token.dep_ == "poss":
            continue  # "replied her brother": the brother speaks
        if token.pos_ in NOMINAL_POS and _wordlike(token):
            while token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN" and token.pos_ == "PROPN":
                token = doc[token.i + 1]
            return token
        if token.is_punct or token.is_space or token.pos_ in ("VERB", "AUX", "ADP", "SCONJ", "CCONJ"):
            return None
    return None


def _nominal_before(doc: Doc, verb: Token) -> Token | None:
    """The nearest name or pronoun before the verb within its clause, else the nearest noun."""
    index = verb.i - 1
    noun: Token | None = None
    while index >= 0 and verb.i - index <= MAX_GAP and not _is_boundary(doc[index]):
        token = doc[index]
        if token.pos_ in ("PROPN", "PRON") and _wordlike(token) and token.tag_ not in ("WDT", "WP"):
            return token
        if token.pos_ == "NOUN" and noun is None:
            noun = token
        index -= 1
    return noun


def _speaker_of(doc: Doc, verb: Token, stub: SpacySpan) -> Token | None:
    """Who the reporting verb has speaking: its subject, or the noun next to it when the parse is off."""
    after_stub = verb.i >= stub.end
    inverted = after_stub and all(t.is_punct or t.is_space for t in doc[stub.end : verb.i])
    clause_initial = (
        not after_stub and verb.text[:1].isupper() and (verb.i == 0 or _is_boundary(doc[verb.i - 1]))
    )
    if inverted or clause_initial:
        nominal = _nominal_after(doc, verb)
        if nominal is not None:
            return nominal
    subject = _subject(verb, stub)
    if subject is not None and subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
        subject = verb.head  # "Malkia Cyril, who said" -> the noun the clause hangs on
    if subject is not None and not (stub.start <= subject.i < stub.end) and _wordlike(subject):
        low, high = sorted((subject.i, verb.i))
        crosses = any(t.text in _SENTENCE_END or "\n" in t.text for t in doc[low:high])
        if subject.tag_ not in ("WDT", "WP", "EX") and not crosses:
            return subject
    return _nominal_before(doc, verb)


_SENTENCE_END: Final = frozenset({".", "!", "?"})


def _is_boundary(token: Token) -> bool:
    """A token that ends a clause the attribution cannot cross (a sentence end, a line break, a mark)."""
    return token.text in _SENTENCE_END or "\n" in token.text or token.text in ("“", "”")


def _left_segment(doc: Doc, end: int) -> SpacySpan:
    """Tokens before ``end`` back to the previous sentence end, line break or quotation."""
    start = end
    while start > 0 and not _is_boundary(doc[start - 1]):
        start -= 1
    return doc[start:end]


def _right_segment(doc: Doc, start: int) -> SpacySpan:
    """Tokens from ``start`` to the end of the clause (its sentence end included)."""
    end = start
    while end < len(doc) and not ("\n" in doc[end].text or doc[end].text == "“"):
        end += 1
        if doc[end - 1].text in _SENTENCE_END:
            break
    return doc[start:end]


def attribute(doc: Doc, stub: SpacySpan) -> Attribution:
    """Cue and speaker of the quotation standing at ``stub`` in ``doc``."""
    left, right = _left_segment(doc, stub.start), _right_segment(doc, stub.end)
    continues = len(stub) > 2 and stub[-2].text in (",", "?", "!", "—", "–", "-") and stub[-1].text == "”"
    if len(left) and left[-1].text in (":", ","):
        continues = False  # "Peabody said: “…,” adding that …": the lead-in is the attribution
    candidates = [t for t in left if _is_reporting(t)]
    # After a quotation that ends its sentence, only a verb right after it attributes it.
    colon = len(left) > 0 and left[-1].text == ":"
    if colon and not candidates:
        return _lead_subject(left)  # "I had to change my answer: “…”"
    candidates += [t for t in right if _is_reporting(t) and (continues or t.i - stub.end <= 2)]
    weak = False
    if not candidates and stub.start > 0:
        before = stub.start - 1
        while before > 0 and doc[before].is_space:
            before -= 1
        if doc[before].text == ":":
            # "Caddell continued:" / "Said Ellis:" / "The piece used … as its headline:"
            lead = _left_segment(doc, before)
            candidates = [t for t in lead if _is_reporting(t)]
            if not candidates:
                return _lead_subject(lead)
        elif doc[before].text in _SENTENCE_END or doc[before].text == "”":
            # "Schiff said. “…”": the sentence before, unless a quotation nearby says otherwise.
            previous = _left_segment(doc, before)
            candidates = [t for t in previous if _is_reporting(t)]
            weak = True

    def distance(token: Token) -> tuple[int, int]:
        after = token.i >= stub.end
        gap = token.i - stub.end if after else stub.start - token.i
        return (0 if after == continues else 1, gap)

    first: Attribution | None = None
    for verb in sorted(candidates, key=distance):
        cue = (verb.idx, verb.idx + len(verb.text))
        speaker = _speaker_of(doc, verb, stub)
        if speaker is not None:
            return Attribution(cue, _phrase(speaker), weak, _adjacent(doc, verb, stub))
        first = first or Attribution(cue, None, weak, _adjacent(doc, verb, stub))
    return first or _according(doc, left, right)


def _adjacent(doc: Doc, verb: Token, stub: SpacySpan) -> bool:
    """Whether the verb is right next to the quotation: at most two words after it, or just before it."""
    if verb.i >= stub.end:
        return sum(1 for t in doc[stub.end : verb.i] if not (t.is_punct or t.is_space)) <= 2
    return all(t.is_punct or t.is_space for t in doc[verb.i + 1 : stub.start])


def _lead_subject(lead: SpacySpan) -> Attribution:
    """The subject nearest the colon of a lead-in that has no reporting verb."""
    for token in reversed(lead):
        if token.dep_ in SUBJECT_DEPS and token.pos_ in NOMINAL_POS:
            return Attribution(None, _phrase(token), True)
    return Attribution(None, None)


def _according(doc: Doc, left: SpacySpan, right: SpacySpan) -> Attribution:
    """ "According to X, “…”" around the quotation."""
    for token in [*left, *right]:
        if token.lower_ == "according" and token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "to":
            target = doc[token.i + 2]
            for candidate in doc[token.i + 2 : min(len(doc), token.i + 8)]:
                if candidate.pos_ in NOMINAL_POS:
                    target = candidate
                    if not (candidate.i + 1 < len(doc) and doc[candidate.i + 1].pos_ == "PROPN"):
                        break
            return Attribution((token.idx, token.idx + len(token.text)), _phrase(target))
    return Attribution(None, None)
