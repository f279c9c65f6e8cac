"""Validation in two passes, for the small values the progression engine makes by the thousand.

Classes built in the engine's inner loop (decisions, attempts, weekly figures)
check their fields with one quick boolean expression for the common, valid case;
only when it fails do they run the usual ``lumbar._checks`` validators, which find
and explain every bad field. The quick check must be at least as strict as the
validators; the tests compare the two on generated input.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import attrs

from lumbar._checks import Validator
from lumbar._errors import ValidationError

# The same pattern as lumbar._checks.slug, with its length limit applied by the caller.
slug_match = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$").match


def is_slug(value: object) -> bool:
    """What ``lumbar._checks.slug`` accepts."""
    return type(value) is str and len(value) <= 80 and slug_match(value) is not None


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
