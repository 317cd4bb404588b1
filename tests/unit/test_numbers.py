"""Number values and the numerals found without the model (plain unit tests, no spaCy)."""

from __future__ import annotations

import pytest

from tui.extract.numbers import find_numerals, number_spans, numeral_label, parse_value


@pytest.mark.parametrize(
    ("surface", "value"),
    [
        ("15,000", 15000),
        ("$1.2bn", 1.2e9),
        ("80th", 80),
        ("three", 3),
        ("at least 600", 600),
        ("1.2 billion", 1.2e9),
        ("50%", 50),
        ("an estimated 50,000", 50000),
        ("one hundred and six", 106),
        ("twenty-first", 21),
        ("five and a half million", 5.5e6),
        ("a million", 1e6),
        ("£8.10 million", 8.1e6),
        ("minus 5", -5),
        ("-9.25", -9.25),
        (".08", 0.08),
        ("10k", 10000),
        ("3 dozen", 36),
    ],
)
def test_parse_value(surface: str, value: float) -> None:
    assert parse_value(surface) == pytest.approx(value)


@pytest.mark.parametrize(
    "surface", ["15-20", "between 5 and 10", "several", "the first of 3", "thousands of $12", "millions"]
)
def test_no_single_clear_value(surface: str) -> None:
    assert parse_value(surface) is None


def test_numerals_the_model_missed_get_labels_from_their_form() -> None:
    text = "Essex 372 and $4.5m; 12% up, 3rd place, 1996-08-30, G7 and COVID-19."
    found = {text[s:e]: label for s, e, label, _ in find_numerals(text)}
    assert found == {"372": "CARDINAL", "$4.5m": "MONEY", "12%": "PERCENT", "3rd": "ORDINAL"}


def test_model_spans_are_completed_and_numerals_inside_dates_are_left_alone() -> None:
    text = "They paid $94,000 on 5 May for 323 million euros, plus 7 more."
    money = text.index("94,000")
    may = text.index("5 May")
    euros = text.index("323")
    spans = number_spans(
        text,
        [(money, money + 6, "MONEY"), (euros, euros + 11, "CARDINAL")],
        [(may, may + 5, "DATE")],
    )
    assert [(text[s:e], label, value) for s, e, label, value in spans] == [
        ("$94,000", "MONEY", 94000),
        ("323 million euros", "MONEY", 323e6),
        ("7", "CARDINAL", 7),
    ]


def test_written_number_cut_in_two_is_joined() -> None:
    text = "Three hundred and thirty one people"
    spans = number_spans(text, [(0, 13, "CARDINAL"), (18, 28, "CARDINAL")], [])
    assert [(text[s:e], value) for s, e, _, value in spans] == [("Three hundred and thirty one", 331)]


def test_numeral_only_entities_become_numbers_but_years_stay_dates() -> None:
    assert numeral_label("32") == "CARDINAL"
    assert numeral_label("GBP 350") == "MONEY"
    assert numeral_label("1996") is None
    assert numeral_label("Kursk") is None
