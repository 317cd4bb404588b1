"""``gloss index`` killed with SIGKILL in the middle of a run: the database is intact, keeps every
committed batch, and the next run extracts only what was not committed."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tui.cli import main
from tui.corpus.schema import FTS_AUTOMERGE, span_index_names

ROOT = Path(__file__).parents[2]
SEEDS = sorted((ROOT / "seeds").rglob("*.txt"))
ARTICLES = 2500
"""More than one batch (:data:`tui.corpus.build.BATCH_ARTICLES`) with a blank pipeline, so that the run
is still going when its first batch is committed, however fast the machine."""


@pytest.fixture
def model(tmp_path: Path) -> Path:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns(  # type: ignore[attr-defined]
        [{"label": "PERSON", "pattern": "Xi Jinping"}, {"label": "GPE", "pattern": "North Korea"}]
    )
    nlp.to_disk(tmp_path / "model")
    return tmp_path / "model"


def committed(database: Path) -> int:
    """Articles committed so far, read as another process would (0 while nothing is)."""
    if not database.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=0.1) as connection:
            return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:  # not created yet, or the first transaction is being written
        return 0


def test_a_killed_index_run_is_intact_and_the_rerun_completes_it(
    tmp_path: Path, model: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for number in range(ARTICLES):
        seed = SEEDS[number % len(SEEDS)].read_text(encoding="utf-8")[:400]  # short: a quick run
        text = f"Report {number}\nXi Jinping spoke of North Korea.\n{seed}"
        (folder / f"article-{number:04}.txt").write_text(text, encoding="utf-8")
    database = folder / ".gloss" / "index.sqlite"
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "index", str(folder), "--model", str(model)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 120
        while committed(database) == 0:  # polls the database the run writes, not a fixed wait
            assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
            assert time.monotonic() < deadline, "no batch was committed within two minutes"
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
    finally:
        process.kill()
        process.wait()
    assert process.returncode == -signal.SIGKILL

    done = committed(database)
    assert 0 < done < ARTICLES
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    assert main(["index", str(folder), "--model", str(model)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{ARTICLES} articles: {ARTICLES - done} extracted, {done} unchanged")
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        connection.execute("INSERT INTO texts (texts) VALUES ('integrity-check')")  # raises if corrupt
        assert connection.execute("SELECT count(*) FROM articles").fetchone()[0] == ARTICLES
        assert connection.execute("SELECT count(*) FROM dirty").fetchone()[0] == 0
        mentions = connection.execute("SELECT coalesce(sum(mentions), 0) FROM entities").fetchone()[0]
        spans = connection.execute("SELECT count(*) FROM spans WHERE ident IS NOT NULL").fetchone()[0]
        assert mentions == spans > 0  # the counts of the killed run's batches were recomputed
        listed = connection.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        indexes = {name for (name,) in listed}
        assert set(span_index_names()) <= indexes  # dropped by the killed first build, made again
        merging = connection.execute("SELECT v FROM texts_config WHERE k = 'automerge'").fetchone()
        assert merging == (FTS_AUTOMERGE,)  # switched off by the killed first build, back on
