"""Every command's ``--help`` prints its usage and exits 0.

argparse %-formats each help string, so a bare ``%`` in one (``gloss corpus numbers``'s "troops, %,
$") made ``--help`` crash with a traceback.
"""

from __future__ import annotations

import pytest

from tui.cli import SUBCOMMANDS
from tui.cli import main as gloss

CORPUS_COMMANDS = ["search", "entities", "mentions", "quotes", "numbers"]


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        *([name, "--help"] for name in SUBCOMMANDS),
        *(["corpus", c, "--help"] for c in CORPUS_COMMANDS),
    ],
    ids=lambda argv: " ".join(argv),
)
def test_help_prints_usage_and_exits_0(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        gloss(argv)
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: gloss")
    assert "options:" in out
