"""The ``gloss`` command: open the reader, or run one of the subcommands.

``gloss [PATHS...]`` opens the reader; ``gloss extract|export|import ...`` run without any UI. Each
subcommand lives in its own module with a ``main(argv) -> int`` and is imported only when used, so
``gloss extract`` never imports Textual and ``gloss --version`` imports neither Textual nor spaCy.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import NoReturn

from tui import __version__
from tui.text_safety import one_line

SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "extract": ("tui.extract.cli", "write entities, numbers and quotes of articles as JSON Lines"),
    "export": ("tui.export.cli", "write saved annotations as Prodigy JSONL, .spacy, HTML, CoNLL or brat"),
    "import": ("tui.export.import_cli", "read Prodigy/doccano JSONL annotations into Gloss's store"),
    "index": ("tui.corpus.index_cli", "build or update the corpus index (extracts only what changed)"),
    "corpus": ("tui.corpus.cli", "query the corpus index: search, entities, mentions, quotes, numbers"),
}


class SafeArgumentParser(argparse.ArgumentParser):
    """An argument parser whose error line shows the arguments it quotes terminal-safe.

    argparse repeats what it could not use (``unrecognized arguments: ...``, an invalid choice), which
    is user input and may hold escape sequences; the subcommands build their parsers from this class.
    """

    def error(self, message: str) -> NoReturn:
        """Print the usage and a one-line, terminal-safe error; exit with status 2."""
        super().error(one_line(message))


def reader_parser() -> argparse.ArgumentParser:
    """The parser of ``gloss [PATHS...]`` (the reader); its help also lists the subcommands."""
    epilog = "subcommands (each has --help):\n" + "\n".join(
        f"  gloss {name:<8} {summary}" for name, (_, summary) in SUBCOMMANDS.items()
    )
    parser = SafeArgumentParser(
        prog="gloss",
        description="Read news articles in the terminal with entities, numbers and quotes highlighted.",
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="*", help="files or folders of articles (default: seeds/)")
    parser.add_argument("--model", help="spaCy pipeline to use (default: en_core_web_sm)")
    parser.add_argument("--store", help="folder for annotation files (default: .gloss/ beside the articles)")
    parser.add_argument("--version", action="version", version=f"gloss {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``gloss`` console script; returns the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in SUBCOMMANDS:
        module = importlib.import_module(SUBCOMMANDS[args[0]][0])
        status: int = module.main(args[1:])
        return status
    options = reader_parser().parse_args(args)
    from tui.extract.process import ModelProcess, ModelProcessError

    # The model loads in its own process from now, on the other core, while Textual starts and the
    # first article is painted (the reader stops it again if the corpus index can serve instead).
    try:
        process: ModelProcess | None = ModelProcess.start(options.model)
    except ModelProcessError:
        process = None  # the reader tries again when an article needs the model, and says why it failed
    from tui.app import run_reader  # imports Textual: only when the reader is wanted

    return run_reader(options, process)


if __name__ == "__main__":
    sys.exit(main())
