"""The Textual reader app: ``gloss [PATHS...]`` opens it (``tui.cli`` calls :func:`run_reader`).

The app paints first; spaCy runs in a process of its own (:mod:`tui.extract.process`), which ``gloss``
starts before Textual is even imported unless the corpus index can give the first article's highlights,
so the model loads on the machine's other core while the text is painted. When an article needs the
model, the reader asks the :class:`ExtractorHolder`; a thread worker then waits for the process to say
it is ready (starting it if ``gloss`` did not). The reader's own process never imports spaCy, and a
reader whose articles are all served from ``index.sqlite`` never starts the model at all. The extractor
can be injected (``extractor_factory``) so that tests and snapshots use fixed spans that do not change
when the real extractor improves.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import signal
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import BindingType

from tui import keys
from tui.annotation import AnnotationWorkspace, ExtractorHolder, SpanSource
from tui.annotation.extraction import CorpusIndexes
from tui.commands import GlossCommands, system_commands
from tui.messages import HighlightsShown, ModelLost, ModelReady, SaveFailed
from tui.model import ArticleEntry
from tui.plain import say
from tui.screens.reader import ReaderScreen
from tui.text_safety import one_line

if TYPE_CHECKING:
    from textual.driver import Driver
    from textual.screen import Screen

    from tui.dialogs.unsaved_quit import QuitChoice
    from tui.extract.process import ModelProcess

PACKAGE = Path(__file__).parent
STYLES = next(
    (path for path in (PACKAGE / "styles", PACKAGE.parent / "styles") if (path / "gloss.tcss").is_file()),
    PACKAGE.parent / "styles",
)
"""The stylesheets: inside the installed package (wheel), else beside it in a checkout."""

EXIT_SIGNALS = tuple(getattr(signal, name) for name in ("SIGHUP", "SIGTERM") if hasattr(signal, name))
"""Signals that end the reader after saving (Ctrl+C is a key in Textual: the ordinary quit)."""

MODEL_EXIT_GRACE = 0.05
"""Seconds the model's process is given to exit by itself when the reader closes, before it is killed."""

TERMINAL_CHECK_EVERY = 1.0
"""Seconds between checks that the controlling terminal is still there (see :func:`terminal_alive`)."""


def terminal_alive(fd: int | None = None) -> bool:
    """Whether standard input is a terminal that has not been hung up.

    A hung-up terminal answers every ioctl with EIO; that is how a reader whose SIGHUP went to a parent
    (``make run``) notices that its window was closed.
    """
    import termios

    try:
        termios.tcgetattr(sys.__stdin__.fileno() if fd is None else fd)  # type: ignore[union-attr]
    except (termios.error, OSError, ValueError, AttributeError):
        return False
    return True


DEFAULT_PATHS = (Path("seeds"), PACKAGE.parent / "seeds")
"""Opened when no path is given: ``seeds/`` of the current folder, else of the checkout."""

ExtractorFactory = Callable[[], SpanSource]


class GlossApp(App[None]):
    """Gloss: read news articles with entities, numbers and quotations highlighted."""

    TITLE = "Gloss"
    CSS_PATH = [STYLES / "gloss.tcss", STYLES / "annotation.tcss", STYLES / "corpus_pane.tcss"]  # noqa: RUF012 - Textual reads it as a class attribute
    COMMANDS = App.COMMANDS | {GlossCommands}
    ENABLE_COMMAND_PALETTE = True

    BINDINGS: ClassVar[list[BindingType]] = [*keys.EVERYWHERE, *keys.QUITTING]

    def __init__(
        self,
        entries: list[ArticleEntry],
        problems: list[str] | None = None,
        *,
        model: str | None = None,
        extractor_factory: ExtractorFactory | None = None,
        workspace: AnnotationWorkspace | None = None,
        model_process: ModelProcess | None = None,
    ) -> None:
        super().__init__()
        self.entries = entries
        self.problems = problems or []
        self.workspace = workspace if workspace is not None else AnnotationWorkspace([])
        """Where each article's annotations are saved and which labels it uses (``--store``, gloss.toml)."""
        self.reader: ReaderScreen | None = None
        """The reader screen, once mounted (it owns the open article's annotation session)."""
        self.save_errors: list[str] = []
        """Saves that failed; repeated on the terminal after the reader closes, so none goes unseen."""
        self.skipped: list[str] = []
        """Files the scan left out on purpose (a folder's README…): the list shows them."""
        self.lost_edits = False
        """Closing could not save every edit (the exit status says so)."""
        self.model = model
        self.extractor_factory = extractor_factory
        self.model_process = model_process
        """The model's process: started by ``gloss`` before the app, else by :meth:`_load_model`; the app
        stops it when it closes."""
        self._model_lock = threading.Lock()
        """Guards :attr:`model_process` between the load worker and :meth:`close_model`."""
        self._model_closed = False
        """The app has closed: no model's process may be started any more."""
        self.extractor = ExtractorHolder(self._convention)
        """The extractor once the model has loaded, and what the status line says about it until then."""
        self.extractor.on_needed = self._model_needed
        self._model_frozen = False
        """The loaded model's objects are out of the collector's walks (:meth:`on_highlights_shown`)."""

    def _convention(self) -> str:
        """The entity convention of the first path's gloss.toml (``[extract] convention``): the one
        ``gloss index`` uses by default too, so that the index serves the reader.

        The holder asks for it on first use (loading the model, in a worker), not before the first
        paint: finding it imports ``tui.extract``. An unknown convention is said as a notification then.
        """
        if not self.workspace.settings:
            return "ontonotes"
        from tui.extract.identity import convention_for  # neither spaCy nor the rules

        try:
            return convention_for(self.workspace.settings[0].path)
        except ValueError as error:
            self._tell_problem(f"{error} (using ontonotes)")
            return "ontonotes"

    def _tell_problem(self, problem: str) -> None:
        """A problem found after start: a warning on screen (from any thread), else one of the problems
        the reader shows when it opens."""
        if not self.is_running:
            self.problems.append(problem)
        elif threading.get_ident() == self._thread_id:
            say(self, problem, severity="warning", timeout=8)
        else:
            with contextlib.suppress(RuntimeError):  # the app has stopped meanwhile
                self.call_from_thread(say, self, problem, severity="warning", timeout=8)

    @classmethod
    def for_paths(cls, paths: list[Path], store: str | Path | None = None, **options: object) -> GlossApp:
        """An app listing the articles under ``paths`` (the seeds when empty), saving to ``store``."""
        from tui.sources import scan

        if not paths:
            paths = [next((p for p in DEFAULT_PATHS if p.is_dir()), DEFAULT_PATHS[0])]
        found = scan(paths)
        workspace = AnnotationWorkspace(paths, store)
        app = cls(found.entries, found.problems + workspace.problems, workspace=workspace, **options)  # type: ignore[arg-type]
        app.skipped = found.skipped
        process = app.model_process
        first_store = workspace.store_for(found.entries[0]) if found.entries else None
        if process is not None and first_store is not None and CorpusIndexes.has_index(first_store):
            # The index will most likely serve what is opened: no model until an article needs one.
            process.close(timeout=0)  # still importing spaCy, it would not read a closed stdin for a second
            app.model_process = None
        return app

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's palette commands, with "Keys" opening Gloss's help screen (Textual's own key panel
        listed Textual's keys and would not close on Esc; see :func:`tui.commands.system_commands`)."""
        return system_commands(self, super().get_system_commands(screen))

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver for this terminal, writing through output that survives a closed terminal
        (see :mod:`tui.terminal`: without it, closing the window mid-repaint could hang the reader)."""
        from tui.terminal import hangup_safe

        return hangup_safe(super().get_driver_class())

    def on_mount(self) -> None:
        """Show the reader (the model is loaded when an article first needs it: :meth:`_model_needed`)."""
        self.reader = ReaderScreen(
            self.entries,
            self.problems,
            workspace=self.workspace,
            extractor=self.extractor,
            on_save_error=self._save_failed,
        )
        self.reader.skipped = tuple(self.skipped)
        self.push_screen(self.reader)
        self.call_after_refresh(self.workspace.clean_temporaries)
        loop = asyncio.get_running_loop()
        for number in EXIT_SIGNALS:
            # Closing the terminal (SIGHUP) or `kill` (SIGTERM) must not lose the last edits.
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(number, self.exit_on_signal)
        if not self.is_headless and terminal_alive():
            # Under `make run` the terminal's SIGHUP goes to make, which waits for us: without this
            # check a closed terminal would leave the reader running (and spinning) with no one to see it.
            self.set_interval(TERMINAL_CHECK_EVERY, self._exit_if_terminal_gone)

    def _exit_if_terminal_gone(self) -> None:
        if not terminal_alive():
            self.exit_on_signal()

    def on_unmount(self) -> None:
        """Save what is pending and give the signals back (tests run many apps in one process)."""
        self.close_annotations()
        # What was frozen out of the collector while reading (the model, a book's annotations) is
        # garbage once the app is gone; frozen, its cycles would outlive it (about 50 MB an app when
        # tests or the benchmark run several apps in one process).
        gc.unfreeze()
        self.close_model()
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop = asyncio.get_running_loop()
            for number in EXIT_SIGNALS:
                loop.remove_signal_handler(number)

    def close_model(self) -> None:
        """Stop the model's process, if there is one (it holds nothing to save).

        An idle child exits as soon as its stdin closes; one busy extracting would finish its chunks
        first, so it is killed after :data:`MODEL_EXIT_GRACE` rather than holding up the quit."""
        with self._model_lock:
            self._model_closed = True
            process, self.model_process = self.model_process, None
        if process is not None:
            process.close(timeout=MODEL_EXIT_GRACE)

    def exit_on_signal(self) -> None:
        """SIGHUP or SIGTERM: save the open article's pending changes, then exit."""
        self.close_annotations()
        self.exit()

    def close_annotations(self) -> bool:
        """Save pending annotation changes synchronously; returns whether everything is saved."""
        saved = self.reader.close_session() if self.reader is not None else True
        self.lost_edits = self.lost_edits or not saved
        return saved

    def _save_failed(self, error: str) -> None:
        """A save failed (on the saver's thread, or this one while closing): keep it, and say so."""
        self.save_errors.append(error)
        with contextlib.suppress(RuntimeError):  # the loop has stopped: the terminal is told at exit
            self.post_message(SaveFailed(error))

    @on(SaveFailed)
    def _show_save_error(self, message: SaveFailed) -> None:
        say(self, message.error, title="Not saved", severity="error", timeout=15)
        if self.reader is not None:
            self.reader.show_save_state()

    async def action_quit(self) -> None:
        """``q`` and Ctrl+C: save what is pending, then quit; ask first when edits could not be saved."""
        from tui.dialogs.unsaved_quit import UnsavedQuitDialog  # not before the first paint: see reader.py

        if isinstance(self.screen, UnsavedQuitDialog):
            return  # already asking
        reader = self.reader
        if reader is None or reader.save_pending():
            self.exit()
            return
        state = reader.save_state()
        edits = state.unsaved_edits if state is not None else 0
        reason = str(state.failure) if state is not None and state.failure else "the last save failed"
        self.push_screen(UnsavedQuitDialog(edits, reason), self._quit_chosen)

    def _quit_chosen(self, choice: QuitChoice | None) -> None:
        if choice == "lose":
            self.lost_edits = True
            self.exit()  # the exit save tries once more; what fails is repeated on the terminal
        elif choice == "save":
            self.call_later(self.run_action, "quit")  # saved now: quits; still failing: asks again

    def exit_status(self) -> int:
        """The reader's exit status: 0, or 1 when it crashed or closed with edits it could not save."""
        return 1 if self.lost_edits or (self.return_code or 0) != 0 else 0

    def _model_needed(self) -> None:
        """An article needs the model: wait for it in a worker once the next frame is drawn.

        The model's process has been loading since ``gloss`` started (else the worker starts it now);
        the worker only waits for it to be ready. An injected extractor (a test's) is made in the
        worker, after the frame, so that even a slow one never holds back the text."""
        if threading.get_ident() == self._thread_id:
            self.call_after_refresh(self._load_model)
        else:
            self.call_from_thread(self.call_after_refresh, self._load_model)

    @work(thread=True, exclusive=True, group="model", exit_on_error=False)
    def _load_model(self) -> None:
        from tui.extract.identity import ModelNotFoundError
        from tui.extract.process import ModelProcess, ModelProcessError

        try:
            if self.extractor_factory is not None:
                extractor = self.extractor_factory()
            else:
                with self._model_lock:
                    if self._model_closed:
                        return
                    if self.model_process is None:
                        self.model_process = ModelProcess.start(self.model)
                    process = self.model_process
                extractor = process.extractor(self.extractor.convention)  # waits: outside the lock
        except (ModelNotFoundError, ModelProcessError) as error:
            with contextlib.suppress(RuntimeError):  # the app closed meanwhile
                self.call_from_thread(self._model_failed, str(error))
            return
        with contextlib.suppress(RuntimeError):
            self.call_from_thread(self._model_loaded, extractor)

    def on_highlights_shown(self, message: HighlightsShown) -> None:
        """The first highlights since the model loaded are on screen: now take the model's objects out
        of the collector, which would otherwise walk them in every full collection for the whole run.

        Collecting first (about 80 ms) keeps the loading's garbage out of the frozen set; done when the
        model loads, it came between the model and the first article's highlights.
        """
        if getattr(self.extractor.extractor, "nlp", None) is not None and not self._model_frozen:
            self._model_frozen = True  # a model in this process (a test's); the model's process has its own
            gc.collect()
            gc.freeze()

    def _model_loaded(self, extractor: SpanSource) -> None:
        self.extractor.loaded(extractor)
        self._tell_reader()

    @on(ModelLost)
    def _model_lost(self, message: ModelLost) -> None:
        """The model's process stopped while extracting: read on without highlights, and say why."""
        if not self.extractor.failed:
            self._model_failed(message.error)

    def _model_failed(self, message: str) -> None:
        self.extractor.failed_to_load()
        say(self, message, title="No spaCy model", severity="error", timeout=30)
        self._tell_reader()

    def _tell_reader(self) -> None:
        if self.reader is not None:
            self.reader.post_message(ModelReady())

    def action_help(self) -> None:
        """Show every key."""
        from tui.screens.help import HelpScreen  # imported when first asked for, not at start

        if not isinstance(self.screen, HelpScreen):
            reader = self.reader  # over the reader, the help leads with the keys of its focused pane
            self.push_screen(HelpScreen(reader.focus_pane() if self.screen is reader else "article"))

    def action_toggle_dark(self) -> None:
        """Switch between Textual's light and dark themes."""
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"


def run_reader(options: argparse.Namespace, model_process: ModelProcess | None = None) -> int:
    """Open the reader on ``options.paths`` (with the model's process ``gloss`` started, if it did);
    returns the exit status."""
    paths = [Path(p) for p in options.paths or []]
    try:
        app = GlossApp.for_paths(
            paths, getattr(options, "store", None), model=options.model, model_process=model_process
        )
    except BaseException:
        if model_process is not None:
            model_process.close(timeout=MODEL_EXIT_GRACE)
        raise
    try:
        app.run()
    finally:
        app.close_annotations()  # a crash in the app must not take the last edits with it
        app.close_model()
    with contextlib.suppress(OSError):  # a closed terminal: nowhere to say it (the store has the edits)
        for error in app.save_errors:
            print(f"gloss: not saved: {one_line(error)}", file=sys.stderr)
    return app.exit_status()
