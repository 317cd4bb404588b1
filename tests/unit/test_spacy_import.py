"""spaCy is imported without its command line (``tui.extract.spacy_import``), and nothing is lost.

Each check runs in a fresh interpreter: spaCy is imported once per process, so the pytest process
(which may have imported it already) cannot show what an import pulls in.
"""

from __future__ import annotations

from tests.app_support import run_fresh

CHECK = """
import sys
from tui.export.common import blank_english

tokens = [t.text for t in blank_english()("Xi met Putin.")]
cli = sorted(m for m in sys.modules if m.split(".")[0] in ("typer", "click", "requests", "weasel"))
import spacy
info = spacy.info()
import spacy.cli
print(tokens, cli, "spacy_version" in info, hasattr(spacy.cli, "download"), "spacy.cli" in sys.modules)
"""


def test_spacy_loads_a_pipeline_without_its_command_line_which_still_works_when_asked_for() -> None:
    run = run_fresh(CHECK)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().splitlines()[-1] == "['Xi', 'met', 'Putin', '.'] [] True True True"
