"""Benchmark of the reader, driven headless with ``App.run_test`` (``make bench`` or ``python bench/tui.py``).

For the seed article and for War and Peace (3.2 MB) it prints: the time from start to the app's first
frame and to the article's text on screen, the time until its highlights are on screen (the real
spaCy extractor, loaded in a worker), the median and 95th percentile of 200 "next entity" keypresses,
the 95th percentile of jumps to a mention far away, and the peak memory. Then the time to list a
generated folder of 20,000 articles.

Goals (issue 3): first paint < 0.3 s; War and Peace on screen < 0.5 s; next entity p95 < 10 ms and far
jump p95 < 25 ms on War and Peace; the seed's highlights within 1.5 s; peak memory < 600 MB; 20,000
articles listed < 2 s.

Usage: ``python bench/tui.py [--only seed|book|folder] [--presses N]``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from textual import events
from textual.keys import key_to_character

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tui.app import GlossApp  # noqa: E402  (after the path set-up, so it runs from a checkout)
from tui.messages import ArticleShown, HighlightsShown  # noqa: E402
from tui.model import Article  # noqa: E402
from tui.screens.reader import ReaderScreen  # noqa: E402
from tui.widgets import ArticleList, ArticleView  # noqa: E402

SEED = ROOT / "seeds" / "beijing-summit.txt"
BOOK = ROOT / ".." / "shared" / "data" / "long" / "war_and_peace.txt"
SIZE = (120, 40)


class TimedApp(GlossApp):
    """The app, noting when the first frame, the article and its highlights reach the screen.

    The benchmark waits on events rather than polling with ``pilot.pause()``: that waits for the
    process to be idle, and while the model loads in its thread it never is, which slows the load.
    """

    started = 0.0
    first_frame: float | None = None
    article_shown: float | None = None
    highlights_shown: float | None = None

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.shown = asyncio.Event()
        self.highlighted = asyncio.Event()

    def on_ready(self) -> None:
        """The first frame has been drawn."""
        self.first_frame = time.perf_counter() - self.started

    def on_article_shown(self, message: ArticleShown) -> None:
        """The text is on screen (painted on the next refresh, which this forces)."""
        self.screen._on_timer_update()
        self.article_shown = time.perf_counter() - self.started
        self.shown.set()

    def on_highlights_shown(self, message: HighlightsShown) -> None:
        """Extraction finished and every highlight is on screen."""
        self.screen._on_timer_update()
        self.highlights_shown = time.perf_counter() - self.started
        self.highlighted.set()


async def timed_key(app: GlossApp, key: str, moved: Callable[[], bool]) -> float:
    """Send one key as the terminal would and time it until its effect is painted.

    ``pilot.press`` waits for the process to go idle (tens of milliseconds of sleeping), which would
    swamp what is measured here: the binding, the jump, the status line and the repaint of the
    changed lines.
    """
    tick = time.perf_counter()
    event = events.Key(key, key_to_character(key))
    event.set_sender(app)
    assert app._driver is not None
    app._driver.send_message(event)
    for _ in range(100_000):
        if moved():
            break
        await asyncio.sleep(0)
    for _ in range(3):  # let the messages the jump posted (status line) be handled
        await asyncio.sleep(0)
    app.screen._on_timer_update()  # paint what changed, as the screen's update timer would
    return time.perf_counter() - tick


def ms(seconds: float) -> str:
    """Milliseconds, one decimal."""
    return f"{seconds * 1000:.1f} ms"


def p95(values: list[float]) -> float:
    """95th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


async def bench_article(path: Path, presses: int) -> dict[str, str]:
    """Open one article with the real extractor and time painting, highlights and jumps."""
    started = time.perf_counter()
    app = TimedApp.for_paths([path])
    assert isinstance(app, TimedApp)
    app.started = started
    results: dict[str, str] = {}
    async with app.run_test(size=SIZE) as pilot:
        await app.highlighted.wait()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        view = screen.query_one(ArticleView)
        article = screen.article
        assert isinstance(article, Article)
        results["size"] = f"{len(article.text):,} characters, {len(view.shown):,} highlights"
        results["first frame"] = ms(app.first_frame or 0)
        results["article on screen"] = ms(app.article_shown or 0)
        results["highlights on screen"] = ms(app.highlights_shown or 0)
        await pilot.press("n")
        times: list[float] = []
        for _ in range(presses):
            before = view.cursor
            times.append(await timed_key(app, "right_square_bracket", lambda b=before: view.cursor != b))
            await pilot.pause()  # untimed: a person's next keypress comes after the app has gone idle
        results["next entity median"] = ms(statistics.median(times))
        results["next entity p95"] = ms(p95(times))
        far = await far_jumps(app, pilot, view, presses)
        results["far jump p95"] = ms(p95(far)) + f" ({len(far)} jumps)" if far else "no far mentions"
    results["peak memory"] = f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    return results


async def far_jumps(app: GlossApp, pilot: object, view: ArticleView, presses: int) -> list[float]:
    """Time "next mention" jumps that land more than a screen away, over the most spread-out entities."""
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    index = view.index
    groups = [g for g in index.groups() if g.kind == "entity" and len(g.indices) > 3]
    groups.sort(key=lambda g: -(index.spans[g.indices[-1]].start - index.spans[g.indices[0]].start))
    times: list[float] = []
    height = view.scrollable_content_region.height
    for group in groups[:20]:
        view.move_to(group.indices[0])
        await pilot.pause()
        for _ in range(min(len(group.indices), presses // 10 or 1)):
            before, cursor = view.scroll_offset.y, view.cursor
            elapsed = await timed_key(app, "asterisk", lambda c=cursor: view.cursor != c)
            await pilot.pause()  # untimed, as above
            if abs(view.scroll_offset.y - before) > height:
                times.append(elapsed)
            if len(times) >= presses:
                return times
    return times


async def bench_folder(count: int) -> dict[str, str]:
    """List a generated folder of ``count`` small articles (no extraction is waited for)."""
    with tempfile.TemporaryDirectory() as folder:
        for number in range(count):
            Path(folder, f"article-{number:05d}.txt").write_text(
                f"Headline number {number}\nVladimir Putin met Xi Jinping in Beijing on day {number}.\n",
                encoding="utf-8",
            )
        started = time.perf_counter()
        app = TimedApp.for_paths([Path(folder)])
        assert isinstance(app, TimedApp)
        app.started = started
        async with app.run_test(size=SIZE):
            await app.shown.wait()
            listed = time.perf_counter() - started
            article_list = app.screen.query_one(ArticleList)
            assert len(article_list.entries) == count
            app.exit()
    return {"articles": f"{count:,}", "listed and first article shown": ms(listed)}


def show(title: str, results: dict[str, str]) -> None:
    """Print one block of figures."""
    print(f"\n{title}")
    for name, value in results.items():
        print(f"  {name:<32} {value}")


def main() -> None:
    """Run the chosen benchmarks and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--only", choices=["seed", "book", "folder"])
    parser.add_argument("--presses", type=int, default=200)
    parser.add_argument("--articles", type=int, default=20_000)
    options = parser.parse_args()
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(
        f"Gloss reader benchmark · terminal {SIZE[0]}×{SIZE[1]} · Python {sys.version.split()[0]}"
        f" · {os.cpu_count()} CPUs · load average {load} (other work on the machine skews the timings)"
    )
    if options.only in (None, "seed"):
        show(f"Seed article ({SEED.name})", asyncio.run(bench_article(SEED, options.presses)))
    if options.only in (None, "book"):
        if BOOK.is_file():
            show("War and Peace", asyncio.run(bench_article(BOOK, options.presses)))
        else:
            print(f"\nWar and Peace: skipped, {BOOK} is absent")
    if options.only in (None, "folder"):
        show("Folder", asyncio.run(bench_folder(options.articles)))


if __name__ == "__main__":
    main()
