"""Direct quotations in news text, with their reporting verb and speaker (no UI imports).

:func:`find_quotes` is the entry point. The steps live in their own modules: :mod:`.marks` pairs
quotation marks without a model (and defines the mark sets every other module uses), :mod:`.filters`
drops titles, nicknames and scare quotes, :mod:`.frames` condenses the paragraphs around quotations for
the parser, :mod:`.speakers` reads cue and speaker off the parse, :mod:`.names` resolves pronouns and
surnames, and :mod:`.finder` ties them together.
"""

from __future__ import annotations

from tui.extract.quotes.finder import PARSE_PIPES, find_quotes
from tui.extract.quotes.marks import OPENING_MARKS, QUOTE_MARKS, QuoteRegion

__all__ = ["OPENING_MARKS", "PARSE_PIPES", "QUOTE_MARKS", "QuoteRegion", "find_quotes"]
