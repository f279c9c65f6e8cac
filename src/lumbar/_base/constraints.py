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
from typing import Any, ClassVar, TypeAlias, TypeVar, dataclass_transform

C = TypeVar("C", bound=type)


class _Record:
    """A frozen, slotted record of its fields: equal when of one type with equal values."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()
    _defaults: ClassVar[dict[str, Any]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        name = type(self).__name__
        if len(args) > len(self._fields):
            raise TypeError(f"{name} takes at most {len(self._fields)} values")
        given = dict(zip(self._fields, args, strict=False))
        for field, value in kwargs.items():
            if field not in self._fields or field in given:
                raise TypeError(f"{name}: unexpected or repeated field {field!r}")
            given[field] = value
        for field in self._fields:
            if field not in given and field not in self._defaults:
                raise TypeError(f"{name}: missing field {field!r}")
            object.__setattr__(self, field, given.get(field, self._defaults.get(field)))

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, field) for field in self._fields)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((type(self), self._values()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{field}={getattr(self, field)!r}" for field in self._fields)
        return f"{type(self).__name__}({shown})"

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen")

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        return (type(self), self._values())


@dataclass_transform(frozen_default=True)
def _constraint(cls: C) -> C:
    """``cls`` as a `_Record` of its annotated fields (class values are their defaults).

    Not attrs: a constraint is plain data read by lumbar's own readers, and every
    start of the program makes a dozen of these classes, where an attrs class costs
    several times more to make (it compiles its methods).
    """
    names = tuple(cls.__annotations__)
    namespace = {
        key: value
        for key, value in vars(cls).items()
        if key not in names and key not in {"__dict__", "__weakref__"}
    }
    namespace.update(
        __slots__=names,
        __match_args__=names,
        _fields=names,
        _defaults={name: vars(cls)[name] for name in names if name in vars(cls)},
    )
    made: C = type(cls.__name__, (_Record,), namespace)  # type: ignore[assignment]
    return made


@_constraint
class Integer:
    """An ``int`` (never a ``bool``) within the bounds, inclusive."""

    minimum: int | None = None
    maximum: int | None = None


@_constraint
class Number:
    """A finite ``int`` or ``float`` (never a ``bool``) within the bounds."""

    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: bool = False
    """True when the minimum itself is refused (``> minimum``)."""


@_constraint
class Text:
    """A ``str`` of ``min_length`` to ``max_length`` characters, matching ``pattern`` if set."""

    min_length: int = 0
    max_length: int = 10_000
    pattern: str | None = None


@_constraint
class Boolean:
    """``True`` or ``False``."""


@_constraint
class Date:
    """A ``datetime.date`` (not a datetime); written as ``YYYY-MM-DD``."""


@_constraint
class Member:
    """A member of the enum ``enum``; written as its value."""

    enum: type[enum.Enum]


@_constraint
class OneOf:
    """One of a closed set of strings."""

    values: tuple[str, ...]


SCALAR_INT_MIN = -(2**63)
SCALAR_INT_MAX = 2**63 - 1
"""The integers a scalar may be: 64-bit, as every JSON reader can hold them."""


@_constraint
class Scalar:
    """A 64-bit ``int``, a finite ``float``, a ``str`` or a ``bool``."""


@_constraint
class Instance:
    """An instance of one of ``types`` (each type carries its own constraints)."""

    types: tuple[type, ...]


@_constraint
class Optional:
    """``None``, or a value that meets ``inner``."""

    inner: Constraint


@_constraint
class Items:
    """A tuple whose every item meets ``item``."""

    item: Constraint
    min_length: int = 0
    max_length: int | None = None
    unique: bool = False
    ordered: bool = False
    """True when each item must be greater than the one before (beyond JSON Schema)."""


@_constraint
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
