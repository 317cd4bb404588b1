"""Results that survive a killed run: an append-only file of finished extractions, keyed by content.

A result is keyed by the SHA-256 of the article's text and the extractor's version (:func:`result_key`),
not by its path, so a renamed file or a second copy of an article is not extracted again, and a changed
text or a new extractor is. The file starts with a header naming what made the results (model, version,
options); a checkpoint made by something else is ignored rather than mixed in.

The client appends one line per finished article and flushes it, so a client killed with SIGKILL loses
only what was still in flight. A line cut short by the kill is dropped when the file is opened again.
Only positions are held in memory, never the spans, so resuming a million-article run stays small.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any, BinaryIO

FORMAT = 1
"""Version of the checkpoint file's own layout."""


def result_key(text: str, version: str) -> str:
    """The identity of one extraction result: the text's SHA-256 and the extractor version."""
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return f"{digest}:{version}"


class Checkpoint:
    """Finished results of an interrupted run, and the file new ones are appended to."""

    def __init__(self, path: Path, handle: BinaryIO, offsets: dict[str, int]) -> None:
        self.path = path
        self._handle = handle
        self._offsets = offsets
        self.resumed = len(offsets)
        """How many results were already there when the checkpoint was opened."""

    @classmethod
    def open(cls, path: Path, identity: dict[str, Any]) -> Checkpoint:
        """Open ``path``, keeping its results if it was written for ``identity``, else starting afresh.

        Raises:
            OSError: when the file cannot be read or written.
        """
        header = json.dumps({"gloss_checkpoint": FORMAT, **identity}, sort_keys=True).encode() + b"\n"
        offsets: dict[str, int] = {}
        handle: BinaryIO = open(path, "a+b")  # noqa: SIM115 - kept open for the whole run
        try:
            handle.seek(0)
            if handle.readline() == header:
                good = handle.tell()
                for line in iter(handle.readline, b""):
                    if not line.endswith(b"\n"):
                        break  # cut short by a kill: dropped, and overwritten below
                    try:
                        key = json.loads(line)["key"]
                    except (ValueError, KeyError, TypeError):
                        break
                    offsets[key] = good
                    good += len(line)
            else:
                good = 0
            handle.truncate(good)
            if good == 0:
                handle.write(header)
                handle.flush()
        except BaseException:
            handle.close()
            raise
        return cls(path, handle, offsets)

    def __len__(self) -> int:
        return len(self._offsets)

    def __contains__(self, key: str) -> bool:
        return key in self._offsets

    def spans(self, key: str) -> list[dict[str, Any]]:
        """The spans (as JSON) stored for ``key``."""
        self._handle.seek(self._offsets[key])
        spans: list[dict[str, Any]] = json.loads(self._handle.readline())["spans"]
        return spans

    def add(self, key: str, spans: list[dict[str, Any]]) -> None:
        """Append one finished result (flushed to the OS at once: a killed client keeps it)."""
        handle = self._handle
        handle.seek(0, os.SEEK_END)
        offset = handle.tell()
        handle.write(json.dumps({"key": key, "spans": spans}).encode("ascii") + b"\n")
        handle.flush()
        self._offsets[key] = offset

    def close(self) -> None:
        """Close the file and keep it (the run did not finish)."""
        self._handle.close()

    def remove(self) -> None:
        """Close and delete the file (the run finished and its output is in place)."""
        self._handle.close()
        self.path.unlink(missing_ok=True)
