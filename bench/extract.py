"""Words per second of Gloss's extractor against a bare spaCy ``nlp.pipe`` with every component.

    .venv/bin/python bench/extract.py [--wp-chars N] [--skip-jobs]

Both run over the same texts in one process run: the seed articles, the PolNeAR dev articles and the
first ``--wp-chars`` characters of War and Peace (from ``../shared``, when present). The baseline is
``nlp.pipe(texts, batch_size=8)`` over the whole pipeline (tagger, parser, lemmatizer, NER), the best
batch size for it on this kind of machine. Gloss's figure is ``Extractor.extract_many``, the code path of
``gloss extract`` (entities, numbers and quotations, with the parser only around quotation marks).
``gloss extract --jobs 1`` and ``--jobs 2`` are then timed end to end as separate commands (starting
Python, loading the model, in each of two worker processes for ``--jobs 2``, reading the files, writing
JSON), so their figures include that start-up cost. Model loading is outside the timings of the first two.
The load average is printed before and after: on a shared machine the ratio, measured back to back in
one run, is the figure to compare, not the words per second.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared"
sys.path.insert(0, str(ROOT))

from tui.extract import Extractor  # noqa: E402


def bench_files(workdir: Path, wp_chars: int) -> list[Path]:
    """The article files of the benchmark (a War and Peace excerpt is written into ``workdir``)."""
    files = sorted((ROOT / "seeds").rglob("*.txt"))
    polnear = SHARED / "data" / "quotes" / "polnear_dev" / "docs"
    if polnear.is_dir():
        files += sorted(polnear.glob("*.txt"))
    book = SHARED / "data" / "long" / "war_and_peace.txt"
    if book.is_file() and wp_chars > 0:
        excerpt = workdir / "war_and_peace_excerpt.txt"
        text = book.read_text(encoding="utf-8")[:wp_chars]
        excerpt.write_text(text[: text.rfind("\n") + 1], encoding="utf-8")
        files.append(excerpt)
    return files


def words_per_second(words: int, seconds: float) -> float:
    """Throughput, guarding against a zero duration."""
    return words / max(seconds, 1e-9)


def _load() -> str:
    """The 1, 5 and 15 minute load averages, for judging how busy the shared machine was."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> int:
    """Run the benchmark and print the figures; returns the exit status."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--wp-chars", type=int, default=300_000, help="characters of War and Peace to add")
    parser.add_argument("--skip-jobs", action="store_true", help="do not time `gloss extract --jobs 2`")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        workdir = Path(folder)
        files = bench_files(workdir, options.wp_chars)
        texts = [file.read_text(encoding="utf-8") for file in files]
        words = sum(len(text.split()) for text in texts)
        print(f"texts: {len(texts)} files, {sum(map(len, texts)):,} characters, {words:,} words")
        print(f"load average before: {_load()}")

        extractor = Extractor.load()
        nlp = extractor.nlp
        print(f"model: {extractor.model_name}; components: {', '.join(nlp.pipe_names)}")

        list(extractor.extract_many(texts[:2]))  # warm-up: first calls allocate
        list(nlp.pipe(texts[:2]))

        start = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=8):
            pass
        bare = words_per_second(words, time.perf_counter() - start)
        print(f"bare nlp.pipe, all components:   {bare:8,.0f} words/s")

        start = time.perf_counter()
        spans = sum(len(found) for found in extractor.extract_many(texts))
        ours = words_per_second(words, time.perf_counter() - start)
        print(f"gloss extractor (1 process):     {ours:8,.0f} words/s  ({spans:,} spans)")
        print(f"ratio gloss / bare:              {ours / bare:8.2f}")
        print(f"load average after:  {_load()}")

        if not options.skip_jobs:
            output = workdir / "out.jsonl"
            commands: dict[int, float] = {}
            for jobs in (1, 2):
                start = time.perf_counter()
                command = [sys.executable, "-m", "tui", "extract", *map(str, files), "--jobs", str(jobs)]
                status = subprocess.run([*command, "-o", str(output)], cwd=ROOT, check=False).returncode
                commands[jobs] = words_per_second(words, time.perf_counter() - start)
                figure = f"{commands[jobs]:8,.0f} words/s (exit {status})"
                print(f"gloss extract --jobs {jobs} (a command, model loading included): {figure}")
            print(f"speed-up of --jobs 2 over --jobs 1:  {commands[2] / commands[1]:8.2f}")
            print(f"ratio gloss extract --jobs 2 / bare: {commands[2] / bare:8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
