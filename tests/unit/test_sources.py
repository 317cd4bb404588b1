"""Reading articles from each input format: real-looking files in tests/data/sources, loaded for real."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tui.model import ArticleLoadError
from tui.sources import SUFFIXES, discover
from tui.sources.feeds import html_to_text
from tui.sources.markdown import render_plain_text

DATA = Path(__file__).parents[1] / "data" / "sources"
MIXED = DATA / "mixed"
BAD = DATA / "bad"


def test_mixed_folder_lists_every_format_with_sensible_titles() -> None:
    entries, problems = discover([MIXED])
    assert problems == []
    titles = {entry.key.removeprefix(str(MIXED) + "/"): entry.title for entry in entries}
    assert titles == {
        "briefs.jsonl#1": "Aldermoor shares jump",
        "briefs.jsonl#2": "Lyra probe delayed",
        "briefs.jsonl#3": "Flooding closed the A59 near Skipton for the second time this month.",
        "harbour-vote.md": "Harbour town votes to rebuild its storm-wrecked pier",
        "plain-note.txt": "Museum returns bronze heads to Benin City",
        "rail-strike.html": "Rail strike halts trains across the north",
        "world.atom#1": "Chile and Argentina sign lithium pact",
        "world.atom#2": "Typhoon Haikui weakens as it nears the coast",
    }
    for entry in entries:
        article = entry.load()
        assert article.key == entry.key
        assert article.title == entry.title
        assert article.text.strip()


def test_markdown_front_matter_and_readable_text() -> None:
    (entry,) = discover([MIXED / "harbour-vote.md"])[0]
    assert (entry.date, entry.source) == ("2024-03-14", "The Coastal Ledger")
    article = entry.load()
    assert not article.text_is_file
    assert article.date == "2024-03-14"
    assert article.source == "The Coastal Ledger"
    assert article.meta["author"] == "Maria Okafor"
    assert article.meta["tags"] == ["local", "infrastructure"]
    text = article.text
    assert "---" not in text and "**" not in text and "](" not in text and "#" not in text
    assert "Councillors in Port Avery voted 7 to 2" in text
    assert "drawn up by Harlow & Finch Engineering, includes:" in text
    assert "• a steel deck on the original cast-iron piles;\n• a lifeboat slipway" in text
    assert "\n\nWhat happens next\n\n" in text


def test_markdown_rendering_of_lists_tables_and_code() -> None:
    body = "Intro *em*.\n\n1. first\n2. second\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\nx = 1\n```\n"
    assert render_plain_text(body) == "Intro em.\n\n1. first\n2. second\n\na | b\n1 | 2\n\nx = 1\n"


def test_markdown_without_front_matter_is_titled_by_its_heading(tmp_path: Path) -> None:
    path = tmp_path / "note.markdown"
    path.write_text("# Storm warning for the coast\n\nGales of 70 mph are expected.\n", encoding="utf-8")
    (entry,), problems = discover([tmp_path])
    assert problems == []
    assert entry.title == "Storm warning for the coast"
    assert entry.load().text == "Storm warning for the coast\n\nGales of 70 mph are expected.\n"


def test_html_page_main_text_title_date_and_url() -> None:
    (entry,) = discover([MIXED / "rail-strike.html"])[0]
    assert entry.title == "Rail strike halts trains across the north"
    article = entry.load()
    assert not article.text_is_file
    assert article.title == "Rail strike halts trains across the north"
    assert article.date == "2024-05-02"
    assert article.source == "https://courier.example.com/news/2024/05/rail-strike"
    assert article.meta["sitename"] == "Northern Courier"
    assert "4,000 drivers walked out" in article.text
    assert '"We have been left with no choice," said Alan Pryce' in article.text
    for boilerplate in ("Most read", "Privacy", "All rights reserved", "Sport", "analytics"):
        assert boilerplate not in article.text


def test_htm_suffix_is_read_as_html(tmp_path: Path) -> None:
    page = tmp_path / "copy.htm"
    page.write_bytes((MIXED / "rail-strike.html").read_bytes())
    (entry,), _ = discover([tmp_path])
    assert "4,000 drivers" in entry.load().text


def test_jsonl_records_keys_titles_and_meta() -> None:
    entries, problems = discover([MIXED / "briefs.jsonl"])
    assert problems == []
    assert [e.key for e in entries] == [f"{MIXED / 'briefs.jsonl'}#{n}" for n in (1, 2, 3)]
    second = entries[1].load()
    assert second.text.startswith("The European Space Agency postponed")
    assert "\n\nA spokesperson said the delay would cost about €30 million." in second.text
    assert second.meta == {"source": "Wire", "title": "Lyra probe delayed"}
    assert second.source == "Wire"
    assert entries[0].date == "2024-04-08"
    assert not second.text_is_file


def test_feeds_rss_and_atom_entries_as_plain_text() -> None:
    entries, problems = discover([DATA / "local.rss", MIXED / "world.atom"])
    assert problems == []
    by_key = {e.key.rsplit("/", 1)[1]: e for e in entries}
    assert list(by_key) == ["local.rss#1", "local.rss#2", "local.rss#3", "world.atom#1", "world.atom#2"]
    library = by_key["local.rss#1"].load()
    assert library.text == (
        "The town library reopened on Monday after a refit costing £900,000.\n\n"
        'Head librarian Ruth Adeyemi said visitors had "queued round the block".\n\n'
        "• New children's corner\n• Ten public computers\n"
    )
    assert library.source == "https://valleygazette.example.org/library-reopens"
    assert library.meta["feed"] == "Valley Gazette"
    assert by_key["local.rss#2"].load().text == (
        "Repairs to the Mill Lane bridge will take four weeks longer than planned.\n"
    )
    assert by_key["local.rss#3"].load().text == "Fete raises record sum\n"  # title only
    pact = by_key["world.atom#1"].load()
    assert "<p>" not in pact.text and "stabilise prices." in pact.text
    assert pact.meta["author"] == "Lucía Ferrer"
    assert by_key["world.atom#2"].load().text.startswith("Typhoon Haikui weakened")


def test_feed_entries_are_independent_copies() -> None:
    (entry, *_), _ = discover([DATA / "local.rss"])
    first = entry.load()
    first.meta["changed"] = True
    assert "changed" not in entry.load().meta


def test_html_to_text_skips_scripts_and_decodes_entities() -> None:
    assert html_to_text("<p>A &amp; B</p><script>x()</script><p>C&nbsp;D</p>") == "A & B\n\nC D"


def test_bad_inputs_give_clear_messages_and_the_rest_loads() -> None:
    entries, problems = discover([BAD])
    jsonl = BAD / "mixed-lines.jsonl"
    assert problems == [
        f"{jsonl} line 2: not valid JSON (Expecting ',' delimiter at column 20); skipped",
        f"{jsonl} line 4: expected a JSON object, found list; skipped",
        f'{jsonl} line 5: no "text" string in this record; skipped',
        f'{jsonl} line 7: "text" is empty; skipped',
    ]
    loaded: dict[str, str] = {}
    failed: dict[str, str] = {}
    for entry in entries:
        name = entry.key.rsplit("/", 1)[1]
        try:
            loaded[name] = entry.load().text
        except ArticleLoadError as error:
            failed[name] = str(error)
            assert str(entry.path) in str(error)
    assert loaded == {
        "mixed-lines.jsonl#1": "Good first line.",
        "mixed-lines.jsonl#6": "Good last line.\nSecond line.",
    }
    assert "not a text file" in failed["photo.txt"]
    assert "no article text" in failed["login.html"]
    assert "not a readable RSS or Atom feed" in failed["truncated.rss"]
    assert "sitemap.xml" not in failed  # other XML in a folder is not an article: skipped
    assert "front matter is not valid YAML" in failed["broken-front-matter.md"]


def test_xml_that_is_not_a_feed_is_reported_when_named() -> None:
    (entry,), _ = discover([BAD / "sitemap.xml"])
    assert entry.error == f"{BAD / 'sitemap.xml'}: not an RSS or Atom feed"


def test_binary_txt_is_flagged_in_the_list_before_opening() -> None:
    (entry,), _ = discover([BAD / "photo.txt"])
    assert entry.title == "photo.txt"
    assert entry.error is not None and "not a text file" in entry.error


def test_jsonl_line_changed_after_listing_names_file_and_line(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"text": "one"}\n{"text": "two"}\n', encoding="utf-8")
    entries, _ = discover([corpus])
    corpus.write_text('{"text": "one"}\n{"oops": 1}\n', encoding="utf-8")
    with pytest.raises(ArticleLoadError, match=r"c\.jsonl line 2: no \"text\""):
        entries[1].load()


def test_every_suffix_is_registered() -> None:
    for suffix in (".txt", ".md", ".markdown", ".html", ".htm", ".jsonl", ".rss", ".atom", ".xml"):
        assert suffix in SUFFIXES


def test_large_jsonl_corpus_lists_quickly(tmp_path: Path) -> None:
    """20,000 articles of ~2 KB list in well under the time a person waits; prints the figure."""
    corpus = tmp_path / "big.jsonl"
    paragraph = "The council met on Tuesday and agreed the budget for next year. " * 30
    with corpus.open("w", encoding="utf-8") as handle:
        for n in range(20_000):
            handle.write(json.dumps({"text": f"Story {n}. {paragraph}", "meta": {"n": n}}) + "\n")
    started = time.perf_counter()
    entries, problems = discover([corpus])
    elapsed = time.perf_counter() - started
    print(f"listed {len(entries)} JSONL articles ({corpus.stat().st_size / 1e6:.0f} MB) in {elapsed:.2f} s")
    assert problems == [] and len(entries) == 20_000
    assert entries[12_345].load().text.startswith("Story 12345. ")
    assert elapsed < 10


def test_a_file_named_twice_is_listed_once() -> None:
    entries, _ = discover([MIXED, MIXED / "briefs.jsonl", Path(f"{MIXED}/../mixed/plain-note.txt")])
    assert len(entries) == 8
