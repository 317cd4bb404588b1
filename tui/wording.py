"""Counts in words: ``1 record``, ``2 records``, never ``record(s)``.

Every message that counts something (the status line, the corpus views, export and import, the store's
merge report) says it through :func:`counted`, so the rule is written once. No imports: any layer may
use it.
"""

from __future__ import annotations


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """``count`` and the noun that agrees with it: ``1 group``, ``2 groups``.

    ``plural`` is for nouns that do not just take an ``s`` (``copy``, ``copies``) and for phrases whose
    verb agrees too (``span was``, ``spans were``).
    """
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def count_list(*parts: tuple[int, str] | tuple[int, str, str]) -> str:
    """The parts whose count is not zero, each :func:`counted`, as an English list (``1 quote``,
    ``2 spans and 1 quote``, ``1 span, 2 quotes and 3 notes``); empty when every count is zero, so a
    message can leave out what did not happen instead of listing ``0 quotes``."""
    shown = [counted(*part) for part in parts if part[0]]
    return ", ".join(shown[:-1]) + " and " + shown[-1] if len(shown) > 1 else "".join(shown)
