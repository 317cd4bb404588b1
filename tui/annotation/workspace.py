"""Which annotations folder and which labels each article uses, decided once per run.

``gloss news/ other.txt`` opens articles from two places. Each command-line path gets the store of its
folder (``news/.gloss/``, or the ``--store`` folder for all of them) and the labels of its ``gloss.toml``;
an article belongs to the first path that contains it. Paths sharing one annotations folder share one
:class:`~tui.store.AnnotationStore` object, because a store remembers what it wrote: two objects on one
folder would take each other's saves for changes made behind their back.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tui.model import (
    AnnotationSet,
    Article,
    ArticleEntry,
    LabelConfig,
    LabelConfigError,
    LabelDef,
    default_label_config,
    load_label_config,
)
from tui.model.labels import CONFIG_NAME, label_table, new_label
from tui.store import AnnotationStore, StoreError
from tui.store.files import atomic_write


@dataclass(slots=True)
class PathSetting:
    """The store and labels of one command-line path."""

    path: Path
    """The path as given on the command line."""
    store: AnnotationStore
    labels: LabelConfig


class AnnotationWorkspace:
    """The annotation stores and label configurations of the paths the reader was opened on."""

    def __init__(self, paths: Sequence[Path], store: Path | str | None = None) -> None:
        """Args:
        paths: The command-line paths (files or folders), as given.
        store: ``--store DIR``: one annotations folder for every path instead of ``.gloss/`` beside them.
        """
        self.override = Path(store) if store is not None else None
        """The ``--store`` folder, when one was given."""
        self.problems: list[str] = []
        """Messages for the person: a ``gloss.toml`` that could not be used, and what was done instead."""
        self.settings: list[PathSetting] = []
        stores: dict[Path, AnnotationStore] = {}
        for path in paths:
            candidate = AnnotationStore.for_article_path(path, store)
            shared = stores.setdefault(candidate.folder.absolute(), candidate)
            self.settings.append(PathSetting(path, shared, self._labels(path)))
        self._fallback: PathSetting | None = None

    def _labels(self, path: Path) -> LabelConfig:
        try:
            config = load_label_config(path)
        except LabelConfigError as error:
            self.problems.append(f"{error} (using the built-in labels)")
            return default_label_config()
        self.problems.extend(f"{config.path}: {warning}" for warning in config.warnings)
        return config

    @property
    def stores(self) -> list[AnnotationStore]:
        """Every distinct store, in the order of the paths."""
        seen: dict[int, AnnotationStore] = {}
        for setting in self.settings:
            seen.setdefault(id(setting.store), setting.store)
        return list(seen.values())

    def clean_temporaries(self) -> int:
        """Delete temporary files that killed processes left in the annotations folders (startup)."""
        return sum(store.clean_temporaries() for store in self.stores)

    def setting_for(self, entry: ArticleEntry) -> PathSetting:
        """The path setting an article was found under (the first path containing its file)."""
        file = entry.path.absolute()
        for setting in self.settings:
            given = setting.path.absolute()
            if file == given or given in file.parents:
                return setting
        if self._fallback is None or self._fallback.path != entry.path.parent:
            # Not under any given path (a test handing entries in directly): the file's own folder.
            self._fallback = PathSetting(
                entry.path.parent,
                AnnotationStore.for_article_path(entry.path),
                self._labels(entry.path.parent),
            )
        return self._fallback

    def store_for(self, entry: ArticleEntry) -> AnnotationStore:
        """The store that keeps an article's annotations."""
        return self.setting_for(entry).store

    def labels_for(self, entry: ArticleEntry) -> LabelConfig:
        """The labels offered while annotating an article."""
        return self.setting_for(entry).labels

    def articles_folder(self, entry: ArticleEntry | None = None) -> Path:
        """The folder of the articles ``entry`` was found with (the first path's without one).

        The export dialog proposes it, so an export lands beside the articles it is about whatever folder
        Gloss was started from: the command-line folder itself, or the folder of a file given alone.
        """
        if entry is not None:
            given = self.setting_for(entry).path
        elif self.settings:
            given = self.settings[0].path
        else:
            return Path.cwd()
        return given if given.is_dir() else given.parent

    def create_label(self, entry: ArticleEntry, name: str) -> LabelDef:
        """Make ``name`` a label of ``entry``'s articles: saved to their ``gloss.toml``, offered at once.

        The table is appended to the file as it is (comments, order and the other labels are kept byte
        for byte), the result is checked to parse, and the file is replaced atomically; only then does
        the label join the labels the reader offers (its key, the picker, the legend).

        Raises:
            LabelConfigError: the name is taken or invalid, the file cannot be read or written, or it
                would not parse with the new table (the file is then left as it was).
        """
        labels = self.labels_for(entry)
        definition = new_label(labels, name)
        path = self.articles_folder(entry) / CONFIG_NAME
        try:
            before = path.read_text(encoding="utf-8") if path.is_file() else ""
        except (OSError, UnicodeDecodeError) as error:
            raise LabelConfigError(f"{path}: cannot be read ({error})") from error
        separator = (
            "" if not before or before.endswith("\n\n") else ("\n" if before.endswith("\n") else "\n\n")
        )
        after = before + separator + label_table(definition)
        try:
            tomllib.loads(after)
        except tomllib.TOMLDecodeError as error:
            raise LabelConfigError(f"{path}: the new label would not parse there ({error})") from error
        try:
            atomic_write(path, after.encode("utf-8"))
        except StoreError as error:
            raise LabelConfigError(str(error)) from error
        labels.add(definition)
        labels.path = path
        return definition

    def summary(self, entry: ArticleEntry) -> tuple[bool, int]:
        """``(has saved annotations, unreviewed suggestions)`` for the article list (cheap, cached)."""
        return self.store_for(entry).summary(entry.key)


def update_index(
    store: AnnotationStore,
    article: Article,
    annotations: AnnotationSet,
    identity: tuple[str, str] | None,
) -> str | None:
    """Bring the store's corpus index in step with an article's just-saved annotations.

    Called after each autosave (from a worker), so the corpus views show an edit at once without a run
    of ``gloss index``. A store without an index is left alone: indexing is ``gloss index``'s decision.

    Args:
        store: where the annotations were saved (its folder holds the index).
        article: the saved article (recorded when it is new to the index).
        annotations: a snapshot of what was saved.
        identity: the model and extractor version of its suggestions, when known.

    Returns:
        ``None`` when the index was updated or there is none; else a one-line reason it could not be.
    """
    if not (store.folder / "index.sqlite").is_file():
        return None
    from tui.corpus import CorpusError, update_article

    model, version = identity if identity is not None else (None, None)
    try:
        update_article(
            store, article.key, annotations, article=article, model=model, extractor_version=version
        )
    except CorpusError as error:
        return f"The corpus index was not updated: {error}"
    return None
