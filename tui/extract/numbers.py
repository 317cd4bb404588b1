"""Number spans: the model's numeric entities, numerals it missed, and the value each one states.

The model finds most CARDINAL, ORDINAL, MONEY, PERCENT and QUANTITY mentions but misses some numerals
(table rows, scores, numbers next to words it does not know), so a regular expression adds digit
numerals that no other span covers. :func:`parse_value` reads the stated value ("$1.2bn" → 1.2e9,
"at least 600" → 600, "three" → 3) and gives ``None`` when a span states no single clear value
("15-20", "between 5 and 10").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tui.extract.entities import Triple, split_at_line_breaks

NumberTriple = tuple[int, int, str, float | None]
"""``(start, end, label, value)`` of one number span."""

_UNIT_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen"
)
UNITS: dict[str, int] = {word: value for value, word in enumerate(_UNIT_WORDS.split())} | {"nought": 0}
_TENS_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety"
TENS: dict[str, int] = {word: 10 * (index + 2) for index, word in enumerate(_TENS_WORDS.split())}
ORDINAL_WORDS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
    "eightieth": 80, "ninetieth": 90,
}  # fmt: skip
SCALES: dict[str, float] = {
    "thousand": 1e3, "k": 1e3, "lakh": 1e5, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6,
    "crore": 1e7, "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "thousandth": 1e3,
    "millionth": 1e6, "billionth": 1e9, "trillionth": 1e12,
}  # fmt: skip
FILLERS = frozenset({"and", "a", "an"})
"""Words allowed inside one written-out number ("one hundred and six", "a million")."""

_TOKENS = re.compile(r"\d[\d,]*(?:\.\d+)?|\.\d+|[a-z]+|-")
_NUMERAL = re.compile(
    r"(?<![\w.,/:-])"
    r"(?P<currency>(?:[A-Z]{1,3})?[$€£¥₹]\s?)?"
    r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:(?P<ordinal>st|nd|rd|th)\b"
    r"|\s?(?P<percent>%|percent\b|per cent\b)"
    r"|(?:\s?(?P<scale>million|billion|trillion|bn|mn|tn)\b)"
    r"|(?P<short>[kmb])\b)?"
    r"(?![\w,:/]|\.\d|-\w)"
)
"""A digit numeral not already inside a word, date or version string, with its currency/scale/suffix."""


def parse_value(text: str) -> float | None:
    """The single value a number span states, or ``None`` when it states none or several.

    >>> parse_value("$1.2bn"), parse_value("at least 600"), parse_value("80th"), parse_value("three")
    (1200000000.0, 600.0, 80.0, 3.0)
    """
    tokens = _TOKENS.findall(text.lower().replace("per cent", "percent"))
    total = 0.0
    current = 0.0
    started = closed = negative = False
    decimal_place = 0.0
    for index, token in enumerate(tokens):
        if token == "-":
            if not started and index + 1 < len(tokens) and tokens[index + 1][0].isdigit():
                negative = text.lstrip().startswith("-")
            continue
        number = _token_value(token)
        if number is not None:
            if closed or (started and token[0].isdigit()):
                return None
            if decimal_place:
                current += number * decimal_place
                decimal_place /= 10
            else:
                current += number
            started = True
        elif token in SCALES and started and (len(token) > 2 or tokens[index - 1][0].isdigit()):
            if closed:
                return None
            total += (current or 1) * SCALES[token]
            current = 0.0
        elif token in ("hundred", "hundredth") and (started or _follows_article(tokens, index)):
            current = (current or 1) * 100
            started = True
        elif token in SCALES and _follows_article(tokens, index) and len(token) > 2:
            total += SCALES[token]
            started = True
        elif token == "dozen" and (started or _follows_article(tokens, index)):
            current = (current or 1) * 12
            started = True
        elif token == "half" and started:
            current += 0.5
        elif token == "point" and started:
            decimal_place = 0.1
        elif token in ("minus", "negative") and not started:
            negative = True
        elif token in FILLERS:
            continue
        elif started:
            closed = True
    if not started:
        return None
    value = total + current
    return -value if negative else value


def _follows_article(tokens: list[str], index: int) -> bool:
    """Whether a scale word is preceded by "a"/"an" ("a million"), meaning one of it."""
    return index > 0 and tokens[index - 1] in ("a", "an")


def _token_value(token: str) -> float | None:
    """The value of one digit or number-word token (``None`` for any other word)."""
    if token[0].isdigit() or token[0] == ".":
        try:
            return float(token.replace(",", ""))
        except ValueError:
            return None
    if token in UNITS:
        return float(UNITS[token])
    if token in TENS:
        return float(TENS[token])
    if token in ORDINAL_WORDS:
        return float(ORDINAL_WORDS[token])
    ordinal = re.fullmatch(r"(\d+)(st|nd|rd|th)", token)
    return float(ordinal.group(1)) if ordinal else None


def find_numerals(text: str) -> Iterable[NumberTriple]:
    """Every digit numeral of ``text`` with the label and value its own form implies."""
    for match in _NUMERAL.finditer(text):
        if match.group("currency"):
            label = "MONEY"
        elif match.group("percent"):
            label = "PERCENT"
        elif match.group("ordinal"):
            label = "ORDINAL"
        else:
            label = "CARDINAL"
        surface = match.group()
        if match.group("short") and not match.group("currency"):
            # "10m" is ten million next to money but ten metres elsewhere: keep only the digits.
            end = match.end("number")
            yield match.start(), end, label, parse_value(text[match.start() : end])
            continue
        yield match.start(), match.end(), label, parse_value(surface)


def number_spans(text: str, model_numbers: Iterable[Triple], taken: Iterable[Triple]) -> list[NumberTriple]:
    """The number spans of ``text``: the model's numeric entities plus the numerals it missed.

    Args:
        text: the text the model saw.
        model_numbers: the model's CARDINAL/ORDINAL/MONEY/PERCENT/QUANTITY entities.
        taken: the other entities (names, dates, times); numerals inside them are not numbers of their own.
    """
    spans: list[NumberTriple] = []
    for start, end, label in model_numbers:
        for piece_start, piece_end in split_at_line_breaks(text, start, end):
            piece_start, piece_end = _strip(text, piece_start, piece_end)
            if piece_end > piece_start:
                spans.append((piece_start, piece_end, label, parse_value(text[piece_start:piece_end])))
    covered = sorted([(s, e) for s, e, *_ in spans] + [(s, e) for s, e, _ in taken])
    for numeral in find_numerals(text):
        if not _overlaps_any(numeral[0], numeral[1], covered):
            spans.append(numeral)
    return sorted(spans)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim white space and punctuation that cannot belong to a number at the ends of a span."""
    while start < end and (text[start].isspace() or text[start] in ",;:(\"“‘'’"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:.)\"”’'"):
        end -= 1
    return start, end


def _overlaps_any(start: int, end: int, covered: list[tuple[int, int]]) -> bool:
    """Whether ``start..end`` shares a character with any of the ``covered`` ranges."""
    return any(s < end and start < e for s, e in covered)
