"""The annotator tests' reader: the seeds copied to a temporary folder, since every test here saves."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from tests.app_support import SEEDS
from tests.conftest import OpenReader, Reader


def copy_of_seeds(tmp_path: Path) -> Path:
    """A copy of the seeds (the annotations saved beside them stay out of the repository)."""
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder, ignore=shutil.ignore_patterns(".gloss"))
    return folder


@asynccontextmanager
async def seeded_reader(open_reader: OpenReader, tmp_path: Path, **options: object) -> AsyncIterator[Reader]:
    """The reader on a copy of the seeds, settled."""
    async with open_reader([copy_of_seeds(tmp_path)], **options) as opened:
        yield opened
