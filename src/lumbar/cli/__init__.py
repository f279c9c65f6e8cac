"""The ``lumbar`` command line."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lumbar.cli._main import main as main
else:
    from lumbar._base.exports import lazy_exports

    # Lazy, so that the process's entry point (`lumbar.cli._process`) runs before the
    # command line's modules load.
    __getattr__, __dir__, __all__ = lazy_exports(__name__, {"_main": ("main",)})
