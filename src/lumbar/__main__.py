"""``python -m lumbar`` runs the command line."""

import sys

from lumbar._cli import main

sys.exit(main())
