"""Publication dates, parsed once when a file is listed into one form: ISO 8601.

Sources write dates every way there is (``2019-11-20T06:35:39Z``, ``November 20, 2019 12:32``,
``Wed, 01 Nov 2023 18:00:00 GMT``, a YAML date). Each reader hands what it found to :func:`iso_date`,
which gives ``2019-11-20`` (a day) or ``2019-11-20T06:35:39+00:00`` (a moment, in UTC when the source
gave a zone), so the list shows one format (:func:`tui.model.article.format_date`) and sorts by plain string
order. The source's own string is kept in the article's metadata (:data:`ORIGINAL_KEY`).

python-dateutil does the parsing: it is small, fast to import and reads all of the forms above;
feedparser's own parsed dates are used for feeds, and trafilatura's (htmldate's) for HTML pages.
"""

from __future__ import annotations

import time
import warnings
from datetime import UTC, date, datetime
from typing import Any

ORIGINAL_KEY = "date_original"
"""Metadata key of the date exactly as the source wrote it (only when it differs from the ISO form)."""
MAX_DATE_CHARS = 80
"""Longer "dates" are not dates (a JSONL field holding a paragraph); not worth handing to the parser."""

_FIRST = datetime(2000, 1, 1, 0, 0, 0)  # defaults for the fields a string leaves out
_SECOND = datetime(2001, 2, 2, 1, 1, 1)


def iso_date(value: Any, parsed: time.struct_time | None = None) -> str | None:
    """The ISO 8601 form of a publication date, or ``None`` when ``value`` is not a whole date.

    Args:
        value: What the source gave: a string, a ``date`` or ``datetime`` (YAML front matter), or None.
        parsed: feedparser's parsed form of a feed's date (UTC), preferred when given.

    A string must name a day, month and year: ``2019`` or ``March`` alone is not a date to sort by.
    """
    if parsed is not None:
        try:
            return datetime(*parsed[:6], tzinfo=UTC).isoformat()
        except (TypeError, ValueError, OverflowError):
            pass
    if isinstance(value, datetime):
        return _moment(value)
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > MAX_DATE_CHARS:
        return None
    from dateutil import parser  # type: ignore[import-untyped]  # only when a date is listed

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # an unknown zone name ("EST") warns and reads as no zone
        try:
            first: datetime = parser.parse(text, default=_FIRST)
            second: datetime = parser.parse(text, default=_SECOND)
        except (ValueError, OverflowError, TypeError):
            return None
    if (first.year, first.month, first.day) != (second.year, second.month, second.day):
        return None  # part of the day was filled in from the defaults
    if first.hour != second.hour:
        return first.date().isoformat()  # no time of day given
    return _moment(first)


def _moment(value: datetime) -> str:
    """A datetime in ISO form to the second: in UTC when it has a zone, as written when not."""
    if value.tzinfo is not None and value.utcoffset() is not None:
        value = value.astimezone(UTC)
    return value.replace(microsecond=0).isoformat()


def date_fields(value: Any, meta: dict[str, Any], parsed: time.struct_time | None = None) -> str | None:
    """:func:`iso_date` of ``value``, noting the original string in ``meta`` when it differs."""
    iso = iso_date(value, parsed)
    if isinstance(value, str) and value.strip() and value.strip() != iso:
        meta.setdefault(ORIGINAL_KEY, value.strip())
    return iso
