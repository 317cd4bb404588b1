"""Every quote prediction that is not an exact gold quote, and every gold quote missed, put to a class.

    PYTHONPATH=. .venv/bin/python bench/quote_errors.py quotes/polnear_train [--pred PRED.jsonl]
        [--save PRED.jsonl] [--examples N] [--only CLASS]

Extracts the documents of a folder under ``../shared/data`` (or reads predictions that ``gloss extract``
or ``--save`` wrote) and matches quotes as ``../shared/eval/score.py --task quotes`` does: both spans
normalised (whitespace, punctuation and marks stripped from the ends), exact match one to one, and a
prediction that overlaps an optional (partial) gold quote by half the longer span is not counted, as in
the scorer's "optional ignored" precision. Each remaining prediction and each missed gold quote is put
to one class (first that fits), with examples; the counts of wrong predictions add up to the scorer's
``n_pred - tp``.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data"
SCORER = ROOT / ".." / "shared" / "eval" / "score.py"
sys.path.insert(0, str(ROOT))

MARKS = re.compile(r"''|``|[\"“”]")
SPEAKER_VERBS = re.compile(
    r"\b(said|says|say|added|adds|told|tells|asked|asks|wrote|writes|continued|noted|explained|argued)\b"
)


def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location("score", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def predict(folder: Path, save: Path | None) -> dict[str, list[dict[str, Any]]]:
    """Run the extractor over the gold documents; optionally save the records as ``gloss extract`` does."""
    from tui.extract import Extractor

    records = [json.loads(line) for line in (folder / "gold.jsonl").open(encoding="utf-8") if line.strip()]
    texts = [r["text"] for r in records]
    extractor = Extractor.load()
    out: dict[str, list[dict[str, Any]]] = {}
    lines = []
    for record, text, spans in zip(records, texts, extractor.extract_many(texts), strict=True):
        data = [s.to_json() for s in spans]
        out[Path(record["path"]).name] = data
        lines.append(json.dumps({"path": record["path"], "text": text, "spans": data}, ensure_ascii=False))
    if save is not None:
        save.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def load_predictions(path: Path) -> dict[str, list[dict[str, Any]]]:
    out = {}
    for line in path.open(encoding="utf-8"):
        if line.strip():
            record = json.loads(line)
            out[Path(record["path"]).name] = record.get("spans", [])
    return out


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def classify_prediction(
    text: str, span: tuple[int, int], raw: dict[str, Any], golds: list[tuple[int, int, dict[str, Any]]]
) -> str:
    """The class of a prediction that is no exact gold quote."""
    a, b = span
    over = [g for g in golds if overlap((g[0], g[1]), span)]
    seg = text[raw["start"] : raw["end"]]
    if over:
        g = over[0]
        gseg = text[g[2]["start"] : g[2]["end"]]
        if len(over) > 1:
            return "overlap: pred joins several gold quotes"
        if g[0] <= a and b <= g[1]:
            if len(MARKS.findall(gseg)) > len(MARKS.findall(seg)):
                return "overlap: gold joins this and other quoted pieces"
            if abs(g[0] - a) <= 1 and abs(g[1] - b) <= 1:
                return "overlap: one character off (half a wire mark)"
            return "overlap: gold longer, same marks"
        if a <= g[0] and g[1] <= b:
            if abs(g[0] - a) <= 1 and abs(g[1] - b) <= 1:
                return "overlap: one character off (half a wire mark)"
            return "overlap: pred longer"
        return "overlap: crossing"
    words = len(text[a:b].split())
    speaker = raw.get("speaker")
    if speaker is None:
        return "no gold: no speaker"
    if words <= 3:
        return "no gold: 1-3 words with speaker"
    return "no gold: 4+ words with speaker"


def classify_missed(
    text: str, g: tuple[int, int, dict[str, Any]], preds: list[tuple[int, int, dict[str, Any]]]
) -> str:
    over = [p for p in preds if overlap((p[0], p[1]), (g[0], g[1]))]
    if not over:
        seg = text[g[2]["start"] : g[2]["end"]]
        return "missed: no marks" if not MARKS.search(seg) else "missed: no overlapping prediction"
    if len(over) > 1:
        return "missed: predicted in several pieces"
    return "missed: other boundary"


def pairs(score: Any, folder: Path, predictions: dict[str, list[dict[str, Any]]]) -> int:
    """Two predicted quotes one after the other in a paragraph, at most 80 characters apart: does the gold
    join them into one span ("joined"), give both ("two"; "(optional)" if either is optional), one or
    neither? Grouped by how the first ends inside its marks (comma: the sentence goes on) and what the
    gap ends with ("“…,” he said, “…”" is comma/gap ","; "“…,” he said. “…”" is comma/gap ".")."""
    counts: Counter[tuple[str, str]] = Counter()
    for line in (folder / "gold.jsonl").open(encoding="utf-8"):
        if not line.strip():
            continue
        record = json.loads(line)
        text = record["text"]
        golds = [
            (score.norm_quote(text, g["start"], g["end"]), g)
            for g in record["spans"]
            if g.get("kind") == "quote"
        ]
        quotes = sorted(
            (p for p in predictions.get(Path(record["path"]).name, []) if p.get("kind") == "quote"),
            key=lambda p: int(p["start"]),
        )
        for first, second in itertools.pairwise(quotes):
            gap = text[first["end"] : second["start"]]
            if "\n" in gap or len(gap) > 80:
                continue
            inner = text[first["start"] : first["end"]].rstrip(" \"”'")[-1:]
            ends = "comma" if inner == "," else "stop" if inner in ".?!" else "other"
            shape = f"{ends}/gap {gap.rstrip()[-1:] or '-'}"
            a = score.norm_quote(text, first["start"], first["end"])
            b = score.norm_quote(text, second["start"], second["end"])
            joined = [g for (s, e), g in golds if s <= a[0] and b[1] <= e]
            left = [g for span, g in golds if span == a]
            right = [g for span, g in golds if span == b]
            if joined:
                how = "joined"
            elif left and right:
                how = "two" + (" (optional)" if any(g.get("optional") for g in left + right) else "")
            else:
                how = "one" if left or right else "neither"
            counts[(shape, how)] += 1
    totals: Counter[str] = Counter()
    for (shape, _), n in counts.items():
        totals[shape] += n
    for shape, _ in totals.most_common():
        row = {how: n for (s, how), n in counts.items() if s == shape}
        print(f"{shape:16} {row}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", help="folder under ../shared/data, e.g. quotes/polnear_train")
    parser.add_argument("--pred", type=Path, help="predictions to read instead of extracting")
    parser.add_argument("--save", type=Path, help="write the predictions here")
    parser.add_argument("--examples", type=int, default=3)
    parser.add_argument("--only", help="print all examples of the classes starting with this")
    parser.add_argument(
        "--pairs",
        action="store_true",
        help="instead: how the gold annotates two predicted quotes with a short gap in one paragraph",
    )
    options = parser.parse_args()
    score = _scorer()
    folder = DATA / options.folder
    predictions = load_predictions(options.pred) if options.pred else predict(folder, options.save)
    if options.pairs:
        return pairs(score, folder, predictions)
    counts: Counter[str] = Counter()
    examples: defaultdict[str, list[str]] = defaultdict(list)
    tp = n_pred = n_gold = 0
    for line in (folder / "gold.jsonl").open(encoding="utf-8"):
        if not line.strip():
            continue
        record = json.loads(line)
        text, key = record["text"], Path(record["path"]).name
        golds, opts, preds = [], [], []
        for g in record["spans"]:
            if g.get("kind") == "quote":
                a, b = score.norm_quote(text, g["start"], g["end"])
                if a < b:
                    (opts if g.get("optional") else golds).append((a, b, g))
        for p in predictions.get(key, []):
            if p.get("kind") == "quote":
                s, e = score.trim(text, int(p["start"]), int(p["end"]))
                a, b = score.norm_quote(text, s, e)
                if a < b:
                    preds.append((a, b, dict(p, start=s, end=e)))
        exact = {(a, b): i for i, (a, b, _) in enumerate(golds)}
        used: set[int] = set()
        n_gold += len(golds)
        for a, b, p in preds:
            index = exact.get((a, b))
            if index is not None and index not in used:
                used.add(index)
                tp += 1
                n_pred += 1
                continue
            half = [o for o in opts if overlap((a, b), (o[0], o[1])) >= 0.5 * max(o[1] - o[0], b - a)]
            near = [g for g in golds if overlap((a, b), (g[0], g[1])) >= 0.5 * max(g[1] - g[0], b - a)]
            if half and not near:
                continue  # the scorer ignores it (matches an optional partial quote)
            n_pred += 1
            kind = classify_prediction(text, (a, b), p, golds)
            counts[kind] += 1
            examples[kind].append(f"{key}: {score.ctx(text, p['start'], p['end'], 70)[:500]}")
        for i, g in enumerate(golds):
            if i not in used:
                kind = classify_missed(text, g, preds)
                counts[kind] += 1
                examples[kind].append(f"{key}: {score.ctx(text, g[2]['start'], g[2]['end'], 70)[:500]}")
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"{options.folder}: exact F1 {f:.3f} P {p:.3f} R {r:.3f} (tp {tp}, pred {n_pred}, gold {n_gold})")
    for kind, count in sorted(counts.items()):
        print(f"{count:5d}  {kind}")
        every = options.only and kind.startswith(options.only)
        shown = examples[kind] if every else examples[kind][: options.examples]
        for example in shown:
            print("         " + example)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
