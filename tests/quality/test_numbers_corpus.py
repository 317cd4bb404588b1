"""Numbers on the cases a news reader meets, from Recognizers-Text and quantulum3 (real model).

The selection rule and what "found" means are in :mod:`tests.numbers_cases`. The test prints the share
of gold numbers found per source and overall, and requires 90 % overall.
"""

from __future__ import annotations

from collections import Counter

import pytest

from tests.numbers_cases import NUMBERS, found, quantulum_cases, recognizers_cases
from tui.extract import Extractor

THRESHOLD = 0.90

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.load()


def test_numbers_found_with_the_right_span(extractor: Extractor) -> None:
    if not NUMBERS.is_dir():
        pytest.skip(f"{NUMBERS} is absent (the shared evaluation data is not checked out)")
    cases = recognizers_cases() + quantulum_cases()
    total: Counter[str] = Counter()
    passed: Counter[str] = Counter()
    misses: list[str] = []
    for case, spans in zip(cases, extractor.extract_many(case.text for case in cases), strict=True):
        predicted = [(span.start, span.end) for span in spans if span.kind == "number"]
        for gold in case.gold:
            total[case.source] += 1
            if found(case.text, gold, predicted):
                passed[case.source] += 1
            else:
                misses.append(f"{case.source}: {case.text[gold[0] : gold[1]]!r} in {case.text[:80]!r}")
    for source in sorted(total):
        print(f"{source:24} {passed[source]:4}/{total[source]:<4} {passed[source] / total[source]:.1%}")
    share = sum(passed.values()) / sum(total.values())
    print(f"numbers found with the right span: {sum(passed.values())}/{sum(total.values())} = {share:.1%}")
    print("first misses:\n  " + "\n  ".join(misses[:15]))
    assert share >= THRESHOLD
