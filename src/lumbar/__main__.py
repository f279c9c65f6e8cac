"""``python -m lumbar`` runs the command line, exactly as the ``lumbar`` command does."""

import sys

from lumbar.cli._main import main

if __name__ == "__main__":
    sys.exit(main())
