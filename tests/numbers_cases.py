"""The number test cases a news reader meets, chosen from two MIT-licensed suites used by path.

Selection rule (applied mechanically, documented here so the pass rate means something):

* ``../shared/data/numbers/recognizers_text`` (Microsoft Recognizers-Text English specs): the Number,
  Ordinal, Percent and Currency models; not Dimension or Temperature (units beyond money and percent).
  A case is dropped when

  - a result has no numeric value (relative ordinals such as "the one before the last" = "end-1");
  - a result is a fraction or a power ("five eighths", "1 over 3", "2^5");
  - it uses spoken, regional or specialist forms that news copy does not ("nine point nought four",
    "three dozens", "13 lakh", "one kuai and five mao", "30 MUSD", "6.25 BTC", "100元", and amounts
    told in two numbers, "15 dollars and 50") — the patterns in ``NOT_NEWS_WORDS``;
  - a result's digits are part of a longer digit string (IP addresses, phone numbers, "5/17/2018",
    "22,24,26", "SCP-173") or grouped with spaces ("1 234 567"), see ``_digit_run``.
* ``../shared/data/numbers/quantulum3``: the gold quantities whose unit is exactly ``dimensionless``,
  ``percentage`` or a currency, except years (an integer 1000–2100 with no unit: a DATE in the OntoNotes
  scheme Gloss follows) and written fractions ("one sixth").

A gold number is *found* when the extractor returns a number span with the same start and end, or one
that only adds what spaCy's OntoNotes spans include around a number: a leading modifier ("about", "at
least", "an estimated" …), a currency sign before it or a currency word after it. OntoNotes keeps "at
least 600", "$20" and "21 yuan" whole, while Recognizers-Text's Number model marks "600", "20", "21".
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

SHARED = Path(__file__).parents[1] / ".." / "shared"
NUMBERS = SHARED / "data" / "numbers"

RECOGNIZERS_FILES = (
    "Number_English_NumberModel.json",
    "Number_English_OrdinalModel.json",
    "Number_English_PercentModel.json",
    "NumberWithUnit_English_CurrencyModel.json",
)
QUANTULUM_UNITS = frozenset(
    {"dimensionless", "percentage", "dollar", "euro", "pound sterling", "yen", "yuan"}
)
NOT_NEWS_WORDS = re.compile(
    r"\b(?:point|nought|naught|dozens?|dzs|dozs|lakhs?|crores?|kuai|mao|sixths?|halves|over|plus"
    r"|bitcoins?|satoshis?|BTC|M(?:USD|EUR|GBP|AUD)|sen)\b|[₿元ரூ]"
    r"|\b(?:dollars?|USD)\s(?:and\s)?(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|fifty|forty)"
    r"|\$ \d+ and \w",
    re.IGNORECASE,
)
MODIFIER = re.compile(
    r"^(?:about|around|approximately|roughly|nearly|almost|some|over|under|more than|less than|"
    r"fewer than|at least|at most|up to|as many as|as much as|an estimated|only|just|the|a total of)\s+"
    r"|^(?:US|C|HK)?\s?[$€£¥]\s?",
    re.IGNORECASE,
)

CURRENCY_AFTER = re.compile(
    r"\s?(?:dollars?|euros?|pounds?|yen|yuan|rupees?|USD|EUR|GBP|[$€£¥])", re.IGNORECASE
)


@dataclass(frozen=True)
class NumberCase:
    """One input text and the number spans (``start``, ``end``) it must yield."""

    source: str
    text: str
    gold: tuple[tuple[int, int], ...]


def _numeric(value: object) -> bool:
    try:
        float(str(value))
    except ValueError:
        return False
    return True


def recognizers_cases() -> list[NumberCase]:
    """The selected Recognizers-Text cases (see the module docstring)."""
    cases: list[NumberCase] = []
    for name in RECOGNIZERS_FILES:
        for item in json.loads((NUMBERS / "recognizers_text" / name).read_text(encoding="utf-8")):
            results = item.get("Results", [])
            resolutions = [r.get("Resolution") or {} for r in results]
            if any(not _numeric(r.get("value")) for r in resolutions):
                continue
            if any(r.get("subtype") in ("fraction", "power") for r in resolutions):
                continue
            text = item["Input"]
            gold = tuple((r["Start"], r["End"] + 1) for r in results)
            if NOT_NEWS_WORDS.search(text) or any(_digit_run(text, start, end) for start, end in gold):
                continue
            cases.append(NumberCase(f"recognizers/{name.split('_')[-1][:-10]}", text, gold))
    return cases


def quantulum_cases() -> list[NumberCase]:
    """The quantulum3 sentences with their dimensionless, percentage and currency quantities."""
    cases: list[NumberCase] = []
    for item in json.loads((NUMBERS / "quantulum3" / "quantities.json").read_text(encoding="utf-8")):
        text = item["req"]
        gold: list[tuple[int, int]] = []
        position = 0
        for result in item["res"]:
            start = text.find(result["surface"], position)
            if start < 0:
                continue
            position = start + len(result["surface"])
            surface = result["surface"]
            is_year = result["unit"] == "dimensionless" and re.fullmatch(r"1\d{3}|20\d{2}|2100", surface)
            if result["unit"] in QUANTULUM_UNITS and not is_year and not NOT_NEWS_WORDS.search(surface):
                gold.append((start, position))
        if gold:
            cases.append(NumberCase("quantulum3", text, tuple(gold)))
    return cases


def _digit_run(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` joins other digits by ".", "/", "-", "," or a space."""
    if re.search(r"\d[ \u202f]\d", text[start:end]):
        return True
    before = text[max(0, start - 2) : start]
    after = text[end : end + 2]
    return bool(
        re.fullmatch(r".?[\d][./\-, \u202f]|[./\-,][\d]?", before) and re.search(r"\d", before)
    ) or bool(re.match(r"[./\-, \u202f]\d", after))


def found(text: str, gold: tuple[int, int], predicted: list[tuple[int, int]]) -> bool:
    """Whether a predicted number span matches ``gold`` exactly or with only OntoNotes extras around it."""
    for start, end in predicted:
        if end < gold[1] or start > gold[0]:
            continue
        if (start == gold[0] or MODIFIER.fullmatch(text[start : gold[0]])) and (
            end == gold[1] or CURRENCY_AFTER.fullmatch(text[gold[1] : end])
        ):
            return True
    return False
