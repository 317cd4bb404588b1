"""The reader leaves the corpus index as it found it: one file, no ``-wal``/``-shm`` beside it.

SQLite keeps a WAL-mode database's write-ahead log and shared-memory files while any connection has
it open, and a read-only last connection does not remove them when it closes. A reader that quit
without closing its indexes, or closed only read-only connections, left ``index.sqlite-wal`` and
``index.sqlite-shm`` in the store folder after every session.
"""

from __future__ import annotations

from pathlib import Path

from tests.app_support import FixedExtractor
from tests.conftest import OpenReader
from tests.corpus_support import RuleEngine, build, write
from tui.app import GlossApp
from tui.extract.identity import extractor_version

MODEL = FixedExtractor.model_name
VERSION = extractor_version()


def indexed_folder(tmp_path: Path) -> Path:
    """Two articles, indexed under the fixed extractor's identity (so the reader reads the index)."""
    folder = tmp_path / "news"
    write(folder, "a.txt", "Summit opens\nXi Jinping met Vladimir Putin in Beijing.\n")
    write(folder, "b.txt", "Talks\nVladimir Putin spoke in Moscow.\n")
    build(folder, RuleEngine(), model=MODEL, version=VERSION)
    return folder


def beside_index(folder: Path) -> set[str]:
    """The index's files in the store folder."""
    return {path.name for path in (folder / ".gloss").glob("index.sqlite*")}


async def test_closing_the_reader_closes_the_corpus_index(open_reader: OpenReader, tmp_path: Path) -> None:
    folder = indexed_folder(tmp_path)
    assert beside_index(folder) == {"index.sqlite"}
    app = GlossApp.for_paths([folder], extractor_factory=FixedExtractor)
    app.extractor.expected = (MODEL, VERSION)
    async with open_reader(app=app) as reader:
        assert "from the corpus index" in reader.status.state  # the index was opened and read
        assert beside_index(folder) >= {"index.sqlite-wal", "index.sqlite-shm"}  # open while reading
        await reader.pilot.press("e")  # a corpus view reads through the same connection
        await reader.settle()
        await reader.pilot.press("escape")
        await reader.settle()
    assert beside_index(folder) == {"index.sqlite"}
