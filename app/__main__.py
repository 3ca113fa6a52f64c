"""`python -m app ...` (also `python -m bot ...`) runs the `bot` command line."""

import sys

from app.cli import main

sys.exit(main())
