"""The command-line page shows every command, and its examples are checked as written.

``tests/test_docs.py`` runs the page's ``python`` and ``console`` blocks in order;
this file checks that every command has an example there, and the matcher itself.
"""

import re
import shlex
from pathlib import Path

import pytest

from _console import commands, matches
from lumbar.cli._parser import COMMANDS

PAGE = Path(__file__).parent.parent / "docs" / "cli.md"
CONSOLE = re.compile(r"^```console\n(.*?)^```", re.MULTILINE | re.DOTALL)


def test_every_command_has_an_example():
    """Each command, and --version, appears in a console example of the page."""
    shown = {
        shlex.split(command)[1]
        for block in CONSOLE.findall(PAGE.read_text(encoding="utf-8"))
        for command, _ in commands(block)
    }
    assert set(COMMANDS) | {"--version"} <= shown


@pytest.mark.parametrize(
    ("expected", "actual", "fits"),
    [
        (["a", "...", "d"], ["a", "b", "c", "d"], True),
        (["a", "..."], ["a"], True),
        (["a ... c"], ["a b c"], True),
        (["a", "b"], ["a", "c"], False),
        (["a"], ["a", "b"], False),
        (["..."], [], True),
    ],
)
def test_wildcards(expected, actual, fits):
    """``...`` lines match any lines; ``...`` in a line matches any text."""
    assert matches(expected, actual) is fits
