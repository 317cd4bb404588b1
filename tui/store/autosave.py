"""Saving within a second of every change, off the UI thread, without losing the last one on exit.

The reader calls :meth:`Autosaver.changed` on its own thread after each edit; that takes a cheap
snapshot (annotations are immutable, so only lists are copied) and wakes a background thread, which
waits ``delay`` seconds for a burst of edits to end and then saves the newest snapshot. On exit
(quit, SIGHUP, SIGTERM) the reader calls :meth:`Autosaver.close`, which saves whatever is pending
synchronously before returning. Errors are handed to ``on_error`` (the reader shows them); the pending
snapshot is kept so that the next change or :meth:`Autosaver.flush` tries again.

No Textual here: the reader posts ``on_error`` results to itself with ``call_from_thread``.

:attr:`Autosaver.state` is what a UI shows and asks before quitting: how many edits are not on disk yet
and why the last save failed, if it did. When the save function returns a
:class:`~tui.store.SaveResult` (:meth:`~tui.store.AnnotationStore.save_reporting`), a save that merged
another writer's edits or kept a conflict copy goes to ``on_report``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tui.model import AnnotationSet
from tui.store.errors import StoreError
from tui.store.merge import SaveResult

SaveFunction = Callable[[AnnotationSet], object]
"""Saves one snapshot, e.g. ``lambda a: store.save(article, a, model=..., extractor_version=...)``."""


@dataclass(frozen=True, slots=True)
class SaveState:
    """Whether everything is on disk, for a status-line marker and a quit dialog."""

    unsaved_edits: int
    """Edits (calls of :meth:`Autosaver.changed`) made since the last save that succeeded."""
    failure: StoreError | None
    """Why the last save failed, until a save succeeds (``None``: the last save worked)."""
    last_report: SaveResult | None
    """The last save that involved another writer (merged edits, a conflict copy), if any."""

    @property
    def unsaved(self) -> bool:
        """Whether some edit is not on disk yet (pending, or its save failed)."""
        return self.unsaved_edits > 0

    @property
    def failing(self) -> bool:
        """Whether saving is failing now: quitting would lose :attr:`unsaved_edits` edits."""
        return self.failure is not None and self.unsaved


class Autosaver:
    """Debounced background saving of one article's annotations."""

    def __init__(
        self,
        save: SaveFunction,
        *,
        delay: float = 0.3,
        max_delay: float = 0.8,
        on_error: Callable[[StoreError], None] | None = None,
        on_saved: Callable[[int], None] | None = None,
        on_report: Callable[[SaveResult], None] | None = None,
    ) -> None:
        """Args:
        save: Writes a snapshot (raises :class:`StoreError` on failure).
        delay: Seconds of quiet before saving (a burst of edits makes one save).
        max_delay: Longest wait after the first unsaved change, even while edits keep coming, so that
            every change is on disk within a second (plus the save itself).
        on_error: Called on the saving thread with the error of a failed save.
        on_saved: Called on the saving thread with the version saved (for a "saved" indicator).
        on_report: Called on the saving thread when a save merged another writer's edits or kept a
            conflict copy (only if ``save`` returns a :class:`SaveResult`).
        """
        self._save = save
        self._delay = delay
        self._max_delay = max_delay
        self._on_error = on_error
        self._on_saved = on_saved
        self._on_report = on_report
        self._condition = threading.Condition()
        self._pending: tuple[AnnotationSet, int] | None = None
        """The newest change and its number, waiting for the background thread."""
        self._unsaved: tuple[AnnotationSet, int] | None = None
        """A snapshot whose save failed: retried by the next :meth:`flush`, not in a loop."""
        self._changes = 0
        """Calls of :meth:`changed` so far; the number of each snapshot."""
        self._saved_change = 0
        """Number of the last snapshot saved."""
        self._failure: StoreError | None = None
        self._last_report: SaveResult | None = None
        self._closed = False
        self._save_lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="gloss-autosave", daemon=True)
        self._thread.start()

    @property
    def pending(self) -> bool:
        """Whether a change has not been saved yet."""
        with self._condition:
            return self._pending is not None or self._unsaved is not None

    @property
    def state(self) -> SaveState:
        """Unsaved edits, the last failure and the last report, read together."""
        with self._condition:
            return SaveState(self._changes - self._saved_change, self._failure, self._last_report)

    def changed(self, annotations: AnnotationSet) -> None:
        """Note a change; call on the thread that edits, after the edit is complete."""
        snapshot = annotations.snapshot()
        with self._condition:
            self._changes += 1
            self._pending = (snapshot, self._changes)
            self._unsaved = None
            self._condition.notify()

    def flush(self) -> bool:
        """Save the pending snapshot now, on the calling thread; returns whether it is saved.

        Raises nothing: a failure goes to ``on_error`` and stays pending (an unexpected exception from
        ``save`` becomes a :class:`StoreError` too, so the saving thread never dies silently).
        """
        with self._save_lock:
            with self._condition:
                job = self._pending or self._unsaved
                self._pending = self._unsaved = None
            if job is None:
                return True
            snapshot, number = job
            try:
                try:
                    outcome = self._save(snapshot)
                except StoreError:
                    raise
                except Exception as unexpected:  # a bug must not kill the saving thread silently
                    reason = f"could not save ({type(unexpected).__name__}: {unexpected})"
                    raise StoreError(Path("annotations"), reason) from unexpected
            except StoreError as error:
                with self._condition:
                    self._failure = error
                    if self._pending is None:  # keep it for the next try unless a newer one came
                        self._unsaved = job
                if self._on_error is not None:
                    self._on_error(error)
                return False
            report = outcome if isinstance(outcome, SaveResult) and outcome.notable else None
            with self._condition:
                self._saved_change = max(self._saved_change, number)
                self._failure = None
                if report is not None:
                    self._last_report = report
            if report is not None and self._on_report is not None:
                self._on_report(report)
            if self._on_saved is not None:
                self._on_saved(snapshot.version)
            return True

    def close(self) -> bool:
        """Stop the background thread and save what is pending; returns whether all is saved."""
        with self._condition:
            self._closed = True
            self._condition.notify()
        self._thread.join()
        return self.flush()

    def _run(self) -> None:
        while True:
            with self._condition:
                while self._pending is None and not self._closed:
                    self._condition.wait()
                if self._closed:
                    return
                # Let a burst of edits settle: each new change restarts the quiet period, up to a limit.
                deadline = time.monotonic() + self._max_delay
                while not self._closed:
                    before = self._pending
                    left = deadline - time.monotonic()
                    if left <= 0:
                        break
                    self._condition.wait(timeout=min(self._delay, left))
                    if self._pending is before:
                        break
                if self._closed:
                    return
            self.flush()
