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

from tui.extract.quotes.frames import POINTING_BACK, STUB_WORD

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

_MANNER_VERBS: Final = (
    "enthuse seethe beseech restate reiterate counsel muse gush rave fume snarl hiss bark growl chirp "
    "marvel caution advise recount maintain contend allege proclaim opine sum chime rebut implore beg "
    "sob wail scoff taunt tease concur elaborate clarify underline underscore reflect reminisce confide "
    "assure reassure preach rant grumble whine croak blurt laud charge exhort interject retaliate demur "
    "counter recommend"
)
MANNER_LEMMAS: Final = frozenset(_MANNER_VERBS.split())
"""Manner and emotive verbs of saying, beyond the plain ones ("…," Alvarez enthused)."""

SAYING_LEMMAS: Final = REPORTING_LEMMAS | MANNER_LEMMAS
"""Every lemma that makes a verb a cue."""

PERSON_PRONOUNS: Final = frozenset({"he", "she", "they", "we", "i", "you"})
"""Pronouns that can be the subject of a verb of saying beside a quotation."""

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


_WITHOUT_OBJECT: Final = frozenset({"charge"})
"""Verbs that say only without a direct object ("Kelly charged", not "charged a fee")."""

_PLACING: Final = frozenset(
    [
        "into",
        "onto",
        "on",
        "up",
        "down",
        "back",
        "away",
        "off",
        "out",
        "together",
        "forward",
        "aside",
        "under",
    ]
)
"""Particles and prepositions that make "put" a verb of placing ("put it into the file")."""


def _is_reporting(token: Token) -> bool:
    """A verb of saying, matched without regard to case.

    A Title Case headline ("Governor Mills Lauded “…”") makes the tagger read its verb as a proper
    noun; an inflected capitalised word whose base form is a verb of saying counts too.
    """
    if token.dep_ == "amod":
        return False  # "told the Post in a written statement": a participle describing a noun
    if token.pos_ in ("VERB", "AUX"):
        return _verb_says(token)
    if token.pos_ in ("PROPN", "NOUN") and token.text[:1].isupper() and token.lower_.endswith(("ed", "s")):
        return not _has_article(token) and _base_form(token.lower_) in SAYING_LEMMAS
    return False


def _verb_says(verb: Token) -> bool:
    """Whether a word tagged as a verb is a verb of saying where it stands."""
    lemma = verb.lemma_.lower()
    if lemma == "put":
        return _puts_it(verb)
    if lemma in _WITHOUT_OBJECT and any(child.dep_ == "dobj" for child in verb.children):
        return False  # "charged a $100,000 fee" charges money, "Kelly charged" accuses
    return lemma in SAYING_LEMMAS or _base_form(verb.lower_) in SAYING_LEMMAS


def _has_article(token: Token) -> bool:
    """Whether a capitalised word has an article, as a name does ("the United States") and a headline's
    verb ("Mills Lauded") does not."""
    return any(child.dep_ == "det" for child in token.children) or (
        token.i > 0 and token.nbor(-1).lower_ == "the"
    )


def _puts_it(verb: Token) -> bool:
    """ "As Weiner put it, “…”", not "putting it into the national file": "put" says only with no place."""
    said = any(child.dep_ == "dobj" and child.lower_ in ("it", "this", "that") for child in verb.children)
    placed = any(child.dep_ in ("prt", "prep") and child.lower_ in _PLACING for child in verb.children)
    return said and not placed


def _is_plain(token: Token) -> bool:
    """A plain verb of saying ("said", "added"), not a manner verb ("enthused")."""
    return token.lemma_.lower() in REPORTING_LEMMAS or _base_form(token.lower_) in REPORTING_LEMMAS


def _base_form(word: str) -> str:
    """The base form of an inflected verb, by its ending ("lauded" → "laud", "cries" → "cry")."""
    forms: list[str] = []
    if word.endswith("ied") or word.endswith("ies"):
        forms.append(word[:-3] + "y")
    if word.endswith("ed"):
        forms += [word[:-2], word[:-1], word[:-3] if word[-3:-2] == word[-4:-3] else word[:-2]]
    if word.endswith("es"):
        forms.append(word[:-2])
    if word.endswith("s"):
        forms.append(word[:-1])
    return next((form for form in forms if form in SAYING_LEMMAS), word)


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
    climbed = False
    for _ in range(4):
        subjects = [
            child
            for child in verb.children
            if child.dep_ in SUBJECT_DEPS
            and (child.pos_ in NOMINAL_POS or _mistagged_name(child))
            and not stub.start <= child.i < stub.end
        ]
        if subjects:
            # A person is the speaker rather than a document ("A leaked memo has Varga saying …").
            subjects.sort(key=lambda child: (child.pos_ == "NOUN", abs(child.i - verb.i)))
            if climbed and verb.dep_ == "ccomp" and _is_reporting(verb.head):
                reporter = _subject(verb.head, stub)
                if reporter is not None:
                    return reporter  # "Ortiz said the volunteers kept going, telling themselves, …"
            return subjects[0]
        for child in verb.children:
            if child.dep_ == "agent":
                for grandchild in child.children:
                    if grandchild.dep_ == "pobj":
                        return grandchild
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
            verb = verb.head.head  # "before asking her" -> the verb the preposition hangs on
            while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
                verb = verb.head  # "ended the debate by musing": the preposition hung on the object
        elif (shown := _shown_speaking(verb)) is not None:
            return shown  # "The ad uses footage of Hillary Clinton asking, “…”": Clinton, not the ad
        elif _reports_on(verb):
            verb = verb.head.head  # "De Blasio said the move was made by Bratton and said, “…”"
        elif verb.dep_ in ("conj", "advcl", "xcomp", "ccomp") and verb.head is not verb:
            climbed = climbed or verb.dep_ in ("advcl", "xcomp")
            verb = verb.head
        elif verb.dep_ == "acl" and verb.head.pos_ == "PROPN":
            return verb.head  # "The ad uses footage of Hillary Clinton asking, “…”"
        elif verb.dep_ == "acl" and (governing := _governing_verb(verb.head)) is not None:
            verb, climbed = governing, True  # "Trump posted a message reading “…”": Trump, not the message
        else:
            break
    return None


def _mistagged_name(token: Token) -> bool:
    """A capitalised word the tagger took for a verb or adverb ("Husted continued", "said Skelly,").

    The small model tags unfamiliar surnames by their endings ("-ed", "-ly"); in the subject slot, or
    alone after an inverted verb, such a word is a name.
    """
    return (
        token.text[:1].isupper()
        and token.text.isalpha()
        and not token.is_stop
        and token.pos_ in ("VERB", "ADV", "ADJ", "NOUN")
    )


def _shown_speaking(verb: Token) -> Token | None:
    """The name a participle of saying follows when that name is an object ("footage of X asking")."""
    if verb.tag_ != "VBG" or verb.dep_ not in ("xcomp", "advcl") or verb.i == 0:
        return None
    name = verb.doc[verb.i - 1]
    return name if name.pos_ == "PROPN" and name.dep_ in ("pobj", "dobj") else None


def _reports_on(verb: Token) -> bool:
    """A verb of saying joined to the reported clause of another ("said it was early but added, …").

    The parser hangs "and added" on the nearest verb, inside what the first verb reports; the one
    adding is the one who said it, not the reported clause's subject.
    """
    head = verb.head
    return (
        verb.dep_ == "conj"
        and _is_reporting(verb)
        and head.dep_ == "ccomp"
        and not _is_reporting(head)
        and _is_reporting(head.head)
    )


def _governing_verb(noun: Token) -> Token | None:
    """The verb whose object (or the object's modifier) ``noun`` is: "issued a statement Tuesday saying".

    A participle on the object of a verb ("released a memo saying", "posted a message on Twitter
    reading") tells what that object says; its author is the subject of the verb, never the document
    or the day. A participle on a subject ("protesters chanting") keeps its noun.
    """
    for _ in range(3):
        if noun.dep_ in SUBJECT_DEPS or noun.head.i == noun.i:
            return None
        if noun.head.pos_ in ("VERB", "AUX") and noun.dep_ in ("dobj", "pobj", "npadvmod", "attr", "dative"):
            return noun.head
        if noun.dep_ not in ("pobj", "prep", "compound", "appos", "dobj"):
            return None
        noun = noun.head
    return None


def _nominal_after(doc: Doc, verb: Token) -> Token | None:
    """The first noun after an inverted verb ("said Caddell", "added Rep. Jim Clyburn")."""
    for token in doc[verb.i + 1 : min(len(doc), verb.i + 6)]:
        if token.tag_ == "PRP$" or token.dep_ == "poss":
            continue  # "replied her brother": the brother speaks
        if _mistagged_name(token) and token.pos_ != "NOUN" and not _is_date(token):
            following = doc[token.i + 1] if token.i + 1 < len(doc) else None
            if following is None or following.is_punct or following.is_space:
                return token  # "said Skelly, explaining …": the tagger read the name as an adverb
        if token.pos_ in NOMINAL_POS and _wordlike(token):
            # "said harbour master Ines Calloway": a role before the name is a compound of it.
            while token.dep_ == "compound" and verb.i < token.head.i <= verb.i + 8:
                token = token.head
            while token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN" and token.pos_ == "PROPN":
                token = doc[token.i + 1]
            return token
        if token.text in ("-", "–") or token.pos_ == "NUM" or token.dep_ == "amod":
            continue  # "said the 46-year-old" / "said retired Gen. Mick Bednarek": on to the noun
        if token.is_punct or token.is_space or token.pos_ in ("VERB", "AUX", "ADP", "SCONJ", "CCONJ"):
            return None
    return None


def _nominal_before(doc: Doc, verb: Token) -> Token | None:
    """The nearest name or pronoun before the verb within its clause, else the nearest noun."""
    aside = _before_aside(doc, verb)
    if aside is not None:
        return aside
    index = verb.i - 1
    noun: Token | None = None
    while index >= 0 and verb.i - index <= MAX_GAP and not _is_boundary(doc[index]):
        token = doc[index]
        if _is_date(token):
            index -= 1
            continue  # "issued a statement Tuesday saying": a day never speaks
        if token.pos_ in ("PROPN", "PRON") and _wordlike(token) and token.tag_ not in ("WDT", "WP"):
            return token
        if token.pos_ == "NOUN" and noun is None:
            noun = token
        index -= 1
    return noun


def _before_aside(doc: Doc, verb: Token) -> Token | None:
    """The name before an aside set off by commas right before the verb.

    "Mr. Trump, asked about the deaths of journalists under Mr. Putin, had said, “…”": the aside's
    own names are never the subject.
    """
    index = verb.i - 1
    while index >= 0 and doc[index].pos_ in ("AUX", "ADV", "PART"):
        index -= 1
    if index < 1 or doc[index].text != ",":
        return None
    opening = index - 1
    while opening >= 0 and verb.i - opening <= 2 * MAX_GAP and doc[opening].text != ",":
        if _is_boundary(doc[opening]):
            return None
        opening -= 1
    if opening < 1 or doc[opening].text != ",":
        return None
    before = opening - 1
    if doc[before].text == ")":  # "Sen. Richard J. Durbin (D-Ill.), noting …, said"
        while before > 0 and doc[before].text != "(" and opening - before < 8:
            before -= 1
        before -= 1
    token = doc[max(0, before)]
    return token if _is_person(token) and _wordlike(token) else None


_DATE_WORDS: Final = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
        "tonight",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)
"""Words that name a day or month: the parser takes "Tuesday" for a noun phrase, but a day never speaks."""


def _is_date(token: Token) -> bool:
    return token.lower_ in _DATE_WORDS


def _speaker_of(doc: Doc, verb: Token, stub: SpacySpan) -> Token | None:
    """Who the reporting verb has speaking; never another quotation's stub."""
    speaker = _speaker_token(doc, verb, stub)
    return None if speaker is not None and _is_stub(speaker) else speaker


def _is_stub(token: Token) -> bool:
    """Whether ``token`` is the word of a quotation's stub (“Quote,”), which names no one."""
    return token.text == STUB_WORD and token.i > 0 and token.nbor(-1).text == "“"


def _speaker_token(doc: Doc, verb: Token, stub: SpacySpan) -> Token | None:
    """Who the reporting verb has speaking: its subject, or the noun next to it when the parse is off."""
    after_stub = verb.i >= stub.end
    inverted = after_stub and all(t.is_punct or t.is_space for t in doc[stub.end : verb.i])
    if inverted and any(c.dep_ == "nsubj" and c.i < stub.start and _wordlike(c) for c in verb.children):
        inverted = False  # "Mr. Manafort, citing “…,” said the candidate could …": not inverted
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
        governing = _governing_verb(subject) if subject.pos_ == "NOUN" else None
        author = _subject(governing, stub) if governing is not None else None
        if author is not None and _is_person(author):
            subject = author  # "Trump released a video that said, “…”": Trump, not the video
    if subject is None and verb.dep_ in ("advcl", "conj") and _inverted_after_quote(doc, verb.head):
        nominal = _nominal_after(doc, verb.head)
        if nominal is not None:
            return nominal  # "“…,” said Skelly, explaining …: “…”"
    if subject is not None and not (stub.start <= subject.i < stub.end) and _wordlike(subject):
        low, high = sorted((subject.i, verb.i))
        crosses = any(t.text in _SENTENCE_END or "\n" in t.text for t in doc[low:high])
        if subject.tag_ not in ("WDT", "WP", "EX") and not crosses and not _is_date(subject):
            return subject
    return _nominal_before(doc, verb)


def _is_person(token: Token) -> bool:
    """A name or a personal pronoun (who can write a memo, unlike the memo)."""
    return token.pos_ == "PROPN" or token.lower_ in PERSON_PRONOUNS


def _inverted_after_quote(doc: Doc, verb: Token) -> bool:
    """Whether ``verb`` is a verb of saying right after a closing quotation mark ("“…,” said Skelly")."""
    before = verb.i - 1
    while before >= 0 and doc[before].is_punct and doc[before].text not in ("”", "''", '"'):
        before -= 1
    return verb.i > 0 and before >= 0 and doc[before].text in ("”", "''", '"') and _is_reporting(verb)


_SENTENCE_END: Final = frozenset({".", "!", "?"})


def _is_boundary(token: Token) -> bool:
    """A token that ends a clause the attribution cannot cross (a sentence end, a line break, a mark)."""
    return token.text in _SENTENCE_END or "\n" in token.text or token.text in ("“", "”")


def _left_segment(doc: Doc, end: int) -> SpacySpan:
    """Tokens before ``end`` back to the previous sentence end, line break or quotation."""
    while end > 0 and doc[end - 1].is_space and "\n" not in doc[end - 1].text:
        end -= 1  # "Kasich resisted:  “…”": the spaces before the mark end nothing
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
    beside = _beside_verb(doc, stub) if continues else None
    colon = len(left) > 0 and left[-1].text == ":"
    candidates = [t for t in left if _is_reporting(t)]
    if len(left) > 1 and left[-1].text in (",", ":"):
        own = _lead_verb(left, stub)
        # "Hillary shot back, “…”" / "Kasich resisted: “…”"; but "Krayewski said it best when he
        # blogged: “…”" keeps the verb of saying the lead-in's own verb hangs on.
        if own is not None and (colon or not candidates) and not any(t in candidates for t in own.ancestors):
            candidates = [own]
    if len(left) and left[-1].text in (":", ",") and beside is None and (candidates or not colon):
        continues = False  # "Peabody said: “…,” adding that …": the lead-in is the attribution
    signed = _dash_name(left[:-1]) if colon and beside is None else None
    if signed is not None:
        return Attribution(None, signed, False, True)  # "Pollsters agree - Carl Bialik: “…”"
    if beside is not None:
        candidates = [beside]  # "…: “…,” Voss told reporters": the verb beside the quotation
    elif colon and not candidates:
        # "Fiorina was far less bubbly: “…,” she recounted": a verb of saying right after wins.
        candidates = [t for t in right if _is_reporting(t) and t.i - stub.end <= 3] if continues else []
        if not candidates:
            return _lead_subject(left)  # "I had to change my answer: “…”"
    # After a quotation that ends its sentence, a manner verb is more often the next sentence's own.
    candidates += [
        t
        for t in right
        if _is_reporting(t) and (continues or (t.i - stub.end <= 2 and _is_plain(t) and _closes(doc, t)))
    ]
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
    if not candidates and not len(right):
        # “…”⏎⏎That was how Oskar Brandt summed up the deal.
        candidates = _pointing_back(doc, stub)
        weak = weak or bool(candidates)

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
    if first is not None and colon:
        led = _lead_subject(left)  # "Asked about the cuts, the mayor: “…”"
        return Attribution(first.cue, led.speaker, first.weak, first.adjacent) if led.speaker else first
    if first is not None:
        return first
    according = _according(doc, left, right)
    return according if according.speaker is not None else _object_of_person(doc, stub)


def _object_of_person(doc: Doc, stub: SpacySpan) -> Attribution:
    """A quotation that is what a named person's verb acts on: "Trump attacked “the hateful ideology …”".

    With no verb of saying anywhere near, the person whose verb takes the quoted words (or the phrase
    naming them: "Trump has used the phrase “…”") is the one they come from. Weak: a quotation nearby
    in the paragraph with its own speaker wins.
    """
    words = [t for t in stub if _wordlike(t)]
    if not words:
        return Attribution(None, None)
    token = words[0].head if words[0].head.i != words[0].i else words[0]
    for _ in range(2):
        if token.pos_ == "VERB" or token.head.i == token.i:
            break
        token = token.head
    if token.pos_ != "VERB" or token.i >= stub.start:
        return Attribution(None, None)
    subject = next(
        (c for c in token.children if c.dep_ == "nsubj" and not stub.start <= c.i < stub.end), None
    )
    if subject is None or not _is_person(subject) or not _wordlike(subject):
        return Attribution(None, None)
    return Attribution((token.idx, token.idx + len(token.text)), _phrase(subject), True)


def _closes(doc: Doc, verb: Token) -> bool:
    """Whether a verb after a quotation that ends its sentence closes its own clause ("… .” he said.").

    "“We are refugees,” Alawee said. “We are not terrorists.” Zahed said: “…”" – a verb that goes on to
    a colon, a clause of its own or a long object opens the next sentence's report, not this one's.
    """
    if any(child.dep_ == "ccomp" for child in verb.children):
        return False
    words = 0
    for token in doc[verb.i + 1 : min(len(doc), verb.i + 12)]:
        if token.text in _SENTENCE_END or "\n" in token.text or token.text in ("“", "”", ","):
            return True  # "…” said Nick Merrill, a campaign spokesman.": an apposition closes it too
        if token.text == ":":
            return False
        words += not (token.is_punct or token.is_space)
        if words > 5:
            return False
    return True


def _beside_verb(doc: Doc, stub: SpacySpan) -> Token | None:
    """A verb right after a quotation that ends in a comma, with a person as subject beside it.

    "“…,” Alvarez enthused." / "“…,” Moreno cut in." / "“…,” beseeched Petrov." / "“…,” Voss told
    reporters." Whatever the verb, a name or pronoun and a verb in a short clause that closes the
    sentence right after the quotation are its attribution.
    """
    tokens = [t for t in doc[stub.end : min(len(doc), stub.end + 8)] if not t.is_space]
    words: list[Token] = []
    for token in tokens:
        if token.text in _SENTENCE_END or token.text in (",", ";"):
            break
        if "\n" in token.text or token.text in ("“", "”"):
            return None
        words.append(token)
    verbs = [t for t in words if t.pos_ == "VERB"]
    if len(verbs) != 1 or len(words) > 6:
        return None
    verb = verbs[0]
    before = [t for t in words if t.i < verb.i]
    after = [t for t in words if t.i > verb.i and t.dep_ not in ("prt", "advmod")]

    def person(tokens: list[Token]) -> bool:
        # "“…?” Hannity pressed.": a surname opening the clause may be tagged as a common noun.
        return bool(tokens) and all(_is_person(t) or _mistagged_name(t) for t in tokens)

    if not before:
        # "“…,” beseeched Petrov." / "“…!” beamed Dora Vance of Leeds": the name up to its "of".
        named = after[: next((k for k, t in enumerate(after) if t.pos_ == "ADP"), len(after))]
        placed = len(named) == len(after) or after[len(named)].lower_ == "of"
        return verb if person(named) and placed else None
    if person(before) and len(after) <= 3:
        return verb  # "“…,” Voss told reporters."
    # "“…,” the union wrote." / "“…,” an angry Hollande retaliated.": a noun phrase ending in a noun
    # or a name speaks through a verb of saying only.
    nominal = bool(before) and all(t.pos_ in ("DET", "ADJ", "NOUN", "PROPN") for t in before)
    headed = before[-1].pos_ in ("NOUN", "PROPN")
    return verb if nominal and headed and _is_reporting(verb) and len(after) <= 3 else None


def _lead_verb(left: SpacySpan, stub: SpacySpan) -> Token | None:
    """A verb with a person as subject closing the lead-in right before a comma and the quotation.

    "Hillary shot back, “…”" / "Moreno cut in, “…”" / "Trump issued a statement, “…”": whatever the
    verb, a named or pronoun subject and a verb at most three words before the comma introduce it.
    """
    verbs = [t for t in left if t.pos_ == "VERB"]
    if not verbs:
        return None
    verb = verbs[-1]
    if sum(1 for t in left if t.i > verb.i and t.text not in (",", ":")) > 3:
        return None
    subject = _subject(verb, stub)
    person = subject is not None and _is_person(subject)
    return verb if person else None


def _pointing_back(doc: Doc, stub: SpacySpan) -> list[Token]:
    """Verbs of saying in a sentence just after the quotation's paragraph that points back at it."""
    index = stub.end
    while index < len(doc) and (doc[index].is_space or doc[index].is_punct):
        if "\n" in doc[index].text:
            index += 1
            while index < len(doc) and doc[index].is_space:
                index += 1
            if index < len(doc) and doc[index].lower_ in POINTING_BACK:
                return [t for t in _right_segment(doc, index) if _is_reporting(t)]
            return []
        index += 1
    return []


def _adjacent(doc: Doc, verb: Token, stub: SpacySpan) -> bool:
    """Whether the verb is right next to the quotation: at most two words after it, or just before it."""
    if verb.i >= stub.end:
        return sum(1 for t in doc[stub.end : verb.i] if not (t.is_punct or t.is_space)) <= 2
    return all(t.is_punct or t.is_space for t in doc[verb.i + 1 : stub.start])


_DASHES: Final = frozenset({"-", "--", "—", "–", "―"})


def _dash_name(lead: SpacySpan) -> tuple[int, int] | None:
    """A name after the last dash of a colon lead-in: "SWING STATES TIGHTEN - Ana Ruiz and Li Wei: “…”".

    Digests of other outlets' reporting give a summary line, a dash and the writer; the writer quoted
    after the colon is the speaker, not the subject of the summary ("Pollsters agree - Carl Bialik:").
    """
    dashes = [t.i for t in lead if t.text in _DASHES]
    if not dashes:
        return None
    tail = [t for t in lead if t.i > dashes[-1] and not t.is_space]
    names = [t for t in tail if t.pos_ == "PROPN"]
    if not names or len(tail) > 8:
        return None
    lead_in = [t for t in tail if t.i < names[0].i]
    rest = [t for t in tail if t.i >= names[0].i]
    if len(lead_in) > 2 or not all(t.pos_ in ("PROPN", "CCONJ") or t.text in (".", ",") for t in rest):
        return None
    return names[0].idx, names[-1].idx + len(names[-1].text)


def _lead_subject(lead: SpacySpan) -> Attribution:
    """The subject nearest the colon of a lead-in that has no reporting verb.

    A lead-in without any subject is a name on its own ("Marta Okafor, The Harbour Gazette: “…”"):
    the noun phrase at its root speaks.
    """
    for token in reversed(lead):
        if token.dep_ in SUBJECT_DEPS and token.pos_ in NOMINAL_POS:
            return Attribution(None, _phrase(token), True)
    for token in lead:
        if token.dep_ == "ROOT" and token.pos_ in ("PROPN", "NOUN") and _wordlike(token):
            source = _source_of(token)
            return Attribution(None, _phrase(source or token), True)
    return Attribution(None, None)


def _source_of(noun: Token) -> Token | None:
    """The name a common noun comes from or is by: "A lesson from Loretta Lynch: “…”" → Loretta Lynch."""
    if noun.pos_ != "NOUN":
        return None
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("from", "by"):
            for target in child.children:
                if target.dep_ == "pobj" and target.pos_ == "PROPN":
                    return target
    return None


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
