"""What the reader imports before its first paint: only what that paint needs.

Every module imported at start is time a person waits for the text (tens of milliseconds for the
dialogs, the corpus views' widgets or the extraction package's patterns). Each check runs in a fresh
interpreter, so that nothing imported by other tests can hide an import.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

NOT_BEFORE_THE_FIRST_PAINT = [
    "spacy",
    "tui.extract.pipeline",
    "tui.extract.entities",
    "tui.extract.numbers",
    "tui.extract.quotes",
    "tui.extract.wrapping",
    "tui.extract.spacy_import",
    "tui.corpus",
    "tui.dialogs",
    "tui.export",
    "tui.screens.help",
    "tui.screens.highlights",
    "tui.screens.corpus_build",
    "tui.screens.corpus_common",
    "tui.widgets.corpus_pane",
    "tui.widgets.corpus_results",
]
"""Opened by a key, a dialog or the model's load: imported where they are used."""


def imported_by(code: str) -> set[str]:
    """The modules ``sys.modules`` holds after running ``code`` in a fresh interpreter."""
    script = f"import sys\n{code}\nprint('\\n'.join(sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return set(result.stdout.split())


@pytest.fixture(scope="module")
def at_start() -> set[str]:
    """What the app and a reader on the seeds import before running (``gloss seeds/`` up to App.run)."""
    return imported_by(
        "from pathlib import Path\n"
        "from tui.app import GlossApp\n"
        "from tui.screens.reader import ReaderScreen\n"
        "app = GlossApp.for_paths([Path('seeds')])\n"
        "ReaderScreen(app.entries, app.problems, workspace=app.workspace, extractor=app.extractor)\n"
    )


@pytest.mark.parametrize("module", NOT_BEFORE_THE_FIRST_PAINT)
def test_the_reader_does_not_import_at_start(at_start: set[str], module: str) -> None:
    assert "tui.app" in at_start
    assert not {m for m in at_start if m == module or m.startswith(module + ".")}


def test_of_the_extraction_package_only_the_model_process_client_is_imported(at_start: set[str]) -> None:
    """The reader talks to the model's process (``tui.extract.process``); the rules stay in the child."""
    assert {m for m in at_start if m.startswith("tui.extract")} <= {
        "tui.extract",
        "tui.extract.identity",
        "tui.extract.process",
    }


def test_the_convention_is_still_read_from_gloss_toml_when_asked(tmp_path: Path) -> None:
    (tmp_path / "gloss.toml").write_text('[extract]\nconvention = "conll"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("A title\nSome text.\n", encoding="utf-8")
    modules = imported_by(
        "from pathlib import Path\n"
        "from tui.app import GlossApp\n"
        f"app = GlossApp.for_paths([Path({str(tmp_path)!r})])\n"
        "assert 'tui.extract.pipeline' not in sys.modules\n"
        "assert app.extractor.convention == 'conll', app.extractor.convention\n"
    )
    assert "tui.extract.identity" in modules  # found on first use, by importing it then
