"""Where a command reads answers and writes output: wrapped text, exact documents, no surprises.

Text goes to standard output wrapped to the terminal's width without breaking words;
documents (JSON, Markdown) are written exactly. Notices and questions go to standard
error, never to standard output, so that machine-readable output stays valid even
when standard error is closed. A stream that cannot encode a character gets a plain
stand-in (``x`` for ``×``) in text, and ``\\u`` escapes in JSON.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO

_PLAIN_TEXT: dict[str, str | int | None] = {
    "×": "x",
    "–": "-",
    "—": "-",
    "→": "->",
    "←": "<-",
    "°": " deg",
    "≤": "<=",
    "≥": ">=",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "…": "...",
    "•": "*",
    "·": ".",
    "®": "(R)",
}
"""Plain stand-ins for characters a narrow stream cannot encode."""
_BULLETS = ("- ", "! ", "* ")
_RED, _BOLD, _RESET = "\033[31m", "\033[1m", "\033[0m"


class UsageError(Exception):
    """A bad option value or input found after parsing: one line, exit status 2."""


class OutputClosed(Exception):
    """Standard output is closed: there is nowhere to write the result."""


def wrap_line(line: str, width: int) -> list[str]:
    """``line`` cut at spaces into lines of at most ``width``, words never broken.

    Continuation lines keep the line's indent (and hang under the text of a ``- ``
    bullet); a single word longer than the width stays whole.
    """
    if len(line) <= width:
        return [line]
    text = line.lstrip(" ")
    indent = line[: len(line) - len(text)]
    hang = indent + "  " if text.startswith(_BULLETS) else indent
    words = text.split(" ")
    lines: list[str] = []
    current = indent + words[0]
    for word in words[1:]:
        if not word and current == hang:
            continue  # no run of spaces at the start of a continuation line
        if len(current) + 1 + len(word) > width and current.strip():
            lines.append(current.rstrip())
            current = hang + word
        else:
            current += " " + word
    lines.append(current.rstrip())
    return lines


def _writable(text: str, stream: IO[str]) -> str:
    """``text`` as the stream can encode it: plain stand-ins, then ``?`` for the rest."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        plain = text.translate(str.maketrans(_PLAIN_TEXT))
        return plain.encode(encoding, errors="replace").decode(encoding)
    except LookupError:
        pass
    return text


def color_wanted(stream: IO[str] | None, environ: dict[str, str]) -> bool:
    """Colour only on a terminal, and never when ``NO_COLOR`` is set (no-color.org)."""
    if environ.get("NO_COLOR") or environ.get("TERM") == "dumb" or stream is None:
        return False
    isatty: Callable[[], bool] | None = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (OSError, ValueError):
        return False


class Streams:
    """Standard input, output and error for one command, any of which may be None (closed)."""

    def __init__(
        self,
        stdin: IO[str] | None,
        stdout: IO[str] | None,
        stderr: IO[str] | None,
        *,
        width: int = 80,
        color: bool = False,
    ) -> None:
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr
        self.width = width
        self.color = color

    @property
    def interactive(self) -> bool:
        """True when standard input is a terminal a person can answer on."""
        isatty: Callable[[], bool] | None = getattr(self.stdin, "isatty", None)
        try:
            return bool(isatty and isatty())
        except (OSError, ValueError):
            return False

    def out(self, text: str = "", *, bold: bool = False, alert: bool = False) -> None:
        """Text on standard output, wrapped to the width; ``bold`` or ``alert`` (red) on colour."""
        lines = [part for line in text.split("\n") for part in wrap_line(line, self.width)]
        if self.color and (bold or alert):
            start = _BOLD + (_RED if alert else "")
            lines = [f"{start}{line}{_RESET}" if line else line for line in lines]
        self.raw("\n".join(lines) + "\n")

    def raw(self, text: str) -> None:
        """``text`` on standard output exactly as given (Markdown, pre-formatted text)."""
        if self.stdout is None:
            raise OutputClosed
        self.stdout.write(_writable(text, self.stdout))

    def document(self, text: str) -> None:
        """A JSON document on standard output; escaped where the stream cannot encode it."""
        if self.stdout is None:
            raise OutputClosed
        if _writable(text, self.stdout) != text:
            import json

            text = json.dumps(json.loads(text), ensure_ascii=True, indent=2) + "\n"
        self.stdout.write(text)

    def err(
        self, text: str = "", *, wrap: bool = True, bold: bool = False, alert: bool = False
    ) -> None:
        """A notice on standard error, plain; nothing at all when standard error is closed.

        Wrapped unless ``wrap`` is False (an error message stays on its one line, for
        scripts); ``bold`` and ``alert`` are accepted for symmetry with `out`.
        """
        if self.stderr is None:
            return
        width = self.width if wrap else len(text) + 1
        lines = [part for line in text.split("\n") for part in wrap_line(line, width)]
        try:
            self.stderr.write(_writable("\n".join(lines) + "\n", self.stderr))
        except (OSError, ValueError):
            self.stderr = None  # closed while running: say nothing more there

    def ask(self, question: str) -> bool:
        """A yes/no question on standard error; the answer from standard input."""
        if self.stdin is None:
            raise UsageError("standard input is closed: no answer can be read")
        while True:
            if self.stderr is not None:
                self.stderr.write(_writable(f"{question} [y/n] ", self.stderr))
                self.stderr.flush()
            line = self.stdin.readline()
            if not line:
                raise UsageError("no answer (end of input)")
            answer = line.strip().lower()
            if answer in ("y", "yes"):
                return True
            if answer in ("n", "no"):
                return False
            self.err("Please answer y (yes) or n (no).")

    def read(self, path: str, what: str) -> str:
        """The text of the file at ``path`` (``-``: standard input), as UTF-8."""
        try:
            if path == "-":
                if self.stdin is None:
                    raise UsageError(f"{what}: standard input is closed")
                return self.stdin.read()
            with open(path, encoding="utf-8") as handle:
                return handle.read()
        except UnicodeDecodeError:
            where = "standard input" if path == "-" else path
            raise UsageError(f"{what}: {where} is not UTF-8 text") from None
        except OSError as error:
            raise UsageError(f"{what}: cannot read {path}: {error.strerror or error}") from None
