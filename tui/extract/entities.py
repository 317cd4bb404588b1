"""Cleaning up the statistical model's named entities before Gloss shows them.

A small spaCy model trained on mixed-case OntoNotes text makes the same few kinds of mistakes on news
copy again and again: an entity runs over a line break into the next line of a table or a heading, the
possessive "’s" ends up inside the span, a whole Title Case heading comes back as one ORG, a table row's
scores are glued to a name, and lines in capitals are mislabelled because the model has rarely seen
capitals. Each function here fixes one such class of error, by rule, for any text; none knows any
particular document. Spans are handled as ``(start, end, label)`` triples relative to the text given.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from typing import Any

Triple = tuple[int, int, str]
"""``(start, end, label)`` of one entity, offsets into the text being cleaned."""

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP"})
"""Labels of proper names, whose spans never end in scores or lower-case words."""

KEEP_ARTICLE_LABELS = frozenset({"WORK_OF_ART", "LAW"})
"""Labels whose leading "The" is part of the title in every convention ("The Times")."""

TIME_LABELS = frozenset({"DATE", "TIME"})
"""Labels of expressions, not names: "the first nine months", "the early 1980's" and "last month's" are
whole as the model gives them, in every convention, and a date line is no heading."""

SUBJECT_FOLLOWERS = frozenset(
    "said says say is was has had have will would could should can may might must does did told added "  # noqa: SIM905
    "announced reported lowered raised cut warned agreed declined".split()
)
"""Words that follow a subject, never a possessed noun: "Harwick's lowered its rating", "Moody's said"."""

OBJECT_STARTERS = frozenset("its the a an his her their our this that it them to on in by".split())  # noqa: SIM905
"""Words that begin what a verb takes: after "X's WORD", they show WORD is a verb and "X's" its subject."""

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
"""Labels of places, which the first word of a company's or person's name often is."""

NAME_PARTICLES = frozenset(
    {"de", "da", "di", "del", "della", "der", "den", "van", "von", "le", "la", "du", "bin", "al", "el", "ter"}
)
"""Lower-case words that belong inside names ("Santiago de Cuba", "Ludwig van Beethoven")."""

FUNCTION_WORDS = frozenset({"of", "and", "for", "the", "in", "on", "to", "with", "at", "a", "an", "from"})
"""Words that give away a phrase (a heading) rather than a name when it is tagged as one entity."""

_POSSESSIVE = re.compile(r"\s?['’]s$|(?<=s)['’]$")
_NUMERIC_TOKEN = re.compile(r"^[-–+(]*[\d][\d.,:/\-–]*(st|nd|rd|th|s)?[)]*$|^[-–:/.,()]+$")
_TOKEN = re.compile(r"\S+")
_SPACED_DASH = re.compile(r"\s[-–—]+\s")
_POSSESSIVE_AFTER = re.compile(r"['’]s(?=\s+([\w’'-]+)(?:\s+([\w’'-]+))?)")
_HEADING_END = tuple('.!?:;,"”’)…')
_SCORE = re.compile(r"^\(?\d+(?:[.,]\d+)?(?:-\d+(?:[.,]\d+)?)+\)?[.,;]?$")
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$")
_INITIAL = re.compile(r"^[A-Z]\.$")
_GIVEN_NAME = re.compile(r"(?<![\w.'’-])[A-Z][a-z]+[ ]$")
_SURNAME_AFTER = re.compile(r"[ ]([A-Z][a-z]+(?:[-'’][A-Z][a-z]+)?)(?![\w.'’-])")
_DEMONYM = re.compile(r"(?:an|ese|ish|ch|i)$")

COMPANY_DESIGNATORS = frozenset(
    "Inc Inc. Corp Corp. Co Co. Ltd Ltd. Plc plc PLC SpA S.p.A. AG GmbH NV N.V. SA S.A. LLC Bros Bros. "  # noqa: SIM905
    "AB Oy Oyj ASA SE KK Bhd Berhad Tbk Pty Limited Corporation Incorporated".split()
)
"""Last words that make a name a company's ("Apic Yamada Corp", "Pirelli SpA"), whatever else it holds."""

NOT_GIVEN_NAMES = frozenset(
    "Mr Mrs Ms Dr Sir Lord Lady Dame King Queen Prince Princess Pope Saint St President Premier Prime "  # noqa: SIM905
    "Minister Chancellor Senator Governor Mayor General Gen Colonel Col Major Captain Capt Lieutenant "
    "Sergeant Admiral Commander Judge Justice Chief Chairman Chairwoman Director Secretary Ambassador "
    "Coach Manager Sheikh Rabbi Father Brother Sister Bishop Cardinal Reverend Rev Professor Prof "
    "Doctor Champion Defender Striker Midfielder Goalkeeper Fullback Centre Winger Skipper Miss Instead "
    "Meanwhile Earlier Later Despite Yesterday Today Tomorrow Tonight Monday Tuesday Wednesday Thursday "
    "Friday Saturday Sunday January February March April May June "
    "July August September October November December".split()
)
"""Capitalised words before a surname that are no given name: titles, roles, days, months, and words
that open a sentence ("Instead Joubert kicked") besides spaCy's English stop words."""


def recase_capitals(text: str) -> str:
    """Return ``text`` with every line written in capitals turned into Title Case, same length.

    The model labels "ST LOUIS" or "LEICESTERSHIRE TAKE OVER" badly because it learned from mixed-case
    text; running it on "St Louis" instead fixes many labels at no cost. Characters whose case change
    would alter the length (rare, e.g. "ß") are left alone so that every offset stays valid.
    """
    parts: list[str] = []
    for line in text.splitlines(keepends=True):
        letters = [c for c in line if c.isalpha()]
        if len(letters) >= 4 and not any(c.islower() for c in letters):
            parts.append(_title_same_length(line))
        else:
            parts.append(line)
    recased = "".join(parts)
    return recased if len(recased) == len(text) else text


def _title_same_length(line: str) -> str:
    """Title-case one line, keeping short all-capital words ("US", "UN") that are likely acronyms."""
    out: list[str] = []
    for match in re.finditer(r"\S+|\s+", line):
        word = match.group()
        letters = sum(c.isalpha() for c in word)
        if letters <= 2 or "." in word:
            out.append(word)
            continue
        previous_letter = False
        for char in word:
            changed = char if previous_letter else char.upper()
            changed = changed.lower() if previous_letter else changed
            out.append(changed if len(changed) == 1 else char)
            previous_letter = char.isalpha()
    return "".join(out)


def split_at_line_breaks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The pieces of ``text[start:end]`` between line breaks (an entity never crosses a line)."""
    pieces: list[tuple[int, int]] = []
    position = start
    while position < end:
        cut = text.find("\n", position, end)
        stop = end if cut < 0 else cut
        if stop > position:
            pieces.append((position, stop))
        position = stop + 1
    return pieces


def split_at_dashes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The pieces of one line of an entity between spaced dashes ("RUGBY LEAGUE - WIGAN").

    A name can hold a hyphen ("Chester-le-Street") but never a dash with spaces around it, which in
    news separates a headline's topic from its subject or a country from a player in a table. A spaced
    hyphen is such a dash only where no lower-case word comes before it on its line (a heading, a
    dateline, a table row); in running text it is a hyphenated compound typed with spaces.
    """
    pieces: list[tuple[int, int]] = []
    position = start
    line_start = text.rfind("\n", 0, start) + 1
    for match in _SPACED_DASH.finditer(text, start, end):
        if match.group().strip() == "-" and _joins_compound(text, line_start, match.start(), match.end()):
            continue
        pieces.append((position, match.start()))
        position = match.end()
    pieces.append((position, end))
    return [(s, e) for s, e in pieces if e > s]


def _joins_compound(text: str, line_start: int, dash_start: int, dash_end: int) -> bool:
    """Whether a spaced hyphen joins two capitalised parts of one name in running text.

    Running text has a lower-case word before the hyphen on its line ("a visit to Rhine - Westfalia
    Bank"); a heading, dateline or table row ("Romania - Cosmin Contra") has none.
    """
    before = text[line_start:dash_start].split()
    after = text[dash_end : dash_end + 40].split()
    running = any(word[:1].islower() for word in before)
    return running and bool(after) and before[-1][:1].isupper() and after[0][:1].isupper()


def trailing_score(text: str, start: int, end: int) -> int:
    """Where a name ends that the model ran into a score or code after it, or 0 if it did not.

    "Lithuania 2-1", "Surrey 429-7", "McGrath 9.5-0-44-1" (a results table) and "Newsdesk 212-859-1610"
    come back as one FAC, LAW or PRODUCT: numbers joined by hyphens are a score, a bowling analysis or
    a telephone number, never part of a name ("Boeing 747" and "Windows 95" have no hyphen).
    """
    cut = end
    tokens = list(_TOKEN.finditer(text, start, end))
    while len(tokens) > 1 and _SCORE.match(tokens[-1].group()):
        tokens.pop()
        cut = tokens[-1].end()
    return cut if cut < end and any(c.isalpha() for c in text[start:cut]) else 0


def is_table_row(text: str, position: int) -> bool:
    """Whether the line holding ``position`` is a row of a results table ("Hyundai 6 Lotte 5").

    It holds two stand-alone numbers or more and no lower-case word of four letters or more: running
    text ("Windows 95 and Windows 98 were released") always has one.
    """
    line_start, line_end = line_bounds(text, position)
    words = text[line_start:line_end].split()
    numbers = sum(1 for word in words if _NUMERIC_TOKEN.match(word) and any(c.isdigit() for c in word))
    return numbers >= 2 and not any(len(word) >= 4 and word.isalpha() and word.islower() for word in words)


def trim_common_capitals(
    text: str, start: int, end: int, lowercase_words: set[str], title_words: set[str]
) -> tuple[int, int]:
    """Cut common words from the ends of an entity on a line in capitals ("WORLD CUP QUALIFIER").

    Shown a capitals heading in Title Case, the model runs a name into the heading's other words
    ("Volgograd Violence", "Tour of Netherlands Final Results"). A word at either end is a common one
    when the same text writes it in lower case ("qualifier") and never in Title Case ("Qualifier"),
    so "NEW YORK" keeps its "NEW" in a story that says "New York"; an English stop word at an end
    ("PUT ENGLAND IN") goes too while another word is left. Returns ``start >= end`` when no name is
    left.
    """
    line_start, line_end = line_bounds(text, start)
    if any(c.islower() for c in text[line_start:line_end]):
        return start, end
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]

    def common(token: tuple[int, int]) -> bool:
        word = text[token[0] : token[1]]
        if not word.isalpha():
            return False
        if len(tokens) > 1 and _is_stop_word(word):
            return True  # "PUT ENGLAND IN"
        return word.lower() in lowercase_words and word.title() not in title_words

    while tokens and common(tokens[-1]):
        tokens.pop()
    while tokens and common(tokens[0]):
        tokens.pop(0)
    return (tokens[0][0], tokens[-1][1]) if tokens else (start, start)


def split_at_numbers(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The pieces of a name between stand-alone numbers: "Zemun 1 Rad" in a results table is two teams.

    A lone "," or "/" cuts too (a list, "Mercantile , Commerce"), but never a lone ".", which in
    space-tokenised text is the end of an initial or an abbreviation ("Ronald T . Merriweather"), nor
    a lone hyphen, which :func:`split_at_dashes` has judged already, nor an ordinal before more of the
    name ("the 3rd Circuit", "101st Airborne Division").
    """
    pieces: list[tuple[int, int]] = []
    position = start
    for token in _TOKEN.finditer(text, start, end):
        word = token.group()
        if _ORDINAL.match(word) and text[token.end() : end].strip()[:1].isupper():
            continue  # an ordinal before a capitalised word is part of the name ("the 3rd Circuit")
        if _NUMERIC_TOKEN.match(word) and word not in (".", "-", "–"):
            if token.start() > position:
                pieces.append((position, token.start()))
            position = token.end()
    if end > position:
        pieces.append((position, end))
    return pieces


def trim_span(text: str, start: int, end: int, label: str, convention: str = "ontonotes") -> tuple[int, int]:
    """Shrink one entity to the name itself: no spaces, stray punctuation, possessive or scores.

    A date or time keeps everything the model gave it ("the early 1980's", "last month's"). A name
    loses a possessive unless the "’s" is part of it (:func:`is_possessive_name`), and in the ``conll``
    convention a leading "the" too.

    Returns ``(start, end)``; ``start >= end`` means nothing of a name is left.
    """
    start, end = _strip(text, start, end)
    if label in TIME_LABELS:
        return start, end
    possessive = _POSSESSIVE.search(text, start, end)
    if (
        possessive
        and possessive.end() == end
        and possessive.start() > start
        and not (convention == "ontonotes" and is_possessive_name(text, start, possessive.start(), label))
    ):
        start, end = _strip(text, start, possessive.start())
    if convention == "conll" and label not in KEEP_ARTICLE_LABELS:
        for article in ("the ", "The ", "THE "):
            if text.startswith(article, start) and end - start > len(article):
                start, end = _strip(text, start + len(article), end)
                break
    if label in NAME_LABELS:
        start, end = _trim_tokens(text, start, end, keep_article=convention == "ontonotes")
    return start, end


def is_possessive_name(text: str, start: int, end: int, label: str) -> bool:
    """Whether the "’s" after ``text[start:end]`` belongs to the name ("Moody's", a shop "Harwick's").

    A possessive is followed by the noun it possesses ("Kim’s armored train"); a name that ends in "’s"
    is followed by what its subject does: a verb right after it ("Moody's said"), or a word and then the
    start of an object ("Harwick's lowered its rating"). A person's or place's "’s" is a possessive.
    """
    if label in ("PERSON", "GPE", "NORP", "LOC"):
        return False
    match = _POSSESSIVE_AFTER.match(text, end)
    if match is None:
        return False
    first, second = (match.group(1) or "").lower(), (match.group(2) or "").lower()
    return first in SUBJECT_FOLLOWERS or (
        first.isalpha()
        and first.islower()
        and second in OBJECT_STARTERS
        and (first.endswith("ed") or first.endswith("s"))
    )


def possessive_names(text: str, spans: list[Triple]) -> list[Triple]:
    """Widen a name the model cut before its own "’s" ("Harwick" of "Harwick's lowered its rating")."""
    widened: list[Triple] = []
    for start, end, label in spans:
        if label not in NAME_LABELS | {"FAC", "PRODUCT"} or not is_possessive_name(text, start, end, label):
            widened.append((start, end, label))
        else:
            widened.append((start, end + 2, label))
    return widened


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Remove white space and unpaired punctuation at both ends (a final "." of "Corp." stays)."""
    while start < end and (text[start].isspace() or text[start] in ",;:-–—\"“”‘'’(*"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ',;:-–—"“”‘’(*'):
        end -= 1
    if end > start and text[end - 1] == ")" and "(" not in text[start:end]:
        end -= 1
    opening = text.rfind("(", start, end)
    if opening > start and ")" not in text[opening:end]:
        return _strip(text, start, opening)
    return start, end


def _trim_tokens(text: str, start: int, end: int, keep_article: bool = False) -> tuple[int, int]:
    """Drop leading/trailing tokens that cannot end a name: scores, lone punctuation, lower-case words.

    With ``keep_article``, a leading "the" stays (the OntoNotes convention counts it in the name).
    """
    tokens = [(m.start() + start, m.end() + start) for m in _TOKEN.finditer(text[start:end])]

    def droppable(token: tuple[int, int], leading: bool) -> bool:
        word = text[token[0] : token[1]]
        if _NUMERIC_TOKEN.match(word):
            return True
        if word.isalpha() and word.islower():
            if leading and keep_article and word == "the":
                return False
            return not (leading and word in NAME_PARTICLES) and word not in NAME_PARTICLES
        return False

    while len(tokens) > 1 and droppable(tokens[-1], leading=False):
        tokens.pop()
    while len(tokens) > 1 and droppable(tokens[0], leading=True):
        tokens.pop(0)
    if len(tokens) == 1 and (
        _NUMERIC_TOKEN.match(text[tokens[0][0] : tokens[0][1]])
        or text[tokens[0][0] : tokens[0][1]].lower() == "the"
    ):
        return start, start  # a score alone, or a "the" whose name was all lower-case words
    return _strip(text, tokens[0][0], tokens[-1][1]) if tokens else (start, start)


def line_bounds(text: str, position: int) -> tuple[int, int]:
    """Start and end (without the line break) of the line holding ``position``."""
    line_start = text.rfind("\n", 0, position) + 1
    line_end = text.find("\n", position)
    return line_start, len(text) if line_end < 0 else line_end


def is_heading(line: str) -> bool:
    """Whether a line reads as a heading: short, Title Case or capitals, no closing punctuation."""
    words = line.split()
    if not 1 <= len(words) <= 10 or line.rstrip().endswith(_HEADING_END):
        return False
    long_words = [w for w in words if sum(c.isalpha() for c in w) >= 4]
    return bool(long_words) and all(w[0].isupper() or not w[0].isalpha() for w in long_words)


def is_tagged_heading(text: str, start: int, end: int, lowercase_words: set[str]) -> bool:
    """Whether an entity is really a whole heading that the model took for a name.

    The entity must cover every word of a heading line, and the line must read as a phrase rather than a
    name: it has four words or more, a function word ("of", "for"), or a word that the same text also
    uses in lower case ("Defense" in a story about a "defense treaty").
    """
    line_start, line_end = line_bounds(text, start)
    line = text[line_start:line_end]
    if text[line_start:start].strip() or text[end:line_end].strip(" \t\r.") or not is_heading(line):
        return False
    words = [w.strip("’'s").lower() for w in text[start:end].split()]
    if len(words) < 2:
        return False
    return len(words) >= 4 or any(w in FUNCTION_WORDS or w in lowercase_words for w in words[1:])


def is_capitals_heading(text: str, start: int, end: int) -> bool:
    """Whether an entity is a whole heading in capitals that the model, shown it in Title Case, merged.

    Recasing a capitals line helps the model with its names, but a whole recased heading of three words
    or more ("5. TALIBAN CLOSING RANKS AROUND NEW LEADER.") reads to it as one long name.
    """
    line_start, line_end = line_bounds(text, start)
    line = text[line_start:line_end]
    letters = [c for c in line if c.isalpha()]
    if len(letters) < 4 or any(c.islower() for c in letters) or len(text[start:end].split()) < 3:
        return False
    outside = text[line_start:start] + text[end:line_end]
    return not any(c.isalpha() for c in outside)


def lowercase_vocabulary(text: str) -> set[str]:
    """The lower-case words of a text (used to tell headings from names)."""
    return {w for w in re.findall(r"\b[a-z][a-z-]{2,}\b", text)}


def fix_entities(
    text: str,
    raw: Iterable[Triple],
    convention: str = "ontonotes",
    common_words: AbstractSet[str] = frozenset(),
) -> list[Triple]:
    """Apply every fix to the model's entities of ``text`` and return the clean ones, sorted.

    An entity that ran over a spaced dash is cut there, but the label the model gave the whole run says
    little about its pieces ("1706 - French" was a DATE), so a piece is kept only when the same words
    are an entity elsewhere in the text (taking that label), or when a date piece holds a digit. A name
    cut at a stand-alone number ("Zemun 1 Rad", a results row) keeps its label on both sides.

    Args:
        text: the text the model saw (a chunk of an article).
        raw: the model's entities as ``(start, end, label)``.
        convention: one of :data:`~tui.extract.identity.CONVENTIONS`, for where a name starts and ends.
        common_words: English words in lower case (:func:`common_english_words`), which are no given
            names; without them a surname is never widened to an untagged word before it.
    """
    lowercase_words = lowercase_vocabulary(text)
    title_words = set(re.findall(r"\b[A-Z][a-z]+\b", text))
    whole: list[Triple] = []
    fragments: list[Triple] = []
    rescored: list[Triple] = []
    for start, end, label in raw:
        for line_start, line_end in split_at_line_breaks(text, start, end):
            pieces = split_at_dashes(text, line_start, line_end)
            if label in TIME_LABELS and all(any(c.isdigit() for c in text[a:b]) for a, b in pieces):
                pieces = [(line_start, line_end)]  # a range of dates ("January 23 - March 9 2014")
            for piece_start, piece_end in pieces:
                in_table = label not in NAME_LABELS | TIME_LABELS and is_table_row(text, piece_start)
                parts = (
                    split_at_numbers(text, piece_start, piece_end) if label in NAME_LABELS or in_table else []
                )
                if len(parts) > 1 or (in_table and parts and parts[0] != (piece_start, piece_end)):
                    for part_start, part_end in parts:
                        part = trim_span(text, part_start, part_end, label, convention)
                        if part[1] > part[0] and any(c.isalpha() for c in text[part[0] : part[1]]):
                            (whole if label in NAME_LABELS else fragments).append((*part, label))
                    continue
                new_start, new_end = trim_span(text, piece_start, piece_end, label, convention)
                if label not in TIME_LABELS:
                    new_start, new_end = trim_common_capitals(
                        text, new_start, new_end, lowercase_words, title_words
                    )
                if new_end <= new_start or not any(c.isalnum() for c in text[new_start:new_end]):
                    continue
                if label not in TIME_LABELS and (
                    is_tagged_heading(text, new_start, new_end, lowercase_words)
                    or is_capitals_heading(text, new_start, new_end)
                ):
                    continue
                score = 0 if label in NAME_LABELS | TIME_LABELS else trailing_score(text, new_start, new_end)
                if label not in NAME_LABELS | TIME_LABELS and _SCORE.match(text[new_start:new_end]):
                    continue  # a score alone ("8-1-26-3" as a PRODUCT) is no name
                if score:
                    rescored.append((new_start, score, label))
                    continue
                (whole if len(pieces) == 1 else fragments).append((new_start, new_end, label))
    known = {text[s:e]: label for s, e, label in whole}
    for start, end, label in rescored:
        whole.append((start, end, known.get(text[start:end], label)))
    for start, end, label in fragments:
        name = text[start:end]
        if name in known:
            whole.append((start, end, known[name]))
        elif label in ("DATE", "TIME") and any(c.isdigit() for c in name):
            whole.append((start, end, label))
    if convention == "ontonotes":
        whole = possessive_names(text, whole)
    whole = full_person_names(text, company_names(text, sorted(set(whole))), lowercase_words, common_words)
    spans = propagate_names(text, harmonise_labels(text, mark_datelines(text, whole)))
    spans = full_person_names(text, spans, lowercase_words, common_words)  # surnames propagation tagged
    return whole_words(text, spans) if convention == "conll" else spans


def company_names(text: str, spans: list[Triple]) -> list[Triple]:
    """Label ORG a person or place whose name ends in a company designator ("Pirelli SpA", "X Corp").

    The model takes "Apic Yamada Corp" for a person by its first words; the designator says what it is,
    and the article-level votes then no longer take "Pirelli" for a person's surname.
    """
    result: list[Triple] = []
    for start, end, label in spans:
        words = text[start:end].split()
        if label in ("PERSON", "GPE", "NORP") and len(words) >= 2 and words[-1] in COMPANY_DESIGNATORS:
            label = "ORG"
        result.append((start, end, label))
    return result


def _is_stop_word(word: str) -> bool:
    """Whether ``word`` (any case) is one of spaCy's English stop words ("in", "neither", "during")."""
    from spacy.lang.en.stop_words import STOP_WORDS  # spaCy is loaded whenever a model has run

    return word.lower() in STOP_WORDS


def _not_given_name(word: str) -> bool:
    """Whether a capitalised word before a surname is a title, a day or a common word, not a name."""
    return word in NOT_GIVEN_NAMES or _is_stop_word(word)


def common_english_words(nlp: Any) -> frozenset[str]:
    """The lower-case English words of a loaded pipeline's lemmatizer tables (empty if it has none).

    The rule lemmatizer of spaCy's English pipelines carries WordNet's lemma index (about 80,000
    nouns, verbs, adjectives and adverbs): a capitalised word found there ("Administrator", "Team",
    "Praises") is a common word in a title or a Title Case headline, not a given name.
    """
    try:
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    except (KeyError, AttributeError, ValueError):
        return frozenset()
    return frozenset(word for words in table.values() for word in words if word.isalpha())


def _is_common_word(word: str, common_words: AbstractSet[str]) -> bool:
    """Whether ``word`` or its stem without an -s, -ed or -ing ending is in ``common_words``.

    The index holds lemmas: "Praises", "Continued" and "Celebrating" are found as "praise",
    "continue" and "celebrate" ("Debating Clinton", "Chasing Trump" in headlines and captions).
    """
    lower = word.lower()
    stems = {lower}
    if lower.endswith(("s", "d")):
        stems |= {lower[:-1], lower[:-2]}
    if lower.endswith("ed"):
        stems |= {lower[:-3]}  # "stopped"
    if lower.endswith("ing"):
        stems |= {lower[:-3], lower[:-3] + "e", lower[:-4]}  # "chasing", "running"
    return any(stem in common_words for stem in stems)


def full_person_names(
    text: str, spans: list[Triple], lowercase_words: set[str], common_words: AbstractSet[str] = frozenset()
) -> list[Triple]:
    """Join a surname the model tagged alone to the given name or initial just before it.

    In lists and tables the model often tags only the surname ("Sandrine [Testud] ( France )"), or
    gives the initial or given name a label of its own ("[R.] NORP [Kaluwitharana] PERSON", "[Petra]
    ORG [Langrova] PERSON"). One capitalised word (or an initial) separated from a one-word PERSON by a
    single space on the same line is the person's given name, unless it is a title or role ("President",
    "Coach"), a day or month, a word the text also writes in lower case (a sentence's first word), a
    common English word (``common_words``: "Team Trump", "Report Reveals Clinton"), or a nationality
    the model tagged (NORP "Italian"). An untagged word is taken only with ``common_words`` to check.
    """
    result: list[Triple] = []
    for index, (start, end, label) in enumerate(spans):
        previous = result[-1] if result else None
        if _INITIAL.match(text[start:end]):
            after = _SURNAME_AFTER.match(text, end)
            following = spans[index + 1][0] if index + 1 < len(spans) else len(text)
            if after is not None and after.end() <= following and not _not_given_name(after.group(1)):
                result.append((start, after.end(), "PERSON"))  # "[R.] NORP Ponting": an initial
                continue
        if label != "PERSON" or " " in text[start:end] or not any(c.islower() for c in text[start:end]):
            result.append((start, end, label))  # a full name already, or capitals ("SVP", "BAILEY")
            continue
        if previous is not None and previous[1] == start - 1 and text[start - 1] == " ":
            first = text[previous[0] : previous[1]]
            given = _INITIAL.match(first) or (
                first.isalpha()
                and first[:1].isupper()
                and first[1:].islower()
                and not _not_given_name(first)
                and not _is_common_word(first, common_words)
                and previous[2] not in PLACE_LABELS
                and not (previous[2] == "NORP" and _DEMONYM.search(first))
            )
            if given and previous[2] != "PERSON":
                result[-1] = (previous[0], end, "PERSON")
                continue
        before = _GIVEN_NAME.search(text, max(0, start - 30), start)
        if (
            before is not None
            and common_words
            and (previous is None or previous[1] <= before.start())
            and not _not_given_name(before.group().strip())
            and not _is_common_word(before.group().strip(), common_words)
            and before.group().strip().lower() not in lowercase_words
        ):
            result.append((before.start(), end, label))
            continue
        result.append((start, end, label))
    return result


def whole_words(text: str, spans: list[Triple]) -> list[Triple]:
    """Widen each name to the whole hyphenated word it is part of (the CoNLL convention).

    CoNLL annotates whole words: a name inside a hyphenated word makes the word an entity, and a word
    derived from a name ("Ontario-based", "ex-Milan", "Arab-Israeli") is a MISC one, as "Iraqi" is.
    The widened span takes NORP (the label Gloss maps to MISC) when a lower-case word is added at
    either end or two entities join, and keeps its label when the rest is more of the same name
    ("Mar-a-Lago", "Wong Yeung-tat").
    """
    widened: list[Triple] = []
    for start, end, label in spans:
        if label in TIME_LABELS or label not in NAME_LABELS | {"FAC", "PRODUCT", "EVENT"}:
            widened.append((start, end, label))
            continue
        new_start, new_end = start, end
        while new_end + 1 < len(text) and text[new_end] == "-" and text[new_end + 1].isalpha():
            new_end += 1
            while new_end < len(text) and (text[new_end].isalnum() or text[new_end] in "'’"):
                new_end += 1
        while new_start >= 2 and text[new_start - 1] == "-" and text[new_start - 2].isalpha():
            new_start -= 1
            while new_start > 0 and text[new_start - 1].isalnum():
                new_start -= 1
        if (new_start, new_end) == (start, end):
            widened.append((start, end, label))
            continue
        before_parts = [part for part in text[new_start:start].split("-") if part]
        after_parts = [part for part in text[end:new_end].split("-") if part]
        # Derived when a lower-case word is added at an end ("Ontario-based", "ex-Milan"); "Mar-a-Lago"
        # ends in a capital and stays a name, as does a full name with a hyphenated given name
        # ("Wong Yeung-tat").
        lower = bool(after_parts and after_parts[-1][:1].islower()) or bool(
            before_parts and before_parts[0][:1].islower()
        )
        if label == "PERSON" and " " in text[start:end] and not before_parts:
            lower = False
        previous = widened[-1] if widened else None
        if previous is not None and previous[1] > new_start:
            widened[-1] = (previous[0], max(previous[1], new_end), "NORP")
        else:
            widened.append((new_start, new_end, "NORP" if lower else label))
    merged: list[Triple] = []
    for span in widened:
        if merged and span[0] < merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], span[1]), "NORP")
        else:
            merged.append(span)
    return merged


def harmonise_labels(text: str, spans: list[Triple]) -> list[Triple]:
    """Give every mention of the same name in one text the label most of its mentions have.

    The model labels a name from its local context, so "Essex" can be an ORG in one sentence and a GPE
    in the next; in news the same string almost always refers to the same thing within an article. A
    bare name takes the PERSON label of a full name in the text that it ends or begins ("Bailey" after
    "Donovan Bailey", "Wang" after "Wang Donghai"), unless it is a place or company by its context
    (:func:`_may_be_surname`): "Guangxi Tianli" does not make the province "Guangxi" a person, nor
    does a mistagged "Pirelli Cables" (a common word after it) make the company "Pirelli" one.
    """
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for start, end, label in spans:
        if label in NAME_LABELS:
            votes[text[start:end].lower()][label] += 1
    surnames: dict[str, bool] = {}
    lowercase_words = lowercase_vocabulary(text)
    for name, counter in votes.items():
        words = name.split()
        if len(words) >= 2 and counter.most_common(1)[0][0] == "PERSON":
            for word in (words[-1], words[0]):  # family name last, or first ("Wang Donghai")
                # A family name first is followed by given names, never by a common word ("Cables").
                first_of_common = word != words[-1] and words[-1] in lowercase_words
                if len(word) >= 3 and word[0].isalpha() and not first_of_common:
                    surnames.setdefault(word, word == words[-1])
    result: list[Triple] = []
    for start, end, label in spans:
        name = text[start:end].lower()
        if label in NAME_LABELS:
            person_too = votes[name]["PERSON"] > 0
            if name in surnames and label != "PERSON" and _may_be_surname(label, surnames[name], person_too):
                label = "PERSON"
            else:
                best, count = votes[name].most_common(1)[0]
                if count > votes[name][label]:
                    label = best
        result.append((start, end, label))
    return result


def _may_be_surname(label: str, last_word: bool, person_too: bool) -> bool:
    """Whether a bare name the model labelled ``label`` may be the surname of a person named in full.

    A name that only begins the full name and that the model called a place ("Guangxi" of "Guangxi
    Tianli", a company named after its province) is taken for a family name ("Wang" of "Wang Donghai")
    only when the model itself called the bare name a PERSON somewhere in the text.
    """
    return last_word or person_too or label not in PLACE_LABELS


def propagate_names(text: str, spans: list[Triple]) -> list[Triple]:
    """Tag the other mentions of a name that the model tagged at least once in the same text.

    The model misses a name in a poor context (a table row, the start of a line) that it found in a
    good one; a news text means the same thing by the same capitalised words throughout.
    """
    labels: dict[str, str] = {}
    for start, end, label in spans:
        name = text[start:end]
        # Two-letter names are only taken for people ("Xi", "Li"): short ORG/GPE forms are too ambiguous.
        short_person = label == "PERSON" and len(name) == 2 and name[1].islower()
        if label in NAME_LABELS and (len(name) >= 3 or short_person) and name[0].isupper():
            labels.setdefault(name, label)
            labels.setdefault(name.upper(), label)  # the same name in a headline in capitals
    lowercase_words = lowercase_vocabulary(text)
    for start, end, label in spans:
        words = text[start:end].split()
        surname = words[-1] if label == "PERSON" and len(words) >= 2 else ""
        if len(surname) >= 3 and surname[0].isupper() and surname.lower() not in lowercase_words:
            labels.setdefault(surname, "PERSON")  # "Bailey" later in a story about "Donovan Bailey"
    if not labels:
        return spans
    covered = bytearray(len(text))
    for start, end, _ in spans:
        covered[start:end] = b"\x01" * (end - start)
    pattern = re.compile(
        r"(?<![\w-])(?:"
        + "|".join(re.escape(n) for n in sorted(labels, key=len, reverse=True))
        + r")(?![\w-])"
    )
    added = [
        (m.start(), m.end(), labels[m.group()])
        for m in pattern.finditer(text)
        if not any(covered[m.start() : m.end()])
    ]
    return sorted(spans + added) if added else spans


_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}"
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z'.-]+(?:[ ][A-Z][A-Z'.-]+)*)"
    r"(?:[ ]?,[ ]?(?P<region>[A-Z][\w'.-]+(?:[ ][A-Z][\w'.-]+)*))?"
    rf"[ ]?(?:,[ ]?)?(?=\d{{4}}-\d\d-\d\d|\((?:Reuters|AP|AFP|UPI|dpa|Xinhua)\)|{_MONTH})",
    re.MULTILINE,
)
"""A wire dateline: a place in capitals (and its region) at the start of a line before a date or agency."""


def mark_datelines(text: str, spans: list[Triple]) -> list[Triple]:
    """Label the place of a dateline ("BAKU 1996-08-31", "LONDON (Reuters) -") as a GPE.

    The model, seeing a lone word in capitals at the start of a line, often misses the place or calls it
    an ORG; the dateline convention says what it is.
    """
    places: list[tuple[int, int]] = []
    for match in _DATELINE.finditer(text):
        places.append(match.span("place"))
        if match.group("region"):
            places.append(match.span("region"))
    if not places:
        return spans
    kept: list[Triple] = []
    for start, end, label in spans:
        overlapping = [(s, e) for s, e in places if start < e and s < end]
        if not overlapping:
            kept.append((start, end, label))
        elif label in TIME_LABELS:
            # The model ran the place into the date ("Vancouver 1996-08-31"): the date is what follows.
            rest = max(e for _, e in overlapping)
            rest_start, rest_end = _strip(text, rest, end)
            if rest_end > rest_start and any(c.isdigit() for c in text[rest_start:rest_end]):
                kept.append((rest_start, rest_end, label))
    return sorted(kept + [(s, e, "GPE") for s, e in places])
