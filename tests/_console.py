"""Running the ``console`` examples of the docs: ``$ lumbar ...`` and the output it shows.

In a console block ``$ lumbar ...`` is a command and the lines after it its standard
output; a line ``...`` stands for any lines, and ``...`` inside a line for any text.
Commands run through ``lumbar.cli.main`` in the current folder.
"""

import contextlib
import io
import re
import shlex

from lumbar.cli._main import main


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whether the output lines fit the shown lines, with ``...`` wildcards."""
    if not expected:
        return not actual
    head, rest = expected[0], expected[1:]
    if head == "...":
        return any(matches(rest, actual[start:]) for start in range(len(actual) + 1))
    if not actual:
        return False
    pattern = ".*".join(re.escape(part) for part in head.split("..."))
    return re.fullmatch(pattern, actual[0]) is not None and matches(rest, actual[1:])


def commands(block: str) -> list[tuple[str, list[str]]]:
    """The block's commands, each with the output lines shown under it."""
    found: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            found.append((line[2:], []))
        else:
            found[-1][1].append(line)
    return found


def run_block(block: str) -> list[str]:
    """Run each command of a console block; returns the commands' names; fails on a mismatch."""
    names = []
    for command, expected in commands(block):
        words = shlex.split(command)
        assert words[0] == "lumbar", f"not a lumbar command: {command}"
        out = io.StringIO()
        # argparse writes --version and --help to the process's own standard output.
        with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
            main(words[1:], stdin=io.StringIO(), stdout=out, stderr=io.StringIO())
        actual = out.getvalue().splitlines()
        assert matches(expected, actual), (
            f"$ {command}\nexpected:\n" + "\n".join(expected) + "\ngot:\n" + "\n".join(actual)
        )
        names.append(words[1])
    return names
