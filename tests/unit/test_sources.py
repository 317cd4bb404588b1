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


# Real files from the wild --------------------------------------------------------------------------
# New names are imported inside the tests so that each test fails on its own on code without them.
PAGE = (
    "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
    "<p>Police in three counties now use cameras that read number plates on every car that passes.</p>"
    "{extra}<p>Campaigners say the data is kept for far longer than the law allows, and want a review.</p>"
    "</article></body></html>"
)


def test_folder_scans_skip_only_exact_readme_and_licence_names_and_say_so(tmp_path: Path) -> None:
    from tui.sources import scan

    page = PAGE.format(title="License plate readers spread", extra="")
    (tmp_path / "license-plate-readers.html").write_text(page, encoding="utf-8")
    (tmp_path / "readme-first.txt").write_text("Read me first: a short story.\n", encoding="utf-8")
    (tmp_path / "changelog-of-a-war.md").write_text("# Changelog of a war\n\nText.\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("# About this folder\n", encoding="utf-8")
    (tmp_path / "LICENSE.txt").write_text("CC BY 4.0\n", encoding="utf-8")
    (tmp_path / "LICENSE").write_text("CC BY 4.0\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "Readme.txt").write_text("About the subfolder\n", encoding="utf-8")
    entries, problems = discover([tmp_path])
    assert problems == []
    assert sorted(e.path.name for e in entries) == [
        "changelog-of-a-war.md",
        "license-plate-readers.html",
        "readme-first.txt",
    ]
    found = scan([tmp_path])
    assert [e.key for e in found.entries] == [e.key for e in entries]
    assert [line.split(": ")[0] for line in found.skipped] == [
        str(tmp_path / "LICENSE.txt"),
        str(tmp_path / "README.md"),
        str(tmp_path / "sub" / "Readme.txt"),
    ]
    assert all("skipped" in line for line in found.skipped)
    (named,), problems = discover([tmp_path / "README.md"])
    assert named.title == "About this folder" and problems == []  # named explicitly, it is read


def test_xml_that_is_not_a_feed_is_listed_as_skipped(tmp_path: Path) -> None:
    from tui.sources import scan

    (tmp_path / "sitemap.xml").write_bytes((BAD / "sitemap.xml").read_bytes())
    found = scan([tmp_path])
    assert found.entries == [] and found.problems == []
    assert found.skipped == [f"{tmp_path / 'sitemap.xml'}: skipped (XML that is not an RSS or Atom feed)"]


RSS = (
    '<?xml version="1.0" encoding="{declared}"?><rss version="2.0"><channel><title>{title}</title>'
    "<item><title>{title}</title><pubDate>Wed, 01 Nov 2023 18:00:00 GMT</pubDate>"
    "<description>{body}</description></item></channel></rss>"
)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-16-be"])
def test_utf16_and_utf32_feeds_with_a_bom_are_found_in_folders(tmp_path: Path, encoding: str) -> None:
    xml = RSS.format(declared=encoding, title="Café society", body="Paris cafés reopen after the strike.")
    data = xml.encode(encoding)
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        data = "\ufeff".encode(encoding) + data  # utf-16-be writes no BOM of its own
    (tmp_path / "feed.xml").write_bytes(data)
    (entry,), problems = discover([tmp_path])
    assert problems == []
    assert entry.title == "Café society"
    assert entry.load().text == "Paris cafés reopen after the strike.\n"


JAPANESE = "首相は来週、東京で近隣諸国との交渉を続けると述べた。閣僚は金曜日に会談する。"
LEGACY = [
    ("koi8-r", "Новости дня", "Президент заявил, что переговоры продолжатся на следующей неделе в Москве."),
    ("shift_jis", "今日のニュース", JAPANESE),
    ("euc-jp", "今日のニュース", JAPANESE),
    (
        "gb2312",
        "今日新闻",
        "总统表示，与邻国的谈判将于下周在北京继续进行，部长们将于星期五会面讨论贸易问题。",
    ),
    ("windows-1255", "חדשות היום", "ראש הממשלה אמר כי המשא ומתן עם השכנים יימשך בשבוע הבא בירושלים."),
]


@pytest.mark.parametrize(("encoding", "title", "body"), LEGACY)
def test_feeds_in_undeclared_legacy_encodings_are_decoded(
    tmp_path: Path, encoding: str, title: str, body: str
) -> None:
    xml = RSS.format(declared="utf-8", title=title, body=body).replace(' encoding="utf-8"', "")
    (tmp_path / "feed.rss").write_bytes(xml.encode(encoding))
    (entry,), _ = discover([tmp_path])
    assert entry.title == title
    assert entry.load().text == body + "\n"


def test_feed_titles_and_text_lose_html_and_double_escaped_entities(tmp_path: Path) -> None:
    title = "Q&amp;amp;A: &lt;em&gt;Why&lt;/em&gt; the &amp;quot;pier&amp;quot; matters"
    body = "&lt;p&gt;The &amp;amp;quot;new&amp;amp;quot; pier opens &amp;amp; closes.&lt;/p&gt;"
    (tmp_path / "feed.rss").write_text(RSS.format(declared="utf-8", title=title, body=body), "utf-8")
    (entry,), _ = discover([tmp_path])
    assert entry.title == 'Q&A: Why the "pier" matters'
    article = entry.load()
    assert article.title == entry.title
    assert article.text == 'The "new" pier opens & closes.\n'


def test_feed_text_keeps_literal_ampersands_and_angle_brackets(tmp_path: Path) -> None:
    (tmp_path / "feed.rss").write_text(
        RSS.format(declared="utf-8", title="AT&amp;T buys 5 &lt; 6 firms", body="Costs fell &amp; rose."),
        "utf-8",
    )
    (entry,), _ = discover([tmp_path])
    assert entry.title == "AT&T buys 5 < 6 firms"
    assert entry.load().text == "Costs fell & rose.\n"


def test_invalid_utf8_txt_has_the_same_title_and_reason_in_the_list_as_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes("Café owners protest rent rises\n\nThe text.\n".encode("latin-1"))
    (entry,), _ = discover([tmp_path])
    assert entry.title == "legacy.txt"
    with pytest.raises(ArticleLoadError) as opened:
        entry.load()
    assert entry.error == str(opened.value)
    assert "not valid UTF-8 (byte 0xe9 at offset 3)" in str(opened.value)


def test_a_multibyte_character_cut_at_the_title_scan_limit_is_not_an_error(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("Title line\n" + "é" * 10_000 + "\n", encoding="utf-8")
    (entry,), _ = discover([path])
    assert entry.error is None and entry.title == "Title line"


def test_dates_from_every_source_are_parsed_once_into_iso_form(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("---\ntitle: A\ndate: November 20, 2019 12:32\n---\nText.\n", "utf-8")
    (tmp_path / "b.md").write_text("---\ntitle: B\ndate: 2024-03-14\n---\nText.\n", "utf-8")
    (tmp_path / "c.jsonl").write_text(
        json.dumps({"text": "C.", "date": "2019-11-20T06:35:39Z"})
        + "\n"
        + json.dumps({"text": "D.", "meta": {"date": "sometime soon"}})
        + "\n",
        "utf-8",
    )
    (tmp_path / "e.rss").write_text(RSS.format(declared="utf-8", title="E", body="E body."), "utf-8")
    entries, problems = discover([tmp_path])
    assert problems == []
    dates = {e.title: e.date for e in entries}
    assert dates == {
        "A": "2019-11-20T12:32:00",
        "B": "2024-03-14",
        "C.": "2019-11-20T06:35:39+00:00",
        "D.": None,
        "E": "2023-11-01T18:00:00+00:00",
    }
    articles = {e.title: e.load() for e in entries}
    assert {t: a.date for t, a in articles.items()} == dates
    assert articles["A"].meta["date_original"] == "November 20, 2019 12:32"
    assert articles["C."].meta["date_original"] == "2019-11-20T06:35:39Z"
    assert articles["D."].meta["date_original"] == "sometime soon"
    assert articles["E"].meta["date_original"] == "Wed, 01 Nov 2023 18:00:00 GMT"
    assert "date_original" not in articles["B"].meta
    by_date = sorted((e for e in entries if e.date), key=lambda e: e.date or "")
    assert [e.title for e in by_date] == ["C.", "A", "E", "B"]


def test_html_page_dates_are_iso_in_the_list_and_the_article(tmp_path: Path) -> None:
    page = PAGE.format(title="Plates", extra="").replace(
        "<head>", '<head><meta property="article:published_time" content="Wed, 01 Nov 2023 18:00:00 GMT">'
    )
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    (entry,), _ = discover([tmp_path])
    assert entry.date == "2023-11-01T18:00:00+00:00"
    date = entry.load().date
    assert date is not None and date.startswith("2023-11-01")


def test_one_display_format_for_parsed_dates() -> None:
    from tui.model.article import format_date

    assert format_date("2019-11-20T06:35:39+00:00") == "2019-11-20 06:35"
    assert format_date("2019-11-20T12:32:00") == "2019-11-20 12:32"
    assert format_date("2024-03-14") == "2024-03-14"
    assert format_date(None) == ""
    assert format_date("not a date") == "not a date"


def test_iso_date_refuses_partial_and_hostile_dates() -> None:
    from tui.sources.dates import iso_date

    assert iso_date("2019") is None
    assert iso_date("March") is None
    assert iso_date("9" * 5000) is None
    assert iso_date("99999-01-01") is None
    assert iso_date("Wed, 01 Nov 2023 18:00:00 +0200") == "2023-11-01T16:00:00+00:00"


def test_whitespace_only_lines_and_bare_bullets_are_collapsed_in_html_text(tmp_path: Path) -> None:
    extra = "<p>\u200b \u200b</p><p>-</p><ul><li>Roads</li><li>- </li><li>Schools</li></ul>"
    (tmp_path / "p.html").write_text(PAGE.format(title="Plates", extra=extra), encoding="utf-8")
    (entry,), _ = discover([tmp_path])
    text = entry.load().text
    lines = text.split("\n")
    assert lines[-1] == "" and all(line.strip() for line in lines[:-1]), lines
    assert not any(line.strip() in ("-", "•") for line in lines)
    assert "- Roads\n- Schools" in text


def test_tidy_extracted_text_drops_only_empty_lines() -> None:
    from tui.sources.html import tidy_extracted_text

    assert tidy_extracted_text("A\n \n- \n\t\n-\n- B\n\u00a0\nC - D") == "A\n- B\nC - D"
