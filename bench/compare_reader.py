"""The reader's keypress figures of two checkouts, alternating, in one run (issue 8's "no worse" check).

``python bench/compare_reader.py BASE NEW [--rounds N] [--presses N]`` runs each checkout's own
``bench/tui.py`` ``bench_article`` on War and Peace and the seed article, in a fresh process per run,
alternating BASE and NEW, and prints each run's figures and the medians over the rounds. Each process
imports its checkout's ``tui`` (``PYTHONPATH``), and its extractor's ``extract_progressively`` is
replaced by that checkout's own spans, extracted once by the real model and kept in a pickle in the
cache folder: a run then takes seconds instead of waiting two minutes for the book's highlights, and
what is timed (the keys, the jumps, the repaint) is the benchmark's own code path.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import os
import pickle
import re
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

FIGURES = ("first frame", "next entity median", "next entity p95", "far jump p95", "peak memory")


def run_one(checkout: Path, which: str, presses: int, cache: Path) -> None:
    """In the child: time ``which`` (seed or book) with ``checkout``'s benchmark; print one line."""
    import asyncio

    spec = importlib.util.spec_from_file_location("checkout_bench", checkout / "bench" / "tui.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    from tui.extract import pipeline

    name = hashlib.sha256(str(checkout).encode()).hexdigest()[:12]  # hash() differs per process
    spans_file = cache / f"spans-{name}-{which}.pkl"
    real = pipeline.Extractor.extract_progressively

    def cached(self: Any, text: str) -> Iterator[list[Any]]:
        if spans_file.exists():
            spans = pickle.loads(spans_file.read_bytes())
        else:
            spans = [span for batch in real(self, text) for span in batch]
            spans_file.write_bytes(pickle.dumps(spans))
        yield spans

    pipeline.Extractor.extract_progressively = cached  # type: ignore[method-assign]
    path = bench.SEED if which == "seed" else bench.BOOK
    results = asyncio.run(bench.bench_article(path, presses))
    print(" | ".join(f"{key}: {value}" for key, value in results.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", type=Path, nargs="?")
    parser.add_argument("new", type=Path, nargs="?")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--presses", type=int, default=300)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "gloss-compare-reader")
    parser.add_argument("--child", nargs=2, metavar=("CHECKOUT", "WHICH"), help=argparse.SUPPRESS)
    options = parser.parse_args()
    options.cache.mkdir(parents=True, exist_ok=True)
    if options.child:
        run_one(Path(options.child[0]).resolve(), options.child[1], options.presses, options.cache)
        return
    if options.base is None or options.new is None:
        parser.error("give the two checkouts: BASE NEW")
    seen: dict[tuple[str, str, str], list[float]] = {}
    checkouts = {"base": options.base.resolve(), "new": options.new.resolve()}
    load = os.getloadavg()[0]
    print(f"load average {load:.2f} at the start; base {checkouts['base']}, new {checkouts['new']}")
    for round_number in range(options.rounds + 1):  # round 0 makes the span caches: not counted
        for name, checkout in checkouts.items():
            for which in ("book", "seed"):
                env = {**os.environ, "PYTHONPATH": str(checkout)}
                command = [
                    sys.executable, __file__, "--child", str(checkout), which,
                    "--presses", str(options.presses), "--cache", str(options.cache),
                ]  # fmt: skip
                line = subprocess.run(command, env=env, cwd=checkout, capture_output=True, text=True,
                                      check=True).stdout.strip().splitlines()[-1]  # fmt: skip
                print(f"round {round_number} {name} {which}: {line}")
                if round_number == 0:
                    continue
                for figure in FIGURES:
                    if match := re.search(figure + r": ([\d.]+)", line):
                        seen.setdefault((which, figure, name), []).append(float(match.group(1)))
    print(f"\nmedians over {options.rounds} rounds (load average {os.getloadavg()[0]:.2f} at the end)")
    for which in ("book", "seed"):
        for figure in FIGURES:
            base, new = seen.get((which, figure, "base")), seen.get((which, figure, "new"))
            if base and new:
                ratio = statistics.median(new) / statistics.median(base)
                middle = f"base {statistics.median(base):7.1f}  new {statistics.median(new):7.1f}"
                print(f"  {which:4} {figure:20} {middle}  new/base {ratio:.2f}")


if __name__ == "__main__":
    main()
