"""``python -m emulator serve --state-dir DIR ...`` (see emulator/cli.py)."""

import sys

from emulator.cli import main

sys.exit(main())
