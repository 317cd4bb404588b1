"""Saving within a second of every change, off the UI thread, without losing the last one on exit.

The reader calls :meth:`Autosaver.changed` on its own thread after each edit; that takes a cheap
snapshot (annotations are immutable, so only lists are copied) and wakes a background thread, which
waits ``delay`` seconds for a burst of edits to end and then saves the newest snapshot. On exit
(quit, SIGHUP, SIGTERM) the reader calls :meth:`Autosaver.close`, which saves whatever is pending
synchronously before returning. Errors are handed to ``on_error`` (the reader shows them); the pending
snapshot is kept so that the next change or :meth:`Autosaver.flush` tries again.

No Textual here: the reader posts ``on_error`` results to itself with ``call_from_thread``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from tui.model import AnnotationSet
from tui.store.errors import StoreError

SaveFunction = Callable[[AnnotationSet], object]
"""Saves one snapshot, e.g. ``lambda a: store.save(article, a, model=..., extractor_version=...)``."""


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
    ) -> None:
        """Args:
        save: Writes a snapshot (raises :class:`StoreError` on failure).
        delay: Seconds of quiet before saving (a burst of edits makes one save).
        max_delay: Longest wait after the first unsaved change, even while edits keep coming, so that
            every change is on disk within a second (plus the save itself).
        on_error: Called on the saving thread with the error of a failed save.
        on_saved: Called on the saving thread with the version saved (for a "saved" indicator).
        """
        self._save = save
        self._delay = delay
        self._max_delay = max_delay
        self._on_error = on_error
        self._on_saved = on_saved
        self._condition = threading.Condition()
        self._pending: AnnotationSet | None = None
        """The newest change, waiting for the background thread."""
        self._unsaved: AnnotationSet | None = None
        """A snapshot whose save failed: retried by the next :meth:`flush`, not in a loop."""
        self._closed = False
        self._save_lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="gloss-autosave", daemon=True)
        self._thread.start()

    @property
    def pending(self) -> bool:
        """Whether a change has not been saved yet."""
        with self._condition:
            return self._pending is not None or self._unsaved is not None

    def changed(self, annotations: AnnotationSet) -> None:
        """Note a change; call on the thread that edits, after the edit is complete."""
        snapshot = annotations.snapshot()
        with self._condition:
            self._pending = snapshot
            self._unsaved = None
            self._condition.notify()

    def flush(self) -> bool:
        """Save the pending snapshot now, on the calling thread; returns whether it is saved.

        Raises nothing: a failure goes to ``on_error`` and stays pending.
        """
        with self._save_lock:
            with self._condition:
                snapshot = self._pending or self._unsaved
                self._pending = self._unsaved = None
            if snapshot is None:
                return True
            try:
                self._save(snapshot)
            except StoreError as error:
                with self._condition:
                    if self._pending is None:  # keep it for the next try unless a newer one came
                        self._unsaved = snapshot
                if self._on_error is not None:
                    self._on_error(error)
                return False
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
