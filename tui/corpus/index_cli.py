"""``gloss index PATHS... [--store DIR] [--jobs N] [--engine local|dask] [--scheduler ADDR]``, with
``[--recycle-after N] [--recycle-memory MIB]`` for the worker processes.

Builds or brings up to date the corpus index (``index.sqlite`` in the store folder) of the articles under
PATHS: only new and changed articles are extracted, and every batch is committed as it finishes, so an
interrupted run loses nothing it had written and the next one carries on. A progress bar is drawn when
stderr is a terminal; the closing summary goes to stdout and problems to stderr.
"""

from __future__ import annotations

import argparse
import sys
import threading
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, ExitStack
from pathlib import Path

from tui.cli import SafeArgumentParser
from tui.extract.identity import CONVENTIONS
from tui.scale import ENGINES, Engine
from tui.scale.interrupt import EXIT_INTERRUPTED, remembering_ctrl_c
from tui.scale.options import add_recycle_options, positive
from tui.wording import counted

EXIT_PROBLEMS = 1
"""Some articles could not be read or extracted, or some PATHS do not exist (the rest were indexed)."""
EXIT_FAILED = 2
"""Nothing could be done: none of the PATHS exists (nothing is written), no model, no engine, or an index
that cannot be opened."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``gloss index``."""
    parser = SafeArgumentParser(
        prog="gloss index",
        description="Build or update the corpus index of the articles under PATHS (only changes are "
        "extracted; an interrupted run carries on where it stopped).",
    )
    parser.add_argument("paths", nargs="+", type=Path, help="article files or folders (searched recursively)")
    parser.add_argument("--store", type=Path, help="store folder (default: .gloss/ beside the articles)")
    parser.add_argument("--jobs", "-j", type=positive, default=1, help="worker processes (default: 1)")
    parser.add_argument("--engine", choices=ENGINES, default="local", help="where extraction runs")
    parser.add_argument("--scheduler", help="address of a running Dask scheduler (with --engine dask)")
    add_recycle_options(parser)
    parser.add_argument("--model", help="spaCy pipeline (default: the first English one installed)")
    parser.add_argument(
        "--convention", choices=CONVENTIONS,
        help="entity boundaries (default: [extract] convention in gloss.toml, else ontonotes); "
        "the reader is served from the index only when its convention is the same",
    )  # fmt: skip
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``gloss index``; returns the exit status."""
    options = build_parser().parse_args(argv)
    from tui.corpus.build import IndexBuild
    from tui.corpus.location import index_path, missing_paths, store_for
    from tui.corpus.schema import CorpusError
    from tui.extract.identity import ModelNotFoundError, convention_for, extractor_version, model_identity
    from tui.scale import EngineError, open_engine

    def fail(message: str) -> int:
        print(f"gloss index: {message}", file=sys.stderr)
        return EXIT_FAILED

    paths, missing = missing_paths(options.paths)
    for problem in missing:
        print(f"gloss index: {problem}", file=sys.stderr)
    if not paths:  # before the store is found: nothing is created for paths that are not there
        return EXIT_FAILED
    try:
        model = model_identity(options.model)
    except ModelNotFoundError as error:
        return fail(str(error))
    store = store_for(paths, options.store)
    try:
        convention = options.convention or convention_for(paths[0])
    except ValueError as error:
        return fail(str(error))

    def engine() -> AbstractContextManager[Engine]:
        return open_engine(
            options.engine, jobs=options.jobs, scheduler=options.scheduler, model=options.model,
            convention=convention, recycle_after=options.recycle_after,
            recycle_memory=options.recycle_memory,
        )  # fmt: skip

    interrupted = threading.Event()
    with ExitStack() as stack:
        build = IndexBuild(
            store, model=model, extractor_version=extractor_version(convention), open_engine=engine,
            progress=_progress(stack), interrupted=interrupted,
        )  # fmt: skip
        try:
            with remembering_ctrl_c(interrupted):
                report = build.run(paths)
        except (CorpusError, EngineError, ModelNotFoundError) as error:
            return fail(str(error))
        except KeyboardInterrupt:
            stack.close()  # the progress bar goes before the line below
            kept = counted(build.report.committed, "article committed is", "articles committed are")
            print(
                f"gloss index: interrupted; the {kept} kept in "
                f"{index_path(store)}, and a rerun carries on from there",
                file=sys.stderr,
            )
            return EXIT_INTERRUPTED
    for problem in report.problems:
        print(f"gloss index: {problem}", file=sys.stderr)
    print(f"{report.summary()} (index: {index_path(store)})")
    return EXIT_PROBLEMS if report.problems or missing else 0


def _progress(stack: ExitStack) -> Callable[[int, int], None] | None:
    """A progress callback drawing a bar on stderr, or ``None`` when stderr is not a terminal."""
    if not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import Progress

    progress = stack.enter_context(Progress(console=Console(stderr=True), transient=True))
    task = progress.add_task("indexing", total=None)

    def advance(done: int, total: int) -> None:
        progress.update(task, completed=done, total=total)

    return advance


if __name__ == "__main__":
    sys.exit(main())
