"""The ``lumbar`` argument parser: the program, its commands, and the option types they share.

Built on the standard library's argparse, and kept cheap to build: the parser is
made from plain strings, and `build_parser` imports only the module of the
command it is asked for (every valid command line starts with its command). Each
command module (see `COMMANDS`) maps its commands' names in three tables:
``HELP`` (summary and description), ``OPTIONS`` (adds the options to the command's
parser) and ``RUN`` (runs it with the parsed arguments and the streams).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

COMMANDS = {
    "plan": "lumbar.cli._plan",
    "advance": "lumbar.cli._advance",
    "screen": "lumbar.cli._safety",
    "posture": "lumbar.cli._safety",
    "score": "lumbar.cli._score",
    "lift": "lumbar.cli._lift",
    "exercises": "lumbar.cli._catalog",
    "exercise": "lumbar.cli._catalog",
    "simulate": "lumbar.cli._simulate",
}
"""Each command and the module that builds its options and runs it, in help order."""

# The closed sets as plain strings, so that building the parser imports nothing of
# lumbar; tests check that they match the enums.
CATEGORIES = ("stabilization", "stretch", "strength", "aerobic")
LEVELS = ("beginner", "intermediate", "advanced")
PREFERENCES = ("none", "flexion-intolerant", "extension-intolerant")
GOALS = ("general", "return-to-jogging", "desk-worker", "manual-work")
RISKS = ("low", "medium", "high")
EQUIPMENT = (
    "mat",
    "chair",
    "step",
    "bench",
    "dumbbell",
    "kettlebell",
    "barbell",
    "resistance-band",
    "stability-ball",
    "extension-bench",
    "stationary-bike",
    "treadmill",
    "pool",
)
PATIENTS = ("steady", "plateau", "flare-up", "non-adherent")
INSTRUMENTS = ("start-back", "odi", "rmdq", "fabq", "pseq")
COUPLINGS = ("good", "fair", "poor")
OUTPUT_FORMATS = ("text", "json")
"""What every command writes; a command may offer more (``plan``: markdown too)."""
PLAN_FORMATS = ("text", "markdown", "json", "fhir", "ical")
FORMATS = PLAN_FORMATS  # the name before other commands had formats


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout, at the width argparse itself would choose.

    argparse makes a formatter for every option it adds (to check the option), and
    without a width each one asks ``shutil``, whose import (bz2, lzma, ...) took
    longer than building the whole parser.
    """

    def __init__(self, prog: str, **options: Any) -> None:
        options.setdefault("width", terminal_columns() - 2)  # argparse's own margin
        super().__init__(prog, **options)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        # One line and status 2, as the command line promises; never a traceback.
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")

    def _print_message(self, message: str, file: Any = None) -> None:
        # argparse writes help and errors to the process's streams; a closed one
        # (None) must not turn into a traceback.
        stream = sys.stdout if file is None else file
        if not message or stream is None:
            return
        try:
            stream.write(message)
        except (OSError, ValueError, UnicodeEncodeError):
            return


def terminal_columns() -> int:
    """The terminal's width as ``shutil.get_terminal_size`` reports it (80 without one)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    stdout = sys.__stdout__
    if columns <= 0 and stdout is not None:
        try:
            columns = os.get_terminal_size(stdout.fileno()).columns
        except (AttributeError, ValueError, OSError):  # not a terminal, or no file behind it
            columns = 0
    return columns if columns > 0 else 80


class _Version(argparse.Action):
    """``--version``: reads the installed version only when asked (it reads metadata)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, help="print lumbar's version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *_: Any) -> NoReturn:
        from importlib.metadata import version

        parser._print_message(f"lumbar {version('lumbar')}\n", sys.stdout)
        parser.exit(0)


# --- option types and shared options ----------------------------------------------------


def equipment_list(value: str) -> tuple[str, ...]:
    """``--equipment``: comma-separated names, or ``none``."""
    items = tuple(part.strip() for part in value.split(",") if part.strip())
    if items in ((), ("none",)):
        return ()
    unknown = [item for item in items if item not in EQUIPMENT]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown equipment {', '.join(map(repr, unknown))}; choose from {', '.join(EQUIPMENT)}"
        )
    return tuple(dict.fromkeys(items))


def field_names(value: str) -> list[str]:
    """Comma-separated field names; hyphens stand for underscores."""
    return [part.strip().replace("-", "_") for part in value.split(",") if part.strip()]


def ids(value: str) -> list[str]:
    """Comma-separated ids."""
    return [part.strip() for part in value.split(",") if part.strip()]


def add_format(parser: argparse.ArgumentParser, choices: Sequence[str] = OUTPUT_FORMATS) -> None:
    """``--format``: every command writes text or JSON; a command may offer more choices."""
    parser.add_argument(
        "--format", choices=tuple(choices), default=choices[0], help="output format (default text)"
    )


def add_profile_options(parser: argparse.ArgumentParser) -> None:
    """The options that describe a person, shared by ``plan`` and ``simulate``."""
    group = parser.add_argument_group("the person and the program")
    group.add_argument("--days", type=int, help="training days a week, 2-7 (default 3)")
    group.add_argument(
        "--minutes",
        type=int,
        help="minutes per session, 10-120 (default 30; 45 for return-to-jogging)",
    )
    group.add_argument("--weeks", type=int, help="program length in weeks, 4-52 (default 26)")
    group.add_argument("--level", choices=LEVELS, help="fitness level (default beginner)")
    group.add_argument(
        "--preference",
        choices=PREFERENCES,
        help="a loading direction your back does not tolerate (default none)",
    )
    group.add_argument(
        "--equipment",
        type=equipment_list,
        metavar="LIST",
        help="equipment at hand, comma-separated, or 'none' (default mat,chair); "
        f"choices: {', '.join(EQUIPMENT)}",
    )
    group.add_argument("--goal", choices=GOALS, help="what the program is for (default general)")
    group.add_argument("--pain", type=int, help="back pain now, 0-10 (default 3)")
    group.add_argument("--risk", choices=RISKS, help="STarT Back risk group, if known")
    group.add_argument(
        "--walking-minutes",
        type=int,
        dest="walking_minutes",
        help="minutes you walk a day now, the start of the walking goal (default 10)",
    )
    group.add_argument("--steps", type=int, help="steps a day now, if you count them")


# --- the parser ------------------------------------------------------------------------


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The ``lumbar`` parser with every command, or with only the command named ``only``.

    `lumbar.cli._main.main` passes the first argument: every valid command
    line starts with its command, and building only that one saves most of the
    parser's start-up. Anything else there (``--help``, a mistyped command) gets
    every command.
    """
    parser = _Parser(
        prog="lumbar",
        description="Evidence-based exercise programs for chronic low back pain.",
        epilog="lumbar does not diagnose. Red-flag symptoms need medical care before any "
        "self-guided program: run 'lumbar screen' first.",
    )
    parser.add_argument("--version", action=_Version)
    # prog given, as argparse would work it out (by formatting a usage line) otherwise.
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=_Parser, prog="lumbar"
    )
    for name, module_name in COMMANDS.items():
        if only in COMMANDS and name != only:
            continue
        module = importlib.import_module(module_name)
        summary, description = module.HELP[name]
        module.OPTIONS[name](commands.add_parser(name, help=summary, description=description))
    return parser
