"""Annotating in the reader: each key pressed in the real app, on a copy of the seed article.

The spans come from the fixed extractor of the reader's tests, changed the way the issue's acceptance
needs them: "Kursk" suggested as PRODUCT, and no "Victory Day" (a person adds it).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

from textual.pilot import Pilot

from tests.app_support import SEED, FixedExtractor, fixed_spans, settle
from tests.conftest import OpenReader
from tui.app import GlossApp
from tui.dialogs import CorruptFileDialog, LabelPicker, LabelPrompt
from tui.model import Annotation, Span
from tui.screens import ReaderScreen
from tui.widgets import ArticleList, ArticleView, StatusLine

SIZE = (120, 36)


class AcceptanceExtractor(FixedExtractor):
    """The fixed spans, with Kursk as PRODUCT (to reject) and without Victory Day (to add)."""

    model_name = "acceptance-spans"

    def extract_progressively(self, text: str) -> Iterator[list[Span]]:
        spans = [
            s.evolve(label="PRODUCT") if s.text == "Kursk" else s
            for s in fixed_spans(text)
            if s.text != "Victory Day"
        ]
        half = len(text) // 2
        yield [s for s in spans if s.start < half]
        yield [s for s in spans if s.start >= half]


def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    return folder


def make_app(folder: Path, **options: object) -> GlossApp:
    return GlossApp.for_paths([folder], extractor_factory=AcceptanceExtractor, **options)


def reader_of(app: GlossApp) -> ReaderScreen:
    assert app.reader is not None
    return app.reader


def saved_file(folder: Path) -> dict[str, object]:
    files = [f for f in (folder / ".gloss").glob("*.json") if ".corrupt-" not in f.name]
    assert len(files) == 1, files
    data: dict[str, object] = json.loads(files[0].read_text(encoding="utf-8"))
    return data


async def go_to(pilot: Pilot[None], text: str, key: str = "n", label: str | None = None) -> Annotation:
    """Press a jump key until the cursor is on ``text`` (and ``label``)."""
    view = reader_of(pilot.app).view  # type: ignore[arg-type]
    for _ in range(60):
        current = view.current
        if current is not None and current.span.text == text and label in (None, current.label):
            return current
        await pilot.press(key)
    raise AssertionError(f"the cursor never reached {text!r}")


async def test_the_acceptance_flow_then_quit_and_reopen(open_reader: OpenReader, tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    app = make_app(folder)
    async with open_reader(app=app) as opened:
        pilot = opened.pilot
        screen = reader_of(app)
        view = screen.view
        kursk = await go_to(pilot, "Kursk", "right_square_bracket")
        assert kursk.label == "PRODUCT" and kursk.status == "suggested"
        await pilot.press("x")
        assert view.current is not None and view.current.status == "rejected"
        assert "rejected" in screen.query_one(StatusLine).position
        await pilot.press("l")
        assert isinstance(app.screen, LabelPrompt)
        await pilot.press("g")
        assert view.current is not None and (view.current.label, view.current.source) == ("GPE", "human")

        await pilot.press("slash", *"Victory", "enter", "v")
        assert screen.view.mode == "select" and screen.view.selecting is not None
        assert screen.view.selecting.selected == "Victory"
        assert view.selection == (screen.view.selecting.start, screen.view.selecting.end)
        await pilot.press("w")
        assert screen.view.selecting.selected == "Victory Day"
        await pilot.press("enter")
        assert isinstance(app.screen, LabelPrompt)
        await pilot.press("v")
        assert screen.view.mode == "normal" and view.selection is None
        assert view.current is not None and (view.current.span.text, view.current.label) == (
            "Victory Day",
            "EVENT",
        )
        await pilot.press("escape")  # clear the search marks

        await go_to(pilot, "15,000", "right_parenthesis")
        await pilot.press("m", *"ministry figure", "enter")
        assert view.current is not None and view.current.note == "ministry figure"
        assert "note: ministry figure" in screen.query_one(StatusLine).position
        await pilot.press("q")

    data = saved_file(folder)
    spans = data["spans"]
    assert isinstance(spans, list)
    by = {(s["text"], s["label"]): s for s in spans}
    assert by[("Kursk", "PRODUCT")]["status"] == "rejected"
    assert by[("Kursk", "GPE")]["source"] == "human" and by[("Kursk", "GPE")]["status"] == "accepted"
    assert by[("Victory Day", "EVENT")]["source"] == "human"
    assert by[("15,000", "CARDINAL")]["note"] == "ministry figure"
    assert data["format"] == "gloss-annotations" and data["model"] == "acceptance-spans"
    assert len(data["undo"]) == 4  # type: ignore[arg-type]

    again = make_app(folder)
    async with open_reader(app=again) as opened:
        pilot = opened.pilot
        screen = reader_of(again)
        annotations = screen.annotations
        assert annotations is not None
        labels = {(a.span.text, a.label): a for a in annotations}
        assert labels[("Kursk", "PRODUCT")].status == "rejected"
        assert labels[("Kursk", "GPE")].status == "accepted"
        assert ("Victory Day", "EVENT") in labels
        assert labels[("15,000", "CARDINAL")].note == "ministry figure"
        assert screen.query_one(ArticleList).summary_of is not None
        await pilot.press("slash", *"Kursk", "enter")
        at_search = screen.current_span()  # the keys act on the kept GPE at the match, not the rejected one
        assert at_search is not None and at_search.label == "GPE"
        await pilot.press("escape")
        await pilot.press("u")  # undo works after reopening: the note goes
        assert labels[("15,000", "CARDINAL")].id in annotations
        assert annotations.require(labels[("15,000", "CARDINAL")].id).note == ""
        await pilot.press("ctrl+r")
        assert annotations.require(labels[("15,000", "CARDINAL")].id).note == "ministry figure"


async def test_accept_reject_all_remaining_and_undo(open_reader: OpenReader, tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    app = make_app(folder)
    async with open_reader(app=app) as opened:
        pilot = opened.pilot
        screen = reader_of(app)
        annotations = screen.annotations
        assert annotations is not None
        await go_to(pilot, "Vladimir Putin")
        await pilot.press("a")
        assert screen.view.current is not None and screen.view.current.status == "accepted"
        people = sum(1 for a in annotations if a.label == "PERSON" and a.status == "suggested")
        await pilot.press("X", "l")  # reject the remaining PERSON suggestions only
        assert sum(1 for a in annotations if a.label == "PERSON" and a.status == "rejected") == people
        assert annotations.unreviewed() > 0
        await pilot.press("A", "a")  # accept everything else
        assert annotations.unreviewed() == 0
        await pilot.press("u", "u")
        assert sum(1 for a in annotations if a.label == "PERSON" and a.status == "rejected") == 0
        assert screen.view.current is not None


async def test_label_every_occurrence_delete_and_picker(open_reader: OpenReader, tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    app = make_app(folder)
    async with open_reader(app=app) as opened:
        pilot = opened.pilot
        screen = reader_of(app)
        annotations = screen.annotations
        assert annotations is not None
        text = annotations.text
        # "Beijing" is suggested everywhere; make "summit" a custom-free EVENT by hand, then label all
        await pilot.press("slash", *"summit", "enter", "v", "enter", "enter")
        assert isinstance(app.screen, LabelPicker)
        await pilot.press(*"event", "enter")
        summit = screen.view.current
        assert summit is not None and summit.span.text.lower() == "summit" and summit.label == "EVENT"
        occurrences = text.count(" summit") + text.count(" summit,")
        await pilot.press("escape", "equals_sign")
        added = [a for a in annotations if a.label == "EVENT" and a.span.text == summit.span.text]
        assert len(added) >= 2 or occurrences <= 1
        await pilot.press("d")
        assert summit.id not in annotations
        await pilot.press("u")
        assert summit.id in annotations


async def test_moving_a_span_boundaries(open_reader: OpenReader, tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    app = make_app(folder)
    async with open_reader(app=app) as opened:
        pilot = opened.pilot
        screen = reader_of(app)
        current = await go_to(pilot, "Xi Jinping")
        await pilot.press("less_than_sign", "b")  # start a word earlier: "President Xi Jinping"
        assert screen.view.selecting is not None and screen.view.selecting.selected == "President Xi Jinping"
        await pilot.press("enter")
        moved = screen.annotations.require(current.id)  # type: ignore[union-attr]
        assert moved.span.text == "President Xi Jinping" and moved.status == "accepted"
        await pilot.press("greater_than_sign", "h", "h")
        assert screen.view.selecting is not None and screen.view.selecting.selected == "President Xi Jinpi"
        await pilot.press("escape")  # cancelled: nothing changes
        assert screen.view.mode == "normal"
        assert screen.annotations.require(current.id).span.text == "President Xi Jinping"  # type: ignore[union-attr]


async def test_linking_a_quote_to_its_speaker(open_reader: OpenReader, tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    app = make_app(folder)
    async with open_reader(app=app) as opened:
        pilot = opened.pilot
        screen = reader_of(app)
        quote = await go_to(pilot, "“new global order”", "right_curly_bracket")
        await pilot.press("s")
        assert screen.view.mode == "speaker"
        first = screen.view.speaker_choice.current
        await pilot.press("n")
        second = screen.view.speaker_choice.current
        assert second is not first
        await pilot.press("enter")
        linked = screen.annotations.require(quote.id)  # type: ignore[union-attr]
        assert linked.span.speaker is not None and linked.span.speaker.text == second.span.text
        await pilot.press("s", "minus")
        assert screen.annotations.require(quote.id).span.speaker is None  # type: ignore[union-attr]


async def test_a_corrupt_file_is_reported_and_kept(open_reader: OpenReader, tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    app = make_app(folder)
    async with open_reader(app=app) as opened:
        pilot = opened.pilot
        await go_to(pilot, "Vladimir Putin")
        await pilot.press("a", "q")
    file = next((folder / ".gloss").glob("*.json"))
    file.write_text("{ broken", encoding="utf-8")

    app = make_app(folder)
    async with open_reader(app=app) as opened:
        pilot = opened.pilot
        assert isinstance(app.screen, CorruptFileDialog)
        await pilot.press("k")
        await go_to(pilot, "Xi Jinping")
        await pilot.press("a", "q")
    assert file.read_text(encoding="utf-8") == "{ broken"

    app = make_app(folder)
    async with open_reader(app=app) as opened:
        pilot = opened.pilot
        await pilot.press("f")
        await settle(app, pilot)
        await go_to(pilot, "Xi Jinping")
        await pilot.press("a", "q")
    assert len(list((folder / ".gloss").glob("*.corrupt-*.json"))) == 1
    assert saved_file(folder)["format"] == "gloss-annotations"


async def test_list_marks_annotated_articles_and_store_option(
    open_reader: OpenReader, tmp_path: Path
) -> None:
    folder = corpus(tmp_path)
    shutil.copy(SEED, folder / "second.txt")
    store = tmp_path / "annotations"
    app = make_app(folder, store=store)
    async with open_reader(app=app) as opened:
        pilot = opened.pilot
        article_list = reader_of(app).query_one(ArticleList)
        key = reader_of(app).article.key  # type: ignore[union-attr]
        assert article_list.summary_of is not None
        entry = next(e for e in article_list.entries if e.key == key)
        assert article_list.summary_of(entry) == (False, 0)
        await go_to(pilot, "Vladimir Putin")
        await pilot.press("a", "ctrl+s")
        exists, unreviewed = article_list.summary_of(entry)
        assert exists and unreviewed > 0
        rows = [str(article_list.render_line(y).text) for y in range(4)]
        assert any("✎" in row for row in rows)
    assert list(store.glob("*.json")) and not (folder / ".gloss").exists()


async def test_signal_handler_saves_before_exit(open_reader: OpenReader, tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    app = make_app(folder)
    async with open_reader(app=app) as opened:
        pilot = opened.pilot
        await go_to(pilot, "Vladimir Putin")
        await pilot.press("x")
        app.exit_on_signal()  # what SIGHUP and SIGTERM call
        spans = saved_file(folder)["spans"]
        assert isinstance(spans, list)
        assert [s["status"] for s in spans if s["text"] == "Vladimir Putin"] == ["rejected"]


async def test_export_from_the_command_palette(open_reader: OpenReader, tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    out = tmp_path / "out.jsonl"
    app = make_app(folder)
    async with open_reader(app=app) as opened:
        pilot = opened.pilot
        await go_to(pilot, "Vladimir Putin")
        await pilot.press("a")
        await pilot.press("ctrl+p", *"export annotations")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        from textual.widgets import Input

        box = app.screen.query_one("#export-out", Input)
        box.value = str(out)
        box.focus()
        await pilot.press("enter")
        await settle(app, pilot)
    record = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert [(s["label"], record["text"][s["start"] : s["end"]]) for s in record["spans"]] == [
        ("PERSON", "Vladimir Putin")
    ]


def test_view_draws_selection_layer() -> None:
    assert "article-view--selection" in ArticleView.COMPONENT_CLASSES


async def test_custom_labels_in_prompt_picker_legend_and_panel(
    open_reader: OpenReader, tmp_path: Path
) -> None:
    folder = corpus(tmp_path)
    (folder / "gloss.toml").write_text(
        '[labels.CLAIM]\nkey = "c"\ncolour = "#d81b60"\ndescription = "A checkable claim"\n', encoding="utf-8"
    )
    app = make_app(folder)
    async with open_reader(app=app) as opened:
        pilot = opened.pilot
        screen = reader_of(app)
        legend = str(screen.query_one("#legend").render())
        assert "CLAIM" in legend
        await pilot.press("slash", *"reportedly sent", "enter", "v", "w", "enter", "c")
        claim = screen.view.current
        assert claim is not None and (claim.label, claim.span.text) == ("CLAIM", "reportedly sent 15,000")
        assert screen.view.label_style("CLAIM", "entity").color is not None
        await pilot.press("p")
        panel = screen.query_one("#entity-panel")
        rows = " ".join(str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count))  # type: ignore[attr-defined]
        assert "CLAIM" in rows
        await pilot.press("escape", "L", *"claim")
        assert isinstance(app.screen, LabelPicker)
        await pilot.press("escape")


async def test_label_every_occurrence_of_a_quote_names_it_with_its_own_marks_once(
    open_reader: OpenReader, tmp_path: Path
) -> None:
    """The toast said "No other ““old friend.”” to label": the quote's marks and the message's own."""
    from tests.app.annotator_support import seeded_reader

    async with seeded_reader(open_reader, tmp_path) as reader:
        await reader.pilot.press("right_curly_bracket")  # the first quote
        current = reader.view.current
        assert current is not None and current.kind == "quote"
        await reader.pilot.press("equals_sign")
        said = [str(n.message) for n in reader.app._notifications]
        toast = next(m for m in said if "to label" in m or "more" in m)
        assert "““" not in toast and "””" not in toast
        assert toast.startswith("No other “")
