"""`python -m bot ...` runs the `bot` command line (the data dictionary names this entry point).

The command line lives in the outer `app` package, which builds the adapters; the domain only
hands over to it here, by name, so that `bot` itself never depends on its adapters.
"""

import importlib
import sys

sys.exit(importlib.import_module("app.cli").main())
