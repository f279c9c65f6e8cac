"""Validation in two passes, for the small values the progression engine makes by the thousand.

Classes built in the engine's inner loop (decisions, attempts, weekly figures)
check their fields with one quick boolean expression for the common, valid case;
only when it fails do they run the usual ``lumbar._checks`` validators, which find
and explain every bad field. The quick check must be at least as strict as the
validators; the tests compare the two on generated input.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

import attrs

from lumbar._checks import SLUG, Validator
from lumbar._errors import ValidationError

slug_match = SLUG.match


# Rules reuse a handful of exercise and reference ids millions of times in a large
# simulation; remembering the verdict for recent strings is pure and bounded.
@functools.lru_cache(maxsize=4096)
def _is_slug_text(value: str) -> bool:
    return len(value) <= 80 and slug_match(value) is not None


def is_slug(value: object) -> bool:
    """What ``lumbar._checks.slug`` accepts."""
    return type(value) is str and _is_slug_text(value)


@functools.lru_cache(maxsize=1024)
def _are_references(value: tuple[Any, ...]) -> bool:
    return bool(value) and len(set(value)) == len(value) and all(map(is_slug, value))


def are_references(value: object) -> bool:
    """A non-empty tuple of distinct slugs, as ``references`` fields require."""
    if type(value) is not tuple:
        return False
    try:
        return _are_references(value)
    except TypeError:  # an unhashable item is no reference id
        return False


def explain(instance: Any, validators: Mapping[str, Validator]) -> None:
    """Run the field validators of ``instance``; raise one error listing every bad field."""
    fields = attrs.fields_dict(type(instance))
    errors: list[tuple[str, str]] = []
    for name, validator in validators.items():
        try:
            validator(instance, fields[name], getattr(instance, name))
        except ValidationError as error:
            errors.extend(error.errors)
    if errors:
        raise ValidationError(errors)
