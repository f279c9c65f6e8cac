"""What a field requires, as plain data: the constraint each validator checks.

Every validator in `lumbar._base.validators` carries one of these as its
``constraint`` attribute, built from the same arguments as the check itself. The
field's type annotation says what kind of value it holds; the constraint adds what
the type cannot say (bounds, lengths, patterns, closed sets, uniqueness). Readers
above the model (the JSON reader, the JSON Schema generator) read the constraint,
so that a bound is declared once, at the field, and never copied.
"""

from __future__ import annotations

import enum
from typing import TypeAlias

import attrs


@attrs.frozen
class Integer:
    """An ``int`` (never a ``bool``) within the bounds, inclusive."""

    minimum: int | None = None
    maximum: int | None = None


@attrs.frozen
class Number:
    """A finite ``int`` or ``float`` (never a ``bool``) within the bounds."""

    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: bool = False
    """True when the minimum itself is refused (``> minimum``)."""


@attrs.frozen
class Text:
    """A ``str`` of ``min_length`` to ``max_length`` characters, matching ``pattern`` if set."""

    min_length: int = 0
    max_length: int = 10_000
    pattern: str | None = None


@attrs.frozen
class Boolean:
    """``True`` or ``False``."""


@attrs.frozen
class Date:
    """A ``datetime.date`` (not a datetime); written as ``YYYY-MM-DD``."""


@attrs.frozen
class Member:
    """A member of the enum ``enum``; written as its value."""

    enum: type[enum.Enum]


@attrs.frozen
class OneOf:
    """One of a closed set of strings."""

    values: tuple[str, ...]


SCALAR_INT_MIN = -(2**63)
SCALAR_INT_MAX = 2**63 - 1
"""The integers a scalar may be: 64-bit, as every JSON reader can hold them."""


@attrs.frozen
class Scalar:
    """A 64-bit ``int``, a finite ``float``, a ``str`` or a ``bool``."""


@attrs.frozen
class Instance:
    """An instance of one of ``types`` (each type carries its own constraints)."""

    types: tuple[type, ...]


@attrs.frozen
class Optional:
    """``None``, or a value that meets ``inner``."""

    inner: Constraint


@attrs.frozen
class Items:
    """A tuple whose every item meets ``item``."""

    item: Constraint
    min_length: int = 0
    max_length: int | None = None
    unique: bool = False
    ordered: bool = False
    """True when each item must be greater than the one before (beyond JSON Schema)."""


@attrs.frozen
class Entries:
    """A read-only mapping whose keys meet ``key`` and values meet ``value``."""

    key: Constraint
    value: Constraint
    max_length: int | None = None
    """The most entries it may hold, or None for no bound."""


Constraint: TypeAlias = (
    Integer
    | Number
    | Text
    | Boolean
    | Date
    | Member
    | OneOf
    | Scalar
    | Instance
    | Optional
    | Items
    | Entries
)
"""Any constraint."""
