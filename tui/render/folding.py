"""Search that folds case and accents ("natasha" finds "Natásha"), with offsets into the original text.

The text is folded once per article (and kept while the same text is searched): each character is
decomposed, its combining marks dropped and the rest case-folded. Most characters fold to exactly one
character, so the folded text has the original's offsets and no map is kept; only when some character
folds to none ("́") or to several ("ß" → "ss") is a map from folded to original offsets built, so a book
searched as you type costs one pass over it, not one per keystroke.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from functools import lru_cache


@lru_cache(maxsize=4096)
def fold_char(character: str) -> str:
    """One character without its accents, case-folded ("Á" → "a", "ß" → "ss", a combining mark → "")."""
    decomposed = unicodedata.normalize("NFD", character)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def fold(text: str) -> str:
    """``text`` without accents, case-folded (for the query: the text side is :class:`FoldedText`)."""
    if text.isascii():
        return text.lower()
    return "".join(fold_char(c) for c in text)


class FoldedText:
    """A text folded for searching, and the way back from folded offsets to the text's own."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._map: array[int] | None = None
        if text.isascii():
            self.folded = text.lower()
            return
        pieces = [fold_char(c) for c in text]
        self.folded = "".join(pieces)
        if len(self.folded) != len(text) or any(len(p) != 1 for p in pieces):
            self._map = array("L")
            for index, piece in enumerate(pieces):
                self._map.extend([index] * len(piece))

    def find_all(self, query: str) -> list[tuple[int, int]]:
        """Every occurrence of ``query`` (folded too) as ``(start, end)`` offsets into the original text.

        A match ending before combining marks takes them in, so "Natasha" over "Nata\u0301sha" ends where
        the word ends.
        """
        needle = fold(query)
        if not needle:
            return []
        found: list[tuple[int, int]] = []
        text, where = self.text, self._map
        for match in re.finditer(re.escape(needle), self.folded):
            start, end = match.start(), match.end()
            if where is not None:
                start, end = where[start], where[end - 1] + 1
                while end < len(text) and unicodedata.combining(text[end]):
                    end += 1
            found.append((start, end))
        return found
