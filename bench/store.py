"""How long the annotation store takes on a seed article and on a War and Peace-sized annotation set.

    .venv/bin/python bench/store.py

The book's spans are a proxy for extractor output with realistic density: every capitalised word of
War and Peace (about 44,000 spans over 3.2 million characters), so the figures do not wait for spaCy.
Each save is a real atomic save (temporary file, fsync, rename, fsync of the folder) on this disk.
"""

from __future__ import annotations

import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared"
sys.path.insert(0, str(ROOT))

from tui.model import AnnotationSet, Article, Span, merge_suggestions  # noqa: E402
from tui.store import AnnotationStore  # noqa: E402

MODEL = {"model": "proxy", "extractor_version": "bench"}


def timed(action: Callable[[], object], repeat: int = 5) -> float:
    """Median seconds of ``action`` over ``repeat`` runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def proxy_spans(text: str) -> list[Span]:
    """Capitalised words as PERSON suggestions: a stand-in for the extractor's output."""
    words = re.finditer(r"\b[A-Z][a-z]+\b", text)
    return [Span(m.start(), m.end(), "PERSON", "entity", m.group()) for m in words]


def bench(name: str, text: str, folder: Path) -> None:
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    article = Article(str(path), path, name, text)
    spans = proxy_spans(text)
    anns = AnnotationSet.from_suggestions(text, spans)
    for annotation in anns.ordered[:50]:
        anns.accept(annotation.id)
    anns.review_remaining("rejected", label="PERSON")  # one huge step: the worst case for history
    store = AnnotationStore.for_article_path(path)
    save = timed(lambda: store.save(article, anns, **MODEL))
    size = store.path_for(article).stat().st_size
    load = timed(lambda: store.load(article))
    snapshot = timed(anns.snapshot)
    cold = timed(lambda: AnnotationStore.for_article_path(path).summary(article.key), 20)
    warm = timed(lambda: store.summary(article.key), 20)
    loaded = store.load(article)
    assert loaded is not None
    merge = timed(lambda: merge_suggestions(loaded.annotations, spans, drop_stale=True), 1)
    changed = Article(str(path), path, name, "A new first line.\n" + text)
    reanchor = timed(lambda: store.load(changed), 1)
    print(
        f"| {name} | {len(spans):,} | {size / 1024:,.0f} KiB | {save * 1000:,.1f} ms | {load * 1000:,.1f} ms "
        f"| {reanchor * 1000:,.0f} ms | {merge * 1000:,.1f} ms | {snapshot * 1000:,.2f} ms "
        f"| {cold * 1e6:,.0f} / {warm * 1e6:,.0f} µs |"
    )


def main() -> int:
    print("| text | spans | file | save | load | load, text changed | merge | snapshot | summary cold/warm |")
    print("|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as workdir:
        folder = Path(workdir)
        seed = ROOT / "seeds" / "beijing-summit.txt"
        if not seed.exists():
            seed = SHARED / "seeds" / "beijing-summit.txt"
        bench("seed", seed.read_text(encoding="utf-8"), folder)
        book = SHARED / "data" / "long" / "war_and_peace.txt"
        if book.is_file():
            bench("war-and-peace", book.read_text(encoding="utf-8"), folder)
        else:
            print(f"(War and Peace not found at {book}: skipped)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
