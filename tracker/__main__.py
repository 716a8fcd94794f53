"""`python -m tracker ...`: the command line."""

import sys

from tracker.cli import main

sys.exit(main())
