"""The ``lumbar`` command line."""

from lumbar.cli._main import main

__all__ = ["main"]
