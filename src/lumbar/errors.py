"""The exception hierarchy: one root, each specific error also a matching builtin."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lumbar.safety._screening import Screening

__all__ = ["LumbarError", "ReferralRequired", "UnknownExerciseError", "ValidationError"]


class LumbarError(Exception):
    """Root of every exception that lumbar raises on purpose."""


class ValidationError(LumbarError, ValueError):
    """Input that does not describe a valid lumbar object.

    ``errors`` holds one ``(path, message)`` pair per bad field, in the order found;
    ``str(error)`` prints one ``path: message`` line per pair. The path ``$`` means
    the document as a whole (an empty path, from older callers, means the same).
    """

    errors: tuple[tuple[str, str], ...]

    def __init__(self, errors: Iterable[tuple[str, str]]) -> None:
        self.errors = tuple(errors)
        if not self.errors:
            self.errors = (("", "invalid input"),)
        super().__init__(self._render())

    @classmethod
    def single(cls, path: str, message: str) -> ValidationError:
        """Build an error about one field."""
        return cls(((path, message),))

    def prefixed(self, prefix: str) -> ValidationError:
        """The same errors with every path placed under ``prefix``."""
        return ValidationError((join_path(prefix, path), msg) for path, msg in self.errors)

    def _render(self) -> str:
        return "\n".join(f"{path}: {msg}" if path else msg for path, msg in self.errors)

    def __reduce__(self) -> tuple[type[ValidationError], tuple[tuple[tuple[str, str], ...]]]:
        return (type(self), (self.errors,))


class UnknownExerciseError(LumbarError, KeyError):
    """An exercise id that the catalog does not hold."""

    def __str__(self) -> str:
        # KeyError quotes its argument; the message reads better plain.
        return str(self.args[0]) if self.args else "unknown exercise"


class ReferralRequired(LumbarError):
    """A self-guided program must not start: the screening found red flags.

    ``screening`` carries the outcome, the reasons and what to do.
    """

    def __init__(self, screening: Screening) -> None:
        self.screening = screening
        super().__init__(f"screening outcome {screening.outcome.value}: see a clinician first")


ROOT = "$"
"""The path of a document as a whole."""


def join_path(prefix: str, path: str) -> str:
    """Join two path pieces: ``a`` + ``b`` is ``a.b``, ``a`` + ``[0]`` is ``a[0]``."""
    if not prefix or prefix == ROOT:
        return path or prefix
    if not path or path == ROOT:
        return prefix
    if path.startswith("["):
        return prefix + path
    return f"{prefix}.{path}"


def _is_name(key: str) -> bool:
    """Letters, digits, ``_`` and ``-`` only (ASCII), and not empty."""
    letters = key.replace("_", "a").replace("-", "a")
    return letters.isascii() and letters.isalnum()


def key_path(prefix: str, key: object) -> str:
    """The path of the entry ``key`` of an object at ``prefix``.

    A key that reads as a name joins with a dot (``a.b``); any other (empty, with
    dots, spaces or quotes, or not a string) is written as a quoted index
    (``a[""]``, ``a["x.y"]``), so that every path names exactly one place.
    """
    if type(key) is str and _is_name(key):
        return join_path(prefix, key)
    text = key if type(key) is str else repr(key)
    quoted = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"{'' if prefix == ROOT else prefix}[{quoted}]"
