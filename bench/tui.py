"""Benchmark of the reader, driven headless with ``App.run_test`` (``make bench`` or ``python bench/tui.py``).

For the seed article and for War and Peace (3.2 MB) it prints: the time from start to the app's first
frame and to the article's text on screen, the time until its highlights are on screen (the real
spaCy extractor, loaded in a worker), the median and 95th percentile of 200 "next entity" keypresses,
the 95th percentile of jumps to a mention far away, and the peak memory. Then the time to list a
generated folder of 20,000 articles.

Goals (issue 3): first paint < 0.3 s; War and Peace on screen < 0.5 s; next entity p95 < 10 ms and far
jump p95 < 25 ms on War and Peace; the seed's highlights within 1.5 s; peak memory < 600 MB; 20,000
articles listed < 2 s.

With the corpus index (issue 13): ``--only indexed`` indexes a copy of the seeds with the real model
(untimed), then times, from the app's start, the seed article's text and its highlights painted from the
index, and reopening an indexed article (``J`` to it, until its highlights are on screen) against
reopening the same article with the index moved aside (the model, already loaded, extracts it): goals
highlights < 0.5 s from start once indexed and < 150 ms to reopen. ``--only corpus-memory`` generates a
20,000-article index with ``bench/corpus.py``'s generator and reports the peak memory of a reader
process that opens it, paints an article from it and opens the entities view and the ledger (goal
< 400 MB).

``--only pty`` starts ``gloss seeds/`` in a pseudo-terminal (a copy without an index, then an indexed
one) and times process start to the article's text and to "N highlights" on the status line, read
from the terminal output (goals: text < 0.35 s; highlights < 1.2 s the first time, < 0.5 s indexed), with
Gloss's bytecode compiled first, as an installed ``gloss`` has it. Each round also starts a one-widget
Textual app the same way (the least any Textual app waits: importing Textual and drawing one frame)
and a process that only imports spaCy and loads the model (the least any reader waits for spaCy's
highlights), and prints Gloss's times as ratios to them, so a loaded machine shows as a slow baseline,
not as Gloss.

Usage: ``python bench/tui.py [--only seed|book|folder|indexed|corpus-memory|pty] [--presses N] [--runs N]
[--against CHECKOUT]``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
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
    from tui.extract.process import ModelProcess

    started = time.perf_counter()
    app = TimedApp.for_paths([path], model_process=ModelProcess.start())  # started first, as `gloss` does
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


async def keys_while_extracting(path: Path, presses: int, in_process: bool) -> list[float]:
    """Time ``j`` (scroll a line) while the model extracts ``path``: in the reader's process (a thread
    worker, sharing the interpreter's lock with the UI) or in the model's own process (the default)."""
    factory = None
    if in_process:
        from tui.extract import Extractor

        def factory() -> Extractor:
            return Extractor.load()

    app = TimedApp.for_paths([path], extractor_factory=factory)
    assert isinstance(app, TimedApp)
    app.started = time.perf_counter()
    times: list[float] = []
    async with app.run_test(size=SIZE):
        await app.shown.wait()
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        view = screen.query_one(ArticleView)
        while app.extractor.extractor is None or screen._extracting is None:  # until extraction runs
            await asyncio.sleep(0.01)
        for _ in range(presses):
            if screen._extracting is None:
                break  # finished: what follows would not be "while extracting"
            before = view.scroll_offset.y
            times.append(await timed_key(app, "j", lambda b=before: view.scroll_offset.y != b))
            await asyncio.sleep(0.02)  # a person's next key; untimed
        app.exit()
    return times


async def bench_busy(presses: int) -> dict[str, str]:
    """Keys while the model extracts War and Peace (else the seeds joined), the model in this process
    against in its own, alternately, the in-process one as the baseline of the same run."""
    ours: list[float] = []
    theirs: list[float] = []
    with tempfile.TemporaryDirectory() as work:
        path = BOOK
        if not BOOK.is_file():
            path = Path(work) / "joined.txt"
            wikinews = sorted((ROOT / "seeds" / "wikinews").glob("*.txt"))
            texts = [p.read_text(encoding="utf-8") for p in wikinews]
            path.write_text("Joined\n\n" + "\n\n".join(texts * 20), encoding="utf-8")
        for _ in range(2):
            theirs += await keys_while_extracting(path, presses // 2, in_process=True)
            ours += await keys_while_extracting(path, presses // 2, in_process=False)
    results: dict[str, str] = {"article": f"{path.name}, {presses} presses of j while extracting"}
    for name, times in (("model in the reader's process", theirs), ("model in its own process", ours)):
        results[name] = f"median {ms(statistics.median(times))}, p95 {ms(p95(times))} ({len(times)} keys)"
    results["p95 own process / reader's"] = f"{p95(ours) / p95(theirs):.2f}x"
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


def indexed_copy(work: Path) -> Path:
    """A copy of the seeds indexed with the real model (``gloss index``; not timed)."""
    import shutil

    from tui.cli import main as gloss

    folder = work / "seeds"
    shutil.copytree(ROOT / "seeds", folder)
    code = gloss(["index", str(folder)])
    assert code == 0, code
    return folder


async def reopen_time(folder: Path, key_name: str) -> tuple[TimedApp, float, bool]:
    """Start the reader on ``folder`` with the seed article first; once it has settled, open the next
    article (``J``) and time it until its highlights are on screen. Returns the app, the time and
    whether the status line said the highlights came from the index (and so whether the model was
    never loaded: it is loaded only for an article the index cannot serve)."""
    started = time.perf_counter()
    app = TimedApp.for_paths([folder])
    assert isinstance(app, TimedApp)
    app.started = started
    async with app.run_test(size=SIZE) as pilot:
        await asyncio.wait_for(app.highlighted.wait(), 60)
        while app.extractor.requested and app.extractor.extractor is None and not app.extractor.failed:
            await asyncio.sleep(0.05)  # the model, when an article needed it: reopening then only extracts
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        app.highlighted.clear()
        screen.extracted.clear()  # what the background counting kept in memory: reopen from cold
        tick = time.perf_counter()
        await pilot.press(key_name)
        await asyncio.wait_for(app.highlighted.wait(), 60)
        # When the highlights were painted (the handler's own clock), not when this task got back: the
        # pilot's press waits for the app to go idle after the key, which is no part of the reopening.
        elapsed = app.started + (app.highlights_shown or 0) - tick
        served = "from the corpus index" in screen.extraction_state and not app.extractor.requested
        await app.workers.wait_for_complete()
    return app, elapsed, served


async def bench_indexed() -> dict[str, str]:
    """The index as the extraction cache: start to highlights, and reopening, with and without it."""
    results: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as work:
        folder = indexed_copy(Path(work))
        app, reopened, served = await reopen_time(folder, "J")
        results["article on screen (from start)"] = ms(app.article_shown or 0)
        results["highlights on screen (from start)"] = ms(app.highlights_shown or 0) + " (goal < 500 ms)"
        results["reopen, index"] = ms(reopened) + f" (goal < 150 ms; served from the index: {served})"
        index = folder / ".gloss" / "index.sqlite"
        index.rename(index.with_suffix(".aside"))
        _, by_model, served = await reopen_time(folder, "J")
        results["reopen, model (same run)"] = ms(by_model) + f" (served from the index: {served})"
        results["index / model"] = f"{reopened / by_model:.2f}x"
    return results


def bench_corpus_memory(count: int) -> dict[str, str]:
    """Peak memory of a reader process with a generated ``count``-article index open."""
    import importlib.util
    import subprocess

    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
    assert spec is not None and spec.loader is not None
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    from contextlib import nullcontext

    from tui.corpus import IndexBuild
    from tui.extract.identity import EXTRACTOR_VERSION
    from tui.store import AnnotationStore

    with tempfile.TemporaryDirectory() as work:
        folder = Path(work) / "corpus"
        folder.mkdir()
        texts = corpus.base_texts()
        spans = corpus.generate(folder, count, corpus.paragraphs(texts, corpus.extracted(texts)))
        engine = corpus.PrecomputedEngine(spans)
        store = AnnotationStore.for_article_path(folder)
        IndexBuild(
            store, model="bench", extractor_version=EXTRACTOR_VERSION, open_engine=lambda: nullcontext(engine)
        ).run([folder])
        child = subprocess.run(
            [sys.executable, __file__, "--reader-on", str(folder)], capture_output=True, text=True, check=True
        )
    return {"articles": f"{count:,}", **dict(line.split("\t", 1) for line in child.stdout.splitlines())}


def peak_memory(pid: int | str = "self") -> float:
    """Peak resident memory of a process in MB: ``VmHWM``, which starts again at an exec.

    Not ``ru_maxrss``: Linux keeps it across ``execve``, so a process started from a bigger one (this
    benchmark's parent holds the generated corpus) would report its parent's size as its own.
    """
    try:
        for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def reader_on(folder: Path) -> None:
    """(Child process.) Open the reader on an indexed folder, paint an article from the index, open the
    entities view and the ledger, then print the peak memory."""
    from tui.extract.identity import EXTRACTOR_VERSION

    app = TimedApp.for_paths([folder])
    assert isinstance(app, TimedApp)
    app.extractor.expected = ("bench", EXTRACTOR_VERSION)
    app.started = time.perf_counter()
    async with app.run_test(size=SIZE) as pilot:
        await app.highlighted.wait()
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        served = "from the corpus index" in screen.extraction_state
        for key in ("e", "escape", "dollar_sign", "escape"):
            await pilot.press(key)
            await app.workers.wait_for_complete()
            await pilot.pause()
        app.extractor.need()  # the index serves every article; load the model anyway (the worst case)
        while app.extractor.extractor is None and not app.extractor.failed:
            await asyncio.sleep(0.05)
        await app.workers.wait_for_complete()
        process = app.model_process
        model = peak_memory(process.pid) if process is not None else 0.0
    peak = peak_memory()
    print(f"highlights on screen (from start)\t{ms(app.highlights_shown or 0)} (from the index: {served})")
    print(f"peak memory, the reader's process\t{peak:.0f} MB")
    print(f"peak memory, the model's process\t{model:.0f} MB")
    print(f"peak memory, both (sum of peaks)\t{peak + model:.0f} MB (goal < 400 MB)")


TEXT_MARK = "Prospect of Closer Defense Ties"
"""A line of the seed article's text (a heading in its body), seen only once the article is painted."""

ESCAPES = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
"""Terminal escape sequences (CSI, OSC and the two-character ones), removed to find text on screen."""


FLOOR_APP = f"""
from textual.app import App
from textual.widgets import Static

class Floor(App):
    def compose(self):
        yield Static({TEXT_MARK!r} + " · 0 highlights")

Floor().run()
"""
"""The least a Textual app does before its first text is on screen: import Textual, start, draw one
widget. Timed in the same pseudo-terminal, it is the baseline Gloss's start is measured against."""


MODEL_FLOOR = """
from tui.extract.identity import find_model
import spacy

spacy.load(find_model(None))
print("model loaded", flush=True)
"""
"""The least any spaCy reader waits for its first highlights: import spaCy, ``spacy.load`` the model."""


def model_floor() -> float:
    """Process start to the model loaded, the plain spaCy way: the baseline of the first highlights."""
    import subprocess

    started = time.perf_counter()
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run(
        [sys.executable, "-c", MODEL_FLOOR], env=environment, check=True, capture_output=True, timeout=120
    )
    return time.perf_counter() - started


def pty_times(
    folder: Path | None, timeout: float = 60.0, root: Path = ROOT
) -> tuple[float | None, float | None]:
    """Start ``gloss FOLDER`` in a pseudo-terminal and time, from outside, process start to the seed
    article's text in the output and to the status line's "N highlights" (what a person waits for).
    ``None`` for the folder starts :data:`FLOOR_APP` instead; ``root`` is the checkout whose Gloss runs."""
    import fcntl
    import pty
    import select
    import signal
    import struct
    import termios

    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: the reader, as `gloss FOLDER` would run it from this checkout
        os.environ["PYTHONPATH"] = str(root)
        os.chdir(root)  # `python -m` puts the current folder first: it must be the checkout timed
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # its bytecode is compiled: see bench_pty
        if folder is None:
            os.execv(sys.executable, [sys.executable, "-c", FLOOR_APP])
        os.execv(sys.executable, [sys.executable, "-m", "tui", str(folder)])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
    seen = ""
    text_at = highlights_at = None
    try:
        while time.perf_counter() - started < timeout and (text_at is None or highlights_at is None):
            ready, _, _ = select.select([fd], [], [], 0.02)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 1 << 16)
            except OSError:
                break
            seen = (seen + ESCAPES.sub("", chunk.decode("utf-8", "replace")))[-20_000:]
            now = time.perf_counter() - started
            if text_at is None and TEXT_MARK in seen:
                text_at = now
            if highlights_at is None and re.search(r"\d+ highlights?\b", seen):
                highlights_at = now
    finally:
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
        os.close(fd)
    return text_at, highlights_at


def compile_bytecode(root: Path = ROOT) -> None:
    """Compile Gloss's modules to bytecode (``__pycache__`` in the checkout, ignored by git).

    An installed ``gloss`` has its bytecode compiled by pip, and a checkout writes it on the first run;
    a shell with ``PYTHONDONTWRITEBYTECODE`` set would instead make every start compile all of Gloss
    from source (about 0.4 s on this machine), which is not what a person waits for.
    """
    import compileall

    compileall.compile_dir(root / "tui", quiet=1)


def bench_pty(runs: int = 3, against: Path | None = None) -> dict[str, str]:
    """Process start to text and to highlights, the first time (no index) and once indexed.

    With ``against`` (another checkout, such as a worktree of an earlier commit), each round also starts
    that checkout's Gloss on a fresh unindexed copy of its seeds, so the two are compared in one run.

    Each is started ``runs`` times, alternating (a fresh copy without an index each time, so every
    "first time" is one): the median is the figure, and the fastest says what an idle machine gives.
    """
    import shutil

    compile_bytecode()
    if against is not None:
        compile_bytecode(against)

    def figure(times: list[float | None], goal: str) -> str:
        seen = sorted(t for t in times if t is not None)
        if not seen:
            return f"not seen (goal < {goal})"
        missed = f", not seen {len(times) - len(seen)}x" if len(seen) < len(times) else ""
        return f"{ms(statistics.median(seen))} (fastest {ms(seen[0])}{missed}; goal < {goal})"

    floor: list[float | None] = []
    model: list[float | None] = []
    plain_text: list[float | None] = []
    plain_highlights: list[float | None] = []
    indexed_text: list[float | None] = []
    indexed_highlights: list[float | None] = []
    other_text: list[float | None] = []
    other_highlights: list[float | None] = []
    with tempfile.TemporaryDirectory() as work:
        indexed = indexed_copy(Path(work))
        for run in range(runs):
            plain = Path(work) / f"plain-{run}" / "seeds"
            shutil.copytree(ROOT / "seeds", plain)
            text, highlights = pty_times(plain)
            plain_text.append(text)
            plain_highlights.append(highlights)
            text, highlights = pty_times(indexed)
            indexed_text.append(text)
            indexed_highlights.append(highlights)
            floor.append(pty_times(None)[0])
            model.append(model_floor())
            if against is not None:
                theirs = Path(work) / f"against-{run}" / "seeds"
                shutil.copytree(against / "seeds", theirs)
                text, highlights = pty_times(theirs, root=against)
                other_text.append(text)
                other_highlights.append(highlights)

    def ratio(times: list[float | None], baseline: list[float | None] = floor) -> str:
        seen, base = [t for t in times if t is not None], [t for t in baseline if t is not None]
        if not seen or not base:
            return "-"
        return f"{statistics.median(seen) / statistics.median(base):.2f}x"

    results = {
        "runs (each)": str(runs),
        "baseline: one-widget Textual app": figure(floor, "350 ms"),
        "text / baseline (first, indexed)": f"{ratio(plain_text)}, {ratio(indexed_text)}",
        "highlights indexed / baseline": ratio(indexed_highlights),
        "baseline: import spaCy + load": figure(model, "1,200 ms"),
        "first highlights / spaCy load": ratio(plain_highlights, model),
        "first time: text": figure(plain_text, "350 ms"),
        "first time: highlights": figure(plain_highlights, "1,200 ms"),
        "indexed: text": figure(indexed_text, "350 ms"),
        "indexed: highlights": figure(indexed_highlights, "500 ms"),
    }
    if against is not None:
        then_text, then_highlights = figure(other_text, "350 ms"), figure(other_highlights, "1,200 ms")
        results[f"{against.name}: first text"] = f"{then_text}; now / then {ratio(plain_text, other_text)}"
        results[f"{against.name}: first highlights"] = (
            f"{then_highlights}; now / then {ratio(plain_highlights, other_highlights)}"
        )
    return results


def show(title: str, results: dict[str, str]) -> None:
    """Print one block of figures."""
    print(f"\n{title}")
    for name, value in results.items():
        print(f"  {name:<32} {value}")


def main() -> None:
    """Run the chosen benchmarks and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--only", choices=["seed", "book", "folder", "indexed", "corpus-memory", "pty", "busy"]
    )
    parser.add_argument("--reader-on", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--presses", type=int, default=200)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3, help="starts of each kind for --only pty")
    parser.add_argument("--against", type=Path, help="--only pty: time this checkout's gloss alternately")
    options = parser.parse_args()
    if options.reader_on is not None:
        asyncio.run(reader_on(options.reader_on))
        return
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(
        f"Gloss reader benchmark · terminal {SIZE[0]}×{SIZE[1]} · Python {sys.version.split()[0]}"
        f" · {os.cpu_count()} CPUs · load average {load} (other work on the machine skews the timings)"
    )
    if options.only in (None, "indexed"):  # first, while nothing is imported yet
        show("Seed article, indexed", asyncio.run(bench_indexed()))
    if options.only in (None, "seed"):
        show(f"Seed article ({SEED.name})", asyncio.run(bench_article(SEED, options.presses)))
    if options.only in (None, "book"):
        if BOOK.is_file():
            show("War and Peace", asyncio.run(bench_article(BOOK, options.presses)))
        else:
            print(f"\nWar and Peace: skipped, {BOOK} is absent")
    if options.only in (None, "folder"):
        show("Folder", asyncio.run(bench_folder(options.articles)))
    if options.only in (None, "pty"):
        show("gloss seeds/ in a pseudo-terminal, from outside", bench_pty(options.runs, options.against))
    if options.only in (None, "busy"):
        show("Keys while the model extracts", asyncio.run(bench_busy(options.presses)))
    if options.only in (None, "corpus-memory"):
        show("Reader with a corpus index", bench_corpus_memory(options.articles))


if __name__ == "__main__":
    main()
