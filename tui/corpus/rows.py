"""One article's spans as rows of the index: identities, a number's counted noun and sentence, a day.

Everything here is computed once, when an article is indexed, so that the queries are plain index scans:
the sentence around each number (its offsets, not its text: the text is in the FTS table), the noun a
number counts ("15,000 troops"), the named thing the sentence is about, and who is speaking when the
number stands inside a quote.
"""

from __future__ import annotations

import json
import re
import sqlite3
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import NamedTuple

from tui.corpus.identity import EntityMerges, article_identities, normalise_spaces, word_set
from tui.model import Span, Speaker

ABOUT_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
"""Entities a figure can be about ("15,000 troops" near "North Korea")."""

SENTENCE_LIMIT = 400
"""At most this many characters either side of a number are searched for its sentence's ends."""

_SENTENCE_END = re.compile(r"[.!?]['’\"”)]*\s|\n")
_NOUN_AFTER = re.compile(
    r"\s*(?:(?:of|more|additional|new|other|extra|active|armed|[A-Z][\w'’-]*|[\w-]+-\w+)\s+){0,3}"
    r"(?P<noun>[a-z][a-z'’-]*[a-z])"
)
_NOT_NOUNS = word_set(
    "and or but in on at to for from by with than as the a an is are was were be been has have had that "
    "which who this these those it its per said says percent year years old"
)
_DATE_LINE = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_DATE_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d\d)-(\d\d)-(\d\d)(?!\d)")


class IndexedSpan(NamedTuple):
    """A span as it goes into the index: the span, who made it and its review status (a tuple: an
    index build makes hundreds of thousands of them)."""

    span: Span
    source: str = "model"
    status: str = "suggested"


ENTITY_INSERT = (
    "INSERT INTO spans (id, article_id, day, kind, label, start, end, text, raw_ident, ident, source, "
    "status) "
    "VALUES (?1, ?2, ?3, 'entity', ?4, ?5, ?6, ?7, ?8, ?8, 'model', 'suggested')"
)
"""How a model's entity goes in, the commonest span: everything it leaves NULL, and its kind, source and
status, are in the statement, and its identity is bound once for both identity columns (binding a
parameter, a NULL most of all, is most of a bulk insert's cost in ``sqlite3``)."""

QUOTE_INSERT = (
    "INSERT INTO spans (id, article_id, day, kind, label, start, end, text, cue, speaker_start, "
    "speaker_end, speaker_text, speaker_name, raw_speaker_ident, speaker_ident, source, status) "
    "VALUES (?1, ?2, ?3, 'quote', ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13, 'model', 'suggested')"
)
"""A model's quote (no value), its speaker's identity bound once."""

NUMBER_INSERT = (
    "INSERT INTO spans (id, article_id, day, kind, label, start, end, text, value, noun, about, "
    "context_start, context_end, quote_speaker, raw_about, source, status) "
    "VALUES (?1, ?2, ?3, 'number', ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 'model', 'suggested')"
)
"""A model's number: none of the entity and speaker columns."""

SPAN_COLUMNS = (
    "id, article_id, day, kind, label, start, end, text, raw_ident, ident, value, cue, speaker_start, "
    "speaker_end, speaker_text, speaker_name, raw_speaker_ident, speaker_ident, noun, about, "
    "context_start, context_end, quote_speaker, source, status, raw_about"
)
"""Every column of ``spans``: what any other span (a person's, a merged identity) fills."""

EntityRow = tuple[int, int, str, str, int, int, str, str | None]
QuoteRow = tuple[
    int, int, str, str, int, int, str, str | None, int | None, int | None, str | None, str | None,
    str | None,
]  # fmt: skip
NumberRow = tuple[
    int, int, str, str, int, int, str, float | None, str | None, str | None, int, int, str | None,
    str | None,
]  # fmt: skip
SpanRow = tuple[
    int, int, str, str, str, int, int, str, str | None, str | None, float | None, str | None,
    int | None, int | None, str | None, str | None, str | None, str | None, str | None, str | None,
    int | None, int | None, str | None, str, str, str | None,
]  # fmt: skip


@dataclass(slots=True)
class ArticleRows:
    """One article's ``spans`` rows, split by the columns they fill.

    A model's entity binds 8 parameters of the 26 columns, a quote 13 and a number 14 (see
    :data:`ENTITY_INSERT`): the others are NULL or constants in the statement. Rows carry their ``id``
    so that ids keep the reading order whatever the statement that wrote them.
    """

    entities: list[EntityRow] = field(default_factory=list)
    quotes: list[QuoteRow] = field(default_factory=list)
    numbers: list[NumberRow] = field(default_factory=list)
    others: list[SpanRow] = field(default_factory=list)
    """Any span whose columns are not those of its kind's narrow row (a person's, a merged identity)."""
    dirty: set[tuple[str, str]] = field(default_factory=set)
    """``(kind, identity)`` of every aggregate these rows count towards (see the ``dirty`` table)."""

    def __len__(self) -> int:
        return len(self.entities) + len(self.quotes) + len(self.numbers) + len(self.others)

    def extend(self, other: ArticleRows) -> None:
        """Add another article's rows (a batch is written with one statement per row shape)."""
        self.entities.extend(other.entities)
        self.quotes.extend(other.quotes)
        self.numbers.extend(other.numbers)
        self.others.extend(other.others)
        self.dirty |= other.dirty


def span_rows(
    article_id: int,
    key: str,
    text: str,
    day: str | None,
    spans: Sequence[IndexedSpan],
    merges: EntityMerges,
    first_id: int,
) -> ArticleRows:
    """The ``spans`` rows of one article (``spans`` in reading order), with ids from ``first_id`` on."""
    plain = [s.span for s in spans]
    raw = article_identities(plain)
    resolved = raw if merges.is_empty() else [r if r is None else merges.resolve(r, key) for r in raw]
    quotes = [(s.start, s.end, i) for i, s in enumerate(plain) if s.kind == "quote"]
    about_raw = [
        (s.start, r) for s, r in zip(plain, raw, strict=True) if r is not None and s.label in ABOUT_LABELS
    ]
    about_resolved = [(s.start, r) for s, r in zip(plain, resolved, strict=True)
                      if r is not None and s.label in ABOUT_LABELS]  # fmt: skip
    about_starts = [start for start, _ in about_raw]
    quote_starts = [q[0] for q in quotes]
    out = ArticleRows()
    entities, quote_rows, numbers, others = out.entities, out.quotes, out.numbers, out.others
    dirty = out.dirty
    day = day or ""  # sorts before every date, so undated articles come last when newest go first
    for index, item in enumerate(spans):
        span = item.span
        span_id = first_id + index
        speaker = span.speaker
        if span.kind == "entity":
            raw_ident, ident = raw[index], resolved[index]
            if ident is not None:
                dirty.add(("entity", ident))
            if (
                raw_ident == ident
                and span.value is None
                and span.cue is None
                and speaker is None
                and span.speaker_name is None
                and item.source == "model"
                and item.status == "suggested"
            ):
                entities.append(
                    (span_id, article_id, day, span.label, span.start, span.end, span.text, ident)
                )
                continue
            others.append((
                span_id, article_id, day, span.kind, span.label, span.start, span.end, span.text,
                raw_ident, ident, span.value, span.cue, speaker.start if speaker else None,
                speaker.end if speaker else None, speaker.text if speaker else None, span.speaker_name,
                None, None, None, None, None, None, None, item.source, item.status, None,
            ))  # fmt: skip
            continue
        if span.kind == "quote":
            raw_speaker, speaker_ident = raw[index], resolved[index]
            if speaker_ident is not None:
                dirty.add(("speaker", speaker_ident))
            if (
                raw_speaker == speaker_ident
                and span.value is None
                and item.source == "model"
                and item.status == "suggested"
            ):
                quote_rows.append((
                    span_id, article_id, day, span.label, span.start, span.end, span.text, span.cue,
                    speaker.start if speaker else None, speaker.end if speaker else None,
                    speaker.text if speaker else None, span.speaker_name, speaker_ident,
                ))  # fmt: skip
                continue
            others.append((
                span_id, article_id, day, span.kind, span.label, span.start, span.end, span.text, None, None,
                span.value, span.cue, speaker.start if speaker else None, speaker.end if speaker else None,
                speaker.text if speaker else None, span.speaker_name, raw_speaker, speaker_ident,
                None, None, None, None, None, item.source, item.status, None,
            ))  # fmt: skip
            continue
        noun = counted_noun(text, span)
        context_start, context_end = sentence_around(text, span.start, span.end)
        about = _about(about_resolved, about_starts, context_start, context_end, span.start)
        raw_about = (
            about
            if resolved is raw
            else _about(about_raw, about_starts, context_start, context_end, span.start)
        )
        quote_speaker = None
        position = bisect_right(quote_starts, span.start)
        for start, end, quote_index in reversed(quotes[max(0, position - 3) : position]):
            if start <= span.start and span.end <= end:  # quotes barely nest: three are plenty
                quote = plain[quote_index]
                quote_speaker = quote.speaker_name or (quote.speaker.text if quote.speaker else None)
                break
        if noun is not None and about is not None:
            dirty.add(("figure", f"{noun}\x1f{about}"))
        if (
            span.kind == "number"
            and span.cue is None
            and speaker is None
            and span.speaker_name is None
            and item.source == "model"
            and item.status == "suggested"
        ):
            numbers.append((
                span_id, article_id, day, span.label, span.start, span.end, span.text, span.value, noun,
                about, context_start, context_end, quote_speaker, raw_about,
            ))  # fmt: skip
            continue
        others.append((
            span_id, article_id, day, span.kind, span.label, span.start, span.end, span.text, None, None,
            span.value, span.cue, speaker.start if speaker else None, speaker.end if speaker else None,
            speaker.text if speaker else None, span.speaker_name, None, None, noun, about,
            context_start, context_end, quote_speaker, item.source, item.status, raw_about,
        ))  # fmt: skip
    return out


def _about(
    named: Sequence[tuple[int, str]], starts: Sequence[int], start: int, end: int, at: int
) -> str | None:
    """The identity of the named entity nearest to offset ``at`` within ``[start, end)``.

    Args:
        named: ``(start, identity)`` of the entities a figure can be about, in reading order.
        starts: their starts, for the binary search.
    """
    best: tuple[int, str] | None = None
    for position in range(bisect_left(starts, start), bisect_left(starts, end)):
        entity_start, ident = named[position]
        distance = abs(entity_start - at)
        if best is None or distance < best[0]:
            best = (distance, ident)
    return best[1] if best else None


def counted_noun(text: str, span: Span) -> str | None:
    """What a number counts or measures: ``"troops"`` for "15,000 troops", ``"%"`` for a percentage.

    Money is counted in its currency, percentages in ``%``, quantities in the unit written in the span
    ("5 km" → ``"km"``); other numbers in the first lower-case word after them, skipping a few modifiers
    and capitalised words ("15,000 North Korean troops" → ``"troops"``).
    """
    if span.label == "PERCENT":
        return "%"
    if span.label == "MONEY":
        symbol = re.search(r"[$€£¥₹]|\b(?:dollars?|euros?|pounds?|yen|yuan|rupees?)\b", span.text, re.I)
        return symbol.group(0).lower().rstrip("s") if symbol else "money"
    if span.label == "QUANTITY":
        words = re.findall(r"[^\W\d_]+", span.text)
        return words[-1].lower() if words else None
    if span.label == "ORDINAL":
        return None
    match = _NOUN_AFTER.match(text, span.end, min(len(text), span.end + 80))
    if match is None:
        return None
    noun = match.group("noun").lower()
    return None if noun in _NOT_NOUNS else noun


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The offsets of the sentence (or line) holding ``text[start:end]``, trimmed of white space."""
    low = max(0, start - SENTENCE_LIMIT)
    begin = low
    for match in _SENTENCE_END.finditer(text, low, start):
        begin = match.end()
    found = _SENTENCE_END.search(text, end, min(len(text), end + SENTENCE_LIMIT))
    if found is None:
        finish = min(len(text), end + SENTENCE_LIMIT)
    else:  # keep the full stop, not the line break
        finish = found.start() if text[found.start()] == "\n" else found.start() + 1
    while begin < start and text[begin].isspace():
        begin += 1
    while finish > end and text[finish - 1].isspace():
        finish -= 1
    return begin, finish


CUT = "…"
"""Marks the side where a line of context was cut short of its sentence."""


def context_line(text: str, start: int, end: int, width: int = 120) -> tuple[str, int, int]:
    """One line of context around ``text[start:end]``: the line, and the mention's offsets in it.

    The line is the mention's sentence, white space collapsed; a sentence longer than ``width`` is cut
    around the mention at word boundaries (a word longer than the room is the only one cut inside), and
    each side cut starts or ends with "…", so a reader can tell a cut from the end of the sentence.
    Only the line and the offsets into it depend on this: the mention's offsets in the article (what
    opening it uses) are the caller's ``start`` and ``end``.
    """
    sentence_begin, sentence_finish = sentence_around(text, start, end)
    room = max(0, width - (end - start))
    begin = max(sentence_begin, start - room // 2)
    finish = min(sentence_finish, end + room - (start - begin))
    cut_before, cut_after = begin > sentence_begin, finish < sentence_finish
    if cut_before and not text[begin - 1].isspace():
        space = next((i for i in range(begin, start) if text[i].isspace()), None)
        begin = begin if space is None else space + 1  # the cut word goes, unless it is the mention's
    if cut_after and not text[finish].isspace():
        space = next((i for i in range(finish - 1, end - 1, -1) if text[i].isspace()), None)
        finish = finish if space is None else space
    before = text[begin:start]
    flat = normalise_spaces(before) + (" " if before[-1:].isspace() else "")
    if cut_before:
        flat = CUT + flat
    mention = normalise_spaces(text[start:end])
    after = (" " if text[end:finish][:1].isspace() else "") + normalise_spaces(text[end:finish])
    if cut_after:
        after = after.rstrip() + CUT
    return flat + mention + after, len(flat), len(flat) + len(mention)


def parse_day(given: str | None, text: str, path: Path) -> str | None:
    """The article's day as ``YYYY-MM-DD``: from its metadata, else a dateline, else its file name.

    A dateline is one of the first three lines when the whole line reads as a date ("Friday, July 21,
    2017", as Wikinews writes them). ``None`` when nothing gives a date.
    """
    candidates = [given] if given else []
    lines = text[:400].splitlines()[:3]
    candidates += [line for line in lines if len(line) <= 40 and _DATE_LINE.search(line)]
    for candidate in candidates:
        day = _parse_date(candidate)
        if day is not None:
            return day
    if (match := _DATE_IN_NAME.search(path.name)) is not None:
        try:
            return date(int(match[1]), int(match[2]), int(match[3])).isoformat()
        except ValueError:
            return None
    return None


_DATE_FORMATS = ("%A, %B %d, %Y", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%A %d %B %Y",
                 "%Y/%m/%d", "%B %Y")  # fmt: skip
"""Written dates Gloss reads besides ISO 8601 and RFC 2822 (feeds)."""


def _parse_date(value: str) -> str | None:
    """An ISO day from a date in a common written form, or ``None``."""
    value = value.strip()
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        pass
    for form in _DATE_FORMATS:
        try:
            return datetime.strptime(value, form).date().isoformat()
        except ValueError:
            continue
    try:
        from email.utils import parsedate_to_datetime  # here: only a feed's dates need it

        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def stored_suggestions(connection: sqlite3.Connection, article_id: int, stored: str | None) -> list[Span]:
    """The model's spans of an indexed article (the extraction cache), from JSON or from its rows."""
    if stored is not None:
        return [Span.from_json(item) for item in json.loads(stored)]
    rows = connection.execute(
        "SELECT start, end, label, kind, text, value, cue, speaker_start, speaker_end, speaker_text, "
        "speaker_name FROM spans WHERE article_id = ? ORDER BY start, end DESC, label",
        (article_id,),
    )
    return [
        Span(start, end, label, kind, text, value, cue,
             Speaker(s_start, s_end, s_text) if s_text is not None else None, name)
        for start, end, label, kind, text, value, cue, s_start, s_end, s_text, name in rows
    ]  # fmt: skip
