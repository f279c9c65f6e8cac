"""attrs validators whose errors name the field and the bad value.

Each raises [lumbar.ValidationError][lumbar.errors.ValidationError] with the field's name as the
path, so that the JSON layer only has to put the object's own path in front.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs

from lumbar.errors import ValidationError

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
"""What an id looks like: lower-case letters and digits in words joined by single hyphens."""


def fail(attribute: attrs.Attribute[Any], message: str) -> ValidationError:
    return ValidationError.single(attribute.name, message)


def type_name(value: object) -> str:
    return type(value).__name__


def integer(minimum: int | None = None, maximum: int | None = None) -> Validator:
    """An ``int`` (never a ``bool``) within the bounds, inclusive."""

    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not int:
            raise fail(attribute, f"must be an integer, got {type_name(value)} {value!r}")
        if minimum is not None and value < minimum:
            raise fail(attribute, f"must be >= {minimum}, got {value}")
        if maximum is not None and value > maximum:
            raise fail(attribute, f"must be <= {maximum}, got {value}")

    return check


def number(minimum: float | None = None, maximum: float | None = None) -> Validator:
    """A finite ``int`` or ``float`` (never a ``bool``) within the bounds, inclusive."""

    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not float and type(value) is not int:
            raise fail(attribute, f"must be a number, got {type_name(value)} {value!r}")
        if value != value or value in (float("inf"), float("-inf")):
            raise fail(attribute, f"must be a finite number, got {value}")
        if minimum is not None and value < minimum:
            raise fail(attribute, f"must be >= {minimum}, got {value}")
        if maximum is not None and value > maximum:
            raise fail(attribute, f"must be <= {maximum}, got {value}")

    return check


def optional(inner: Validator) -> Validator:
    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            inner(instance, attribute, value)

    return check


def boolean(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not bool:
        raise fail(attribute, f"must be true or false, got {type_name(value)} {value!r}")


def text(min_length: int = 0, max_length: int = 10_000) -> Validator:
    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not str:
            raise fail(attribute, f"must be a string, got {type_name(value)} {value!r}")
        if len(value) < min_length:
            raise fail(
                attribute,
                "must not be empty"
                if min_length == 1
                else f"must have at least {min_length} characters",
            )
        if len(value) > max_length:
            raise fail(attribute, f"must have at most {max_length} characters, got {len(value)}")

    return check


def slug(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not str or not SLUG.match(value) or len(value) > 80:
        raise fail(
            attribute,
            f"must be a lower-case slug such as 'side-bridge' (letters, digits, single hyphens), "
            f"got {value!r}",
        )


def optional_slug(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        slug(instance, attribute, value)


def member(enum_type: type[enum.Enum]) -> Validator:
    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, enum_type):
            allowed = ", ".join(repr(m.value) for m in enum_type)
            raise fail(attribute, f"must be one of {allowed}, got {value!r}")

    return check


def tuple_of(item: Validator, *, min_length: int = 0, unique: bool = False) -> Validator:
    """A tuple whose every item passes ``item``; errors name the index."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not tuple:
            raise fail(attribute, f"must be a tuple, got {type_name(value)}")
        if len(value) < min_length:
            raise fail(
                attribute,
                f"must have at least {min_length} item"
                f"{'' if min_length == 1 else 's'}, got {len(value)}",
            )
        errors: list[tuple[str, str]] = []
        for index, element in enumerate(value):
            try:
                item(instance, attribute, element)
            except ValidationError as exc:
                errors.extend((f"{attribute.name}[{index}]", message) for _, message in exc.errors)
        # Items that failed their own check may be unhashable: only compare valid ones.
        if unique and not errors and len(set(value)) != len(value):
            seen: set[object] = set()
            for index, element in enumerate(value):
                if element in seen:
                    errors.append((f"{attribute.name}[{index}]", f"duplicate value {element!r}"))
                seen.add(element)
        if errors:
            raise ValidationError(errors)

    return check


def instance_of(*types: type) -> Validator:
    names = " or ".join(t.__name__ for t in types)

    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, types):
            raise fail(attribute, f"must be a {names}, got {type_name(value)}")

    return check


Checks = tuple[tuple["attrs.Attribute[Any]", Validator], ...]
"""Fields of an attrs class, each with the validator its values must pass."""


def field_checks(cls: type, validators: Mapping[str, Validator]) -> Checks:
    """The fields of the attrs class ``cls`` named in ``validators``, each with its validator.

    For classes that check their fields in a hand-written ``__init__`` (attrs
    ``init=False``) and then call attrs' ``__attrs_init__``, which checks nothing:
    code that builds such a value from parts already checked calls
    ``__attrs_init__`` alone, on a new instance.
    """
    fields = attrs.fields_dict(cls)
    return tuple((fields[name], validator) for name, validator in validators.items())


def every_field(instance: object, checks: Checks) -> None:
    """Run every check on ``instance``; one error listing every bad field."""
    errors: list[tuple[str, str]] = []
    for attribute, validator in checks:
        try:
            validator(instance, attribute, getattr(instance, attribute.name))
        except ValidationError as error:
            errors.extend(error.errors)
    if errors:
        raise ValidationError(errors)


def first_field(instance: object, checks: Checks) -> None:
    """Run the checks on ``instance`` in order; the first bad field raises, as attrs does."""
    for attribute, validator in checks:
        validator(instance, attribute, getattr(instance, attribute.name))


def to_tuple(value: object) -> object:
    """Converter: lists become tuples so that callers may pass either."""
    if isinstance(value, list):
        return tuple(value)
    return value


def stripped(value: object) -> object:
    """Converter: strings lose leading and trailing white space; other types pass through."""
    return value.strip() if isinstance(value, str) else value


def one_of_names(names: Sequence[str]) -> str:
    return ", ".join(repr(n) for n in names)


def exact_float(value: Any) -> Any:
    """Converter for float fields: an int becomes the equal float, and -0.0 becomes 0.0.

    An int is a lossless float. Minus zero equals zero but writes as ``-0.0`` in
    JSON, so two equal values would read differently; bools and other types pass
    through for the validator to reject.
    """
    if type(value) is int:
        return float(value)
    if type(value) is float and value == 0.0:
        return 0.0
    return value
