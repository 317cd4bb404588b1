"""The UI-free layers (model, render, annotation, extraction, storage, sources, export, corpus, scale)
must never import Textual.

Each module is imported in a fresh interpreter so that nothing imported by other tests can hide an
import; the check is on ``sys.modules`` after the import.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import tui

UI_FREE_PACKAGES = [
    "tui.model",
    "tui.render",
    "tui.annotation",
    "tui.extract",
    "tui.sources",
    "tui.export",
    "tui.store",
    "tui.corpus",
    "tui.scale",
]
"""Every UI-free package; those this tree has are checked (a package added later is checked at once)."""

PRESENT = [p for p in UI_FREE_PACKAGES if (Path(tui.__file__).parent / p.removeprefix("tui.")).is_dir()]

CORE_MODULES = [
    *PRESENT,
    "tui.model.navigation",
    "tui.annotation.controller",
    "tui.annotation.extraction",
    "tui.render.navigator",
    "tui.extract.pipeline",
    "tui.extract.entities",
    "tui.extract.numbers",
    "tui.extract.cli",
    "tui.export.cli",
    "tui.export.import_cli",
    "tui.cli",
]
"""Every core package and the modules the command line loads before it decides to start the UI."""


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_does_not_import_textual(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"{module} imports {result.stdout.strip()}"


def test_version_flag_is_cheap() -> None:
    """``gloss --version`` answers without importing spaCy or Textual."""
    code = (
        "import sys\nfrom tui.cli import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('spacy', 'textual') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip().endswith("[]")
    assert "gloss 0." in result.stdout
