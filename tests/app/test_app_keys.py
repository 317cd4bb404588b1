"""Keys beyond jumping: help screen, command palette, scrolling, themes, the highlights chooser."""

from __future__ import annotations

from pathlib import Path

from tests.app_support import SEEDS, FixedExtractor, settle
from tests.conftest import OpenReader, Reader
from tui.app import GlossApp
from tui.screens import HelpScreen, HighlightsScreen, ReaderScreen
from tui.widgets import ArticleView, Legend, StatusLine

SIZE = (120, 36)


def seed_app() -> GlossApp:
    return GlossApp.for_paths([SEEDS], extractor_factory=FixedExtractor)


def reader_of(app: GlossApp) -> ReaderScreen:
    assert app.reader is not None
    return app.reader


async def test_help_opens_with_question_mark_and_f1_and_lists_every_binding(reader: Reader) -> None:
    app, pilot = reader.app, reader.pilot
    await pilot.press("question_mark")
    assert isinstance(app.screen, HelpScreen)
    table = app.screen.keys_table()
    described = " ".join(str(cell) for column in table.columns for cell in column.cells)
    for binding in ReaderScreen.BINDINGS:
        assert getattr(binding, "tooltip", "") or binding.description in described  # type: ignore[union-attr]
    assert "Next mention of the same entity" in described
    await pilot.press("escape")
    assert isinstance(app.screen, ReaderScreen)
    await pilot.press("f1")
    assert isinstance(app.screen, HelpScreen)
    await pilot.press("q")
    assert isinstance(app.screen, ReaderScreen)


async def test_command_palette_runs_reader_actions(reader: Reader) -> None:
    app, pilot = reader.app, reader.pilot
    view = reader_of(app).query_one(ArticleView)
    await pilot.press("ctrl+p")
    await pilot.press(*"next number")
    await settle(app, pilot)
    await pilot.press("enter")
    await settle(app, pilot)
    assert view.current is not None and view.current.span.text == "80th"


async def test_scrolling_keys_and_jumps_from_the_top_of_the_screen(
    open_reader: OpenReader, tmp_path: Path
) -> None:
    text = "Vladimir Putin spoke.\n" + "Filler words that go on.\n" * 300 + "Xi Jinping replied.\n"
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    async with open_reader([tmp_path / "long.txt"]) as opened:
        pilot, view = opened.pilot, opened.view
        await pilot.press("n")
        assert view.current is not None and view.current.span.text == "Vladimir Putin"
        await pilot.press("j", "j")
        assert view.scroll_offset.y == 2
        await pilot.press("space")
        assert view.scroll_offset.y > 20
        await pilot.press("ctrl+u")
        half = view.scroll_offset.y
        await pilot.press("b")
        assert view.scroll_offset.y < half
        await pilot.press("G")
        assert view.scroll_offset.y > 500
        # the cursor (Vladimir Putin) is far above: n starts from the top of the screen instead
        await pilot.press("n")
        assert view.current is not None and view.current.span.text == "Xi Jinping"
        await pilot.press("g")
        assert view.scroll_offset.y == 0


async def test_theme_toggle_redraws_in_light_colours(reader: Reader) -> None:
    app, pilot = reader.app, reader.pilot
    view = reader_of(app).query_one(ArticleView)
    dark = view.label_style("PERSON", "entity")
    await pilot.press("ctrl+t")
    await settle(app, pilot)
    assert app.theme == "textual-light"
    assert view.label_style("PERSON", "entity") != dark
    await pilot.press("ctrl+t")
    assert app.theme == "textual-dark"


async def test_label_chooser_hides_a_label(reader: Reader) -> None:
    app, pilot = reader.app, reader.pilot
    screen = reader_of(app)
    view = screen.query_one(ArticleView)
    await pilot.press("h")
    assert isinstance(app.screen, HighlightsScreen)
    labels = app.screen.labels
    await pilot.press("space")  # the first label in the list (CARDINAL) is switched off
    await pilot.press("enter")
    assert isinstance(app.screen, ReaderScreen)
    assert screen.view.highlights.hidden_labels == {labels[0]}
    assert all(a.label != labels[0] for a in view.shown)
    legend = str(screen.query_one(Legend).render())
    assert legend


async def test_status_line_shows_extraction_progress_then_the_model() -> None:
    app = seed_app()
    states: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        status = reader_of(app).query_one(StatusLine)
        states.append(status.state)
        await settle(app, pilot)
        states.append(status.state)
    assert states[0] in ("loading model…", "", "extracting… 0%") or states[0].startswith("extracting")
    assert states[-1].endswith("fixed-test-spans")


async def test_click_puts_the_cursor_on_a_span_and_hover_names_a_quotes_speaker(reader: Reader) -> None:
    app, pilot = reader.app, reader.pilot
    view = reader_of(app).query_one(ArticleView)
    assert view.text_layout is not None
    start = view.text.index("Xi Jinping")
    line = view.text_layout.line_of(start)
    await pilot.click(ArticleView, offset=(start - view.text_layout.starts[line] + 2, line))
    assert view.current is not None and view.current.span.text == "Xi Jinping"
    quote = view.text.index("“trilateral")
    line = view.text_layout.line_of(quote)
    await pilot.hover(ArticleView, offset=(quote - view.text_layout.starts[line] + 3, line))
    assert view.tooltip == "said by Youngjun Kim"


async def test_a_selection_range_is_drawn_and_cleared(reader: Reader) -> None:
    app, pilot = reader.app, reader.pilot
    view = reader_of(app).query_one(ArticleView)
    start = view.text.index("Victory Day")
    view.set_selection((start, start + len("Victory Day")))
    view.scroll_to_offset(start, start + 11)
    await pilot.pause()
    assert view.text_layout is not None
    line = view.text_layout.line_of(start)
    selected = view.overlay("article-view--selection")
    drawn = view.draw_line(line)
    assert any(seg.text == "Victory Day" and selected.bgcolor == seg.style.bgcolor for seg in drawn)
    view.set_selection(None)
    assert not any(selected.bgcolor == seg.style.bgcolor for seg in view.draw_line(line) if seg.style)


async def test_label_colours_from_a_corpus_override_the_stylesheet(open_reader: OpenReader) -> None:
    from rich.style import Style

    app = seed_app()
    async with open_reader(app=app):
        view = reader_of(app).query_one(ArticleView)
        view.set_label_colours({"PERSON": Style(color="#d81b60")})
        assert view.label_style("PERSON", "entity").color == Style(color="#d81b60").color
        assert view.label_style("GPE", "entity").color != Style(color="#d81b60").color
