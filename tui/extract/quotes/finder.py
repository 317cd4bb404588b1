"""The quotation finder: direct quotes in a news text, with their reporting verb and speaker.

It works in three steps, each in its own module:

1. :mod:`~tui.extract.quotes.marks` pairs quotation marks in one pass over the text (curly, straight and
   wire ``''`` marks, quotes running over paragraphs, resynchronising at paragraph ends), and
   :mod:`~tui.extract.quotes.filters` drops titles, nicknames, scare quotes and markup;
2. :mod:`~tui.extract.quotes.frames` condenses the paragraphs that hold quotations, each quotation shrunk
   to a stub, and only those are parsed, so the parser (the expensive part of the pipeline) never sees
   the rest of the text nor the words inside quotations;
3. :mod:`~tui.extract.quotes.speakers` reads cue and speaker off the parse, and
   :mod:`~tui.extract.quotes.names` resolves pronouns and bare surnames to the fullest earlier name.

A quotation with no attribution of its own takes the speaker of another quotation in its paragraph, or
of the quotation in the paragraph just before it (news style: a speaker's next paragraph of quotes).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from tui.extract.quotes.filters import (
    is_continued,
    is_doubtful,
    is_embedded,
    is_named_work,
    is_quotation,
    is_scare_quote,
    is_title,
)
from tui.extract.quotes.frames import Frame, build_frames
from tui.extract.quotes.marks import QuoteRegion, find_headline_quotes, find_quote_regions, paragraph_bounds
from tui.extract.quotes.names import NameResolver
from tui.extract.quotes.speakers import attribute
from tui.model import QUOTE_LABEL, Span, Speaker

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

PARSE_PIPES: Final = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
"""Components run over the condensed frames: the parse and lemmas, not the entities (the caller has them)."""

SPEAKER_LABELS: Final = frozenset({"PERSON", "ORG", "NORP", "GPE"})
"""Entity labels that can name a source; a speaker phrase is widened to cover such an entity."""

MAX_HEADLINE_CHARS: Final = 160
"""A first line longer than this is a paragraph of body text, not a headline (for headline fragments)."""

BATCH_SIZE: Final = 64
"""Frames per ``nlp.pipe`` batch. Frames are short (a paragraph or less, quotations shrunk to stubs), and
for those larger batches win: on War and Peace's frames 8 → 5.4 s, 32 → 4.6 s, 128 → 4.3 s per 1,500."""


@dataclass(slots=True)
class _Found:
    region: QuoteRegion
    cue: tuple[int, int] | None = None
    speaker: tuple[int, int] | None = None
    inherited: bool = False
    weak: bool = False
    doubtful: bool = False
    fragment: bool = False
    """A fragment inside a headline's syntax: only a reporting verb beside it makes it a quotation."""
    continued: bool = False
    """The clause goes on right after the closing mark ("Reports: ‘streamlined’ UK asylum process")."""
    adjacent: bool = False
    named_work: bool = False
    """A show, book or film named with its owner ("on ABC’s “This Week”"): parsed as a stub, never kept."""
    inner_title: bool = False
    """A Title Case name worked into the clause ("told “Fox and Friends,” adding"): a verb must take it."""


def find_quotes(text: str, nlp: Language, entities: Sequence[Span]) -> list[Span]:
    """Direct quotations in ``text`` with their cue, speaker and the speaker's fullest name.

    Args:
        text: the article text exactly as read.
        nlp: a loaded English pipeline with a parser (``en_core_web_sm``); only its tagger, parser and
            lemmatizer run, over the paragraphs around quotations (also when the caller disabled them at
            load time); the pipeline itself is never changed, so threads may share it. A pipeline without a
            parser still finds the quotations, without cues or speakers.
        entities: the caller's entity spans over ``text`` (PERSON, ORG…), used for speaker spans and names.

    Returns:
        Quote spans (kind ``quote``, label ``QUOTE``) in reading order, marks included.
    """
    paragraphs = paragraph_bounds(text)
    regions = [r for r in find_quote_regions(text) if r.closed and is_quotation(text, r)]
    regions += [h for h in find_headline_quotes(text) if not any(_overlaps(h, r) for r in regions)]
    regions.sort(key=lambda r: r.start)
    if not regions:
        return []
    headline = paragraphs[0][1] if paragraphs else 0
    # A headline is in Title Case and quotes in single marks: only the scare-quote test applies there,
    # and a fragment worked into the headline's syntax (a first line as long as a paragraph is not one).
    short = headline - (paragraphs[0][0] if paragraphs else 0) <= MAX_HEADLINE_CHARS
    found = [
        _Found(
            r,
            doubtful=is_doubtful(text, r),
            named_work=is_named_work(text, r),
            inner_title=is_title(text, r) and is_embedded(text, r),
        )
        if r.start >= headline
        else _Found(
            r,
            doubtful=is_scare_quote(text, r),
            fragment=short and is_embedded(text, r),
            continued=is_continued(text, r),
        )
        for r in regions
    ]
    _signatures(text, found)
    frames = build_frames(text, regions, paragraphs)
    _attribute_frames(text, nlp, frames, found)
    # Titles and scare quotes stay only when a reporting verb stands right next to them.
    found = [item for item in found if _stays(item)]
    _headlines(text, found, entities, paragraphs)
    _inherit(text, found, paragraphs)
    found = [item for item in found if not _mentioned(text, item, headline)]
    return _spans(text, found, entities)


def _mentioned(text: str, item: _Found, headline: int) -> bool:
    """A phrase worked into a body sentence that no one is found to say is mentioned, not quoted.

    "the term “kitchen sink”", "known as “the yuca primary”", "an unaligned “Wyoming first” push": a
    fragment inside the clause (a word right before its opening mark, or the clause going on right
    after it) with no speaker in its sentence, its paragraph or the paragraph before names a slogan, a
    term or a title. A fragment someone is found to say ("Ruiz called it “a road to nowhere”") stays,
    and so does a quotation that opens its own sentence (“We will win.”), said or not.
    """
    return (
        item.speaker is None
        and item.region.start >= headline
        and is_embedded(text, item.region)
    )


def _stays(item: _Found) -> bool:
    """Titles and scare quotes need a reporting verb beside them, and so does a headline fragment.

    "Governor Mills Lauded “A Historic Day”" and "“Disgusting Fraud,” Lawmakers Say" report a phrase;
    "Calls ISIS Violence ‘Genocide’" (words between) names one, and "Reports: ‘streamlined’ UK asylum
    process" quotes a modifier of what follows, so only a verb after the quotation counts there.
    """
    if item.named_work:
        return False
    if item.inner_title and item.cue is not None and item.cue[0] >= item.region.end:
        # "author of “Our Unwritten Law,” put it", "made famous in “The Long Week,” Ruiz noted": the
        # verb after the name reports the sentence; only a verb before takes it ("chanting “Dump Trump”").
        return False
    if item.fragment:
        after = item.cue is not None and item.cue[0] >= item.region.end
        return item.adjacent and (after or not item.continued)
    return not item.doubtful or item.adjacent


def _overlaps(a: QuoteRegion, b: QuoteRegion) -> bool:
    return a.start < b.end and b.start < a.end


def parse(nlp: Language, texts: Iterable[str]) -> Iterator[Doc]:
    """Tagged and parsed docs of ``texts``, without changing the pipeline's state.

    The entity pass and other threads share ``nlp``, so the parse components are chosen per call
    (``nlp.pipe(..., disable=...)``) rather than switched on and off. A component the caller disabled
    at load time is not in ``nlp.pipeline``; then the parse components are run one after the other
    from ``nlp.components``, which holds them all.
    """
    wanted = [name for name, _ in nlp.components if name in PARSE_PIPES]
    if all(name in nlp.pipe_names for name in wanted):
        others = [name for name in nlp.pipe_names if name not in PARSE_PIPES]
        yield from nlp.pipe(texts, batch_size=BATCH_SIZE, disable=others)
        return
    docs: Iterable[Doc] = (nlp.make_doc(text) for text in texts)
    for name, component in nlp.components:
        if name in PARSE_PIPES:
            docs = _run(component, docs)
    yield from docs


def _run(component: Any, docs: Iterable[Doc]) -> Iterator[Doc]:
    """One pipeline component over a stream of docs (batched where the component can batch)."""
    if hasattr(component, "pipe"):
        yield from component.pipe(docs, batch_size=BATCH_SIZE)
    else:
        yield from (component(doc) for doc in docs)


def _attribute_frames(text: str, nlp: Language, frames: list[Frame], found: list[_Found]) -> None:
    """Parse the frames and read each quotation's cue and speaker off the parse."""
    docs = parse(nlp, (frame.text for frame in frames))
    for frame, doc in zip(frames, docs, strict=True):
        for piece_start, _, length, quote in frame.pieces:
            if quote < 0:
                continue
            words = frame.text[piece_start : piece_start + length]
            lead = len(words) - len(words.lstrip())  # a stub glued to a word brings a space
            start, end = piece_start + lead, piece_start + len(words.rstrip())
            stub = doc.char_span(start, end, alignment_mode="expand")
            if stub is None or len(stub) == 0:
                continue
            if found[quote].speaker is not None:
                continue  # signed with a dash
            result = attribute(doc, stub)
            found[quote].weak = result.weak
            found[quote].adjacent = result.adjacent
            if result.cue is not None:
                found[quote].cue = _back(frame, result.cue)
            if result.speaker is not None:
                found[quote].speaker = _back(frame, result.speaker)


_SIGNATURE: Final = re.compile(
    r"[ \t\u00a0]*([―—–]|--?)[ \t\u00a0]*([A-Z][\w.’'-]*(?:[ \t][A-Z][\w.’'-]*){0,4})"
)
"""A dash and a name right after a quotation, on the same line (“…” ― Veronica Cruz)."""


_SIGNATURE_BELOW: Final = re.compile(
    r"[ \t\u00a0]*\n\s*([―—–]|--?)[ \t\u00a0]*([A-Z][\w.’'-]*(?:[ \t][A-Z][\w.’'-]*){0,4})"
    r"[ \t\u00a0]*(?=[.,\n]|$)"
)
"""A quotation's paragraph followed by a line that is a dash and a name (“…”⏎⏎- Ana Ruiz.), as fact-check
and quote-of-the-day columns sign the quotations they list."""


def _signatures(text: str, found: list[_Found]) -> None:
    """Quotations signed with a dash and a name take that name as speaker and the dash as cue."""
    for item in found:
        match = _SIGNATURE.match(text, item.region.end) or _SIGNATURE_BELOW.match(text, item.region.end)
        if match is not None:
            end = match.end(2) - (1 if match.group(2).endswith(".") else 0)
            item.cue, item.speaker, item.adjacent = match.span(1), (match.start(2), end), True


def _headlines(
    text: str, found: list[_Found], entities: Sequence[Span], paragraphs: list[tuple[int, int]]
) -> None:
    """A quotation in the headline is said by the person or organisation the headline names before it."""
    if not paragraphs:
        return
    start, end = paragraphs[0]
    for item in found:
        if item.region.start >= end or item.speaker is not None:
            continue
        named = [
            e
            for e in entities
            if e.label in ("PERSON", "ORG") and start <= e.start and e.end <= item.region.start
        ]
        if named:
            item.speaker = (named[0].start, named[0].end)


def _back(frame: Frame, span: tuple[int, int]) -> tuple[int, int]:
    """Condensed character span to original offsets."""
    return frame.to_original(span[0]), frame.to_original(span[1] - 1) + 1


def _inherit(text: str, found: list[_Found], paragraphs: list[tuple[int, int]]) -> None:
    """Give unattributed quotations the speaker of a neighbour in the same or the previous paragraph."""
    starts = [p[0] for p in paragraphs]

    def paragraph(offset: int) -> int:
        return bisect.bisect_right(starts, offset) - 1

    for index, item in enumerate(found):
        if item.speaker is not None and not item.weak:
            continue
        here = paragraph(item.region.start)
        same = [
            other
            for other in found
            if other.speaker is not None
            and not other.inherited
            and not other.weak
            and paragraph(other.region.start) == here
        ]
        same.sort(
            key=lambda other: (
                other.region.start > item.region.start,
                abs(other.region.start - item.region.start),
            )
        )
        source = same[0] if same else None
        if source is None and item.speaker is not None:
            continue  # keep the weak attribution from the sentence before
        if source is None and index > 0:
            previous = found[index - 1]
            opens_paragraph = not text[paragraphs[here][0] : item.region.start].strip()
            if (
                previous.speaker is not None
                and opens_paragraph
                and paragraph(previous.region.end - 1) == here - 1
            ):
                source = previous
        if source is not None:
            item.speaker, item.cue, item.inherited = source.speaker, source.cue, True


def _spans(text: str, found: list[_Found], entities: Sequence[Span]) -> list[Span]:
    """Build the quote spans, widening speakers to their entity and resolving names."""
    names = NameResolver(text, entities, [(item.region.start, item.region.end) for item in found])
    named = sorted((e for e in entities if e.label in SPEAKER_LABELS), key=lambda e: e.start)
    named_starts = [e.start for e in named]
    recent: list[tuple[int, str]] = []
    spans: list[Span] = []
    for item in found:
        region = item.region
        speaker: Speaker | None = None
        speaker_name: str | None = None
        if item.speaker is not None:
            start, end = item.speaker
            index = bisect.bisect_left(named_starts, end)
            for entity in named[max(0, index - 3) : index]:
                if entity.start < end and start < entity.end:
                    start, end = min(start, entity.start), max(end, entity.end)
            speaker = Speaker(start, end, text[start:end])
            speaker_name = names.resolve(speaker.text, start, recent)
            person = names.person_at(start, end)
            full = speaker_name or (names.name_of(person) if person is not None else None)
            if full:
                recent.append((start, full))
        cue = text[item.cue[0] : item.cue[1]] if item.cue is not None else None
        spans.append(
            Span(
                region.start,
                region.end,
                QUOTE_LABEL,
                "quote",
                text[region.start : region.end],
                cue=cue,
                speaker=speaker,
                speaker_name=speaker_name,
            )
        )
    return spans
