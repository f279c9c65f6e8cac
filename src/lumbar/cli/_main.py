"""The ``lumbar`` command line: parse, run the command, turn every failure into one line.

Usage errors print one line on standard error and exit with status 2; a red flag
stops ``lumbar plan`` and ``lumbar screen`` with status 1. Questions are asked only
when standard input is a terminal, and prompts and notices go to standard error, so
that ``lumbar plan --format json > plan.json`` stays valid JSON. Every answer can
also be given as an option, for scripts and tests.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence
from typing import IO, Any

from lumbar.cli._parser import (
    CATEGORIES,
    COMMANDS,
    EQUIPMENT,
    FORMATS,
    GOALS,
    LEVELS,
    PATIENTS,
    PREFERENCES,
    RISKS,
    build_parser,
    terminal_columns,
)
from lumbar.cli._streams import OutputClosed, Streams, UsageError, color_wanted

__all__ = [
    "CATEGORIES",
    "EQUIPMENT",
    "FORMATS",
    "GOALS",
    "LEVELS",
    "PATIENTS",
    "PREFERENCES",
    "RISKS",
    "UsageError",
    "build_parser",
    "main",
]

_PROCESS: Any = object()
"""The default of each stream: the process's own (which Python sets to None when closed)."""


def main(
    argv: Sequence[str] | None = None,
    *,
    stdin: IO[str] | None = _PROCESS,
    stdout: IO[str] | None = _PROCESS,
    stderr: IO[str] | None = _PROCESS,
) -> int:
    """Run the command line; returns the exit status.

    The streams default to the process's own; tests pass their own to answer
    questions and read the output, or None for a closed one.
    """
    out = sys.stdout if stdout is _PROCESS else stdout
    streams = Streams(
        sys.stdin if stdin is _PROCESS else stdin,
        out,
        sys.stderr if stderr is _PROCESS else stderr,
        width=terminal_columns(),
        color=color_wanted(out, dict(os.environ)),
    )
    args = sys.argv[1:] if argv is None else list(argv)
    arguments = build_parser(args[0] if args else None).parse_args(args)
    name = arguments.command
    command = importlib.import_module(COMMANDS[name]).RUN[name]
    from lumbar.errors import LumbarError, ValidationError

    try:
        status: int = command(arguments, streams)
    except (UsageError, ValidationError) as error:
        message = "; ".join(str(error).splitlines())
        streams.err(f"lumbar {name}: error: {message}", wrap=False)
        return 2
    except LumbarError as error:
        streams.err(f"lumbar {name}: error: {error}", wrap=False)
        return 1
    except KeyboardInterrupt:
        streams.err("")
        return 130  # the shell's convention for a run stopped with Ctrl-C
    except OutputClosed:
        streams.err(f"lumbar {name}: error: standard output is closed", wrap=False)
        return 1
    except BrokenPipeError:
        # The reader went away (``lumbar plan | head``): nothing more to say to it.
        _silence(streams.stdout)
        return 1
    except OSError as error:
        streams.err(f"lumbar {name}: error: {error}", wrap=False)
        return 1
    try:
        if streams.stdout is not None:
            streams.stdout.flush()
    except BrokenPipeError:
        _silence(streams.stdout)
        return 1
    except (OSError, ValueError):
        return 1
    return status


def _silence(stream: IO[str] | None) -> None:
    """Point the file behind ``stream`` at the null device, so that exiting writes nothing."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())  # type: ignore[union-attr]
    except (AttributeError, OSError, ValueError):  # no real file behind it (tests)
        pass
