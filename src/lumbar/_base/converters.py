"""attrs converters: what a field accepts beside its own type, turned into that type.

They run before the field's validator (see `lumbar._base.validators`, which also offers them
as ``check.to_tuple`` and so on) and leave anything they do not recognise for it to refuse.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lumbar._base.frozen import FrozenDict

__all__ = ["exact_float", "stripped", "to_frozen_dict", "to_tuple"]


def to_tuple(value: object) -> object:
    """Converter: lists become tuples so that callers may pass either."""
    if isinstance(value, list):
        return tuple(value)
    return value


def to_frozen_dict(value: Any) -> Any:
    """Converter: a mapping becomes a `FrozenDict` (not a read-only view, so that its
    owner pickles and goes to other processes); anything else is left for the validator."""
    if type(value) is not FrozenDict and isinstance(value, Mapping):
        return FrozenDict(value)
    return value


def stripped(value: object) -> object:
    """Converter: strings lose leading and trailing white space; other types pass through."""
    return value.strip() if isinstance(value, str) else value


def exact_float(value: Any) -> Any:
    """Converter for float fields: an int becomes the equal float, and -0.0 becomes 0.0.

    An int is a lossless float. Minus zero equals zero but writes as ``-0.0`` in
    JSON, so two equal values would read differently; bools, ints too large for a
    float and other types pass through for the validator to reject.
    """
    if type(value) is int:
        try:
            return float(value)
        except OverflowError:
            return value
    if type(value) is float and value == 0.0:
        return 0.0
    return value
