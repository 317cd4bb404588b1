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
VAGUE_SCALES = frozenset({"tens", "dozens", "hundreds", "thousands", "millions", "billions", "trillions"})
"""Plural scale words that make a span say "many" rather than a value ("thousands of $12")."""
FILLERS = frozenset({"and", "a", "an"})
"""Words allowed inside one written-out number ("one hundred and six", "a million")."""

_TOKENS = re.compile(r"\d[\d,]*(?:\.\d+)?|\.\d+|[a-z]+|-")
_NUMERAL = re.compile(
    r"(?<![\w.,/:-])(?:[-−](?=\d))?"
    r"(?P<currency>(?:[A-Z]{1,3})?[$€£¥₹]\s?|(?:USD|EUR|GBP|JPY|CNY|CHF|CAD|AUD|HKD|INR)\s?|(?:RM|Rs\.?|DM)\s?)?"
    r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    r"(?:(?P<ordinal>st|nd|rd|th)\b"
    r"|\s?(?P<percent>%|percent\b|per cent\b)"
    r"|(?:\s?(?P<scale>million|billion|trillion|bn|mn|tn)\b)"
    r"|(?P<short>[kKmMbB])\b)?"
    r"(?![\w,:/]|\.\d|-\w)"
)
"""A digit numeral not already inside a word, date or version string, with its currency/scale/suffix."""


_RANGE = re.compile(r"(?<![\w.,/:#-])\d+(?:\.\d+)?[-–]\d+(?:\.\d+)?(?![\w,:/-]|\.\d)")
"""A score or range written with a hyphen or en dash and no spaces ("6-2", "62-31"): one number."""

_PERIOD_HALF = re.compile(
    r"(?:first|second|third|fourth|final|last|other|latter|former|opening|closing)\s+\Z", re.I
)
"""Words before a "half" that is a part of a match or a year ("the second half"), not a count."""


def _is_no_number(text: str, start: int, end: int) -> bool:
    """Whether a span the model took for a number states none.

    A sign alone (the "#" of a hashtag), a "half" that is a period of play ("in the second half"), or
    digits inside a code or name joined by a hyphen or glued to letters ("Caa-1", "B-3", "F-16").
    """
    surface = text[start:end]
    if not any(c.isalnum() for c in surface):
        return True
    if surface.lower() == "half" and _PERIOD_HALF.search(text, max(0, start - 12), start):
        return True
    if (
        surface[0].isdigit()
        and start > 0
        and (text[start - 1].isalpha() or (text[start - 2 : start - 1].isalpha() and text[start - 1] == "-"))
    ):
        return True
    return bool(re.match(r"-[A-Za-z]", text[end : end + 2])) and surface[-1].isdigit()


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
        elif token in VAGUE_SCALES:
            return None
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


_SCALE_WORDS = "hundred thousand million billion trillion hundredth thousandth millionth billionth trillionth"
_NUMBER_WORD = "|".join(
    sorted(
        [*UNITS, *TENS, *_SCALE_WORDS.split(), *(w for w in ORDINAL_WORDS if w != "second")],
        key=len,
        reverse=True,
    )
)
_WRITTEN = re.compile(
    rf"(?<![\w-])(?:(?:an?\s+)?(?:{_NUMBER_WORD})(?:(?:\s+and\s+|\s+|-)(?:{_NUMBER_WORD}))+"
    rf"|(?:minus|negative)\s+(?:{_NUMBER_WORD})(?:(?:\s+and\s+|\s+|-)(?:{_NUMBER_WORD}))*)(?![\w-])",
    re.IGNORECASE,
)
"""Two or more number words in a row ("two hundredth", "a hundred thousand", "minus one"): one number."""


def find_numerals(text: str) -> Iterable[NumberTriple]:
    """Every numeral of ``text`` (digits, or several number words) with the label its form implies."""
    for match in _WRITTEN.finditer(text):
        last = re.split(r"[\s-]", match.group())[-1].lower()
        label = "ORDINAL" if last in ORDINAL_WORDS or last.endswith("th") else "CARDINAL"
        yield match.start(), match.end(), label, parse_value(match.group())
    for match in _RANGE.finditer(text):
        yield match.start(), match.end(), "CARDINAL", None
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

    The model's spans are completed with what this model tends to leave out: the currency sign or code
    ("$94,000" comes back as "94,000"), a sign or "minus", a scale or currency word after the digits
    ("10 bn", "323 million euros"), and the second half of a written-out number it cut in two ("Three
    hundred" + "thirty one").

    Args:
        text: the text the model saw.
        model_numbers: the model's CARDINAL/ORDINAL/MONEY/PERCENT/QUANTITY entities.
        taken: the other entities (names, dates, times); numerals inside them are not numbers of their own.
    """
    blocked = sorted((s, e) for s, e, _ in taken)
    pieces: list[Triple] = []
    for start, end, label in model_numbers:
        for piece_start, piece_end in split_at_line_breaks(text, start, end):
            piece_start, piece_end = _strip(text, piece_start, piece_end)
            if piece_end > piece_start and not _is_no_number(text, piece_start, piece_end):
                if label == "MONEY" and text[piece_start - 1 : piece_start] == "#":
                    label = "CARDINAL"  # "#2 browser": a number sign, not a currency
                pieces.append((piece_start, piece_end, label))
    covered = [(s, e) for s, e, _ in pieces] + blocked
    for start, end, label, _ in find_numerals(text):
        if not _overlaps_any(start, end, covered):
            pieces.append((start, end, label))
    spans: list[NumberTriple] = []
    for start, end, label in _merge_written(text, sorted(pieces)):
        start, end, label = _complete(text, start, end, label, blocked)
        spans.append((start, end, label, parse_value(text[start:end])))
    return sorted(spans)


_CURRENCY_SIGNS = "$€£¥₹₩₽₺₦₡₭"
_CODES = r"USD|EUR|GBP|JPY|CNY|RMB|CHF|CAD|AUD|HKD|INR|NZD|MXN|SGD|MYR|ZAR|BRL|KRW|RUB|SEK|NOK|DKK"
_BEFORE = re.compile(
    rf"(?:(?<![\w.])(?:(?:US|U\.S\.?|C|HK|NZ|NT|Mex|AU|CA)\s?|(?-i:A|S|R)))?[{_CURRENCY_SIGNS}]\s?\Z"
    rf"|(?<![\w])(?:{_CODES})\s?\Z|(?<![\w])(?:{_CODES})\$\s?\Z|(?<![\w])(?-i:RM|Rs\.?|DM)\s?\Z"
    r"|(?<![\w\d])-\Z|(?<![\w])(?:minus|negative)\s\Z",
    re.IGNORECASE,
)
_CODE_BEFORE = re.compile(
    r"(?<![\w.])(?:(?:US|U\.S\.?|C|HK|NZ|NT|Mex|AU|CA)\s?|USD|MXN|AUD|CAD|NZD|HKD|SGD|(?-i:A|S|R))\Z",
    re.IGNORECASE,
)
_SCALE_AFTER = re.compile(
    r"(?:\s?(?:%|percent\b|per cent\b)|[kKMB]\b|\s?(?:bn|mn|bln|mln|tn|tln|trn)\b"
    r"|\s(?:hundredth|thousandth|millionth|billionth|trillionth)\b"
    r"|\s(?:hundred|thousand|million|billion|trillion|dozens?|lakhs?|crores?)\b)",
)
_CURRENCY_AFTER = re.compile(
    rf"\s?[{_CURRENCY_SIGNS}]|\s?(?i:{_CODES})\b"
    r"|\s(?:dollars?|euros?|pounds?|yen|yuan|rupees?|francs?|pesos?|cents?|pence|rubles?|roubles?|lire|lira"
    r"|ringgit|rand|won|baht|marks|dlrs?|cts|stg)\b",
)
_SECOND_HALF = re.compile(r"[-–](?:\d+(?:\.\d+)?)(?![\w-])")
"""The other side of a score or range written with a hyphen or en dash and no spaces ("6-2")."""
_UNITS = (
    "teaspoons? tablespoons? cups? pints? quarts? gallons? litres? liters? millilitres? milliliters? "
    "grams? kilograms? kilos? milligrams? tonnes? tons? ounces? pounds? lbs? "
    "millimetres? millimeters? centimetres? centimeters? metres? meters? kilometres? kilometers? "
    "inches feet foot yards? miles? acres? hectares? "
    "watts? kilowatts? megawatts? gigawatts? kilowatt-hours? megawatt-hours? volts? amps? "
    "barrels? bushels? calories degrees knots bytes kilobytes megabytes gigabytes terabytes"
)
_UNIT_AFTER = re.compile(rf"\s(?:square\s|cubic\s)?(?:{'|'.join(_UNITS.split())})\b", re.IGNORECASE)
"""A unit of measurement after a count: the pair is a QUANTITY ("3 teaspoons", "12 square miles")."""
_WRITTEN_SCALE_END = re.compile(r"(?:hundred|thousand|million|billion|trillion|lakh|crore)\Z", re.IGNORECASE)
_JOINER = re.compile(r"\s+(?:and\s+)?\Z")


def _complete(text: str, start: int, end: int, label: str, blocked: list[tuple[int, int]]) -> Triple:
    """Extend one number span over its sign/currency before and its scale/currency words after.

    Also a hyphenated score or range ("won 6-2", "voted 62-31", "15-20") is one span, and a count
    followed by a unit of measurement ("3 teaspoons", "400 megawatts") a QUANTITY with its unit.
    """
    second = _SECOND_HALF.match(text, end)
    if second and not _overlaps_any(end, second.end(), blocked):
        end = second.end()
    if text[start] in _CURRENCY_SIGNS:
        code = _CODE_BEFORE.search(text, max(0, start - 5), start)
        if code and not _overlaps_any(code.start(), start, blocked):
            start = code.start()
    before = _BEFORE.search(text, max(0, start - 6), start)
    if before and not _overlaps_any(before.start(), start, blocked):
        if any(c in _CURRENCY_SIGNS for c in before.group()) or before.group().strip().isupper():
            label = "MONEY"
        start = before.start()
    for pattern in (_SCALE_AFTER, _CURRENCY_AFTER):
        after = pattern.match(text, end)
        if after and not _overlaps_any(end, after.end(), blocked):
            word = after.group().strip().lower()
            if pattern is _CURRENCY_AFTER:
                label = "MONEY"
            elif word in ("%", "percent", "per cent"):
                label = "PERCENT"
            end = after.end()
    if re.search(r"(?:%|percent|per cent)\Z", text[start:end], re.IGNORECASE):
        label = "PERCENT"
    if label == "CARDINAL":
        unit = _UNIT_AFTER.match(text, end)
        if unit and not _overlaps_any(end, unit.end(), blocked):
            end, label = unit.end(), "QUANTITY"
    return start, end, label


def _merge_written(text: str, pieces: list[Triple]) -> list[Triple]:
    """Join a number ending in a scale word with the number right after it ("two thousand and two")."""
    merged: list[Triple] = []
    for start, end, label in pieces:
        if merged:
            last_start, last_end, last_label = merged[-1]
            gap = text[last_end:start]
            if (
                last_end <= start
                and _JOINER.fullmatch(gap)
                and _WRITTEN_SCALE_END.search(text, last_start, last_end)
                and _largest_scale(text[start:end]) < _largest_scale(text[last_start:last_end].split()[-1])
                and not re.match(r"minus|negative", text[start:end], re.IGNORECASE)
            ):
                merged[-1] = (last_start, end, last_label)
                continue
        merged.append((start, end, label))
    return merged


def _largest_scale(words: str) -> float:
    """The largest scale word in ``words`` (1 when there is none): "two thousand" → 1000."""
    return max((SCALES.get(w, 100.0 if w == "hundred" else 1.0) for w in words.lower().split()), default=1.0)


def numeral_label(surface: str) -> str | None:
    """The number label of an entity that is only a numeral ("32", "10k", "GBP 350"), else ``None``.

    The model sometimes gives such a span a name or date label; a four-digit year stays a DATE.
    """
    if re.fullmatch(r"1\d{3}|20\d{2}", surface):
        return None
    if _WRITTEN.fullmatch(surface):
        return next(iter(find_numerals(surface)))[2]
    if _NUMERAL.fullmatch(surface) is None:
        return None
    return next(iter(find_numerals(surface)))[2]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim white space and punctuation that cannot belong to a number at the ends of a span."""
    while start < end and (text[start].isspace() or text[start] in ",;:(\"“‘'’"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:.)\"”’'"):
        end -= 1
    for joiner in (" and", " or"):
        if text.endswith(joiner, start, end):
            return _strip(text, start, end - len(joiner))
    return start, end


def _overlaps_any(start: int, end: int, covered: list[tuple[int, int]]) -> bool:
    """Whether ``start..end`` shares a character with any of the ``covered`` ranges."""
    return any(s < end and start < e for s, e in covered)
