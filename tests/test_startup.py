"""The parser `lumbar` builds for one command: the same answers and help as the full parser.

Building only the parser it needs is part of what keeps `lumbar plan` quick to start.
How quick is guarded by `benchmarks/bench_planner.py --check` (CI runs it): `lumbar
plan` must take under 2x the time of `python -c "import attrs"`, whatever it imports.
"""

import contextlib
import io
import shutil

import pytest
from hypothesis import given, strategies as st

from lumbar.cli._parser import (
    COMMANDS as COMMAND_MODULES,
    EQUIPMENT,
    FORMATS,
    GOALS,
    LEVELS,
    PATIENTS,
    PREFERENCES,
    RISKS,
    build_parser,
    terminal_columns as _terminal_columns,
)

COMMANDS = tuple(COMMAND_MODULES)


# --- the parser built for one command ----------------------------------------------------

OPTIONAL_INT = st.none() | st.integers(-5, 400)


@st.composite
def plan_or_simulate_argv(draw):
    """Command lines for the two commands that share the profile options, options in any order."""
    command = draw(st.sampled_from(["plan", "simulate"]))
    groups = []
    for option in ("--days", "--minutes", "--weeks", "--pain", "--walking-minutes", "--steps"):
        value = draw(OPTIONAL_INT)
        if value is not None:
            groups.append([option, str(value)])
    choices = {"--level": LEVELS, "--preference": PREFERENCES, "--goal": GOALS, "--risk": RISKS}
    if command == "plan":
        choices["--format"] = FORMATS
        if draw(st.booleans()):
            groups.append(["--screened"])
    else:
        choices["--patient"] = PATIENTS
        if draw(st.booleans()):
            groups.append(["--seed", str(draw(st.integers(0, 10**6)))])
    for option, values in choices.items():
        if draw(st.booleans()):
            groups.append([option, draw(st.sampled_from(values))])
    if draw(st.booleans()):
        items = draw(st.lists(st.sampled_from(EQUIPMENT), max_size=4))
        groups.append(["--equipment", ",".join(items) or "none"])
    return [command, *(word for group in draw(st.permutations(groups)) for word in group)]


@given(plan_or_simulate_argv())
def test_one_command_parser_reads_what_the_full_parser_reads(argv):
    """The parser main builds for the first argument gives the same answers as the full one."""
    full = vars(build_parser().parse_args(argv))
    assert vars(build_parser(argv[0]).parse_args(argv)) == full


def help_text(parser, argv):
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit):
        parser.parse_args(argv)
    return out.getvalue()


@pytest.mark.parametrize("command", COMMANDS)
def test_one_command_parser_prints_the_same_help(command):
    """Each command's --help is the same whichever parser prints it."""
    argv = [command, "--help"]
    assert help_text(build_parser(command), argv) == help_text(build_parser(), argv)


@pytest.mark.parametrize("first", [None, "--help", "-h", "plan-x", "PLAN", ""])
def test_anything_but_a_command_gets_every_command(first):
    """Help on the whole program and mistyped commands see the full list of commands."""
    text = build_parser(first).format_help()
    for command in COMMANDS:
        assert command in text


# --- the help formatter's width ------------------------------------------------------------


@given(st.one_of(st.none(), st.integers(-10, 500).map(str), st.sampled_from(["", "x", "8o"])))
def test_terminal_width_is_the_one_shutil_reports(columns):
    """The width the parser's help uses is shutil's, for any COLUMNS setting, without shutil."""
    with pytest.MonkeyPatch.context() as patch:
        if columns is None:
            patch.delenv("COLUMNS", raising=False)
        else:
            patch.setenv("COLUMNS", columns)
        assert _terminal_columns() == shutil.get_terminal_size().columns


# --- what every start makes ---------------------------------------------------------------


def test_no_value_class_compiles_a_repr_of_its_own():
    """Every lumbar value class takes its repr from the one shared method (attrs' form).

    attrs compiles a ``__repr__`` for each class it makes unless told ``repr=False``;
    for the fifty-odd classes ``lumbar plan`` loads that was a tenth of its start-up.
    """
    import importlib
    import pkgutil

    import attrs

    import lumbar
    from lumbar._base.display import Shown

    own = []  # a repr written by hand in the class (the catalog's) is its own business
    for module in pkgutil.walk_packages(lumbar.__path__, "lumbar."):
        if module.name.startswith("lumbar.strategies"):
            continue  # needs hypothesis' test extras only; no value classes
        for value in vars(importlib.import_module(module.name)).values():
            mine = isinstance(value, type) and value.__module__ == module.name
            if mine and attrs.has(value) and issubclass(value, Shown):
                written = getattr(vars(value).get("__repr__"), "__code__", None)
                if written is not None and written.co_filename.startswith("<attrs generated"):
                    own.append(value.__qualname__)
    assert own == []
