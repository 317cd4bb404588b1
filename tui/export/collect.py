"""Gathering what to export: the articles under some paths and their saved annotations.

Where the annotations live follows the store's rule (``.gloss/`` beside the articles, or ``--store``);
:func:`candidate_stores` says in which order the possible folders are tried. Articles with no saved
annotations are skipped without being read (an HTML page is only run through the extractor when it has
annotations); an article whose annotations are saved but has no kept span is still exported, as a
negative example. With suggestions asked for and an ``extract`` function given, articles that were
never opened are extracted (in one batch, after the others) and exported with the model's suggestions,
as a person pre-annotating a corpus expects; nothing is saved for them. Conflict copies (the edits of
another writer, kept beside an annotation file by the store) are never exported, and the export says
so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from tui.export.common import ExportItem
from tui.model import AnnotationSet, Article, ArticleEntry, ArticleLoadError
from tui.scale.engine import Job, Outcome
from tui.sources import discover
from tui.store import DEFAULT_FOLDER, AnnotationStore, CorruptAnnotationsError
from tui.store.files import CONFLICT_MARK
from tui.wording import counted

Extract = Callable[[list[Job]], Iterable[Outcome]]
"""Runs extraction over jobs and yields their outcomes in order (an engine's ``run``, with a progress bar
around it on the command line)."""


@dataclass(slots=True)
class Collected:
    """Counts of what :func:`collect_items` saw, for the closing summary line."""

    listed: int = 0
    without_annotations: int = 0
    failed: int = 0
    extracted: int = 0
    """Never-opened articles extracted for their suggestions."""


def candidate_stores(
    article_path: Path, given: Path | None = None, override: Path | None = None
) -> list[AnnotationStore]:
    """The stores that may hold the annotations of an article in ``article_path``, most likely first.

    With ``override`` (``--store``) only that one. Otherwise the store of the command-line path the
    article was found under, then every existing ``.gloss/`` from the article's own folder upwards (the
    reader may have been opened on an enclosing folder), then the one beside the file even if it does
    not exist yet.
    """
    if override is not None:
        return [AnnotationStore.for_article_path(article_path, override)]
    stores: list[AnnotationStore] = []
    seen: set[Path] = set()

    def add(store: AnnotationStore) -> None:
        folder = store.folder.absolute()
        if folder not in seen:
            seen.add(folder)
            stores.append(store)

    if given is not None:
        add(AnnotationStore.for_article_path(given))
    for folder in article_path.absolute().parents:
        if (folder / DEFAULT_FOLDER).is_dir():
            add(AnnotationStore(folder / DEFAULT_FOLDER))
    add(AnnotationStore.for_article_path(article_path))
    return stores


def collect_items(
    paths: Sequence[Path],
    *,
    store: Path | None = None,
    include_suggestions: bool = False,
    report: Callable[[str], None] = lambda message: None,
    counts: Collected | None = None,
    extract: Extract | None = None,
) -> Iterator[ExportItem]:
    """Yield an :class:`ExportItem` for every article under ``paths`` that has saved annotations.

    With ``include_suggestions`` and ``extract``, articles without saved annotations are extracted and
    yielded last with their suggestions. Problems (a path that does not exist, an article that cannot be
    read, an annotation file that is corrupt, an extraction that failed) go to ``report`` as user-facing
    messages; the export goes on with the rest.
    """
    counts = counts if counts is not None else Collected()
    never_opened: list[ArticleEntry] = []
    folders: dict[Path, None] = {}  # the store folders read, in order, for the conflict-copy notice
    for given in paths:
        entries, problems = discover([given])
        for problem in problems:
            report(problem)
        for entry in entries:
            counts.listed += 1
            stores = candidate_stores(entry.path, given, store)
            candidates = [s for s in stores if s.path_for(entry.key).exists()]
            folders.update((s.folder, None) for s in candidates)
            if not candidates:
                if include_suggestions and extract is not None:
                    never_opened.append(entry)
                else:
                    counts.without_annotations += 1
                continue
            try:
                article = entry.load()
                loaded = candidates[0].load(article)
            except ArticleLoadError as error:
                counts.failed += 1
                report(f"skipped: {error}")
                continue
            except CorruptAnnotationsError as error:
                counts.failed += 1
                report(f"skipped {entry.key}: {error}")
                continue
            if loaded is None:  # removed since we looked
                counts.without_annotations += 1
                continue
            if loaded.unplaced:
                report(
                    f"{entry.key}: {counted(len(loaded.unplaced), 'span')} could not be placed in the "
                    f"changed text and {'is' if len(loaded.unplaced) == 1 else 'are'} not exported "
                    f"(open the article to place or discard {'it' if len(loaded.unplaced) == 1 else 'them'})"
                )
            yield ExportItem.from_set(article, loaded.annotations, include_suggestions=include_suggestions)
    if never_opened and extract is not None:
        yield from _suggested(never_opened, extract, report, counts)
    for folder in folders:
        _report_conflict_copies(folder, report)


def _report_conflict_copies(folder: Path, report: Callable[[str], None]) -> None:
    """Say that a store folder holds conflict copies: edits of another writer no export includes."""
    try:
        copies = sorted(p.name for p in folder.iterdir() if CONFLICT_MARK in p.name)
    except OSError:
        return
    if copies:
        report(
            f"{folder}: {counted(len(copies), 'conflict copy', 'conflict copies')} not exported "
            f"({copies[0]}{', …' if len(copies) > 1 else ''}); open the article to merge the edits"
        )


def _suggested(
    entries: list[ArticleEntry], extract: Extract, report: Callable[[str], None], counts: Collected
) -> Iterator[ExportItem]:
    """Export items holding the model's suggestions for articles that have no saved annotations."""
    articles: list[Article] = []
    for entry in entries:
        try:
            articles.append(entry.load())
        except ArticleLoadError as error:
            counts.failed += 1
            report(f"skipped: {error}")
    if not articles:
        return
    by_key = {article.key: article for article in articles}
    for outcome in extract([Job(article.key, article.text) for article in articles]):
        article = by_key[outcome.key]
        if outcome.spans is None:
            counts.failed += 1
            report(f"skipped {article.key}: extraction failed ({outcome.error})")
            continue
        counts.extracted += 1
        suggestions = AnnotationSet.from_suggestions(article.text, outcome.spans)
        yield ExportItem.from_set(article, suggestions, include_suggestions=True)
