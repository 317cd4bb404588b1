"""The Textual reader app (PLACEHOLDER: the reader issue replaces this module)."""

from __future__ import annotations

import argparse


def run_reader(options: argparse.Namespace) -> int:
    """Open the reader on ``options.paths``; returns the exit status."""
    print("The reader is not built yet.")
    return 1
