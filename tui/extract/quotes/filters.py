"""Telling quotations from the other things news copy puts between quotation marks.

Quotation marks also enclose titles of shows, books and films (“Face the Nation”), nicknames
(Robert C. "Bobby" Scott), scare quotes (so-called "super PACs") and, in text scraped from web pages,
markup attribute values (``tweet-id="783…"``). Each predicate here recognises one of those classes by its
form and the words around it; none looks at any particular document.
"""

from __future__ import annotations

import itertools
import re
from typing import Final

from tui.extract.quotes.marks import MARK_CHARACTERS, QuoteRegion

SMALL_WORDS: Final = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "de",
        "for",
        "from",
        "in",
        "into",
        "is",
        "of",
        "on",
        "or",
        "the",
        "to",
        "vs",
        "with",
    ]
)
"""Words a title leaves in lower case ("Contract with America")."""

MAX_TITLE_WORDS: Final = 7
"""Longer Title Case stretches are more likely quoted sentences than titles."""

MAX_SCARE_WORDS: Final = 2
"""Scare quotes are one or two words ("super PACs", "smart")."""

_NAMING_BEFORE: Final = re.compile(
    r"(?<!so-)\b(?:call(?:s|ed|ing)?|label(?:s|ed|led|ing)?|dub(?:s|bed)?|term(?:s|ed)?|describ(?:e|es|ed|ing)"
    r"|typ(?:e|es|ed|ing)|hail(?:s|ed)?|sa(?:y|ys|id)|told|chant(?:s|ed|ing)?|nam(?:e|es|ed)|as"
    r"|shout(?:s|ed|ing)?|word(?:s)?|phrase)\b[^.!?;:]{0,40}$",
    re.IGNORECASE,
)
"""A verb of saying or naming shortly before the quotation ("called them “lone wolves”")."""

_NAME_BEFORE: Final = re.compile(r"\b[A-Z][\w.’'-]* $")
_NAME_AFTER: Final = re.compile(r" [A-Z][\w’'-]+")
_MONTHS: Final = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan\\.|Feb\\.|Mar\\.|Apr\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\."
)
_CITATION: Final = re.compile(
    rf"[ \t\u00a0]*[―—–-]+[ \t\u00a0]*[^\n,]{{1,60}},[ \t\u00a0]*(?:{_MONTHS}|\d{{4}}\b)"
)
"""After a quoted title: a dash, a publisher and a date, as in a list of sources."""
_BYLINE: Final = re.compile(
    r"[ \t\u00a0]*by[ \t\u00a0]+(?:[A-Z][\w.’'-]*[ \t\u00a0]+){0,5}[A-Z][\w.’'-]*[ \t\u00a0]*(?::|$)",
    re.MULTILINE,
)
"""After a quoted headline in a digest: its byline and a colon ("“…,” by Times' Ben Sisario: …")."""
_POSSESSIVE_BEFORE: Final = re.compile(r"\w['’]s?[ \t\u00a0]*$")
"""A possessive right before the opening mark ("on ABC’s “This Week”", "Carter’s “Keeping Faith”")."""
_WORD: Final = re.compile(r"[\w][\w'’.-]*")
_SENTENCE_INSIDE: Final = re.compile(r"[.!?]\s+\S|[!?]")


def _content(text: str, region: QuoteRegion) -> str:
    """The words between the marks, without surrounding punctuation."""
    return text[region.start : region.end].strip(f" \t\n,.;:{MARK_CHARACTERS}")


def is_markup_attribute(text: str, region: QuoteRegion) -> bool:
    """``name="value"`` inside HTML or XML left in scraped text."""
    return region.start > 0 and text[region.start - 1] == "="


def is_title(text: str, region: QuoteRegion) -> bool:
    """A Title Case name of a show, book or campaign (“Fox News Sunday,”), not a quoted sentence."""
    content = _content(text, region)
    words = _WORD.findall(content)
    if not words or len(words) > MAX_TITLE_WORDS or _SENTENCE_INSIDE.search(content):
        return False
    if all(word.isdigit() for word in words):
        return True  # a number in quotation marks ("13th" counts below, plain "2016" here)
    capitalised = [w for w in words if w[0].isupper() or w[0].isdigit()]
    rest = [w for w in words if not (w[0].isupper() or w[0].isdigit())]
    return (
        bool(capitalised) and all(w.lower() in SMALL_WORDS for w in rest) and not _is_sentence_start(content)
    )


def _is_sentence_start(content: str) -> bool:
    """Quoted speech that happens to be capitalised: starts with a pronoun or a common opener."""
    first = content.split()[0].lower().strip("’'")
    return first in {
        "i",
        "i'm",
        "i’m",
        "we",
        "you",
        "it",
        "it's",
        "it’s",
        "they",
        "he",
        "she",
        "this",
        "that",
    }


def is_nickname(text: str, region: QuoteRegion) -> bool:
    """A nickname between the parts of a name (Robert C. "Bobby" Scott)."""
    content = _content(text, region)
    before = _NAME_BEFORE.search(text, max(0, region.start - 40), region.start)
    after = _NAME_AFTER.match(text, region.end)
    return bool(before and after and content[:1].isupper() and len(_WORD.findall(content)) <= 2)


def is_scare_quote(text: str, region: QuoteRegion) -> bool:
    """One or two lower-case words in marks with no verb of saying or naming just before them."""
    content = _content(text, region)
    words = _WORD.findall(content)
    if not words or len(words) > MAX_SCARE_WORDS or not content[:1].islower():
        return False
    sentence_start = max(text.rfind(c, 0, region.start) for c in ".!?\n") + 1
    return not _NAMING_BEFORE.search(text, sentence_start, region.start)


def is_citation(text: str, region: QuoteRegion) -> bool:
    """An article title in a list of sources ("Title" — Publisher, August 15, 2008) or in a digest of
    other outlets' stories ("Title," by Times' Ben Sisario: …)."""
    return _CITATION.match(text, region.end) is not None or _BYLINE.match(text, region.end) is not None


def is_named_work(text: str, region: QuoteRegion) -> bool:
    """A Title Case name owned by someone: a show, book or film ("on ABC’s “This Week”").

    A verb of saying may stand right beside it ("she said on CNN’s “State of the Union,” adding"),
    so unlike other titles it is never kept for a verb.
    """
    return _POSSESSIVE_BEFORE.search(text, max(0, region.start - 40), region.start) is not None and is_title(
        text, region
    )


MAX_SIGNATURE_WORDS: Final = 10
"""Longest name-and-role line that signs a pull quote ("Josh Bivens, Economic Policy Institute.")."""

MIN_REPEATED_WORDS: Final = 4
"""Fewest words a pull quote must repeat from the article to count as a copy (not a chance echo)."""

_PLAIN_WORD: Final = re.compile(r"\w+")


def _said_again(text: str, words: list[str]) -> bool:
    """Whether ``words`` occur twice in ``text``, in order, with only non-word characters between them."""
    pattern = re.compile(r"\W+".join(re.escape(word) for word in words), re.IGNORECASE)
    return len(list(itertools.islice(pattern.finditer(text), 2))) == 2


def is_pull_quote(text: str, region: QuoteRegion) -> bool:
    """A pull quote: a quotation set off as a display copy, signed inside its marks on a line of its own.

    ``"We will enter the next slump without that consensus.⏎Ana Ruiz, Policy Institute."`` repeats words
    the article quotes in its body, where they have their own attribution; the copy quotes nothing new.
    Only a signature line (a capitalised name and role, no sentence) and words found a second time in
    the article make one, so a quotation that merely runs over two lines is kept.
    """
    words, newline, signature = text[region.start : region.end].partition("\n")
    if not newline or "\n" in signature:
        return False
    signature = signature.strip().strip(MARK_CHARACTERS).strip()
    if (
        not signature[:1].isupper()
        or len(signature.split()) > MAX_SIGNATURE_WORDS
        or any(c in signature for c in "?!;:")
    ):
        return False
    said = _PLAIN_WORD.findall(words)
    return len(said) >= MIN_REPEATED_WORDS and _said_again(text, said)


def is_quotation(text: str, region: QuoteRegion) -> bool:
    """Whether a region between marks can be a quotation at all (not markup, a nickname, a citation,
    a pull quote's display copy)."""
    if not any(c.isalnum() for c in text[region.start : region.end]):
        return False  # empty marks ("" or “”) quote nothing
    return not (
        is_markup_attribute(text, region)
        or is_nickname(text, region)
        or is_citation(text, region)
        or is_pull_quote(text, region)
    )


def is_embedded(text: str, region: QuoteRegion) -> bool:
    """A quotation worked into a clause in progress: a word right before its opening mark, or a word
    right after a closing mark that ends no phrase (no punctuation before it).

    In a Title Case headline this is how a quoted fragment shows ("Cruz Has ‘To Come a Long Way’ On
    Ethanol", "Reports: ‘streamlined’ UK asylum process"): case cannot tell a title from a quote there,
    but a fragment inside the headline's own syntax is a phrase borrowed or named, and it stays only if
    a reporting verb stands right beside it.
    """
    index = region.start - 1
    while index >= 0 and text[index] in " \t\u00a0":
        index -= 1
    return (index >= 0 and text[index].isalnum()) or is_continued(text, region)


def is_continued(text: str, region: QuoteRegion) -> bool:
    """A word right after a closing mark that ends no phrase: the clause goes on past the quotation."""
    inside = text[region.start : region.end].rstrip(MARK_CHARACTERS)
    after = text[region.end : region.end + 2]
    return bool(inside) and inside[-1].isalnum() and after[:1] == " " and after[1:2].isalnum()


def is_doubtful(text: str, region: QuoteRegion) -> bool:
    """Whether a region looks like a title or a scare quote, so it stays only if a verb says it.

    "“Yes,” he said" and "“Arrogant,” features a report" look alike; only the reporting verb right next
    to the first tells them apart, so the final decision is made after attribution.
    """
    return is_title(text, region) or is_scare_quote(text, region)
