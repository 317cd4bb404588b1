"""Quote variants: the same quotation by one speaker, reworded between articles, and what changed.

A checker's question is "does this quote read the same everywhere?", so the comparison is of words, not
characters: case and punctuation are ignored when matching, and the differences are reported as whole
words (a dropped "not", an end cut off, two quotes spliced into one). Normalising the text away, as the
quote databases do, would erase exactly those differences; here the original words are always shown.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Literal

MIN_WORDS = 4
"""Quotes shorter than this ("old friend") are too short to call two of them variants of one quote."""

SIMILARITY = 0.6
"""Word-sequence similarity (difflib's ratio) above which two quotes are one quote reworded."""

CONTAINMENT = 0.8
"""Share of a shorter quote's words found in order in a longer one that makes it a cut or a part."""

SHINGLE = 3
"""Quotes are compared only when they share a run of this many words (keeps grouping near-linear)."""

FOLDED_CACHE = 8192
"""Quotes whose folded words are remembered (a few MB at most)."""

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")

DiffOp = Literal["same", "dropped", "added", "changed"]


@dataclass(frozen=True, slots=True)
class DiffPart:
    """A run of words of the base quote (``old``) and what the variant has there (``new``)."""

    op: DiffOp
    old: str
    new: str


def wording(text: str) -> tuple[str, ...]:
    """What makes two quotes the same wording: their words, case and punctuation ignored."""
    return _folded(text)


def words(text: str) -> list[str]:
    """The words of a quote as written (punctuation dropped)."""
    return _WORD.findall(text)


@lru_cache(maxsize=FOLDED_CACHE)
def _folded(text: str) -> tuple[str, ...]:
    """The folded words of a quote; kept for the last quotes seen, since a group's quotes are folded
    again for every comparison and the same quote comes back in many articles."""
    return tuple(w.casefold().replace("’", "'") for w in words(text))


def _contained(short: Sequence[str], long: Sequence[str]) -> float:
    """Share of ``short``'s words that appear, in order, in ``long``."""
    if not short:
        return 0.0
    matcher = SequenceMatcher(None, short, long, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(short)


def similarity(a: str, b: str) -> float:
    """How alike two quotes' words are, 0 to 1 (difflib's ratio; case and punctuation ignored)."""
    return SequenceMatcher(None, _folded(a), _folded(b), autojunk=False).ratio()


def similar(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether two quotes (folded words) are one quote, reworded, cut, or spliced into the other."""
    if min(len(a), len(b)) < MIN_WORDS:
        return False
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    in_long = set(long)
    shared = sum(1 for word in short if word in in_long) / len(short)  # bounds the containment
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if shared < CONTAINMENT and matcher.quick_ratio() < SIMILARITY:
        return False  # neither test can pass: both are bounded by the words the two share
    if matcher.ratio() >= SIMILARITY:
        return True
    return _contained(short, long) >= CONTAINMENT


def group_quotes(quotes: Sequence[tuple[int, str, int]]) -> list[list[int]]:
    """Groups of near-identical quotes that appear in more than one article.

    Args:
        quotes: ``(quote id, text, article id)`` of one speaker's quotes, oldest first.

    Returns:
        Each group's quote ids in the order given; a group holds at least two wordings, from at least
        two articles (a quote that reads the same everywhere is not a variant). Identical wordings are
        compared once, and only wordings sharing a run of :data:`SHINGLE` words are compared at all.
    """
    wordings: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for index, (_, text, _) in enumerate(quotes):
        wordings[_folded(text)].append(index)
    distinct = [tokens for tokens in wordings if len(tokens) >= MIN_WORDS]
    parent = list(range(len(distinct)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_shingle: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for index, tokens in enumerate(distinct):
        for start in range(len(tokens) - SHINGLE + 1):
            by_shingle[tokens[start : start + SHINGLE]].append(index)
    tried: set[tuple[int, int]] = set()
    for members in by_shingle.values():
        if len(members) > 200:  # a stock phrase ("he said that the"): too common to say anything
            continue
        for position, i in enumerate(members):
            for j in members[position + 1 :]:
                if i == j or (i, j) in tried or find(i) == find(j):
                    continue
                tried.add((i, j))
                if similar(distinct[i], distinct[j]):
                    parent[find(j)] = find(i)
    groups: dict[int, list[tuple[str, ...]]] = defaultdict(list)
    for index, tokens in enumerate(distinct):
        groups[find(index)].append(tokens)
    result = []
    for group in groups.values():
        members = sorted(i for tokens in group for i in wordings[tokens])
        if len(group) >= 2 and len({quotes[i][2] for i in members}) >= 2:
            result.append([quotes[i][0] for i in members])
    result.sort(key=lambda ids: ids[0])
    return result


def word_diff(base: str, variant: str) -> list[DiffPart]:
    """The word-by-word differences from ``base`` to ``variant`` (case and punctuation ignored)."""
    old, new = words(base), words(variant)
    matcher = SequenceMatcher(None, _folded(base), _folded(variant), autojunk=False)
    parts: list[DiffPart] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        before, after = " ".join(old[i1:i2]), " ".join(new[j1:j2])
        if op == "equal":
            parts.append(DiffPart("same", before, after))
        elif op == "delete":
            parts.append(DiffPart("dropped", before, ""))
        elif op == "insert":
            parts.append(DiffPart("added", "", after))
        else:
            parts.append(DiffPart("changed", before, after))
    return parts


def describe(parts: Sequence[DiffPart]) -> list[str]:
    """Short notes for a checker: ``dropped "not"``, ``end cut off``, ``changed "x" to "y"``."""
    notes: list[str] = []
    for index, part in enumerate(parts):
        at_end = index == len(parts) - 1
        at_start = index == 0
        if part.op == "dropped":
            if at_end and index > 0:
                notes.append(f'end cut off: "{part.old}"')
            elif at_start and len(parts) > 1:
                notes.append(f'start cut off: "{part.old}"')
            else:
                notes.append(f'dropped "{part.old}"')
        elif part.op == "added":
            notes.append(f'added "{part.new}"')
        elif part.op == "changed":
            notes.append(f'changed "{part.old}" to "{part.new}"')
    return notes


def spliced_from(variant: str, others: Sequence[tuple[int, str]]) -> list[int]:
    """The ids of two or more other quotes that ``variant`` joins together, or ``[]``.

    A splice is a quote made of parts that appear as separate quotes elsewhere: each part is mostly
    found in the variant, covers a different stretch of it, and is much shorter than it.
    """
    target = _folded(variant)
    covered: list[tuple[int, int, int]] = []
    for quote_id, text in others:
        part = _folded(text)
        if len(part) < MIN_WORDS or len(part) > 0.8 * len(target):
            continue
        matcher = SequenceMatcher(None, part, target, autojunk=False)
        blocks = [b for b in matcher.get_matching_blocks() if b.size]
        if not blocks or sum(b.size for b in blocks) / len(part) < CONTAINMENT:
            continue
        covered.append((blocks[0].b, blocks[-1].b + blocks[-1].size, quote_id))
    covered.sort()
    chosen: list[tuple[int, int, int]] = []
    for start, end, quote_id in covered:
        if not chosen or start >= chosen[-1][1] - 1:
            chosen.append((start, end, quote_id))
    return [quote_id for _, _, quote_id in chosen] if len(chosen) >= 2 else []


MAX_ALSO_IN = 10
"""Articles kept beside a wording that other articles repeat word for word."""


@dataclass(frozen=True, slots=True)
class Wording:
    """One wording of a variant group, compared with the wording it is most like (computed when the
    group changes and stored, so that a page of variants is read, not recomputed)."""

    quote_id: int
    """Its first quote (in date order)."""
    appearances: int
    also_in: tuple[int, ...]
    """Article ids of the next quotes worded the same (at most :data:`MAX_ALSO_IN`)."""
    compared_with: int | None
    diff: tuple[DiffPart, ...]
    notes: tuple[str, ...]
    spliced_from: tuple[int, ...]


def compare_wordings(quotes: Sequence[tuple[int, str, int]]) -> list[Wording]:
    """The wordings of one group, each against the wording it is most like (the first against
    nothing), with splices found among the others.

    Args:
        quotes: ``(quote id, text, article id)`` of the group's quotes, oldest first.
    """
    by_wording: dict[tuple[str, ...], list[tuple[int, str, int]]] = {}
    for quote in quotes:
        by_wording.setdefault(wording(quote[1]), []).append(quote)
    firsts = [group[0] for group in by_wording.values()]
    result = []
    for position, (first, group) in enumerate(zip(firsts, by_wording.values(), strict=True)):
        others = [q for q in firsts if q[0] != first[0]]
        reference = None if position == 0 else max(
            others, key=lambda q: (similarity(q[1], first[1]), -firsts.index(q)))  # fmt: skip
        parts = tuple(word_diff(reference[1], first[1])) if reference else ()
        splice = tuple(spliced_from(first[1], [(q[0], q[1]) for q in others]))
        notes = list(describe(parts))
        if splice:
            notes.append(f"spliced from {len(splice)} quotes")
        also = tuple(q[2] for q in group[1 : 1 + MAX_ALSO_IN])
        result.append(Wording(first[0], len(group), also, reference[0] if reference else None, parts,
                              tuple(notes), splice))  # fmt: skip
    return result
