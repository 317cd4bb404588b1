"""The unplaced spans (issue 11, row 7): each row shows the words that stood around the span where the
edit lost it (the store saves that context and hands it over with what it loads), and discarding one is
undoable like placing one, also after a restart."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from tests.app.test_annotator_session import EDITED, app_for, corpus, review_everything, saved
from tests.app_support import SEED
from tests.conftest import OpenReader, Reader
from tui.dialogs import UnplacedDialog


def _rows(reader: Reader) -> list[str]:
    dialog = reader.app.screen
    assert isinstance(dialog, UnplacedDialog)
    options = dialog.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_unplaced_rows_show_the_old_context_and_discarding_is_undone(
    open_reader: OpenReader, tmp_path: Path
) -> None:
    folder = corpus(tmp_path)
    await review_everything(open_reader, folder)
    article = folder / SEED.name
    article.write_text(article.read_text(encoding="utf-8").replace(*EDITED, 1), encoding="utf-8")
    async with open_reader(app=app_for(folder)) as reader:
        pilot, screen = reader.pilot, reader.screen
        await pilot.press("U")
        await pilot.pause()
        (row,) = _rows(reader)
        assert "leader ⟦Kim Jong Un⟧ in Beijing" in row, row
        await pilot.press("d")
        await pilot.pause()
        assert screen.controller.unplaced == []
        await pilot.press("u")
        await pilot.pause()
        assert [a.span.text for a in screen.controller.unplaced] == ["Kim Jong Un"]
        assert "Undone: discard PERSON “Kim Jong Un”" in [str(n.message) for n in reader.app._notifications]
        await pilot.press("ctrl+r")
        assert screen.controller.unplaced == []
        await pilot.press("u")
        assert len(screen.controller.unplaced) == 1
        view = reader.view
        assert all(a.span.text == view.text[a.start : a.end] for a in view.shown), "nothing out of place"
        await pilot.press("q")
    assert len(saved(folder)["unplaced"]) == 1
    async with open_reader(app=app_for(folder)) as reader:
        pilot, screen = reader.pilot, reader.screen
        await pilot.press("U")
        await pilot.pause()
        (row,) = _rows(reader)
        assert "leader ⟦Kim Jong Un⟧ in Beijing" in row, "the context is saved with the span"
        await pilot.press("d")
        await pilot.pause()
        assert screen.controller.unplaced == []
        await pilot.press("u")  # the history is saved too: undone after a restart
        await pilot.pause()
        assert len(screen.controller.unplaced) == 1
        view = reader.view
        assert all(a.span.text == view.text[a.start : a.end] for a in view.shown), "nothing out of place"
