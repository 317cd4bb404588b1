"""``python -m tui`` is the same as the ``gloss`` command."""

from __future__ import annotations

import sys

from tui.cli import main

sys.exit(main())
