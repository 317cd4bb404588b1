"""The corpus queries on articles written for the tests: identity across articles, merges and splits,
mentions and neighbours, who said what, quote variants, the numbers ledger, conflicts and search."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.corpus_support import RuleEngine, build, write
from tui.corpus import CorpusIndex, EntityMerges, index_path
from tui.corpus.identity import article_identities, strip_titles
from tui.model import Span, Speaker
from tui.store import AnnotationStore

ARTICLES = {
    "a-full.txt": "Summit opens\nMonday, May 4, 2020\nPresident Xi Jinping met Vladimir Putin. Xi smiled. "
    "North Korea sent 15,000 troops to Russia.\n",
    "b-short.txt": "Talks\nTuesday, May 5, 2020\nXi Jinping spoke. Later Xi left Beijing. "
    "“We will not give up our weapons, whatever the cost,” said Kim Jong Un.\n",
    "c-bare.txt": "Aside\nWednesday, May 6, 2020\nXi was not seen. North Korea sent 12,000 troops, "
    "the United Nations said.\n",
    "d-reworded.txt": "Weapons\nThursday, May 7, 2020\nKim Jong Un arrived. "
    "“We will give up our weapons, whatever the cost,” he said.\n",
    "e-cut.txt": "Cut\nFriday, May 8, 2020\n“We will not give up our weapons,” said Kim Jong Un. "
    "“Sanctions must end before any talks,” said Kim Jong Un. “Nobody knows what happens next”, wrote\n",
    "g-same.txt": "Same\nSunday, May 10, 2020\n“We will not give up our weapons, whatever the cost,” "
    "said Kim Jong Un.\n",
    "f-spliced.txt": "Spliced\nSaturday, May 9, 2020\n“We will not give up our weapons, whatever the cost, "
    "and sanctions must end before any talks,” said Kim Jong Un.\n",
}


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> CorpusIndex:
    folder = tmp_path_factory.mktemp("news")
    for name, text in ARTICLES.items():
        write(folder, name, text)
    build(folder, RuleEngine())
    return CorpusIndex(index_path(AnnotationStore.for_article_path(folder)))


def test_titles_are_stripped_and_short_names_merge_only_within_an_article() -> None:
    assert strip_titles("President Xi Jinping") == "Xi Jinping"
    assert strip_titles("Prime Minister Dr. Jane Roe") == "Jane Roe"
    assert strip_titles("President") == "President"
    text = "President Xi Jinping met Xi's aides."
    spans = [
        Span(0, 20, "PERSON", "entity", "President Xi Jinping"),
        Span(25, 29, "PERSON", "entity", "Xi's"),
    ]
    assert article_identities(spans) == ["xi jinping", "xi jinping"]
    assert article_identities([Span(0, 2, "PERSON", "entity", "Xi")]) == ["xi"]
    quote = Span(0, 9, "QUOTE", "quote", "“Hello,”", speaker=Speaker(18, 20, "he"))
    assert article_identities([quote]) == [None]  # a pronoun nobody resolved names nobody
    assert text  # the offsets above are into this text


def test_an_entity_is_one_across_articles_by_its_full_name(index: CorpusIndex) -> None:
    xi = index.entity("President Xi Jinping")
    assert xi is not None
    assert (xi.ident, xi.name, xi.label, xi.articles, xi.mentions) == (
        "xi jinping",
        "Xi Jinping",
        "PERSON",
        2,
        4,
    )
    bare = index.entity("Xi")
    assert bare is not None and (bare.articles, bare.mentions) == (1, 1)  # c-bare.txt never names him
    groups = index.mentions("xi jinping")
    assert [g.article.key for g in groups] == ["b-short.txt", "a-full.txt"]  # newest first
    assert [g.article.day for g in groups] == ["2020-05-05", "2020-05-04"]
    first = groups[1].mentions[0]
    assert first.text == "Xi Jinping"
    assert first.context[first.context_start : first.context_end] == "Xi Jinping"
    assert index.mentions_per_day("xi jinping") == [("2020-05-04", 2), ("2020-05-05", 2)]


def test_the_type_ahead_and_label_filters(index: CorpusIndex) -> None:
    assert [row.ident for row in index.entities(prefix="Xi")] == ["xi jinping", "xi"]
    assert {row.label for row in index.entities(label="GPE")} == {"GPE"}
    assert {row.ident for row in index.entities(label="GPE")} == {"north korea", "russia", "beijing"}
    first, second = index.entities(page_size=2), index.entities(page=1, page_size=2)
    assert len(first) == 2 and not {r.ident for r in first} & {r.ident for r in second}
    assert first[0].mentions >= first[1].mentions >= second[0].mentions


def test_next_and_previous_article_mentioning_an_entity(index: CorpusIndex) -> None:
    forward = index.neighbour("north korea", "a-full.txt")
    assert forward is not None and forward.article.key == "c-bare.txt"
    text = ARTICLES["c-bare.txt"]
    assert text[forward.start : forward.end] == "North Korea"
    assert index.neighbour("north korea", "c-bare.txt") is None
    back = index.neighbour("north korea", "c-bare.txt", forward=False)
    assert back is not None and back.article.key == "a-full.txt"


def test_speakers_with_pronouns_resolved_and_their_quotes_in_date_order(index: CorpusIndex) -> None:
    speakers = {row.ident: row for row in index.speakers()}
    kim = speakers["kim jong un"]
    assert (kim.name, kim.quotes, kim.articles) == ("Kim Jong Un", 6, 5)  # d-reworded.txt says "he"
    quotes = index.quotes("kim jong un")
    assert [q.article.key for q in quotes] == ["b-short.txt", "d-reworded.txt", "e-cut.txt", "e-cut.txt",
                                               "f-spliced.txt", "g-same.txt"]  # fmt: skip
    reworded = quotes[1]
    assert (reworded.speaker, reworded.speaker_name, reworded.cue) == ("he", "Kim Jong Un", "said")
    (nobody,) = index.quotes(None)
    assert nobody.text == "“Nobody knows what happens next”" and nobody.speaker is None


def test_quote_variants_are_grouped_with_the_changed_words_marked(index: CorpusIndex) -> None:
    (group,) = index.variants("kim jong un")
    assert group.speaker == "Kim Jong Un"
    by_start = {v.quote.text.split()[0] + v.quote.article.key: v for v in group.variants}
    assert len(group.variants) == 5  # the two quotes of e-cut.txt join through the splice
    first = group.variants[0]
    assert first.quote.article.key == "b-short.txt" and (first.notes, first.compared_with) == ((), None)
    assert first.appearances == 2 and [a.key for a in first.also_in] == ["g-same.txt"]  # same wording
    reworded = by_start["“Wed-reworded.txt"]
    assert reworded.compared_with == first.quote.id
    assert reworded.notes == ('dropped "not"',)
    assert [(p.op, p.old) for p in reworded.diff if p.op != "same"] == [("dropped", "not")]
    assert by_start["“We" + "e-cut.txt"].notes == ('end cut off: "whatever the cost"',)
    spliced = by_start["“Wef-spliced.txt"]
    assert spliced.notes == ('added "and sanctions must end before any talks"', "spliced from 2 quotes")
    cut_ids = {q.id for q in index.quotes("kim jong un") if q.article.key == "e-cut.txt"}
    assert set(spliced.spliced_from) == cut_ids
    sanctions = by_start["“Sanctionse-cut.txt"]
    assert sanctions.compared_with == spliced.quote.id


def test_the_numbers_ledger_and_its_filters(index: CorpusIndex) -> None:
    troops = index.numbers(noun="troops")
    assert [(n.value, n.article.key, n.about) for n in troops] == [
        (12000.0, "c-bare.txt", "north korea"),
        (15000.0, "a-full.txt", "north korea"),
    ]
    assert troops[1].sentence == "North Korea sent 15,000 troops to Russia."
    by_date = index.numbers(noun="troops", sort="date", descending=True)
    assert [n.article.key for n in by_date] == ["c-bare.txt", "a-full.txt"]
    assert all(n.label == "CARDINAL" for n in index.numbers(label="CARDINAL"))
    assert index.numbers(label="MONEY") == []


def test_conflicting_figures_about_the_same_entity(index: CorpusIndex) -> None:
    conflicts = index.conflicts()
    (conflict,) = [c for c in conflicts if c.noun == "troops"]
    assert (conflict.about, conflict.about_name) == ("north korea", "North Korea")
    assert [(f.text, f.article.key) for f in conflict.figures] == [
        ("12,000", "c-bare.txt"),
        ("15,000", "a-full.txt"),
    ]
    assert index.conflicts(noun="weapons") == []


def test_search_finds_words_with_a_snippet_and_the_offset_of_the_match(index: CorpusIndex) -> None:
    assert {hit.article.key for hit in index.search("sanctions talks")} == {"e-cut.txt", "f-spliced.txt"}
    hits = index.search("weapons")
    assert {h.article.key for h in hits} == {
        "b-short.txt", "d-reworded.txt", "e-cut.txt", "f-spliced.txt", "g-same.txt"}  # fmt: skip
    for found in hits:
        text = ARTICLES[found.article.key]
        assert found.offset is not None and text[found.offset : found.offset + 7].lower() == "weapons"
        start, end = found.highlights[0]
        assert found.snippet[start:end].lower() == "weapons"
    assert index.search('" OR NEAR( -') == []  # FTS syntax typed by a person is only words
    assert index.search("weap*")  # a prefix


def test_merges_and_splits_are_saved_and_applied_without_the_model(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    for name, text in ARTICLES.items():
        write(folder, name, text)
    build(folder, RuleEngine())
    store = AnnotationStore.for_article_path(folder)
    merges = EntityMerges()
    merges.merge("xi", "xi jinping")
    merges.split("north korea", ["c-bare.txt"], "north korea (un report)")
    file = merges.save(store.folder)
    assert EntityMerges.load(store.folder) == merges and file.name == "entity-merges.json"

    engine = RuleEngine()
    build(folder, engine)
    assert engine.extracted == []
    with CorpusIndex(index_path(store)) as index:
        xi = index.entity("Xi Jinping")
        assert xi is not None and (xi.articles, xi.mentions) == (3, 5)
        assert index.entity("xi") is None
        korea = index.entity("North Korea")
        assert korea is not None and korea.articles == 1
        assert [g.article.key for g in index.mentions("north korea (un report)")] == ["c-bare.txt"]
        assert index.conflicts() == []  # 12,000 troops are now about another entity

    EntityMerges().save(store.folder)  # undoing every correction restores the rules' identities
    build(folder, RuleEngine())
    with CorpusIndex(index_path(store)) as index:
        bare = index.entity("xi")
        assert bare is not None and bare.articles == 1
        korea = index.entity("North Korea")
        assert korea is not None and korea.articles == 2
        assert [c.noun for c in index.conflicts()] == ["troops"]


def test_a_merge_into_itself_is_refused_and_a_broken_file_is_reported(tmp_path: Path) -> None:
    merges = EntityMerges()
    merges.merge("xi", "xi jinping")
    with pytest.raises(ValueError, match="loop"):
        merges.merge("xi jinping", "xi")
    (tmp_path / "entity-merges.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match=r"entity-merges\.json"):
        EntityMerges.load(tmp_path)
