"""File-level safety: atomic replacement, file names from article keys, setting corrupt files aside.

A save writes a temporary file in the same folder, flushes and fsyncs it, renames it over the old file
with ``os.replace`` (atomic on POSIX) and fsyncs the folder so the rename itself survives a power cut.
At every moment the annotation file is either the old complete version or the new complete version.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import secrets
import stat
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from tui.store.errors import StoreWriteError

TEMP_SUFFIX = ".tmp"
CORRUPT_MARK = ".corrupt-"
CONFLICT_MARK = ".conflict-"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def split_key(key: str) -> tuple[str, str]:
    """``"corpus.jsonl#12"`` → ``("corpus.jsonl", "12")``; a plain path has no fragment."""
    path, sep, fragment = key.rpartition("#")
    if sep and path and "/" not in fragment and os.sep not in fragment:
        return path, fragment
    return key, ""


def canonical_key(key: str, root: Path) -> str:
    """The key with its path made absolute and then relative to ``root`` where possible.

    ``seeds/a.txt`` and ``/home/me/project/seeds/a.txt`` name the same annotation file, whatever the
    working directory Gloss was started from; a corpus moved together with its ``.gloss/`` keeps its
    annotations.
    """
    path, fragment = split_key(key)
    absolute = Path(os.path.abspath(path))
    try:
        name = absolute.relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        name = absolute.as_posix()
    return f"{name}#{fragment}" if fragment else name


def file_name(canonical: str) -> str:
    """A readable, short and safe file name: ``beijing-summit.txt.1a2b3c4d5e6f.json``."""
    path, fragment = split_key(canonical)
    readable = _UNSAFE.sub("_", Path(path).name + (f"-{fragment}" if fragment else "")).strip("._")[:60]
    digest = hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return f"{readable or 'article'}.{digest}.json"


def is_annotation_file(path: Path) -> bool:
    """Saved annotation files, not temporaries (``.name.tmp``) nor files set aside (corrupt, conflict)."""
    name = path.name
    set_aside = CORRUPT_MARK in name or CONFLICT_MARK in name
    return name.endswith(".json") and not name.startswith(".") and not set_aside


def _fsync_folder(folder: Path) -> None:
    """Make a rename durable; some file systems cannot open folders, which is not worth failing for."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _reason(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "the disk is full; nothing was saved and the previous file is unchanged"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"not allowed to write here ({error.strerror or error}); the previous file is unchanged"
    return f"could not save ({error.strerror or error}); the previous file is unchanged"


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that it is always either the old or the new content.

    Raises:
        StoreWriteError: on any OS error (read-only folder, full disk…), with the temporary file removed
            and the old file untouched.
    """
    folder = path.parent
    temp = folder / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}{TEMP_SUFFIX}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            try:
                view = memoryview(data)
                while view:  # unbuffered: every byte is handed to the OS before fsync
                    view = view[os.write(fd, view) :]
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(temp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                temp.unlink()
            raise
    except OSError as error:
        raise StoreWriteError(path, _reason(error)) from error
    _fsync_folder(folder)


def read_regular(path: Path, limit: int = -1) -> bytes:
    """The bytes of ``path`` (at most ``limit``), refusing anything but a regular file without blocking.

    A FIFO named like an annotation file would block a plain ``open()`` until some writer came; it is
    opened with ``O_NONBLOCK`` and checked with ``fstat`` on the opened descriptor instead.

    Raises:
        OSError: the file cannot be read, or is not a regular file (``strerror`` says which kind).
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = "a FIFO" if stat.S_ISFIFO(mode) else "a folder" if stat.S_ISDIR(mode) else "a device"
            raise OSError(errno.EINVAL, f"not a regular file ({kind})", str(path))
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(limit)
    finally:
        os.close(fd)


@contextlib.contextmanager
def folder_lock(folder: Path, wait: float = 2.0) -> Iterator[bool]:
    """Hold the folder's save lock (``flock`` on the folder itself, so no lock file is left in it)
    while checking and replacing a file, so that two Gloss processes cannot both read the old file and
    then each write over the other.

    Yields whether the lock is held: a file system without ``flock`` or a lock held longer than
    ``wait`` seconds (a stuck process) does not stop a save.
    """
    try:
        import fcntl
    except ImportError:  # not POSIX
        yield False
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        yield False
        return
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                held = True
                break
            except OSError:
                if time.monotonic() >= deadline:
                    held = False
                    break
                time.sleep(0.01)
        try:
            yield held
        finally:
            if held:
                with contextlib.suppress(OSError):
                    fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def file_stamp(path: Path) -> tuple[int, int, int] | None:
    """``(inode, mtime_ns, size)`` of a file, or ``None`` when there is none to stat. An atomic save always
    makes a new inode, so an unchanged stamp means an unchanged file (a changed one is then hashed)."""
    try:
        info = os.stat(path)
    except OSError:  # absent, or its folder is not one (the save itself then reports why)
        return None
    return (info.st_ino, info.st_mtime_ns, info.st_size)


def data_sha256(data: bytes) -> str:
    """SHA-256 of a file's bytes, hex."""
    return hashlib.sha256(data).hexdigest()


def set_aside_name(path: Path, when: datetime | None = None, mark: str = CORRUPT_MARK) -> Path:
    """A free name beside ``path`` for keeping a file: ``name.corrupt-20261129T050000.json``."""
    stamp = (when or datetime.now(UTC)).strftime("%Y%m%dT%H%M%S")
    stem = path.name.removesuffix(".json")
    candidate = path.with_name(f"{stem}{mark}{stamp}.json")
    n = 1
    while candidate.exists():
        candidate = path.with_name(f"{stem}{mark}{stamp}-{n}.json")
        n += 1
    return candidate


def stale_temporaries(folder: Path, older_than: float) -> list[Path]:
    """Temporary files left by a killed process, older than ``older_than`` seconds (safe to delete)."""
    limit = datetime.now(UTC).timestamp() - older_than
    found = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if entry.name.startswith(".") and entry.name.endswith(TEMP_SUFFIX):
                with contextlib.suppress(OSError):
                    if entry.stat().st_mtime < limit:
                        found.append(Path(entry.path))
    return found
