"""Turning text and annotations into display lines (layout only; no Textual import)."""

from __future__ import annotations

from tui.render.layout import Layout, is_heading, wrap
from tui.render.overlap import OverlapLookup

__all__ = ["Layout", "OverlapLookup", "is_heading", "wrap"]
