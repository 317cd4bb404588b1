"""Gloss: a terminal reader and annotator for news articles."""

from __future__ import annotations

__version__ = "0.1.0"
