"""The ``lumbar`` process: the command line run once, from start to exit.

Kept apart from `lumbar.cli._main`, which tests and other programs call in their own
process: only a process that runs one command and exits may tune the interpreter's
garbage collector for that.
"""

from __future__ import annotations

import gc
import sys
from typing import NoReturn

START_UP_COLLECTION_THRESHOLD = 50_000
"""New container objects between two collections of the youngest generation (Python's
default is 700). Loading lumbar makes tens of thousands of objects (classes, their
generated methods, the catalog) and no garbage; at the default the collector walks them
again and again, which costs about a tenth of ``lumbar plan``. A long command still
collects, less often."""


def run() -> NoReturn:
    """Run the command line in this process and exit with its status."""
    gc.set_threshold(START_UP_COLLECTION_THRESHOLD)
    from lumbar.cli._main import main  # imported after the collector is set, on purpose

    status = main()
    # Everything still alive lives until the exit: frozen, the interpreter's last
    # collection does not walk it all once more on the way out.
    gc.freeze()
    sys.exit(status)
