"""Every key of the reader, by section: the one table the widgets, the help screen and the palette read.

Each section is the ``BINDINGS`` of the object that acts on it (the article view, the reader screen,
the article list, the app). The help screen lists the sections in :data:`HELP_SECTIONS`; the command
palette offers :data:`PALETTE_SECTIONS`. A key added here therefore works, is documented and is offered
by name at once.

The selection and speaker keys are *priority* bindings of the article view: they win over the reader's
ordinary meaning of ``n``, ``h`` or ``l`` while their mode is on, and the view switches them off (and out
of the key bar) otherwise.
"""

from __future__ import annotations

from textual.binding import Binding

READING: list[Binding] = [
    Binding("j,down", "lines(1)", "Down", show=False),
    Binding("k,up", "lines(-1)", "Up", show=False),
    Binding("space,f,pagedown", "pages(1)", "Page down", show=False),
    Binding("b,pageup", "pages(-1)", "Page up", show=False),
    Binding("ctrl+d", "half_page(1)", "Half page down", show=False),
    Binding("ctrl+u", "half_page(-1)", "Half page up", show=False),
    Binding("g,home", "top", "Top", show=False),
    Binding("G,end", "bottom", "Bottom", show=False),
]
"""Scrolling the article (the article view)."""

JUMPING: list[Binding] = [
    Binding(
        "n",
        "step(1)",
        "Next",
        tooltip="Next highlight of any shown kind (next search match while searching)",
    ),
    Binding("N", "step(-1)", "Prev", tooltip="Previous highlight (previous search match while searching)"),
    Binding("right_square_bracket", "step_kind('entity', 1)", "Next entity", show=False),
    Binding("left_square_bracket", "step_kind('entity', -1)", "Previous entity", show=False),
    Binding("right_parenthesis", "step_kind('number', 1)", "Next number", show=False),
    Binding("left_parenthesis", "step_kind('number', -1)", "Previous number", show=False),
    Binding("right_curly_bracket", "step_kind('quote', 1)", "Next quote", show=False),
    Binding("left_curly_bracket", "step_kind('quote', -1)", "Previous quote", show=False),
    Binding(
        "full_stop",
        "step_label(1)",
        "Next same label",
        show=False,
        tooltip="Next span with the current span's label",
    ),
    Binding(
        "comma",
        "step_label(-1)",
        "Previous same label",
        show=False,
        tooltip="Previous span with the current span's label",
    ),
    Binding(
        "asterisk",
        "step_entity(1)",
        "Next mention",
        show=False,
        tooltip="Next mention of the same entity (Kim Jong Un → Kim), wrapping around",
    ),
    Binding(
        "number_sign",
        "step_entity(-1)",
        "Previous mention",
        show=False,
        tooltip="Previous mention of the same entity",
    ),
    Binding("slash", "search", "Search", tooltip="Search the article; then n/N move between matches"),
    Binding("escape", "clear", "Clear search", show=False),
    Binding(
        "tab",
        "switch_pane",
        "Switch pane",
        show=False,
        tooltip="Move between the list, the article and the panel",
    ),
    Binding(
        "t",
        "toggle_list",
        "List",
        tooltip="Show or hide the article list (a narrow terminal hides it to leave the article room)",
    ),
    Binding("J", "open_next(1)", "Next article", show=False),
    Binding("K", "open_next(-1)", "Previous article", show=False),
    Binding(
        "p",
        "toggle_panel",
        "Panel",
        tooltip="Show or hide the entity panel (Enter on a row jumps, again cycles)",
    ),
    Binding("1", "toggle_kind('entity')", "Entities on/off", show=False),
    Binding("2", "toggle_kind('number')", "Numbers on/off", show=False),
    Binding("3", "toggle_kind('quote')", "Quotes on/off", show=False),
    Binding("h", "toggle_label", "Labels on/off", show=False, tooltip="Choose which labels are highlighted"),
]
"""Moving between spans, searching, panes, articles and highlight filters (the reader screen)."""

ANNOTATING: list[Binding] = [
    Binding("a", "accept", "Accept", tooltip="Accept the span under the cursor"),
    Binding(
        "x", "reject", "Reject", tooltip="Reject the span under the cursor (it stays, dimmed and struck)"
    ),
    Binding("l", "relabel", "Label", tooltip="Relabel the current span: then one label key (Enter: by name)"),
    Binding(
        "L", "label_picker", "Label by name", show=False, tooltip="Relabel with the label picker (type-ahead)"
    ),
    Binding("v", "select", "Select", tooltip="Select text from the cursor or search match to add a span"),
    Binding(
        "less_than_sign", "resize('start')", "Move start", show=False, tooltip="Move the current span's start"
    ),
    Binding(
        "greater_than_sign", "resize('end')", "Move end", show=False, tooltip="Move the current span's end"
    ),
    Binding(
        "equals_sign",
        "label_occurrences",
        "Label all occurrences",
        show=False,
        tooltip="Give every other occurrence of the current span's text the same label",
    ),
    Binding("d", "delete", "Delete span", show=False, tooltip="Delete the current span"),
    Binding("m", "note", "Note", show=False, tooltip="Attach or edit a note on the current span"),
    Binding("s", "speaker", "Link speaker", show=False, tooltip="Choose the speaker of the current quote"),
    Binding(
        "A",
        "review_remaining('accepted')",
        "Accept remaining",
        show=False,
        tooltip="Accept every remaining suggestion of the article or of the current label",
    ),
    Binding(
        "X",
        "review_remaining('rejected')",
        "Reject remaining",
        show=False,
        tooltip="Reject every remaining suggestion of the article or of the current label",
    ),
    Binding("u", "undo", "Undo", tooltip="Undo the last change (also one made before reopening)"),
    Binding("ctrl+r", "redo", "Redo", show=False, tooltip="Redo what was undone"),
    Binding(
        "ctrl+s", "save_now", "Save now", show=False, tooltip="Save now (changes are saved within a second)"
    ),
    Binding(
        "E",
        "export",
        "Export annotations",
        show=False,
        tooltip="Write Prodigy JSONL, .spacy, HTML, CoNLL, brat",
    ),
]
"""Changing the span under the cursor (the reader screen)."""

# ui-annotator: reviewing suggestion by suggestion ------------------------------------------------
REVIEWING: list[Binding] = [
    Binding(
        "r",
        "step_unreviewed(1)",
        "Next to review",
        show=False,
        tooltip="Next suggestion still to review, of any label (wraps around)",
    ),
    Binding(
        "R",
        "step_unreviewed(-1)",
        "Previous to review",
        show=False,
        tooltip="Previous suggestion still to review, of any label",
    ),
    Binding(
        "y",
        "review_and_next('accepted')",
        "Accept and next",
        show=False,
        tooltip="Accept the span under the cursor and go to the next suggestion to review",
    ),
    Binding(
        "z",
        "review_and_next('rejected')",
        "Reject and next",
        show=False,
        tooltip="Reject the span under the cursor and go to the next suggestion to review",
    ),
]
"""Reviewing one suggestion after another (the reader screen; listed with the annotating keys)."""
ANNOTATING.extend(REVIEWING)
ANNOTATING.append(
    Binding(
        "U",
        "unplaced",
        "Unplaced spans",
        show=False,
        tooltip="The spans a changed text lost: place one at the cursor, or discard it",
    )
)

UNPLACED: list[Binding] = [
    Binding("d", "discard", "Discard"),
    Binding("escape,q", "cancel", "Close"),
]
"""The unplaced spans (Enter places the highlighted one at the reader's cursor)."""

SELECTING: list[Binding] = [
    Binding(
        "w,shift+right", "selection_word(1)", "Word →", priority=True, tooltip="Move the edge a word right"
    ),
    Binding(
        "b,shift+left", "selection_word(-1)", "Word ←", priority=True, tooltip="Move the edge a word left"
    ),
    Binding(
        "l,right",
        "selection_char(1)",
        "Char →",
        priority=True,
        show=False,
        tooltip="Move the edge a character right",
    ),
    Binding(
        "h,left",
        "selection_char(-1)",
        "Char ←",
        priority=True,
        show=False,
        tooltip="Move the edge a character left",
    ),
    Binding(
        "o", "selection_side", "Other end", priority=True, tooltip="Switch which end of the selection moves"
    ),
    Binding(
        "enter",
        "selection_done",
        "Label / apply",
        priority=True,
        tooltip="Label the new span, or apply new bounds",
    ),
]
"""While a selection is being made (``v``, ``<``, ``>``): the article view's selection mode."""

CHOOSING_SPEAKER: list[Binding] = [
    Binding("n", "speaker_step(1)", "Next speaker", priority=True, tooltip="Next PERSON/ORG span"),
    Binding("N", "speaker_step(-1)", "Previous speaker", priority=True, tooltip="Previous PERSON/ORG span"),
    Binding("enter", "speaker_done", "Link", priority=True, tooltip="Link the quote to this speaker"),
    Binding("minus", "speaker_unlink", "Unlink", priority=True, tooltip="Remove the quote's speaker"),
]
"""While a quote's speaker is being chosen (``s``): the article view's speaker mode."""

CANCEL = Binding(
    "escape", "cancel_mode", "Cancel", priority=True, show=False, tooltip="Leave without changes"
)
"""Esc in either mode (the status line says so; the key bar keeps its room for the mode's keys)."""

LIST: list[Binding] = [
    Binding("j,down", "cursor(1)", "Next article", show=False),
    Binding("k,up", "cursor(-1)", "Previous article", show=False),
    Binding("pagedown", "page(1)", "Page down", show=False),
    Binding("pageup", "page(-1)", "Page up", show=False),
    Binding("g,home", "first", "First article", show=False),
    Binding("G,end", "last", "Last article", show=False),
    Binding("enter", "select", "Open", show=True),
    Binding("escape", "clear_filter", "Clear filter", show=False, tooltip="Show every article again"),
]
"""The article list (while it has focus; in its filter box every letter, j, k and g too, filters)."""

EVERYWHERE: list[Binding] = [
    Binding("q", "quit", "Quit"),
    Binding("question_mark,f1", "help", "Help", tooltip="Show every key"),
    Binding("ctrl+t", "toggle_dark", "Light/dark theme", show=False),
]
"""The app's own keys."""

HELP: list[Binding] = [Binding("escape,q,question_mark,f1", "dismiss_help", "Close help"), *READING]
"""The help screen: it closes, and scrolls with the reading keys its own table lists first (the help screen
has the same ``lines``, ``pages``, ``half_page``, ``top`` and ``bottom`` actions as the article view)."""

ARTICLE_VIEW: list[Binding] = [*READING, *SELECTING, *CHOOSING_SPEAKER, CANCEL]
"""The article view's bindings: reading, and the two modes' priority keys."""

READER_WIDE_ACTIONS = frozenset({"switch_pane", "open_next", "export", "save_now"})
"""The reader screen's actions that mean the same wherever the focus is (the rest act on the article).

``toggle_panel`` is not one: its key ``p`` is a letter, and a letter typed in the article list filters the
titles, so there the key bar must not offer "p Panel" (the palette moves the focus to the article first).
``export`` (``E``) is typed into the filter too, but is off the bar, and the palette's Export works from the
list as it is."""


def action_name(binding: Binding) -> str:
    """The action a binding runs, without its arguments (``step(1)`` → ``step``)."""
    return binding.action.split("(", 1)[0]


ARTICLE_ACTIONS = frozenset(action_name(b) for b in [*JUMPING, *ANNOTATING]) - READER_WIDE_ACTIONS
"""The reader screen's actions on the article: on, and on the key bar, only while the article (or its
entity panel) has focus; in the article list their letters filter the titles instead."""

SHOWN_ANYWAY: dict[tuple[str, str], str] = {("entity-panel", "select"): "Jump"}
"""Keys a Textual widget binds with ``show=False`` that are the point of the widget where Gloss uses it, by
the widget's id and the action: the key bar shows them with this description (Enter on a row of the entity
panel jumps to the entity's mentions; an ``OptionList`` hides its Enter)."""

FOOTER_FIRST: tuple[str, ...] = ("toggle_list", "relabel", "step(1)", "step(-1)")
"""Actions the footer shows before the others, in this order (the list's key where a narrow screen hides
the list, label, then next/previous)."""


def footer_ordered(bindings: list[Binding]) -> list[Binding]:
    """``bindings`` with those of :data:`FOOTER_FIRST` moved to the front (the footer shows in order)."""
    first = [b for action in FOOTER_FIRST for b in bindings if b.action == action]
    return first + [b for b in bindings if b not in first]


# ---- corpus views (ui-corpus) ----------------------------------------------------------------------

CORPUS: list[Binding] = [
    Binding(
        "ctrl+f,F",
        "corpus_view('search')",
        "Search the corpus",
        show=False,
        tooltip="Full-text search across every indexed article; Enter opens one at the match",
    ),
    Binding(
        "e",
        "corpus_view('entities')",
        "Corpus entities",
        show=False,
        tooltip="Every entity of the corpus with its articles and mentions",
    ),
    Binding(
        "W",
        "corpus_view('quotes')",
        "Who said what",
        show=False,
        tooltip="Everyone quoted in the corpus, their quotes and quote variants",
    ),
    Binding(
        "dollar_sign",
        "corpus_view('numbers')",
        "Numbers ledger",
        show=False,
        tooltip="Every figure of the corpus; conflicting figures side by side",
    ),
    Binding(
        "ctrl+n",
        "corpus_jump(1)",
        "Next article with entity",
        show=False,
        tooltip="Open the next article (by date) that mentions the entity under the cursor",
    ),
    Binding(
        "ctrl+b",
        "corpus_jump(-1)",
        "Previous article with entity",
        show=False,
        tooltip="Open the previous article (by date) that mentions the entity under the cursor",
    ),
    Binding(
        "ctrl+o",
        "corpus_back",
        "Back to the article before the jump",
        show=False,
        tooltip="Go back to where you were before ctrl+n, ctrl+b or a corpus view opened an article",
    ),
]
"""Opening the corpus views and moving between articles by entity (the reader screen)."""

CORPUS_LIST: list[Binding] = [
    Binding("j", "cursor_down", "Down", show=False),
    Binding("k", "cursor_up", "Up", show=False),
    Binding("g", "first", "First", show=False),
    Binding("G", "last", "Last", show=False),
]
"""Moving in a corpus view's results (arrows, Page Up/Down and Enter are the list's own)."""

CORPUS_SCREEN: list[Binding] = [
    Binding("escape", "back", "Back"),
    Binding("slash", "filter", "Filter", tooltip="Type to narrow the list"),
]
"""Every corpus view: Esc goes back (out of the filter box first), ``/`` filters."""

CORPUS_BOX: list[Binding] = [
    Binding("down,ctrl+n", "to_results", "To the results", show=False, tooltip="From the box into the list"),
]
"""In a corpus view's query or filter box: Down (or ``ctrl+n``, as in a shell's completion list) moves
into the results at the highlighted row, as in any search box with a list under it."""

CORPUS_ENTITIES: list[Binding] = [
    Binding("l", "cycle_label", "Label", tooltip="Show one label at a time (again: the next; then all)"),
]
"""The entities view."""

CORPUS_NUMBERS: list[Binding] = [
    Binding("l", "cycle_label", "Label", tooltip="Show one label at a time (again: the next; then all)"),
    Binding("s", "toggle_sort", "Sort", tooltip="Sort by value or by date"),
    Binding("r", "toggle_order", "Reverse", show=False, tooltip="Reverse the order"),
    Binding("c", "toggle_conflicts", "Conflicts", tooltip="Conflicting figures side by side, or the ledger"),
]
"""The numbers ledger (``/`` filters by counted noun)."""

CORPUS_HELP: list[Binding] = [*CORPUS, *CORPUS_SCREEN, *CORPUS_BOX, *CORPUS_NUMBERS]
"""The corpus section of the help screen."""


READER_SCREEN: list[Binding] = footer_ordered([*ANNOTATING, *JUMPING, *CORPUS])
"""The reader screen's bindings."""

HELP_SECTIONS: list[tuple[str, list[Binding]]] = [
    ("Reading", READING),
    ("Jumping", JUMPING),
    ("Annotating", ANNOTATING),
    ("Selecting (after v, < or >)", [*SELECTING, CANCEL]),
    ("Choosing a speaker (after s)", [*CHOOSING_SPEAKER, CANCEL]),
    ("List", LIST),
    ("Corpus views", CORPUS_HELP),
    ("Everywhere", EVERYWHERE),
]
"""The help screen's table, section by section."""

PALETTE_SECTIONS: list[tuple[str, list[Binding]]] = [
    ("screen", JUMPING),
    ("screen", ANNOTATING),
    ("view", READING),
    ("app", EVERYWHERE),
    ("screen", CORPUS),
]
"""What the command palette offers, and which object runs it (the mode keys only work in their mode)."""

MORE_KEYS: list[tuple[str, str]] = [
    ("ctrl+p", "Command palette: every action by name"),
    ("letters, / (list)", "Filter the article list by title (j k g G J K q move; / first, then any letter)"),
    ("↑ ↓ Enter (filter box)", "Move in the filtered list, open"),
    ("Esc (filter box, list)", "Clear the filter"),
    ("click", "Open an article / put the cursor on a span"),
]
"""Keys that are not bindings (typed into boxes, the mouse), for the help screen."""

CORRUPT_FILE: list[Binding] = [
    Binding("k,escape", "keep", "Keep the file"),
    Binding("f", "fresh", "Start fresh"),
]
"""The dialog about an unreadable annotation file."""

CANCEL_ONLY: list[Binding] = [Binding("escape", "cancel", "Cancel")]
"""Dialogs whose other keys are their own widgets' (the export dialog, the note editor)."""

LABEL_PICKER: list[Binding] = [
    Binding("escape", "cancel", "Cancel"),
    Binding("down", "move(1)", "Next label", show=False),
    Binding("up", "move(-1)", "Previous label", show=False),
]
"""The label picker (type to narrow the list)."""

LABEL_PROMPT: list[Binding] = [
    Binding("escape", "cancel", "Cancel"),
    Binding("enter,L", "picker", "Other labels by name"),
]
"""The one-key label prompt; each label's key is bound on the prompt itself (the keys are the config's)."""

REVIEW_REMAINING: list[Binding] = [
    Binding("a", "choose('article')", "Whole article"),
    Binding("l", "choose('label')", "This label only"),
    Binding("escape,q", "choose('')", "Cancel"),
]
"""Accepting or rejecting every remaining suggestion."""

HIGHLIGHTS: list[Binding] = [
    Binding("enter", "apply", "Apply", priority=True),
    Binding("escape", "cancel", "Cancel"),
]
"""Choosing which labels are highlighted."""


# ui-hardening: quitting safely and the list's order ------------------------------------------------
QUITTING: list[Binding] = [
    Binding(
        "ctrl+c",
        "quit",
        "Quit",
        show=False,
        priority=True,
        tooltip="Quit like q: saves first, and asks when edits could not be saved",
    ),
]
"""Ctrl+C quits the reader as ``q`` does (instead of Textual's "press ctrl+q" hint), even in a box."""

UNSAVED_QUIT: list[Binding] = [
    Binding("s", "choose('save')", "Save again"),
    Binding("l", "choose('lose')", "Quit and lose the edits"),
    Binding("escape,c", "choose('cancel')", "Cancel"),
]
"""The question asked when quitting while saves fail."""

LIST_ORDER: list[Binding] = [
    Binding("ctrl+o", "sort_by_date", "Sort by date", tooltip="Sort the list by date (newest first) or back"),
]
"""The article list's order: as found, or by date."""

HELP_SECTIONS.append(("Quitting and the list's order", [*QUITTING, *LIST_ORDER]))
