"""``gloss export --include-suggestions`` extracts never-opened articles in the corpus's convention.

The CoNLL format's help once said to "extract with ``gloss extract --convention conll``" first, which
changed nothing: ``gloss extract`` writes JSON Lines, not the store, and the export's own extraction
was always OntoNotes. Now the export takes ``--convention``, and without it the ``[extract]
convention`` of the articles' ``gloss.toml``, as ``gloss extract`` and ``gloss index`` do.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli import main as gloss

TEXT = "The talks were held at the United Nations in New York on Monday, officials said.\n"


def exported_conll(tmp_path: Path, *options: str, settings: str | None = None) -> list[list[str]]:
    """The rows (token, ..., tag) of a CoNLL export with suggestions of one never-opened article."""
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "talks.txt").write_text(TEXT, encoding="utf-8")
    if settings is not None:
        (folder / "gloss.toml").write_text(settings, encoding="utf-8")
    out = tmp_path / "out.conll"
    status = gloss(["export", str(folder), "--include-suggestions", "-f", "conll", "-o", str(out), *options])
    assert status == 0
    return [line.split() for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]


def tag_of(rows: list[list[str]], token: str) -> str:
    """The entity tag of the first row of ``token`` (after "held at")."""
    tokens = [row[0] for row in rows]
    at = tokens.index("at")
    return rows[at + 1 + tokens[at + 1 :].index(token)][-1]


@pytest.mark.model
def test_the_default_convention_starts_the_name_at_its_article(tmp_path: Path) -> None:
    rows = exported_conll(tmp_path)
    assert tag_of(rows, "the").startswith("B-")
    assert tag_of(rows, "United").startswith("I-")


@pytest.mark.model
def test_convention_conll_leaves_the_article_out_of_the_name(tmp_path: Path) -> None:
    rows = exported_conll(tmp_path, "--convention", "conll")
    assert tag_of(rows, "the") == "O"
    assert tag_of(rows, "United").startswith("B-")


@pytest.mark.model
def test_the_corpus_settings_choose_the_convention(tmp_path: Path) -> None:
    rows = exported_conll(tmp_path, settings='[extract]\nconvention = "conll"\n')
    assert tag_of(rows, "the") == "O"
    assert tag_of(rows, "United").startswith("B-")


def test_an_unknown_convention_in_the_settings_is_one_line_and_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "talks.txt").write_text(TEXT, encoding="utf-8")
    (folder / "gloss.toml").write_text('[extract]\nconvention = "brat"\n', encoding="utf-8")
    status = gloss(["export", str(folder), "-f", "conll", "-o", str(tmp_path / "out.conll")])
    assert status == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert "unknown entity convention 'brat'" in error
