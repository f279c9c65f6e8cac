"""How the command line writes: wrapped to the terminal, NO_COLOR, and closed or narrow streams.

The cases the issue measured run as real processes: standard output closed, standard
error closed, and an ASCII-only output encoding.
"""

import io
import json
import os
import re
import subprocess
import sys

import pytest
from hypothesis import given, strategies as st

import lumbar
from lumbar.cli._main import main
from lumbar.cli._streams import wrap_line


def shell(command, *, env=None, stdin=subprocess.DEVNULL, input=None):
    """Run ``lumbar`` (as ``$LUMBAR``) under sh, for redirections such as ``>&-``."""
    environment = dict(os.environ)
    environment.pop("COLUMNS", None)
    environment.update(env or {})
    environment["LUMBAR"] = f"{sys.executable} -m lumbar"
    return subprocess.run(
        ["sh", "-c", command],
        env=environment,
        capture_output=input is None and stdin is subprocess.DEVNULL,
        stdin=None if input is not None else stdin,
        input=input,
        check=False,
    )


# --- wrapping -----------------------------------------------------------------------------

words = st.text(alphabet="abcdefghij×-", min_size=1, max_size=14)


@given(
    st.lists(words, min_size=1, max_size=30),
    st.integers(0, 6),
    st.sampled_from(["", "- ", "! "]),
    st.integers(10, 100),
)
def test_wrapping_never_breaks_or_loses_a_word(parts, indent, bullet, width):
    """Every line fits the width unless it is one long word; the words come out whole."""
    line = " " * indent + bullet + " ".join(parts)
    lines = wrap_line(line, width)
    assert " ".join(lines).split() == line.split()
    for piece in lines:
        assert len(piece) <= width or len(piece.split()) == 1 or piece.strip() == line.strip()
    if len(line) <= width:
        assert lines == [line]


def test_continuation_lines_keep_the_indent_and_hang_under_a_bullet():
    """A wrapped bullet's next lines start under its text."""
    lines = wrap_line("  - " + "word " * 20, 30)
    assert all(line.startswith("    ") for line in lines[1:])


def _longest(text):
    return max(len(line) for line in text.decode("utf-8").splitlines())


@pytest.mark.parametrize(
    "args",
    [
        "plan --screened",
        "screen --yes fever-or-unwell,cancer-history",
        "exercise side-bridge",
        "posture sleeping --no mattress-firmness,mattress-support,position-for-comfort,"
        "night-pain-eases",
    ],
)
@pytest.mark.parametrize("columns", [None, "80", "60"])
def test_output_fits_the_terminal_width(args, columns):
    """COLUMNS, else 80 when standard output is not a terminal: no line is wider."""
    env = {} if columns is None else {"COLUMNS": columns}
    result = shell(f"$LUMBAR {args}", env=env)
    assert result.returncode in (0, 1), result.stderr
    assert _longest(result.stdout) <= int(columns or 80)


# --- NO_COLOR -----------------------------------------------------------------------------


class Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.mark.parametrize(("no_color", "coloured"), [(None, True), ("1", False)])
def test_colour_only_on_a_terminal_without_no_color(monkeypatch, no_color, coloured):
    """An urgent outcome is red on a terminal, plain with NO_COLOR set or without a terminal."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    if no_color:
        monkeypatch.setenv("NO_COLOR", no_color)
    for out, expected in ((Terminal(), coloured), (io.StringIO(), False)):
        status = main(["screen", "--yes", "bladder-change"], stdout=out, stderr=io.StringIO())
        assert status == 1
        assert ("\033[" in out.getvalue()) is expected


# --- closed and narrow streams (the cases measured) ---------------------------------------


def test_closed_standard_output_is_one_line_not_a_traceback():
    """lumbar plan --screened >&-: status 1 and one line saying so."""
    result = shell("$LUMBAR plan --screened >&-")
    assert result.returncode == 1
    assert b"Traceback" not in result.stderr
    assert result.stderr.decode() == "lumbar plan: error: standard output is closed\n"


def test_closed_standard_error_leaves_the_json_valid():
    """lumbar plan --format json 2>&-: the red-flag notice never lands in the JSON."""
    result = shell("$LUMBAR plan --format json --weeks 4 2>&-")
    assert result.returncode == 0
    assert json.loads(result.stdout)["schema"] == lumbar.SCHEMA_VERSION


@pytest.mark.parametrize("args", ["exercises", "exercise side-bridge", "plan --screened"])
def test_ascii_only_output_gets_plain_stand_ins(args):
    """PYTHONIOENCODING=ascii: no UnicodeEncodeError; × becomes x."""
    result = shell(f"$LUMBAR {args}", env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    text = result.stdout.decode("ascii")
    assert re.search(r"\d ?x \d|\dx\d", text)  # 1x10, 6-4-2 x 10 s: the dose sign as a plain x


@pytest.mark.parametrize("args", ["exercises --format json", "plan --screened --format json"])
def test_ascii_only_json_is_escaped_not_corrupted(args):
    """PYTHONIOENCODING=ascii: JSON escapes what it cannot encode and reads back the same."""
    plain = shell(f"$LUMBAR {args}", env={"PYTHONIOENCODING": "ascii"})
    utf8 = shell(f"$LUMBAR {args}", env={"PYTHONIOENCODING": "utf-8"})
    assert plain.returncode == 0, plain.stderr
    assert json.loads(plain.stdout.decode("ascii")) == json.loads(utf8.stdout.decode("utf-8"))


def test_closed_standard_input_is_a_usage_error():
    """Reading a document from a closed standard input: one line, status 2."""
    result = shell("$LUMBAR advance - - <&-")
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr
    result = shell("$LUMBAR advance - log.json <&-")
    assert result.returncode == 2
    assert result.stderr.decode().startswith("lumbar advance: error: program: standard input")


def test_non_utf8_standard_input_is_a_usage_error():
    """Latin-1 bytes where a JSON program should be: one line, status 2."""
    result = subprocess.run(
        [sys.executable, "-m", "lumbar", "advance", "-", "log.json"],
        input='{"title": "Mañana"}'.encode("latin-1"),
        capture_output=True,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "lumbar advance: error: program: standard input is not UTF-8 text\n"
    )


def test_a_reader_that_goes_away_is_not_a_traceback():
    """lumbar exercises | head -1: no traceback from the broken pipe."""
    result = shell("$LUMBAR exercises | head -n 1")
    assert result.returncode == 0
    assert b"Traceback" not in result.stderr
    assert result.stdout.decode().strip() == "STABILIZATION"
