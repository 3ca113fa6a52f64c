"""`python -m bot.reminders run ...`: the same as `bot reminders run ...`."""

import sys

from bot.reminders.cli import main

sys.exit(main())
