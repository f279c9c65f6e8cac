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
    ``str(error)`` prints one ``path: message`` line per pair. An empty path means
    the document as a whole.
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


def join_path(prefix: str, path: str) -> str:
    """Join two path pieces: ``a`` + ``b`` is ``a.b``, ``a`` + ``[0]`` is ``a[0]``."""
    if not prefix:
        return path
    if not path:
        return prefix
    if path.startswith("["):
        return prefix + path
    return f"{prefix}.{path}"
