"""The JSON shape of each document type, read from its declaration.

A document class declares each field once: its type annotation says what kind of
value it holds and its validator's constraint (see `lumbar._base.constraints`)
what else the value must meet. `fields_of` reads both into a tree of shapes;
the dict reader and writer (``_converter``), the JSON reader (``_mirror``) and the
JSON Schema generator (``_schema``) all walk that one tree, so none of them repeats
a bound. A field whose validator declares no constraint, or one that disagrees with
its type, stops the build here, with its name.
"""

from __future__ import annotations

import datetime
import enum
import functools
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, TypeAlias, Union

import attrs

from lumbar._base import constraints as c
from lumbar._base.validators import Validator, constraint_of, declared_validator
from lumbar.content._catalog import Catalog
from lumbar.model._dose import DOSE_TYPES, Dose
from lumbar.model._exercise import Exercise
from lumbar.progression._protocol import ProgressionRule


@attrs.frozen
class Value:
    """A JSON scalar: ``integer``, ``number``, ``string``, ``boolean``, ``date`` or ``scalar``."""

    kind: str
    constraint: c.Constraint


@attrs.frozen
class EnumOf:
    """A member of ``enum``, written as its value."""

    enum: type[enum.Enum]


@attrs.frozen
class Nullable:
    inner: Shape


@attrs.frozen
class Array:
    item: Shape
    min_length: int = 0
    max_length: int | None = None
    unique: bool = False
    ordered: bool = False


@attrs.frozen
class Entries:
    """A JSON object of free keys (a mapping)."""

    key: Value
    value: Shape
    max_length: int | None = None


@attrs.frozen
class Object:
    """A document type, as a JSON object of its fields."""

    cls: type


@attrs.frozen
class DoseUnion:
    """Any dose: one of the dose types, told apart by ``kind``."""


@attrs.frozen
class RuleStack:
    """A rule (and what it wraps), written as its rule references, outermost first."""


@attrs.frozen
class BaseRules:
    """Several base rules, each written as one rule reference."""

    min_length: int


Shape: TypeAlias = (
    Value | EnumOf | Nullable | Array | Entries | Object | DoseUnion | RuleStack | BaseRules
)

_KINDS: dict[type, tuple[str, type]] = {
    int: ("integer", c.Integer),
    float: ("number", c.Number),
    bool: ("boolean", c.Boolean),
    datetime.date: ("date", c.Date),
}


@attrs.frozen
class Field:
    """One field of a document type, as its readers and writers need it."""

    name: str
    shape: Shape
    required: bool
    default: Any
    """The default value (``attrs.NOTHING`` when required; a ``Factory`` is called)."""
    converter: Callable[[Any], Any] | None
    attribute: attrs.Attribute[Any] | None
    """The attrs field (None: a field of the JSON form only, which the class checks whole)."""
    validator: Validator | None = None
    """What the field's values must pass: its attrs validator or its class's field check."""

    @property
    def fixed_default(self) -> bool:
        """True when the default does not depend on the other fields."""
        default = self.default
        return not (isinstance(default, attrs.Factory) and default.takes_self)  # type: ignore[arg-type]

    def default_value(self) -> Any:
        """The default (a fixed one: see `fixed_default`)."""
        default = self.default
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            return default.factory()
        return default


class DeclarationError(TypeError):
    """A document type whose fields do not declare what they hold (a bug in lumbar)."""


def _members(type_: Any) -> tuple[Any, ...]:
    if typing.get_origin(type_) in (Union, types.UnionType):
        return typing.get_args(type_)
    return (type_,)


def shape_of(type_: Any, constraint: c.Constraint | None, where: str) -> Shape:
    """The shape of a value of ``type_`` that meets ``constraint``."""
    if constraint is None:
        raise DeclarationError(f"{where}: its validator declares no constraint")
    if type_ == Dose and isinstance(constraint, c.Instance) and constraint.types == DOSE_TYPES:
        return DoseUnion()
    members = _members(type_)
    if type(None) in members:
        rest = tuple(m for m in members if m is not type(None))
        if not isinstance(constraint, c.Optional):
            raise DeclarationError(f"{where}: may be None but its validator does not allow it")
        inner = rest[0] if len(rest) == 1 else Union[rest]  # noqa: UP007
        return Nullable(shape_of(inner, constraint.inner, where))
    if isinstance(constraint, c.Optional):
        raise DeclarationError(f"{where}: its validator allows None but its type does not")
    if type_ is ProgressionRule and constraint == c.Instance((ProgressionRule,)):
        return RuleStack()
    origin = typing.get_origin(type_)
    if origin is tuple:
        item_type = typing.get_args(type_)[0]
        if not isinstance(constraint, c.Items):
            raise DeclarationError(f"{where}: a tuple needs a tuple_of validator")
        if item_type is ProgressionRule:
            return BaseRules(constraint.min_length)
        item = shape_of(item_type, constraint.item, f"{where}[]")
        return Array(
            item,
            constraint.min_length,
            constraint.max_length,
            constraint.unique,
            constraint.ordered,
        )
    if origin in (Mapping, dict):
        key_type, value_type = typing.get_args(type_)
        if not isinstance(constraint, c.Entries) or key_type is not str:
            raise DeclarationError(f"{where}: a mapping needs a mapping_of validator")
        key = shape_of(str, constraint.key, f"{where}.key")
        assert isinstance(key, Value)
        if set(_members(value_type)) == {int, float, str, bool}:
            if constraint.value != c.Scalar():
                raise DeclarationError(f"{where}: scalar values need the scalar validator")
            return Entries(key, Value("scalar", constraint.value), constraint.max_length)
        value = shape_of(value_type, constraint.value, f"{where}.value")
        return Entries(key, value, constraint.max_length)
    if type_ is str:
        if not isinstance(constraint, c.Text | c.OneOf):
            raise DeclarationError(f"{where}: a str needs a text, slug or one_of validator")
        return Value("string", constraint)
    if set(members) == {int, float}:
        if not isinstance(constraint, c.Number):
            raise DeclarationError(f"{where}: int | float needs a number validator")
        return Value("number", constraint)
    if type_ in _KINDS:
        kind, expected = _KINDS[type_]
        if not isinstance(constraint, expected):
            raise DeclarationError(f"{where}: {type_.__name__} needs a {expected.__name__}")
        return Value(kind, constraint)
    if isinstance(type_, type) and issubclass(type_, enum.Enum):
        if constraint != c.Member(type_):
            raise DeclarationError(f"{where}: an enum needs its member validator")
        return EnumOf(type_)
    if isinstance(type_, type) and attrs.has(type_):
        if not isinstance(constraint, c.Instance) or constraint.types != (type_,):
            raise DeclarationError(f"{where}: a {type_.__name__} needs instance_of it")
        return Object(type_)
    raise DeclarationError(f"{where}: cannot write a value of type {type_!r}")


@functools.cache
def fields_of(cls: type) -> tuple[Field, ...]:
    """The fields of a document class (those its ``__init__`` takes), in order."""
    if cls is Catalog:
        # A catalog is written as its exercises, which it checks as a whole when built;
        # its own field is a private index.
        return (Field("exercises", Array(Object(Exercise)), True, attrs.NOTHING, None, None),)
    attrs.resolve_types(cls)
    found = []
    for attribute in attrs.fields(cls):
        if not attribute.init:
            continue
        where = f"{cls.__name__}.{attribute.name}"
        validator = declared_validator(attribute, cls)
        shape = shape_of(attribute.type, constraint_of(validator), where)
        found.append(
            Field(
                name=attribute.name,
                shape=shape,
                required=attribute.default is attrs.NOTHING,
                default=attribute.default,
                converter=attribute.converter,
                attribute=attribute,
                validator=validator,  # type: ignore[arg-type]
            )
        )
    return tuple(found)


def is_flat(shape: Shape) -> bool:
    """True for shapes without arrays of objects or mappings: cheap to compare and hash."""
    if isinstance(shape, Value | EnumOf | DoseUnion):
        return True
    if isinstance(shape, Nullable):
        return is_flat(shape.inner)
    if isinstance(shape, Array):
        return isinstance(shape.item, Value | EnumOf)
    if isinstance(shape, Object):
        return shape.cls is not Catalog and all(is_flat(f.shape) for f in fields_of(shape.cls))
    return False


def referenced(cls: Any) -> tuple[type, ...]:
    """The document classes a document of ``cls`` holds, directly or deeper, itself first."""
    seen: dict[type, None] = {}

    def visit(shape: Shape) -> None:
        if isinstance(shape, Object) and shape.cls not in seen:
            seen[shape.cls] = None
            for field in fields_of(shape.cls):
                visit(field.shape)
        elif isinstance(shape, Nullable):
            visit(shape.inner)
        elif isinstance(shape, Array):
            visit(shape.item)
        elif isinstance(shape, Entries):
            visit(shape.value)
        elif isinstance(shape, DoseUnion):
            for dose_type in DOSE_TYPES:
                visit(Object(dose_type))
        elif isinstance(shape, RuleStack | BaseRules):
            from lumbar.model._program import RuleRef

            visit(Object(RuleRef))

    visit(top_shape(cls))
    return tuple(seen)


def top_shape(cls: Any) -> Shape:
    """The shape of a whole document of ``cls`` (doses are read through their union)."""
    if cls == Dose or cls in DOSE_TYPES:
        return DoseUnion()
    return Object(cls)
