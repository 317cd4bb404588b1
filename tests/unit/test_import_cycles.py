"""The import graph of ``tui/``: no cycles anywhere, and the UI-free layers import no UI.

Built statically with ``grimp`` (every ``import`` in the source, deferred ones inside functions too), so
a cycle hidden behind an import inside a method fails here as surely as one at the top of a module.
The contracts say what each UI-free package may import, like harlequin's import tests.
"""

from __future__ import annotations

from pathlib import Path

import grimp
import pytest

import tui

GRAPH = grimp.build_graph("tui", include_external_packages=True)

UI = (
    "textual",
    "tui.app",
    "tui.commands",
    "tui.screens",
    "tui.widgets",
    "tui.dialogs",
    "tui.keys",
    "tui.messages",
)
"""What a UI-free package must never reach, directly or through another module."""

LAYERS: dict[str, tuple[str, ...]] = {
    "tui.model": ("tui.render", "tui.annotation", "tui.store", "tui.extract", "tui.export", "tui.sources"),
    "tui.render": ("tui.annotation", "tui.store", "tui.extract", "tui.export", "tui.sources"),
    "tui.annotation": ("tui.render",),
}
"""Beyond the UI: what each lower layer must not import (the model is the ground floor)."""

UI_FREE_LAYERS = [
    "tui.model",
    "tui.render",
    "tui.annotation",
    "tui.extract",
    "tui.sources",
    "tui.store",
    "tui.export",
    "tui.corpus",
    "tui.scale",
]
UI_FREE = [p for p in UI_FREE_LAYERS if (Path(tui.__file__).parent / p.removeprefix("tui.")).is_dir()]
"""The UI-free packages this tree has (a package added later is checked at once)."""


def _cycles() -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm, iteratively)."""
    modules = sorted(m for m in GRAPH.modules if m == "tui" or m.startswith("tui."))
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    counter = 0
    for root in modules:
        if root in index:
            continue
        work = [(root, iter(sorted(GRAPH.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if not child.startswith("tui"):
                    continue
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(GRAPH.find_modules_directly_imported_by(child)))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        groups.append(sorted(group))
    return groups


def test_there_is_no_import_cycle_in_tui() -> None:
    assert _cycles() == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    """The check above can fail: a cycle added to the graph is found."""
    GRAPH.add_import(importer="tui.model.span", imported="tui.model.annotations")
    try:
        assert any("tui.model.span" in group for group in _cycles())
    finally:
        GRAPH.remove_import(importer="tui.model.span", imported="tui.model.annotations")


LAUNCHER = ("tui.cli", "tui.app")
"""``gloss`` with no subcommand starts the reader: the command line's one (deferred) import of the UI.
Subcommands that import ``tui.cli`` do not thereby use the UI; the subprocess test in
``test_import_hygiene.py`` checks that the import stays deferred."""

CONTRACT_GRAPH = grimp.build_graph("tui", include_external_packages=True)
if CONTRACT_GRAPH.direct_import_exists(importer=LAUNCHER[0], imported=LAUNCHER[1]):
    CONTRACT_GRAPH.remove_import(importer=LAUNCHER[0], imported=LAUNCHER[1])


@pytest.mark.parametrize("package", UI_FREE)
def test_ui_free_packages_import_no_ui(package: str) -> None:
    for forbidden in UI:
        chain = CONTRACT_GRAPH.find_shortest_chain(importer=package, imported=forbidden, as_packages=True)
        assert chain is None, f"{package} reaches {forbidden}: {' → '.join(chain or ())}"


@pytest.mark.parametrize(("package", "forbidden"), [(p, f) for p, fs in LAYERS.items() for f in fs])
def test_lower_layers_do_not_import_higher_ones(package: str, forbidden: str) -> None:
    chain = GRAPH.find_shortest_chain(importer=package, imported=forbidden, as_packages=True)
    assert chain is None, f"{package} reaches {forbidden}: {' → '.join(chain or ())}"
