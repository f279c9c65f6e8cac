"""attrs validators whose errors name the field and the bad value, and say what they check.

Each raises [lumbar.ValidationError][lumbar.errors.ValidationError] with the field's name as
the path, so that the JSON layer only has to put the object's own path in front. Each also
carries its constraint (see `lumbar._base.constraints`) as `validator.constraint`, built from
the same arguments as the check: the JSON readers and the JSON Schema generator read the
constraint, so a field's bounds are declared once, here. Validators stay plain functions
(closures) because a call to one is the cheapest call Python has, and every public
constructor runs them.
"""

from __future__ import annotations

import datetime
import enum
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol, cast

import attrs

from lumbar._base import constraints as c
from lumbar._base.converters import (  # offered here too: a field's converter sits beside its check
    exact_float as exact_float,
    stripped as stripped,
    to_frozen_dict as to_frozen_dict,
    to_tuple as to_tuple,
)
from lumbar._base.frozen import FrozenDict
from lumbar.errors import ValidationError

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
"""What an id looks like: lower-case letters and digits in words joined by single hyphens."""
SLUG_MAX_LENGTH = 80


class Validator(Protocol):
    """An attrs validator that also says what it checks."""

    constraint: c.Constraint

    def __call__(self, instance: Any, attribute: attrs.Attribute[Any], value: Any, /) -> None: ...


Check = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def declared(check: Check, constraint: c.Constraint) -> Validator:
    """``check`` as a validator that carries ``constraint`` (which must describe it exactly)."""
    check.constraint = constraint  # type: ignore[attr-defined]
    return cast(Validator, check)


def constraint_of(validator: object) -> c.Constraint | None:
    """The constraint a validator declares, or None for a validator that declares none."""
    return getattr(validator, "constraint", None)


def fail(attribute: attrs.Attribute[Any], message: str) -> ValidationError:
    return ValidationError.single(attribute.name, message)


def type_name(value: object) -> str:
    return type(value).__name__


def shown(value: object, limit: int = 40) -> str:
    """``repr(value)``, cut to ``limit`` characters (a 400-digit number stays readable)."""
    if type(value) is int and value.bit_length() > 128:
        return f"a {len(str(abs(value))) if value.bit_length() < 14_000 else 'huge'}-digit number"
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _range_message(
    minimum: float | None, maximum: float | None, value: Any, exclusive: bool = False
) -> str | None:
    if minimum is not None and (value <= minimum if exclusive else value < minimum):
        return f"must be {'>' if exclusive else '>='} {minimum}"
    if maximum is not None and value > maximum:
        return f"must be <= {maximum}"
    return None


def integer(
    minimum: int | None = None,
    maximum: int | None = None,
    *,
    message: str | None = None,
    why: str = "",
) -> Validator:
    """An ``int`` (never a ``bool``) within the bounds, inclusive.

    ``message`` replaces the words of an out-of-range error; ``why`` is added after it.
    """

    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not int:
            raise fail(attribute, f"must be an integer, got {type_name(value)} {shown(value)}")
        problem = _range_message(minimum, maximum, value)
        if problem is not None:
            text = f"{message or problem}, got {shown(value)}"
            raise fail(attribute, f"{text}: {why}" if why else text)

    return declared(check, c.Integer(minimum, maximum))


def number(
    minimum: float | None = None,
    maximum: float | None = None,
    *,
    exclusive_minimum: bool = False,
    message: str | None = None,
) -> Validator:
    """A finite ``int`` or ``float`` (never a ``bool``) within the bounds.

    The minimum is inclusive unless ``exclusive_minimum``; ``message`` replaces the
    words of an out-of-range error.
    """

    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not float and type(value) is not int:
            raise fail(attribute, f"must be a number, got {type_name(value)} {shown(value)}")
        if type(value) is int and value.bit_length() > 1000:  # beyond any float
            raise fail(attribute, f"must be a finite number, got {shown(value)}")
        if value != value or value in (float("inf"), float("-inf")):
            raise fail(attribute, f"must be a finite number, got {value}")
        problem = _range_message(minimum, maximum, value, exclusive_minimum)
        if problem is not None:
            raise fail(attribute, f"{message or problem}, got {shown(value)}")

    return declared(check, c.Number(minimum, maximum, exclusive_minimum))


def optional(inner: Validator) -> Validator:
    """None, or a value ``inner`` accepts."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None:
            return
        try:
            inner(instance, attribute, value)
        except ValidationError as error:
            # A value of the wrong type might have been None: say so.
            raise ValidationError(
                (path, message.replace(", got ", ", or None, got ", 1))
                if message.startswith(("must be a ", "must be an "))
                else (path, message)
                for path, message in error.errors
            ) from None

    return declared(check, c.Optional(inner.constraint))


def _boolean(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not bool:
        raise fail(attribute, f"must be true or false, got {type_name(value)} {shown(value)}")


boolean = declared(_boolean, c.Boolean())
"""``True`` or ``False``."""


def _is_unicode(value: str) -> bool:
    # Lone surrogates cannot be written as UTF-8 (nor read from valid JSON).
    if value.isascii():
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def text(min_length: int = 0, max_length: int = 10_000) -> Validator:
    """A ``str`` of ``min_length`` to ``max_length`` characters of valid Unicode."""

    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not str:
            raise fail(attribute, f"must be a string, got {type_name(value)} {shown(value)}")
        if len(value) < min_length:
            raise fail(
                attribute,
                "must not be empty"
                if min_length == 1
                else f"must have at least {min_length} characters",
            )
        if len(value) > max_length:
            raise fail(attribute, f"must have at most {max_length} characters, got {len(value)}")
        if not _is_unicode(value):
            raise fail(attribute, "must be valid Unicode text (it holds a lone surrogate)")

    return declared(check, c.Text(min_length, max_length))


def _slug(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not str or not SLUG.fullmatch(value) or len(value) > SLUG_MAX_LENGTH:
        raise fail(
            attribute,
            f"must be a lower-case slug such as 'side-bridge' (letters, digits, single hyphens), "
            f"got {shown(value)}",
        )


slug = declared(_slug, c.Text(1, SLUG_MAX_LENGTH, SLUG.pattern))
"""An id: a lower-case slug of at most 80 characters."""
optional_slug = optional(slug)
"""None, or an id."""


def member(enum_type: type[enum.Enum]) -> Validator:
    """A member of ``enum_type``."""

    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, enum_type):
            allowed = ", ".join(repr(m.value) for m in enum_type)
            raise fail(attribute, f"must be one of {allowed}, got {shown(value)}")

    return declared(check, c.Member(enum_type))


def one_of(values: Sequence[str], *, message: str | None = None) -> Validator:
    """One of the strings ``values``; ``message`` replaces the words of the error."""
    allowed = tuple(values)

    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not str or value not in allowed:
            words = message or f"must be one of {one_of_names(allowed)}, got"
            raise fail(attribute, f"{words} {shown(value)}")

    return declared(check, c.OneOf(allowed))


def _scalar(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) not in (int, float, str, bool):
        raise fail(attribute, f"must be an int, float, str or bool, got {shown(value)}")
    if type(value) is float and (value != value or value in (float("inf"), float("-inf"))):
        raise fail(attribute, f"must be a finite number, got {value}")
    if type(value) is str and not _is_unicode(value):
        raise fail(attribute, "must be valid Unicode text (it holds a lone surrogate)")
    if type(value) is int and not c.SCALAR_INT_MIN <= value <= c.SCALAR_INT_MAX:
        raise fail(attribute, f"must be a 64-bit integer, got {shown(value)}")


scalar = declared(_scalar, c.Scalar())
"""An ``int``, a finite ``float``, a ``str`` or a ``bool``."""


def _date(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not datetime.date:
        raise fail(attribute, f"must be a datetime.date, got {type_name(value)}")


date = declared(_date, c.Date())
"""A ``datetime.date``; a datetime (a date subclass) is refused: it is not a day."""


def tuple_of(
    item: Validator,
    *,
    min_length: int = 0,
    max_length: int | None = None,
    unique: bool = False,
    ordered: bool = False,
    noun: str = "item",
) -> Validator:
    """A tuple whose every item passes ``item``; errors name the index.

    ``ordered`` asks for each item to be greater than the one before.
    """

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not tuple:
            raise fail(attribute, f"must be a tuple, got {type_name(value)}")
        if len(value) < min_length:
            raise fail(
                attribute,
                f"must have at least {min_length} {noun}"
                f"{'' if min_length == 1 else 's'}, got {len(value)}",
            )
        if max_length is not None and len(value) > max_length:
            raise fail(attribute, f"must have at most {max_length} {noun}s, got {len(value)}")
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
                    errors.append(
                        (f"{attribute.name}[{index}]", f"duplicate value {shown(element)}")
                    )
                seen.add(element)
        if ordered and not errors and list(value) != sorted(value):
            errors.append((attribute.name, f"must list its {noun}s in order, got {value}"))
        if errors:
            raise ValidationError(errors)

    return declared(check, c.Items(item.constraint, min_length, max_length, unique, ordered))


def mapping_of(key: Validator, value: Validator, *, message: str | None = None) -> Validator:
    """A read-only mapping (a `FrozenDict`) of valid keys to valid values.

    An error names the key (``field.key``); ``message`` replaces the words of an
    error about an entry.
    """

    def check(instance: object, attribute: attrs.Attribute[Any], found: object) -> None:
        if not isinstance(found, FrozenDict):
            raise fail(attribute, f"must be a mapping, got {type_name(found)}")
        errors: list[tuple[str, str]] = []
        for name, item in found.items():
            where = f"{attribute.name}.{name}" if type(name) is str and name else attribute.name
            try:
                key(instance, attribute, name)
                value(instance, attribute, item)
            except ValidationError as exc:
                if message is not None:
                    errors.append((where, f"{message}, got {shown(name)}: {shown(item)}"))
                elif where == attribute.name:  # the key itself is wrong
                    errors.append((where, f"keys {exc.errors[0][1]}"))
                else:
                    errors.append((where, exc.errors[0][1]))
        if errors:
            raise ValidationError(errors)

    return declared(check, c.Entries(key.constraint, value.constraint))


def instance_of(*types: type, hint: str = "", described: str | None = None) -> Validator:
    """An instance of one of ``types``.

    ``hint`` says where such values come from; ``described`` replaces the type names
    in the error.
    """
    if described is not None:
        names = described
    else:
        words = [t.__name__ for t in types]
        names = words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"
    where = f" ({hint})" if hint else ""

    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, types):
            raise fail(attribute, f"must be a {names}{where}, got {type_name(value)}")

    return declared(check, c.Instance(types))


Checks = tuple[tuple["attrs.Attribute[Any]", Validator], ...]
"""Fields of an attrs class, each with the validator its values must pass."""


def field_checks(cls: type, validators: Mapping[str, Validator]) -> Checks:
    """The fields of the attrs class ``cls`` named in ``validators``, each with its validator.

    For classes that check their fields in a hand-written ``__init__`` (attrs
    ``init=False``) after attrs' ``__attrs_init__`` has set them: code that builds
    such a value of parts already checked uses `lumbar._base.trusted.maker`.
    """
    fields = attrs.fields_dict(cls)
    checks = tuple((fields[name], validator) for name, validator in validators.items())
    # Kept on the class too, as its fields' declaration for readers of the class
    # (the JSON readers and JSON Schema): see `declared_validator`.
    cls.__field_checks__ = dict(validators)  # type: ignore[attr-defined]
    return checks


def declared_validator(attribute: attrs.Attribute[Any], cls: type) -> object:
    """The validator a field is checked with: its attrs validator, or its `field_checks` one."""
    if attribute.validator is not None:
        return attribute.validator
    return getattr(cls, "__field_checks__", {}).get(attribute.name)


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


def one_of_names(names: Sequence[str]) -> str:
    return ", ".join(repr(n) for n in names)
