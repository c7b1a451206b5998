"""``python -m stance`` runs the command line."""

import sys

from stance.cli import main

sys.exit(main())
