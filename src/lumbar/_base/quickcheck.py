"""Validation in two passes, for the small values the progression engine makes by the thousand.

Classes built in the engine's inner loop (decisions, attempts, weekly figures)
check their fields with one quick boolean expression for the common, valid case;
only when it fails do they run the usual ``lumbar._base.validators`` validators, which find
and explain every bad field. The quick check must be at least as strict as the
validators; the tests compare the two on generated input.

Where the engine itself builds such a value from parts that were checked when they
were made (an exercise id from a catalog entry, a result from a checked log), it
skips even the quick check: `slot_setters` gives the field setters for a
*trusted constructor*, a plain function next to the class. Such constructors are
private, never switch validation off for anyone else, and the tests check that
each builds what the class's own constructor builds.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from types import MemberDescriptorType
from typing import Any

import attrs

from lumbar._base.validators import SLUG, Validator
from lumbar.errors import ValidationError

slug_match = SLUG.match


# Rules reuse a handful of exercise and reference ids millions of times in a large
# simulation; remembering the verdict for recent strings is pure and bounded.
@functools.lru_cache(maxsize=4096)
def _is_slug_text(value: str) -> bool:
    return len(value) <= 80 and slug_match(value) is not None


def is_slug(value: object) -> bool:
    """What ``lumbar._base.validators.slug`` accepts."""
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


Setter = Callable[[Any, Any], None]


def slot_setters(cls: type, *names: str, hash_cache: bool = False) -> tuple[Setter, ...]:
    """The slot setters of the attrs class ``cls`` for its fields ``names``, in order.

    ``names`` must be every field, in the class's order, and the class may have no
    other slot (but ``__weakref__`` and, with ``hash_cache``, the one slot where
    attrs caches the hash of a ``cache_hash=True`` class, whose setter comes last:
    set it to None, as attrs' ``__init__`` does), so that a field or slot added
    later fails here, at import, rather than being left unset. The hash slot is
    found rather than named, so that a rename inside attrs does not matter.
    """
    fields = tuple(field.name for field in attrs.fields(cls))
    if names != fields:
        raise TypeError(f"{cls.__name__} has the fields {fields}, not {names}")
    slots = {slot for klass in cls.__mro__ for slot in klass.__dict__.get("__slots__", ())} - {
        "__weakref__"
    }
    extra = sorted(slots - set(names))
    if len(extra) != (1 if hash_cache else 0):
        raise TypeError(f"{cls.__name__} has the slots {sorted(slots)}, not only {list(names)}")
    wanted = (*names, *extra)
    setters = []
    for name in wanted:
        slot = cls.__dict__[name]
        if type(slot) is not MemberDescriptorType:
            raise TypeError(f"{cls.__name__}.{name} is not a slot")
        setters.append(slot.__set__)
    return tuple(setters)
