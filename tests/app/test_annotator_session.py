"""A scripted review session, as a person does it: open the seed, review every suggestion with the
one-key accept/reject-and-next flow, quit; edit the article's text on disk; reopen, find the new text's
suggestions and the span the edit lost, place it, discard nothing; the final JSON is what the script
expects. Also: a lost span discarded from the unplaced list, and placing undone."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from tests.app_support import SEED, FixedExtractor
from tests.conftest import OpenReader
from tui.app import GlossApp
from tui.dialogs import UnplacedDialog

EDITED = ("leader Kim Jong Un in Beijing", "leader Kim Un in Beijing")
ADDED = "\n\nLater, Moscow said Vladimir Putin would return on Friday.\n"


def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    return folder


def saved(folder: Path) -> dict[str, Any]:
    files = [f for f in (folder / ".gloss").glob("*.json") if ".corrupt-" not in f.name]
    assert len(files) == 1, files
    data: dict[str, Any] = json.loads(files[0].read_text(encoding="utf-8"))
    return data


def app_for(folder: Path) -> GlossApp:
    return GlossApp.for_paths([folder], extractor_factory=FixedExtractor)


async def review_everything(open_reader: OpenReader, folder: Path) -> dict[str, str]:
    """Accept every suggestion with ``y``, but reject the LOC ones with ``z``; returns id → status."""
    async with open_reader(app=app_for(folder)) as reader:
        pilot, view = reader.pilot, reader.view
        annotations = reader.screen.annotations
        assert annotations is not None
        await pilot.press("r")
        for _ in range(len(view.shown) + 1):
            current = view.current
            if annotations.unreviewed() == 0 or current is None:
                break
            await pilot.press("z" if current.label == "LOC" else "y")
        assert annotations.unreviewed() == 0
        assert "to review" not in reader.status.state
        decided = {a.span.text + "@" + str(a.start): a.status for a in annotations}
        await pilot.press("q")
    return decided


async def test_a_scripted_review_session(open_reader: OpenReader, tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    decided = await review_everything(open_reader, folder)
    first = saved(folder)
    assert {s["status"] for s in first["spans"]} == {"accepted", "rejected"}
    assert all(s["status"] == "rejected" for s in first["spans"] if s["label"] == "LOC")

    article = folder / SEED.name
    text = article.read_text(encoding="utf-8")
    assert EDITED[0] in text
    article.write_text(text.replace(EDITED[0], EDITED[1], 1) + ADDED, encoding="utf-8")

    async with open_reader(app=app_for(folder)) as reader:
        pilot, view, screen = reader.pilot, reader.view, reader.screen
        unplaced = screen.controller.unplaced
        assert [(a.span.text, a.status) for a in unplaced] == [("Kim Jong Un", "accepted")]
        annotations = screen.annotations
        assert annotations is not None
        added_at = view.text.index(ADDED.strip())
        fresh = sorted((a.span.text, a.status) for a in annotations if a.start >= added_at)
        assert fresh == [("Moscow", "suggested"), ("Vladimir Putin", "suggested")], "the added text"
        kim = view.text.index("Kim Un")
        assert [(a.span.text, a.status) for a in annotations.overlapping(kim, kim + 6)] == [
            ("Kim", "suggested")
        ], "the edited sentence is extracted again too"
        assert "3 to review" in reader.status.state
        await pilot.press("slash", *"Kim Un", "enter", "U")
        assert isinstance(reader.app.screen, UnplacedDialog)
        await pilot.press("enter")
        assert not isinstance(reader.app.screen, UnplacedDialog)
        current = view.current
        assert current is not None and (current.span.text, current.label) == ("Kim Un", "PERSON")
        assert screen.controller.unplaced == []
        await pilot.press("escape", "r", "y", "y", "y")
        assert annotations.unreviewed() == 0
        await pilot.press("q")

    final = saved(folder)
    assert final["unplaced"] == []
    by_text = {(s["text"], s["start"]): s for s in final["spans"]}
    kim_un = by_text[("Kim Un", view.text.index("Kim Un"))]
    assert (kim_un["label"], kim_un["status"]) == ("PERSON", "accepted")
    assert {s["status"] for s in final["spans"]} == {"accepted", "rejected"}
    kept = sum(1 for status in decided.values() if status == "rejected")
    assert sum(1 for s in final["spans"] if s["status"] == "rejected") == kept
    assert len(final["spans"]) == len(decided) + 3, "the lost span placed again, three new ones accepted"


async def test_an_unplaced_span_is_discarded_or_its_placing_undone(
    open_reader: OpenReader, tmp_path: Path
) -> None:
    folder = corpus(tmp_path)
    await review_everything(open_reader, folder)
    article = folder / SEED.name
    article.write_text(article.read_text(encoding="utf-8").replace(*EDITED, 1), encoding="utf-8")
    async with open_reader(app=app_for(folder)) as reader:
        pilot, screen = reader.pilot, reader.screen
        assert len(screen.controller.unplaced) == 1
        await pilot.press("slash", *"Kim Un", "enter", "U", "enter")
        assert screen.controller.unplaced == []
        placed = reader.view.current
        assert placed is not None and placed.span.text == "Kim Un"
        await pilot.press("u")
        assert screen.annotations is not None and screen.annotations.get(placed.id) is None
        await pilot.press("q")
    async with open_reader(app=app_for(folder)) as reader:
        pilot, screen = reader.pilot, reader.screen
        assert len(screen.controller.unplaced) == 1, "still unplaced after a restart"
        await pilot.press("U", "d")
        assert screen.controller.unplaced == []
        await pilot.press("q")
    assert saved(folder)["unplaced"] == []
