"""Attribution shapes of news quotations, each an invented sentence, through the real model.

Every case names the speaker (and where it matters the cue) Gloss must give; each failed before the
rule it stands for. The sentences are written for these tests, in the shapes news copy uses.
"""

from __future__ import annotations

import pytest

from tui.extract import Extractor
from tui.extract.quotes.marks import find_quote_regions
from tui.model import Span

pytestmark = pytest.mark.model

P = "\n\n"
"""A paragraph break."""


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.load()


def quotes(extractor: Extractor, text: str) -> list[Span]:
    found = [s for s in extractor.extract(text) if s.kind == "quote"]
    assert all(text[s.start : s.end] == s.text for s in found)
    return found


SHAPES = [
    # A participle describing a noun is no cue: the teller speaks, not the newspaper told.
    ('Nora Pike told the Courier in a written statement, "We will appeal the ruling."', "Nora Pike"),
    # A nested quotation closing with the outer one still ends in its comma.
    ("The board met." + P + "\"I told them, 'not now,'\" Reed said on Friday after the long meeting "
     "with the other members.", "Reed"),
    # A quotation mark written right after the comma.
    ("The port reopened." + P + "Ines Calloway said,“We start on Monday.”", "Ines Calloway"),
    # A surname the tagger reads as a verb, in the subject slot.
    ('The recount ended.' + P + 'Husted continued by saying, "We will appeal this decision."', "Husted"),
    # An aside between commas before the verb: its names are not the subject.
    ('The issue came up Friday after Mr. Trump, asked about the deaths of journalists under Mr. Putin, '
     'had said, "We do plenty of killing too."', "Mr. Trump"),
    # A verb of saying joined to what another verb of saying reports.
    ('De Blasio said the move was made by the commissioner and said, "Who are you going to trust?"',
     "De Blasio"),
    # A relative clause on the object: its author speaks, not the video.
    ('Tom Brandt released a video that said, "We are hiring at every plant."', "Tom Brandt"),
    # A participle of saying after a name that is an object: the name speaks, not the ad.
    ('The ad uses footage of Dana Brenner asking, "Why are we not ahead?"', "Dana Brenner"),
    # An inverted verb with a participle before the role and the name.
    ('The panel met.' + P + '"I disagree," said retired Lt. Col. Ana Ruiz.', "retired Lt. Col. Ana Ruiz"),
    # A surname opening the clause that the tagger reads as a common noun.
    ('The host kept going.' + P + '"Would it be negotiable?" Hannity pressed.', "Hannity"),
    ('The council wrote to the mayor.' + P + '"Keep the tax at its current level," it recommended.', "it"),
    # A verb right after a quotation that has its own subject before it is not inverted.
    ('The strategist met the committee.' + P + 'Mr. Manafort, citing "the unique magic of the candidate," '
     'said the candidate could win in Maryland.', "Mr. Manafort"),
    # An aside after a name and its party and state.
    ('But Sen. Richard J. Durbin (D-Ill.), noting the size of Sanders\'s following, said, '
     '"He has a heck of an email list."', "Sen. Richard J. Durbin"),
    # A verb of saying right after the quotation beats a colon lead-in without one.
    ('Fiorina was far less bubbly: "The market will hate this deal," she recounted telling them in '
     'her memoir.', "she"),
    # A noun phrase ending in a name, through a manner verb.
    ('The minister spoke first.' + P + '"France will always be France," an angry Hollande retaliated.',
     "an angry Hollande"),
    ('The debate began.' + P + '"You called women names," Kelly charged in her now-famous question.',
     "Kelly"),
    # A manner verb right before the colon.
    ("Clinton said the experts agreed, to which O'Malley interjected: \"It's just not true.\"",
     "O'Malley"),
    # Verbs that do not take over: "charged a fee" charges money, the one who named the phrase speaks.
    ('In 2009, under what Mr. Hedge called "the old model," the club charged a $100,000 fee.',
     "Mr. Hedge"),
    # The lead-in's own verb hangs on a verb of saying: that one reports.
    ('Ed Krayewski may have said it best when he blogged: "Nobody else could run."', "Ed Krayewski"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "speaker"), SHAPES)
def test_speaker_shape(extractor: Extractor, text: str, speaker: str) -> None:
    (quote,) = quotes(extractor, text)
    assert quote.speaker is not None
    assert quote.speaker.text == speaker


def test_after_an_inverted_verb_the_next_quotation_keeps_its_speaker(extractor: Extractor) -> None:
    """ "“…,” said Skelly, explaining …: “…”": "putting it into the file" is no verb of saying."""
    text = (
        '"We will appeal," said Skelly, explaining he worked with Tom Ortiz, who was putting it into '
        'the national file: "He is outstanding with data."'
    )
    found = quotes(extractor, text)
    assert [q.speaker.text if q.speaker else None for q in found] == ["Skelly", "Skelly"]
    assert found[0].cue == "said"


@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [
        ('The ruling came late.' + P + 'Rubio fired back forcefully: "If they sue us, they will lose."',
         "fired", "Rubio"),
        ('The bill passed.' + P + 'Kasich resisted: "Governors do not have that power."',
         "resisted", "Kasich"),
        # Two spaces before the mark still leave the colon as the lead-in's end.
        ('The chief asked for a ban. Kasich resisted:  "Governors do not have that power."',
         "resisted", "Kasich"),
    ],
)  # fmt: skip
def test_a_persons_own_verb_before_a_colon_is_the_cue(
    extractor: Extractor, text: str, cue: str, speaker: str
) -> None:
    (quote,) = quotes(extractor, text)
    assert (quote.cue, quote.speaker.text if quote.speaker else None) == (cue, speaker)


def test_a_show_named_with_its_owner_is_no_quotation(extractor: Extractor) -> None:
    """ "on MSNBC’s “Morning Joe,” calling it …": a verb beside a title owned by someone keeps nothing."""
    text = (
        "The plan was cut."
        + P
        + "Ruth Gale attacked it on WKRP’s “Morning Show,” calling it “a road to nowhere.”"
    )
    assert [q.text for q in quotes(extractor, text)] == ["“a road to nowhere.”"]


def test_a_height_in_feet_and_inches_does_not_close_the_quotation(extractor: Extractor) -> None:
    text = "The senator laughed." + P + '"He calls me little. He is like 6’2", and I am not," Ruiz said.'
    (quote,) = quotes(extractor, text)
    assert quote.text == '"He calls me little. He is like 6’2", and I am not,"'
    assert quote.speaker is not None and quote.speaker.text == "Ruiz"


def test_a_headline_with_its_byline_in_a_digest_is_no_quotation(extractor: Extractor) -> None:
    text = (
        "MEDIA NOTES" + P + '—"Harbour bookshop to close at the end of May," by Gazette\'s Ana Ruiz: '
        '"The shop opened in 1961."'
    )
    assert [q.text for q in quotes(extractor, text)] == ['"The shop opened in 1961."']


def test_the_quoted_words_a_persons_verb_acts_on_are_theirs(extractor: Extractor) -> None:
    text = "The rally ended." + P + 'In a speech in May, Lena Ortiz attacked "the hateful politics of fear."'
    (quote,) = quotes(extractor, text)
    assert (quote.cue, quote.speaker.text if quote.speaker else None) == ("attacked", "Lena Ortiz")


def test_the_united_states_is_no_verb_of_saying(extractor: Extractor) -> None:
    """A capitalised "States" is a verb only in a Title Case headline, never after "the"."""
    text = 'She had a niece who grew up in the United States. "She called me and said she was worried."'
    (quote,) = quotes(extractor, text)
    assert quote.cue is None
    assert quote.speaker is None or quote.speaker.text != "the United States"


def test_another_quotations_stub_is_never_a_speaker(extractor: Extractor) -> None:
    text = (
        'Democrats were asked about the race, to which 21 percent said "not too likely" and 14 percent '
        'said "not at all likely."'
    )
    for quote in quotes(extractor, text):
        assert quote.speaker is None or quote.speaker.text[:1].isalnum()


def test_an_opening_mark_with_a_stray_space_still_opens() -> None:
    """ "Henry said. “ You know, …”": spaces on both sides, so the mark opens (with a stray space)."""
    text = "Henry said. “ You know, it was late.” Then he left, and “nobody,“ he said, “saw him.”"
    quoted = [text[r.start : r.end] for r in find_quote_regions(text) if r.closed]
    assert quoted == ["“ You know, it was late.”", "“nobody,“", "“saw him.”"]


@pytest.mark.parametrize(
    "text",
    [
        "The plan was cut." + P + "Aides used the term “kitchen table” for the new approach this week.",
        "The vote was close." + P + "An unaligned “Harbor first” push drew few delegates in June.",
    ],
)  # fmt: skip
def test_a_phrase_inside_a_sentence_that_no_one_says_is_no_quotation(extractor: Extractor, text: str) -> None:
    """A term, slogan or title worked into the clause with no speaker anywhere near is mentioned."""
    assert quotes(extractor, text) == []


@pytest.mark.parametrize(
    ("text", "quoted", "speaker"),
    [
        ("The plan was cut." + P + "Ruth Gale spoke. She said the plan was “a road to nowhere” and left.",
         "“a road to nowhere”", "She"),
        # A quotation that opens its sentence stays without a speaker.
        ("The crowd waited." + P + "“We will win this time, and we will win big.”",
         "“We will win this time, and we will win big.”", None),
    ],
)  # fmt: skip
def test_a_fragment_someone_says_and_a_sentence_quoted_alone_stay(
    extractor: Extractor, text: str, quoted: str, speaker: str | None
) -> None:
    (quote,) = quotes(extractor, text)
    assert (quote.text, quote.speaker.text if quote.speaker else None) == (quoted, speaker)


def test_a_pull_quote_repeating_the_body_is_no_second_quotation(extractor: Extractor) -> None:
    """The display copy signed inside its marks ("…⏎Name, role.") repeats the quotation of the body."""
    said = "We will enter the next slump without that consensus on spending"
    text = (
        "The fund grew." + P + f"“{said},” said Ana Ruiz, an economist at the Policy Institute."
        + P + f'"{said}.\nAna Ruiz, Policy Institute."' + P + "The bill passed."
    )  # fmt: skip
    found = quotes(extractor, text)
    assert [(q.text, q.speaker.text if q.speaker else None) for q in found] == [(f"“{said},”", "Ana Ruiz")]


@pytest.mark.parametrize(
    "text",
    [
        # Signed, but its words are quoted nowhere else in the article.
        'The fund grew.' + P + '"We will enter the next slump without it.\nAna Ruiz, Policy Institute."',
        # A quotation running over two lines, the second a sentence of its own.
        'The match ended.' + P + 'He said, "It felt good out there.\nWe could have scored two." He left.',
    ],
)  # fmt: skip
def test_a_quotation_over_two_lines_that_repeats_nothing_stays(extractor: Extractor, text: str) -> None:
    (quote,) = quotes(extractor, text)
    assert "\n" in quote.text


@pytest.mark.parametrize(
    "text",
    [
        "The show returned." + P + "Viewers in France are big fans of “Harbor Lights,” Mr. Kell said.",
        "The tour ended." + P + "Ruiz told “Morning Coffee,” adding that she would run again.",
    ],
)  # fmt: skip
def test_a_title_inside_the_clause_with_the_verb_after_it_is_no_quotation(
    extractor: Extractor, text: str
) -> None:
    """The verb after the name reports the sentence, not the title the sentence names."""
    assert quotes(extractor, text) == []


def test_a_title_cased_slogan_a_verb_before_it_takes_stays(extractor: Extractor) -> None:
    text = "The rally grew." + P + "Hundreds marched through the square, chanting “Save Our Port.”"
    (quote,) = quotes(extractor, text)
    assert (quote.text, quote.speaker.text if quote.speaker else None) == ("“Save Our Port.”", "Hundreds")
