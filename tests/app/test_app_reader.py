"""The reader driven with Pilot: opening, jumping between spans, status line, scrolling, panes."""

from __future__ import annotations

from pathlib import Path

from tests.app_support import SEED, SEEDS, FixedExtractor, settle
from tests.conftest import OpenReader, Reader
from tui.app import GlossApp
from tui.messages import ExtractionFinished, ExtractionProgress, HighlightsShown
from tui.screens.reader import ReaderScreen
from tui.widgets import ArticleList, ArticleView, EntityPanel, StatusLine

SIZE = (120, 36)


def seed_app() -> GlossApp:
    """The reader on the seeds with the fixed extractor."""
    return GlossApp.for_paths([SEEDS], extractor_factory=FixedExtractor)


def parts(app: GlossApp) -> tuple[ReaderScreen, ArticleView, StatusLine]:
    screen = app.screen
    assert isinstance(screen, ReaderScreen)
    return screen, screen.query_one(ArticleView), screen.query_one(StatusLine)


def current_text(view: ArticleView) -> str:
    assert view.current is not None
    return view.current.span.text


async def test_seed_article_opens_with_highlights(reader: Reader) -> None:
    app = reader.app
    screen, view, status = parts(app)
    assert screen.article is not None and screen.article.path == SEED
    assert view.text.startswith("Chinese President Xi Jinping")
    assert len(view.shown) > 20
    assert "highlights · fixed-test-spans" in status.state
    assert view.cursor is None
    assert app.focused is view


async def test_next_and_previous_span_move_the_cursor_and_status(reader: Reader) -> None:
    app, pilot = reader.app, reader.pilot
    _, view, status = parts(app)
    await pilot.press("n")
    assert current_text(view) == "Xi Jinping"
    assert status.position.startswith("PERSON 1 of ")
    assert "Xi Jinping" in status.position
    await pilot.press("n")
    assert current_text(view) == "Vladimir Putin"
    assert status.position.startswith("PERSON 2 of ")
    assert "mention 1 of 3" in status.position
    await pilot.press("N", "N")
    assert current_text(view) == "50,000"
    assert "wrapped around" in status.position


async def test_kind_keys_jump_to_numbers_quotes_and_entities(reader: Reader) -> None:
    app, pilot = reader.app, reader.pilot
    _, view, status = parts(app)
    await pilot.press(")")
    assert current_text(view) == "80th"
    assert status.position.startswith("ORDINAL 1 of 1")
    await pilot.press(")")
    assert current_text(view) == "15,000"
    await pilot.press("}")
    assert current_text(view) == "“new global order”"
    assert "wrapped around" in status.position
    await pilot.press("}")
    assert current_text(view).startswith("“trilateral")
    assert "said by Youngjun Kim" in status.position
    await pilot.press("]")
    assert current_text(view) == "North Korea"
    assert "in a quote by Youngjun Kim" in status.position
    await pilot.press("(")
    assert current_text(view) == "80th"


async def test_same_entity_goes_from_kim_jong_un_to_kim(reader: Reader) -> None:
    app, pilot = reader.app, reader.pilot
    _, view, status = parts(app)
    await pilot.press("n", "n", "n")
    assert current_text(view) == "Kim Jong Un"
    await pilot.press("asterisk")
    assert current_text(view) == "Kim"
    assert "Kim → Kim Jong Un" in status.position
    await pilot.press("asterisk")
    assert current_text(view) == "Kim Jong Un"
    assert view.current is not None and view.current.start > 1000
    await pilot.press("number_sign")
    assert current_text(view) == "Kim"
    await pilot.press("number_sign", "number_sign")
    assert current_text(view) == "Kim"
    assert view.current is not None and view.current.start > 1700
    assert "wrapped around" in status.position


async def test_same_label_steps_through_places(reader: Reader) -> None:
    app, pilot = reader.app, reader.pilot
    _, view, status = parts(app)
    await pilot.press("n", "n", "n", "n")
    assert current_text(view) == "Beijing"
    await pilot.press("full_stop")
    assert current_text(view) == "Beijing"
    assert status.position.startswith("GPE 2 of ")
    await pilot.press("full_stop")
    assert current_text(view) == "North Korea"
    assert status.position.startswith("GPE 3 of ")
    await pilot.press("comma", "comma")
    assert current_text(view) == "Beijing"
    assert status.position.startswith("GPE 1 of ")


async def test_search_marks_matches_and_n_moves_between_them(reader: Reader) -> None:
    app, pilot = reader.app, reader.pilot
    _, view, status = parts(app)
    await pilot.press("slash", *"putin", "enter")
    assert len(view.matches) == 3
    assert status.position.startswith("/putin: match 1 of 3")
    await pilot.press("n")
    assert status.position.startswith("/putin: match 2 of 3")
    assert view.match_cursor == 1
    assert current_text(view) == "Putin", "the match moved the one cursor"
    await pilot.press("escape")
    assert view.matches == []
    assert current_text(view) == "Putin", "Esc keeps the cursor where the search put it"
    await pilot.press("n")
    assert view.current is not None and view.current.start > view.text.index("Putin for official")


async def test_kind_toggle_hides_highlights_and_jumps_skip_them(reader: Reader) -> None:
    app, pilot = reader.app, reader.pilot
    screen, view, _ = parts(app)
    numbers = sum(1 for a in view.shown if a.kind == "number")
    assert numbers == 3
    await pilot.press("2")
    assert "number" in screen.view.highlights.hidden_kinds
    assert all(a.kind != "number" for a in view.shown)
    await pilot.press(")")
    assert view.cursor is None
    await pilot.press("2")
    assert sum(1 for a in view.shown if a.kind == "number") == numbers


async def test_entity_panel_jumps_and_cycles_through_mentions(reader: Reader) -> None:
    app, pilot = reader.app, reader.pilot
    screen, view, _ = parts(app)
    await pilot.press("p")
    panel = screen.query_one(EntityPanel)
    assert panel.display and app.focused is panel
    putin = next(oid for oid, g in panel.groups.items() if g.name == "Vladimir Putin")
    panel.highlighted = panel.get_option_index(putin)
    await pilot.press("enter")
    assert current_text(view) == "Vladimir Putin"
    await pilot.press("enter")
    assert current_text(view) == "Putin"
    await pilot.press("enter", "enter")
    assert current_text(view) == "Vladimir Putin"
    await pilot.press("p")
    assert not panel.display and app.focused is view


async def test_far_jump_scrolls_the_view(open_reader: OpenReader, tmp_path: Path) -> None:
    text = "Alpha Vladimir Putin met people.\n" + "Filler words that go on and on.\n" * 400 + "Putin left.\n"
    (tmp_path / "far.txt").write_text(text, encoding="utf-8")
    async with open_reader([tmp_path / "far.txt"]) as opened:
        pilot, view, status = opened.pilot, opened.view, opened.status
        await pilot.press("n")
        assert current_text(view) == "Vladimir Putin" and view.scroll_offset.y == 0
        await pilot.press("asterisk")
        assert current_text(view) == "Putin"
        assert view.scroll_offset.y > 700
        assert status.position.startswith("PERSON 2 of 2")


async def test_next_article_and_list_filter(reader: Reader) -> None:
    app, pilot = reader.app, reader.pilot
    screen, view, _ = parts(app)
    first = screen.article
    await pilot.press("J")
    await settle(app, pilot)
    assert screen.article is not None and screen.article != first
    await pilot.press("K")
    await settle(app, pilot)
    assert screen.article is not None and screen.article.path == SEED
    await pilot.press("tab")
    article_list = screen.query_one(ArticleList)
    assert app.focused is article_list
    await pilot.press("slash", *"nasa")
    assert len(article_list.shown) == 1
    await pilot.press("enter")
    await settle(app, pilot)
    assert screen.article is not None and "NASA" in screen.article.title
    assert app.focused is view


async def test_unreadable_files_show_why_and_the_app_keeps_working(
    open_reader: OpenReader, tmp_path: Path
) -> None:
    (tmp_path / "a-binary.txt").write_bytes(b"\x00\x01\x02 not text")
    (tmp_path / "b-latin1.txt").write_bytes("caf\xe9 au lait".encode("latin-1"))
    (tmp_path / "c-good.txt").write_text("Vladimir Putin spoke.\n", encoding="utf-8")
    app = GlossApp.for_paths([tmp_path], extractor_factory=FixedExtractor)
    async with open_reader(app=app) as opened:
        pilot = opened.pilot
        screen, view, _ = parts(app)
        messages = []
        for _ in range(3):
            if screen.article is not None:
                break
            messages.append(view.message)
            await pilot.press("J")
            await settle(app, pilot)
        assert screen.article is not None and view.text.startswith("Vladimir Putin")
        errors = [entry.error or "" for entry in screen.query_one(ArticleList).entries]
        assert "not a text file" in errors[0]
        assert "not valid UTF-8" in errors[1]
        await pilot.press("n")
        assert current_text(view) == "Vladimir Putin"
        bad = screen.query_one(ArticleList).entries[1]
        assert "highlight" in screen.status.state  # the good article's counts
        screen.open_entry(bad)  # opened anyway (a click on it): the view says why it cannot be read
        await settle(app, pilot)
        assert screen.article is None and "not valid UTF-8" in view.message
        assert screen.status.state == ""  # not the counts of the article shown before


async def test_missing_model_keeps_reading_without_highlights(open_reader: OpenReader) -> None:
    from tui.extract import ModelNotFoundError

    def no_model() -> FixedExtractor:
        raise ModelNotFoundError("No spaCy English model is installed. Install one with pip.")

    app = GlossApp.for_paths([SEED], extractor_factory=no_model)
    async with open_reader(app=app) as opened:
        pilot = opened.pilot
        _, view, status = parts(app)
        assert view.text.startswith("Chinese President")
        assert "no model" in status.state
        await pilot.press("n")
        assert view.cursor is None
        await pilot.press("j")
        assert view.scroll_offset.y == 1


async def test_extraction_is_posted_as_progress_then_finished(reader: Reader) -> None:
    progress = reader.posted(ExtractionProgress)
    finished = reader.posted(ExtractionFinished)
    assert progress and progress[0].event.done == 0.0
    assert reader.screen.article is not None
    assert [m.event.article.key for m in finished] == [reader.screen.article.key]
    assert reader.messages.index(progress[-1]) < reader.messages.index(finished[0])
    assert len(finished[0].event.spans) == len(reader.view.shown)
    assert [m.article.key for m in reader.posted(HighlightsShown)] == [reader.screen.article.key]


async def test_open_at_opens_another_article_with_the_cursor_at_an_offset(reader: Reader) -> None:
    entry = next(e for e in reader.screen.entries if e.path.name == "clock.txt")
    text = entry.load().text
    offset = text.index("Tuesday") if "Tuesday" in text else text.index("Moscow")
    assert reader.screen.open_at(entry.key, offset + 1)
    await reader.settle()
    assert reader.screen.article is not None and reader.screen.article.key == entry.key
    current = reader.view.current
    assert current is not None and current.start <= offset + 1 < current.end
    assert not reader.screen.open_at("no such article", 0)


async def test_the_model_is_frozen_out_of_the_collector_after_its_first_highlights(
    open_reader: OpenReader,
) -> None:
    """Not when it loads: the collection before the freeze (~80 ms) came between the model and the
    first article's highlights. Frozen once, and given back when the app closes."""
    import gc

    frozen_at_highlights: list[int] = []

    class Watching(GlossApp):
        def on_highlights_shown(self, message: HighlightsShown) -> None:
            frozen_at_highlights.append(gc.get_freeze_count())  # runs before the app's own handler

    class InProcess(FixedExtractor):
        nlp = object()  # a pipeline in the reader's own process, as a test may inject

    app = Watching.for_paths([SEED], extractor_factory=InProcess)
    async with open_reader(app=app) as opened:
        assert frozen_at_highlights == [0]  # the model was handed over without a collection first
        assert gc.get_freeze_count() > 0 and opened.app.extractor.extractor is not None
    assert gc.get_freeze_count() == 0


async def test_a_model_in_its_own_process_costs_the_reader_no_collection(open_reader: OpenReader) -> None:
    """The model's process holds the pipeline: the reader has no model objects to freeze, and the 80 ms
    collection would be spent for nothing."""
    import gc

    async with open_reader(paths=[SEED]) as opened:  # FixedExtractor: no pipeline here, as the process
        assert opened.screen.annotations
        assert gc.get_freeze_count() == 0


async def test_an_empty_article_says_it_has_no_text(open_reader: OpenReader, tmp_path: Path) -> None:
    """An empty file showed a blank pane and "n next highlight", as if the reader had failed to draw."""
    (tmp_path / "a-empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "b-good.txt").write_text("Vladimir Putin spoke.\n", encoding="utf-8")
    app = GlossApp.for_paths([tmp_path], extractor_factory=FixedExtractor)
    async with open_reader(app=app) as opened:
        screen, view, status = parts(app)
        assert screen.article is not None and screen.article.text == ""
        assert "no text" in view.message
        assert "J/K" in status.position and "n next highlight" not in status.position
        await opened.pilot.press("J")
        await settle(app, opened.pilot)
        assert view.text.startswith("Vladimir Putin") and view.message == ""
