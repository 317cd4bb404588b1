"""Labels can be told apart: every built-in label its own style, in dark and light themes, also under a
deuteranopia simulation; a span's status is a text style no label uses; ``gloss.toml`` colours win."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
from colorspacious import cspace_convert
from rich.color import Color
from rich.style import Style
from textual.pilot import Pilot

from tests.app_support import settle
from tests.conftest import OpenReader
from tui.app import GlossApp
from tui.model import ENTITY_LABELS, Span, kind_for_label
from tui.widgets import ArticleView

WORDS: dict[str, str] = {
    "PERSON": "Natasha",
    "NORP": "Russians",
    "FAC": "the Kremlin",
    "ORG": "Gazprom",
    "GPE": "Moscow",
    "LOC": "the Volga",
    "PRODUCT": "Lada",
    "EVENT": "the Olympics",
    "WORK_OF_ART": "War and Peace",
    "LAW": "the Constitution",
    "LANGUAGE": "French",
    "DATE": "Tuesday",
    "TIME": "noon",
    "CARDINAL": "15,000",
    "QUOTE": "“we will win”",
}
TEXT = "Every label\n\n" + "\n".join(f"{label}: {word} is one." for label, word in WORDS.items()) + "\n"

PERCEPTIBLE = 5.0
"""A colour difference (CAM02-UCS ΔE) a person sees at a glance; about 1 is the least one can see."""

DEUTERANOPIA = {"name": "sRGB1+CVD", "cvd_type": "deuteranomaly", "severity": 100}


class EveryLabel:
    """One span of every built-in label, at the words of :data:`WORDS`."""

    model_name = "every-label"

    def extract(self, text: str) -> list[Span]:
        spans = []
        for label, word in WORDS.items():
            start = text.index(f"{label}: {word}") + len(label) + 2
            spans.append(Span(start, start + len(word), label, kind_for_label(label), word))
        return sorted(spans, key=lambda s: s.start)

    def extract_progressively(self, text: str) -> Iterator[list[Span]]:
        yield self.extract(text)


def article(tmp_path: Path) -> Path:
    folder = tmp_path / "labels"
    folder.mkdir(exist_ok=True)
    (folder / "every-label.txt").write_text(TEXT, encoding="utf-8")
    return folder


def rgb(color: Color | None, fallback: Color) -> np.ndarray[Any, Any]:
    triplet = (color or fallback).get_truecolor()
    return np.array([triplet.red, triplet.green, triplet.blue]) / 255


def seen_by_deuteranope(colour: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    simulated = np.clip(cspace_convert(colour, DEUTERANOPIA, "sRGB1"), 0, 1)
    result: np.ndarray[Any, Any] = cspace_convert(simulated, "sRGB1", "CAM02-UCS")
    return result


def builtin_styles(view: ArticleView) -> dict[str, Style]:
    styles = {label: view.label_style(label, "entity") for label in ENTITY_LABELS}
    styles["number"] = view.label_style("CARDINAL", "number")
    styles["quote"] = view.label_style("QUOTE", "quote")
    return styles


def assert_told_apart(view: ArticleView) -> None:
    base = view.rich_style
    assert base.color is not None and base.bgcolor is not None
    styles = builtin_styles(view)
    for (a, sa), (b, sb) in itertools.combinations(styles.items(), 2):
        assert (sa.color, sa.bgcolor) != (sb.color, sb.bgcolor), f"{a} and {b} look the same"
        fg = np.linalg.norm(
            seen_by_deuteranope(rgb(sa.color, base.color)) - seen_by_deuteranope(rgb(sb.color, base.color))
        )
        bg = np.linalg.norm(
            seen_by_deuteranope(rgb(sa.bgcolor, base.bgcolor))
            - seen_by_deuteranope(rgb(sb.bgcolor, base.bgcolor))
        )
        assert max(fg, bg) >= PERCEPTIBLE, f"{a} and {b} look alike to a deuteranope ({fg:.1f}, {bg:.1f})"


async def test_every_pair_of_builtin_label_styles_differs_in_both_themes(
    open_reader: OpenReader, tmp_path: Path
) -> None:
    async with open_reader([article(tmp_path)], extractor=EveryLabel) as reader:
        view = reader.view
        assert_told_apart(view)
        dark = builtin_styles(view)
        await reader.pilot.press("ctrl+t")
        await reader.settle()
        assert builtin_styles(view) != dark, "the light theme has its own variants"
        assert_told_apart(view)


async def test_status_is_a_mark_no_label_style_uses(open_reader: OpenReader, tmp_path: Path) -> None:
    async with open_reader([article(tmp_path)], extractor=EveryLabel) as reader:
        view = reader.view
        for label, style in builtin_styles(view).items():
            assert not (style.bold or style.underline or style.strike or style.dim), label
        accepted = {label: view.label_style(label, "entity", "accepted") for label in ENTITY_LABELS}
        assert accepted["ORG"] != accepted["DATE"], "an accepted ORG does not look like an accepted DATE"
        for label in ENTITY_LABELS:
            suggested = view.label_style(label, "entity")
            rejected = view.label_style(label, "entity", "rejected")
            assert accepted[label].bold and accepted[label].color == suggested.color
            assert rejected.strike and rejected.color == suggested.color


async def test_gloss_toml_colours_are_honoured(open_reader: OpenReader, tmp_path: Path) -> None:
    folder = article(tmp_path)
    (folder / "gloss.toml").write_text('[labels.PERSON]\ncolour = "#ff0000"\n', encoding="utf-8")
    async with open_reader([folder], extractor=EveryLabel) as reader:
        person = reader.view.label_style("PERSON", "entity")
        assert person.color is not None and person.color.get_truecolor() == (255, 0, 0)


SnapCompare = Callable[..., bool]


def every_label_app(tmp_path: Path) -> GlossApp:
    return GlossApp.for_paths([article(tmp_path)], extractor_factory=EveryLabel)


async def settled(pilot: Pilot[Any]) -> None:
    await settle(pilot.app, pilot)


def test_every_builtin_label_in_the_dark_theme(snap_compare: SnapCompare, tmp_path: Path) -> None:
    assert snap_compare(every_label_app(tmp_path), terminal_size=(100, 30), run_before=settled)


def test_every_builtin_label_in_the_light_theme(snap_compare: SnapCompare, tmp_path: Path) -> None:
    assert snap_compare(
        every_label_app(tmp_path), terminal_size=(100, 30), run_before=settled, press=["ctrl+t"]
    )
