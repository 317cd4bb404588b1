"""The :class:`AnnotationStore`: one JSON file per article in an annotations folder.

By default the folder is ``.gloss/`` inside the folder of the articles (``--store DIR`` chooses another).
The reader calls :meth:`AnnotationStore.load` when it opens an article, :meth:`AnnotationStore.save` after
every change (from a worker, within a second) and once more, synchronously, when it exits;
:meth:`AnnotationStore.summary` feeds the article list and :meth:`AnnotationStore.documents` the
exporters. Files are replaced atomically (:mod:`tui.store.files`), a file that cannot be read is never
saved over, and spans whose text moved are found again (:mod:`tui.store.anchor`).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tui.model import Annotation, AnnotationSet, Article
from tui.store.anchor import reanchor
from tui.store.errors import CorruptAnnotationsError, StoreWriteError
from tui.store.files import (
    CONFLICT_MARK,
    atomic_write,
    canonical_key,
    data_sha256,
    file_name,
    file_stamp,
    folder_lock,
    is_annotation_file,
    read_regular,
    set_aside_name,
    stale_temporaries,
)
from tui.store.format import StoredDocument, decode, encode, text_sha256
from tui.store.merge import Base, SaveResult, same, table, three_way

DEFAULT_FOLDER = ".gloss"
"""Name of the annotations folder created inside the folder of the articles."""

_UNREVIEWED = re.compile(rb'"unreviewed":\s*(\d+)')
_HEAD_BYTES = 512


@dataclass(slots=True)
class LoadedAnnotations:
    """What :meth:`AnnotationStore.load` found: the annotations, ready to show, and what happened."""

    annotations: AnnotationSet
    """Offsets refer to the article's current text; history restored unless the text changed."""
    file: Path
    model: str | None
    """The model that made the saved suggestions (compare with the current one before re-extracting)."""
    extractor_version: str | None
    saved: str
    """When the file was written (ISO 8601, UTC)."""
    text_changed: bool = False
    """The article's text is not the one the spans were saved against; they were re-anchored."""
    moved: int = 0
    """Spans found again at a different offset."""
    newly_unplaced: list[Annotation] = field(default_factory=list)
    """Spans that could not be found in the changed text (also in ``annotations.unplaced``)."""
    lost_speakers: list[str] = field(default_factory=list)
    """Ids of quotes whose speaker link could not be found again in the changed text."""
    history_dropped: bool = False
    """Undo history was not restored because it refers to the old text."""

    @property
    def unplaced(self) -> list[Annotation]:
        """Every span waiting to be placed or discarded by a person (from this load and earlier ones)."""
        return self.annotations.unplaced


class AnnotationStore:
    """Reads and writes the annotation files of one annotations folder (thread-safe)."""

    def __init__(self, folder: Path, root: Path | None = None) -> None:
        """Args:
        folder: The annotations folder (created on the first save).
        root: Article paths are recorded relative to it in file names (default: ``folder``'s parent,
            i.e. the folder of the articles for the default ``.gloss/``), so a corpus can be moved.
        """
        self.folder = Path(folder)
        self.root = Path(root) if root is not None else self.folder.absolute().parent
        self._lock = threading.RLock()
        self._stamps: dict[Path, tuple[tuple[int, int, int], str]] = {}
        """Per file this store loaded or saved: its (inode, mtime_ns, size) and the SHA-256 of its bytes
        then. A file whose stamp differs at save time is hashed; a different hash means another writer."""
        self._bases: dict[Path, Base] = {}
        """Per file: the annotations its writer started from (last loaded or saved), for merging."""
        self._merged: dict[Path, Base] = {}
        """Per file whose last save merged in another writer's edits: what was written. The writer's own
        set lacks those edits, so every later save merges again (and reports only what is new)."""
        self._blocked: dict[Path, str] = {}
        """Files found unreadable, with the reason: never saved over until set aside."""
        self._summaries: dict[Path, tuple[tuple[int, int], tuple[bool, int]]] = {}
        self._saved_versions: dict[Path, tuple[object, int]] = {}
        self.conflicts: list[Path] = []
        """Conflict copies this store made: when another program (or another Gloss) changed the same
        spans differently since this store last read or wrote a file, the other version is kept beside
        it as ``name.conflict-TIMESTAMP.json`` (see :mod:`tui.store.merge`) and listed here."""
        self.reports: list[SaveResult] = []
        """Every save that involved another writer (merged edits, a conflict copy), oldest first, for a
        UI that did not keep the :class:`SaveResult` of :meth:`save_reporting`."""

    @classmethod
    def for_article_path(cls, path: Path, override: Path | str | None = None) -> AnnotationStore:
        """The store for articles at ``path`` (a file or folder): ``override``, else ``<folder>/.gloss``."""
        if override is not None:
            return cls(Path(override))
        folder = path if path.is_dir() else path.parent
        return cls(folder / DEFAULT_FOLDER)

    # naming ----------------------------------------------------------------------------------------
    def path_for(self, article: Article | str) -> Path:
        """The annotation file of an article (or article key), whether or not it exists."""
        key = article if isinstance(article, str) else article.key
        return self.folder / file_name(canonical_key(key, self.root))

    def files(self) -> list[Path]:
        """All saved annotation files, sorted (temporaries and set-aside files excluded)."""
        try:
            entries = sorted(self.folder.iterdir())
        except OSError:
            return []
        return [p for p in entries if is_annotation_file(p) and p.is_file()]

    # reading ---------------------------------------------------------------------------------------
    def read(self, file: Path) -> StoredDocument:
        """Parse one annotation file as it is (no matching to the article's current text).

        Raises:
            CorruptAnnotationsError: the file cannot be read or is not a valid annotation file.
        """
        return self._read(file)[0]

    def _read(self, file: Path) -> tuple[StoredDocument, tuple[int, int, int] | None, str]:
        """:meth:`read`, with the file's stamp taken before reading and the SHA-256 of what was read (a
        file replaced in between then looks changed, never unchanged)."""
        try:
            stamp = file_stamp(file)
            data = read_regular(file)
        except OSError as error:
            raise CorruptAnnotationsError(file, f"cannot be read ({error.strerror or error})") from error
        try:
            document = decode(data, file)
        except CorruptAnnotationsError as error:
            with self._lock:
                self._blocked[file] = error.reason
            raise
        with self._lock:
            self._blocked.pop(file, None)
        return document, stamp, data_sha256(data)

    def documents(
        self, on_error: Callable[[CorruptAnnotationsError], None] | None = None
    ) -> Iterator[StoredDocument]:
        """Every valid saved file, for ``gloss export``; unreadable ones go to ``on_error`` (or are
        skipped). A document keeps ``text`` when the article's text is not its file; otherwise read the
        file at ``article_path`` and compare ``text_sha256`` with ``sha256``."""
        for file in self.files():
            try:
                yield self.read(file)
            except CorruptAnnotationsError as error:
                if on_error is not None:
                    on_error(error)

    def load(self, article: Article) -> LoadedAnnotations | None:
        """The saved annotations of ``article`` matched to its current text; ``None`` when none saved.

        Raises:
            CorruptAnnotationsError: the file exists but cannot be used. It is left untouched and
                :meth:`save` refuses to write over it until :meth:`set_aside` is called.
        """
        file = self.path_for(article)
        if not file.exists():
            with self._lock:
                self._stamps.pop(file, None)
                self._bases[file] = Base()  # known to have nothing: anything found later is another's
                self._merged.pop(file, None)
            return None
        document, stamp, digest = self._read(file)
        loaded = self._match(document, article.text)
        with self._lock:
            if stamp is not None:
                self._stamps[file] = (stamp, digest)
            self._bases[file] = Base(table(loaded.annotations), table(loaded.annotations.unplaced))
            self._merged.pop(file, None)
        return loaded

    def _match(self, document: StoredDocument, text: str) -> LoadedAnnotations:
        same_text = document.sha256 == text_sha256(text)
        placed: list[Annotation] = []
        suspect: list[Annotation] = []
        for annotation in document.annotations:
            in_place = text[annotation.start : annotation.end] == annotation.span.text
            (placed if same_text and in_place else suspect).append(annotation)
        loaded = LoadedAnnotations(
            AnnotationSet(text), document.file, document.model, document.extractor_version, document.saved
        )
        undo, redo = document.undo, document.redo
        if suspect:
            suspect.sort(key=lambda a: (a.start, a.end, a.id))
            result = reanchor(((a, document.context(a)) for a in suspect), text)
            placed.extend(result.placed)
            loaded.text_changed = not same_text
            loaded.moved = result.moved
            loaded.newly_unplaced = result.unplaced
            loaded.lost_speakers = result.lost_speakers
            loaded.history_dropped = bool(undo or redo)
            undo, redo = [], []
        lost_here = {a.id: document.context(a) for a in loaded.newly_unplaced}
        loaded.annotations = AnnotationSet(
            text,
            placed,
            undo,
            redo,
            [*document.unplaced, *loaded.newly_unplaced],
            unplaced_context={**document.unplaced_contexts, **lost_here},
        )
        return loaded

    def summary(self, article_key: str) -> tuple[bool, int]:
        """``(has a file, unreviewed suggestions)`` for the article list; reads at most 512 bytes of
        a file, and nothing when it has not changed since the last call. A file that cannot be read
        shows as existing with 0 unreviewed (opening the article reports the problem)."""
        file = self.path_for(article_key)
        try:
            stat = os.stat(file)
        except OSError:
            return False, 0
        signature = (stat.st_mtime_ns, stat.st_size)
        with self._lock:
            cached = self._summaries.get(file)
        if cached is not None and cached[0] == signature:
            return cached[1]
        try:
            match = _UNREVIEWED.search(read_regular(file, _HEAD_BYTES))
        except OSError:
            match = None
        value = (True, int(match.group(1)) if match else 0)
        with self._lock:
            self._summaries[file] = (signature, value)
        return value

    # writing ---------------------------------------------------------------------------------------
    def save(
        self,
        article: Article,
        annotations: AnnotationSet,
        *,
        model: str | None,
        extractor_version: str | None,
    ) -> Path:
        """Write the article's annotations atomically; returns the file (see :meth:`save_reporting`)."""
        return self.save_reporting(
            article, annotations, model=model, extractor_version=extractor_version
        ).file

    def save_reporting(
        self,
        article: Article,
        annotations: AnnotationSet,
        *,
        model: str | None,
        extractor_version: str | None,
    ) -> SaveResult:
        """Write the article's annotations atomically, merging another writer's edits made meanwhile.

        If the file changed since this store last loaded or saved it (another reader, ``gloss
        import``), the two edit sets are merged (:mod:`tui.store.merge`); spans both changed differently
        keep this writer's version and the other file is kept as a conflict copy. The result says what
        happened (also appended to :attr:`reports` when another writer was involved).

        Safe to call from a worker thread with a :meth:`AnnotationSet.snapshot`: a snapshot older than
        one already saved for the same set is ignored, so a late worker cannot undo an exit save.

        Raises:
            StoreWriteError: the folder is read-only, the disk is full, or the existing file could not
                be read (it is never saved over; :meth:`set_aside` it first). The old file is intact.
            ValueError: ``annotations`` do not belong to the article's text.
        """
        if annotations.text is not article.text and annotations.text != article.text:
            raise ValueError(f"the annotations of {article.key} refer to a different text")
        file = self.path_for(article)
        with self._lock:
            last = self._saved_versions.get(file)
            if last is not None and last[0] is annotations.origin and last[1] > annotations.version:
                return SaveResult(file, skipped=True)
            if file in self._blocked:
                raise StoreWriteError(file, self._refusal(self._blocked[file]))
            with folder_lock(self.folder):
                result = SaveResult(file)
                written = annotations
                theirs = self._changed_on_disk(file)
                if theirs is not None:
                    written = self._merge_with(file, annotations, theirs, result)
                data = encode(article, written, model=model, extractor_version=extractor_version)
                atomic_write(file, data)
                stamp = file_stamp(file)
            if stamp is not None:
                self._stamps[file] = (stamp, data_sha256(data))
                self._summaries[file] = ((stamp[1], stamp[2]), (True, written.unreviewed()))
            # The writer's own annotations are its base: what it merged in stays on disk and is kept at
            # its next save too, since the writer's set still has those spans as they were.
            self._bases[file] = Base(table(annotations), table(annotations.unplaced))
            self._saved_versions[file] = (annotations.origin, annotations.version)
            if result.notable:
                self.reports.append(result)
        return result

    def _changed_on_disk(self, file: Path) -> StoredDocument | None:
        """The file as another writer left it, or ``None`` when it is absent or as this store last saw.

        Raises:
            StoreWriteError: it changed into something unreadable (it is never saved over).
        """
        stamp = file_stamp(file)
        if stamp is None:
            return None
        known = self._stamps.get(file)
        if known is not None and known[0] == stamp and file not in self._merged:
            return None
        try:
            document, new_stamp, digest = self._read(file)
        except CorruptAnnotationsError as error:
            raise StoreWriteError(file, self._refusal(error.reason)) from error
        if known is not None and known[1] == digest and file not in self._merged:
            if new_stamp is not None:
                self._stamps[file] = (new_stamp, digest)  # touched, not changed
            return None
        return document

    def _merge_with(
        self, file: Path, mine: AnnotationSet, theirs: StoredDocument, result: SaveResult
    ) -> AnnotationSet:
        """The annotations to write when another writer saved ``theirs`` meanwhile; fills ``result``."""
        base = self._bases.get(file, Base())  # never loaded here: everything in the file is theirs
        if theirs.sha256 != text_sha256(mine.text):
            # Saved against another version of the text: offsets cannot be compared, keep it whole.
            result.other_text = True
            result.conflict_copy = self._keep_conflict_copy(file)
            self._merged.pop(file, None)
            return mine
        outcome = three_way(
            base,
            Base(table(theirs.annotations), table(theirs.unplaced)),
            Base(table(mine), table(mine.unplaced)),
        )
        merged = {**table(outcome.annotations), **table(outcome.unplaced)}
        before = self._merged.get(file)
        if before is None:
            result.merged = len(outcome.taken)
        else:  # merged again at every save: count only what differs from the last file written
            written = {**before.annotations, **before.unplaced}
            result.merged = sum(1 for key in outcome.taken if not same(merged.get(key), written.get(key)))
        result.conflicts = len(outcome.conflicts)
        if outcome.conflicts:
            result.conflict_copy = self._keep_conflict_copy(file)
        if not outcome.taken:
            self._merged.pop(file, None)
            return mine
        self._merged[file] = Base(table(outcome.annotations), table(outcome.unplaced))
        return AnnotationSet(
            mine.text,
            outcome.annotations,
            mine.undo_stack,
            mine.redo_stack,
            outcome.unplaced,
            unplaced_context=mine.unplaced_context,
        )

    def _keep_conflict_copy(self, file: Path) -> Path:
        """Keep the other writer's file beside it before it is saved over; returns the copy's name.

        Raises:
            StoreWriteError: the copy could not be made (nothing is saved then).
        """
        target = set_aside_name(file, mark=CONFLICT_MARK)
        try:
            try:
                os.link(file, target)  # a copy that costs nothing; the save then replaces the original
            except OSError:
                shutil.copyfile(file, target)  # file systems without hard links
        except OSError as error:
            reason = f"changed on disk since it was read and could not be kept aside ({error.strerror})"
            raise StoreWriteError(file, reason) from error
        self.conflicts.append(target)
        return target

    def conflict_copies(self, article: Article | str) -> list[Path]:
        """Every conflict copy kept beside an article's annotation file (by this or any other process),
        oldest first: for the reader to point to and for ``gloss export`` to mention as skipped."""
        stem = self.path_for(article).name.removesuffix(".json")
        prefix = f"{stem}{CONFLICT_MARK}"
        try:
            names = sorted(p for p in self.folder.iterdir() if p.name.startswith(prefix))
        except OSError:
            return []
        return [p for p in names if p.name.endswith(".json")]

    def all_conflict_copies(self) -> list[Path]:
        """Every conflict copy in the folder, sorted (``gloss export`` says it skipped them)."""
        try:
            return sorted(p for p in self.folder.iterdir() if CONFLICT_MARK in p.name and p.suffix == ".json")
        except OSError:
            return []

    @staticmethod
    def _refusal(reason: str) -> str:
        return f"not saved: the existing file could not be read ({reason}); it is kept until set aside"

    def set_aside(self, path: Path) -> Path:
        """Rename an unreadable file beside itself (``name.corrupt-20261129T050000.json``) so that a
        fresh one can be saved; returns the new name.

        Raises:
            StoreWriteError: the rename failed (the file stays where it was).
        """
        with self._lock:
            target = set_aside_name(path)
            try:
                os.rename(path, target)
            except OSError as error:
                raise StoreWriteError(path, f"could not set aside ({error.strerror or error})") from error
            tables = (self._blocked, self._stamps, self._bases, self._merged, self._summaries)
            for known in (*tables, self._saved_versions):
                known.pop(path, None)
        return target

    def clean_temporaries(self, older_than: float = 3600.0) -> int:
        """Delete temporary files left by killed processes (older than ``older_than`` seconds)."""
        removed = 0
        for temp in stale_temporaries(self.folder, older_than):
            with contextlib.suppress(OSError):
                temp.unlink()
                removed += 1
        return removed
