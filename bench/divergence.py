"""Where Gloss's entities and numbers differ from the raw model's, each difference put to its rule.

    PYTHONPATH=. .venv/bin/python bench/divergence.py [--limit N] [--convention conll] [--markdown]

Runs the raw model (the NER pass alone, over the same paragraph-aligned chunks, on the text as read)
and Gloss's :class:`~tui.extract.Extractor` over the seed articles and the PolNeAR train articles
(``../shared/data/quotes/polnear_train/docs``, when present), pairs every span one gives and the other
does not, and names the class of difference and the rule in ``tui/extract`` that makes it. Every class
must be an intended fix listed in the README; a difference no rule explains is printed as
"unexplained" with examples, so a new rule that changes spans it should not shows up here.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared"
sys.path.insert(0, str(ROOT))

from tui.extract import Extractor  # noqa: E402
from tui.extract.entities import (  # noqa: E402
    COMPANY_DESIGNATORS,
    NAME_LABELS,
    TIME_LABELS,
    Triple,
    is_table_row,
    recase_capitals,
    trailing_score,
)
from tui.extract.pipeline import chunk_text  # noqa: E402
from tui.extract.wrapping import unwrap  # noqa: E402
from tui.model import NUMBER_LABELS  # noqa: E402

RULES: dict[str, str] = {
    "recased capitals line": "recase_capitals: a line in capitals is shown to the model in Title Case",
    "hard-wrapped paragraph": "wrapping.unwrap: line breaks inside a wrapped paragraph read as spaces",
    "cut at a line break": "split_at_line_breaks: no entity or number crosses a line",
    "cut at a spaced dash": "split_at_dashes: a heading's or table's ' - ' separates names",
    "cut at a number, ',' or '/'": (
        "split_at_numbers: a results row or list is several names (in a table row, whatever the label)"
    ),
    "table-row piece dropped": "is_table_row: a cut FAC/PRODUCT... keeps only a label its words have",
    "score cut from a name": "trailing_score: a score or phone number is no part of a FAC/LAW/PRODUCT...",
    "score alone dropped": "fix_entities: a FAC/LAW/PRODUCT... that is only a score is no name",
    "heading word cut": "trim_common_capitals: a capitals line's common words are no part of a name",
    "given name joined": "full_person_names: an initial or given name before a lone surname is the PERSON's",
    "company designator": "company_names: a name ending in Corp, Co, SpA, AB... is an ORG",
    "whole hyphenated word": "whole_words (conll): a name in a hyphenated word is the word (NORP if derived)",
    "leading 'the' dropped": "trim_span (conll convention): CoNLL names have no leading 'the'",
    "possessive dropped": "trim_span: a possessive 's is not part of a name",
    "possessive name widened": "possessive_names: a name that is itself X's keeps its 's",
    "edges trimmed": "trim_span/_trim_tokens: spaces, stray marks, scores, lower-case words at the ends",
    "heading dropped": "is_tagged_heading: a whole Title Case heading is no name",
    "dateline place": "mark_datelines: the capitals place of a dateline is a GPE",
    "label vote": "harmonise_labels: one name, one label in an article (majority)",
    "surname is a person": "harmonise_labels: a bare surname of a full PERSON name is a PERSON",
    "other mention tagged": "propagate_names: other mentions of a tagged name are tagged",
    "numeral relabelled": "numeral_label: a span that is only a numeral is a number",
    "number completed": "numbers._complete: currency, sign, scale, unit, the other half of a score",
    "numeral added": "find_numerals: digit numerals and written-out numbers the model missed",
    "number dropped": "_is_no_number: a '#', a match's 'half', digits inside a code",
    "number sign relabelled": "number_spans: '#2' is a number, not money",
    "number trimmed": "numbers._strip: punctuation and 'and'/'or' at a number's ends",
}
"""Every class of difference and the rule that makes it (the README's divergence table)."""


def corpus(limit: int | None) -> list[str]:
    """The texts: the seeds, then the PolNeAR train articles."""
    files = sorted((ROOT / "seeds").rglob("*.txt"))
    polnear = SHARED / "data" / "quotes" / "polnear_train" / "docs"
    if polnear.is_dir():
        files += sorted(polnear.glob("*.txt"))
    files = files[:limit] if limit else files
    return [file.read_text(encoding="utf-8") for file in files]


def raw_spans(extractor: Extractor, text: str) -> list[Triple]:
    """The model's entities over ``text`` as read, chunk by chunk as Gloss cuts it."""
    found: list[Triple] = []
    chunks = list(chunk_text(text))
    docs = extractor.nlp.pipe((chunk for _, chunk in chunks), disable=extractor.ner_disabled)
    for (offset, _), doc in zip(chunks, docs, strict=True):
        found += [(offset + e.start_char, offset + e.end_char, e.label_) for e in doc.ents]
    return found


def classify(text: str, raw: Triple | None, ours: Triple | None, differs: set[int]) -> str:
    """The class of one difference: ``raw`` only, ``ours`` only, or the two overlapping spans."""
    span = raw or ours
    assert span is not None
    start, end, label = span
    line_start = text.rfind("\n", 0, start) + 1
    if start in differs:
        line_end = text.find("\n", start)
        line = text[line_start : len(text) if line_end < 0 else line_end]
        return "recased capitals line" if recase_capitals(line) != line else "hard-wrapped paragraph"
    numeric = label in NUMBER_LABELS
    if raw and ours:
        (rs, re_, rl), (os_, oe, ol) = raw, ours
        surface, shown = text[rs:re_], text[os_:oe]
        if (rs, re_) == (os_, oe):
            if ol == "ORG" and rl != "ORG" and surface.split()[-1] in COMPANY_DESIGNATORS:
                return "company designator"
            if ol in NUMBER_LABELS and rl not in NUMBER_LABELS:
                return "numeral relabelled"
            if rl == "MONEY" and text[rs - 1 : rs] == "#":
                return "number sign relabelled"
            if ol == "GPE" and re.match(r"[A-Z][A-Z' .-]+$", surface):
                return "dateline place"
            return "surname is a person" if ol == "PERSON" else "label vote"
        if "\n" in surface and "\n" not in shown:
            return "cut at a line break"
        if os_ <= rs and re_ <= oe:
            if ol not in NUMBER_LABELS and (text[re_:oe].startswith("-") or text[os_:rs].endswith("-")):
                return "whole hyphenated word"
            if ol == "GPE" and re.match(r"[A-Z][A-Z' .-]+$", shown):
                return "dateline place"
            if shown.endswith(("'s", "’s")):
                return "possessive name widened"
            if ol == "PERSON" and rl not in NUMBER_LABELS:
                return "given name joined"
            return "number completed" if ol in NUMBER_LABELS else "unexplained widening"
        if (
            rl not in NAME_LABELS | TIME_LABELS | set(NUMBER_LABELS)
            and rs == os_
            and trailing_score(text, rs, re_) == oe
        ):
            return "score cut from a name"
        if rs <= os_ and oe <= re_ and _on_capitals_line(text, rs) and not any(c.isdigit() for c in surface):
            return "heading word cut"
        if len(re.findall(r"\s[-–—]+\s", surface)) > len(re.findall(r"\s[-–—]+\s", shown)):
            return "cut at a spaced dash"
        inside = rs < os_ and oe < re_
        if rl not in NUMBER_LABELS and ol in NUMBER_LABELS and inside and text[rs:os_].strip().isalpha():
            return "cut at a number, ',' or '/'"  # "The 2016 Committee": the name was cut, the year found
        if surface.lower().startswith("the ") and not shown.lower().startswith("the "):
            return "leading 'the' dropped"
        if re.search(r"['’]s?$", surface) and not re.search(r"['’]s?$", shown):
            return "possessive dropped"
        if rl not in NUMBER_LABELS and ol in NUMBER_LABELS and is_table_row(text, rs):
            return "cut at a number, ',' or '/'"
        if rl in NUMBER_LABELS or ol in NUMBER_LABELS:
            return "number trimmed"
        inner = surface[os_ - rs : oe - rs] if rs <= os_ else ""
        if rs <= os_ and re.search(r"(?:^|\s)(?:\S*\d\S*|,|/)(?:\s|$)", surface) and inner != surface.strip():
            return "cut at a number, ',' or '/'"
        return "edges trimmed"
    if raw:
        if numeric:
            return "number dropped"
        if label not in NAME_LABELS | TIME_LABELS and re.fullmatch(r"[\d.,()-]+", text[start:end].strip()):
            return "score alone dropped"
        if label not in NAME_LABELS | TIME_LABELS and is_table_row(text, start):
            return "table-row piece dropped"
        if _on_capitals_line(text, start) and not any(c.isdigit() for c in text[start:end]):
            return "heading word cut"
        line_end = text.find("\n", end)
        line = text[line_start : len(text) if line_end < 0 else line_end].strip()
        if (
            text[start:end].strip()
            and len(text[start:end].split()) >= 2
            and line.startswith(text[start:end].strip()[:10])
        ):
            return "heading dropped"
        if re.search(r"\s[-–—]+\s", text[start:end]):
            return "cut at a spaced dash"
        return "edges trimmed"
    if label in NUMBER_LABELS:
        return "numeral added"
    if label == "GPE" and re.match(r"[A-Z][A-Z' .-]+$", text[start:end]):
        return "dateline place"
    return "other mention tagged"


def _on_capitals_line(text: str, position: int) -> bool:
    """Whether the line holding ``position`` has letters and none in lower case."""
    line_start = text.rfind("\n", 0, position) + 1
    line_end = text.find("\n", position)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    return any(c.isalpha() for c in line) and not any(c.islower() for c in line)


def differing_offsets(text: str) -> set[int]:
    """Offsets whose characters the model saw changed (recased capitals lines, joined wrapped lines)."""
    seen = recase_capitals(unwrap(text))
    changed: set[int] = set()
    for line in re.finditer(r"[^\n]*\n?", text):
        piece = line.group()
        if piece and seen[line.start() : line.end()] != piece:
            changed.update(range(line.start(), line.end()))
    return changed


def divergences(extractor: Extractor, texts: Iterable[str]) -> tuple[Counter[str], dict[str, list[str]]]:
    """Count the classes of difference over ``texts`` and keep a few examples of each."""
    counts: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    texts = list(texts)
    for text, spans in zip(texts, extractor.extract_many(texts), strict=True):
        ours = {(s.start, s.end, s.label) for s in spans if s.kind != "quote"}
        raw = set(raw_spans(extractor, text))
        changed = differing_offsets(text)
        only_raw, only_ours = sorted(raw - ours), sorted(ours - raw)
        paired: set[Triple] = set()
        for r in only_raw:
            partner = next((o for o in only_ours if o[0] < r[1] and r[0] < o[1]), None)
            kind = classify(text, r, partner, changed)
            if partner is not None:
                paired.add(partner)
            _count(counts, examples, kind, text, r, partner)
        for o in only_ours:
            if o not in paired and not any(o[0] < r[1] and r[0] < o[1] for r in only_raw):
                _count(counts, examples, classify(text, None, o, changed), text, None, o)
    return counts, examples


def _count(
    counts: Counter[str], examples: dict[str, list[str]], kind: str, text: str, raw: Triple | None,
    ours: Triple | None,
) -> None:  # fmt: skip
    counts[kind] += 1
    if len(examples[kind]) < 3:
        show = " → ".join(f"{text[s[0] : s[1]]!r} {s[2]}" if s else "—" for s in (raw, ours))
        examples[kind].append(show.replace("\n", "⏎"))


def main() -> int:
    """Print the table of differences; exit status 1 if any difference is unexplained."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, help="only the first N texts")
    parser.add_argument("--convention", default="ontonotes")
    parser.add_argument("--markdown", action="store_true", help="print the README table")
    options = parser.parse_args()
    extractor = Extractor.load(convention=options.convention)
    texts = corpus(options.limit)
    counts, examples = divergences(extractor, texts)
    print(f"{len(texts)} texts, convention {options.convention}: {sum(counts.values())} differences")
    if options.markdown:
        print("| class of difference | count | rule | example (raw → Gloss) |\n|---|---|---|---|")
    for kind, count in counts.most_common():
        rule = RULES.get(kind, "unexplained")
        if options.markdown:
            print(f"| {kind} | {count} | {rule} | {examples[kind][0].replace('|', '/')} |")
        else:
            print(f"{count:6}  {kind:30} {rule}\n        e.g. " + "\n             ".join(examples[kind]))
    return 1 if any(kind not in RULES for kind in counts) else 0


if __name__ == "__main__":
    sys.exit(main())
