"""Score an :class:`~tui.extract.Extractor` on a shared evaluation set with the shared scorer.

The predictions are what ``gloss extract`` writes (one contract record per gold document), and the
scorer (``../shared/eval/score.py``) runs as a command, exactly as the README tells a person to
reproduce a figure. Also runnable by hand for a quick figure::

    PYTHONPATH=. .venv/bin/python -m tests.quality.scoring quotes/polnear_dev quotes [--convention conll]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from tui.extract import Extractor

ROOT = Path(__file__).parents[2]
DATA = ROOT / ".." / "shared" / "data"
SCORER = ROOT / ".." / "shared" / "eval" / "score.py"


def score(
    extractor: Extractor, folder: Path, task: str, workdir: Path, mapping: str | None = None
) -> dict[str, Any]:
    """Extract every document of ``folder`` and return the scorer's metrics (its last line printed)."""
    records = [
        json.loads(line)
        for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    texts = [(folder / "docs" / Path(r["path"]).name).read_text(encoding="utf-8") for r in records]
    predictions, metrics = workdir / "pred.jsonl", workdir / "metrics.json"
    with predictions.open("w", encoding="utf-8") as out:
        for record, text, spans in zip(records, texts, extractor.extract_many(texts), strict=True):
            data = {"path": record["path"], "text": text, "spans": [s.to_json() for s in spans]}
            out.write(json.dumps(data, ensure_ascii=False) + "\n")
    command = [sys.executable, str(SCORER), str(folder / "gold.jsonl"), str(predictions), "--task", task]
    if mapping:
        command += ["--map", mapping]
    result = subprocess.run([*command, "--json", str(metrics)], capture_output=True, text=True, check=True)
    print(f"{folder.name} ({task}, {extractor.convention}): {result.stdout.strip().splitlines()[-1]}")
    return dict(json.loads(metrics.read_text(encoding="utf-8")))


def main() -> int:
    """Print the scorer's summary for one evaluation set."""
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", help="folder under ../shared/data, e.g. quotes/polnear_dev")
    parser.add_argument("task", choices=["ner", "numbers", "quotes"])
    parser.add_argument("--map", dest="mapping")
    parser.add_argument("--convention", default="ontonotes")
    options = parser.parse_args()
    extractor = Extractor.load(convention=options.convention)
    with tempfile.TemporaryDirectory() as folder:
        metrics = score(extractor, DATA / options.folder, options.task, Path(folder), options.mapping)
    print(json.dumps({k: v for k, v in metrics.items() if isinstance(v, dict)}, indent=1)[:3000])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
