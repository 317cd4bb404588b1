"""Exporting from the reader: the open article, or every annotated article of the workspace.

The export dialog asks what to write; this writes it with the same writers as ``gloss export``
(:mod:`tui.export`) and returns the lines the reader shows, so the reader's worker is a call and a
notification. It runs in a worker: collecting every article of a corpus reads many files.
"""

from __future__ import annotations

from pathlib import Path

from tui.annotation.workspace import AnnotationWorkspace
from tui.model import AnnotationSet, Article


def export_annotations(
    format_name: str,
    out: Path,
    *,
    scope: str,
    include_suggestions: bool,
    workspace: AnnotationWorkspace,
    current: tuple[Article, AnnotationSet] | None,
) -> list[str]:
    """Write the export; returns its summary and the first notes and problems, for a notification.

    Args:
        scope: ``article`` (``current``, a snapshot taken on the UI thread) or ``all``.

    Raises:
        OSError: the output could not be written. ValueError: there is nothing to export.
    """
    from tui.export import ExportItem, export_items
    from tui.export.collect import collect_items

    problems: list[str] = []
    if scope == "article":
        if current is None:
            raise ValueError("no article is open")
        article, annotations = current
        items = [ExportItem.from_set(article, annotations, include_suggestions=include_suggestions)]
    else:
        items = list(
            collect_items(
                [setting.path for setting in workspace.settings],
                store=workspace.override,
                include_suggestions=include_suggestions,
                report=problems.append,
            )
        )
    if not items:
        raise ValueError("no article has saved annotations yet")
    report = export_items(items, format_name, out)
    return [report.summary().capitalize(), *report.notes[:3], *problems[:3]]
