"""Checking a questionnaire's answers: one list in form order, each answer of its own scale.

Every scoring function takes the answers as a sequence (a list or a tuple), one per
item in the order of the form, and raises
[lumbar.ValidationError][lumbar.errors.ValidationError] naming the list (``answers``)
or each bad item (``answers[3]``, counting from 0).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from lumbar._base import validators as check
from lumbar.errors import ValidationError

ItemCheck = Callable[[int, object], str | None]
"""Given the 0-based index and an answer: None when it is fine, else what is wrong."""


def answer_list(values: object, name: str, count: int) -> Sequence[Any]:
    """``values`` as a sequence of ``count`` answers; else an error naming ``name``."""
    if isinstance(values, str | bytes | bytearray) or not isinstance(values, Sequence):
        raise ValidationError.single(
            name, f"must be a list of {count} answers, got {check.type_name(values)}"
        )
    if len(values) != count:
        raise ValidationError.single(name, f"must have {count} answers, got {len(values)}")
    return values


def checked_answers(values: object, name: str, count: int, item: ItemCheck) -> Sequence[Any]:
    """The answers after checking the count and every item; every bad item is named."""
    answers = answer_list(values, name, count)
    errors = [
        (f"{name}[{index}]", problem)
        for index, value in enumerate(answers)
        if (problem := item(index, value)) is not None
    ]
    if errors:
        raise ValidationError(errors)
    return answers


def whole_number_or_none(low: int, high: int, scale: str) -> ItemCheck:
    """An item answered with a whole number ``low``-``high`` (``scale`` says what they mean), or
    None when unanswered. ``True``, ``2.5`` and ``"3"`` are refused."""

    def check_item(index: int, value: object) -> str | None:
        if value is None:
            return None
        if type(value) is not int:
            return (
                f"item {index + 1} must be a whole number {low}-{high} ({scale}) or None "
                f"(unanswered), got {check.type_name(value)} {value!r}"
            )
        if not low <= value <= high:
            return f"item {index + 1} must be {low}-{high} ({scale}), got {value}"
        return None

    return check_item


def unanswered_items(answers: Sequence[object]) -> tuple[int, ...]:
    """The item numbers (counting from 1, as on the form) left as None."""
    return tuple(index + 1 for index, value in enumerate(answers) if value is None)
