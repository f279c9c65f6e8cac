"""The one cattrs converter behind lumbar's plain dicts, configured in one place.

Its hooks are made from each document type's shape (`lumbar.formats._shapes`).
Writing gives plain dicts, lists and scalars in field order, a dose with its
``kind`` first. Reading is strict (nothing is coerced but an integer to the float it
equals, unknown fields are errors) and finds every problem in one pass: each field
is read and checked by its own validator, and only then is the object built through
its class, which checks what spans several fields. Errors carry paths relative to
the value being read; the caller puts the document's path in front.

This module imports cattrs; the public functions import it on first use only.
"""

from __future__ import annotations

import contextvars
import datetime
import functools
import re
from collections.abc import Callable
from typing import Any

import cattrs

from lumbar.content._catalog import Catalog
from lumbar.errors import ValidationError, key_path
from lumbar.formats import _shapes as s
from lumbar.formats._documents import DOCUMENT_TYPES
from lumbar.formats._version import SCHEMA_KEY, SCHEMA_VERSION
from lumbar.model._dose import DOSE_TYPE_BY_KIND, DOSE_TYPES
from lumbar.model._program import RuleRef
from lumbar.progression._defaults import rule_from_refs
from lumbar.progression._first_match import FirstMatch
from lumbar.progression._protocol import ProgressionRule
from lumbar.progression._registry import RuleRegistry, refs_of

_REGISTRY: contextvars.ContextVar[RuleRegistry | None] = contextvars.ContextVar(
    "lumbar_rule_registry", default=None
)
"""The registry rule stacks are built from during one read (None: the built-in rules)."""

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_DOSE_KINDS = ", ".join(repr(kind) for kind in DOSE_TYPE_BY_KIND)


class Oversized(int):
    """A JSON integer with more digits than Python reads (kept out of int arithmetic)."""

    digits: int

    def __new__(cls, digits: int) -> Oversized:
        value = super().__new__(cls, 0)
        value.digits = digits
        return value


def describe(value: object) -> str:
    """A value as JSON people would name it: ``a string '3'``, ``an array``, ``null``."""
    if isinstance(value, Oversized):
        return f"an integer of {value.digits} digits"
    names = {
        dict: "an object",
        list: "an array",
        str: "a string",
        bool: "a boolean",
        int: "an integer",
        float: "a number",
        type(None): "null",
    }
    name = names.get(type(value), type(value).__name__)
    if isinstance(value, dict | list) or value is None:
        return name
    if type(value) is int and value.bit_length() > 128:
        return f"an integer of {len(str(abs(value)))} digits"
    shown = repr(value)
    return f"{name} {shown if len(shown) <= 40 else shown[:37] + '...'}"


def _fail(message: str) -> ValidationError:
    return ValidationError.single("", message)


# --- reading ------------------------------------------------------------------------


def _read_value(shape: s.Value, value: Any) -> Any:
    kind = shape.kind
    found = type(value)
    if found is Oversized:
        words = "must be a finite number" if kind in ("number", "scalar") else "is out of range"
        raise _fail(f"{words}, got {describe(value)}")
    if kind == "integer":
        if found is int:
            return value
        raise _fail(f"must be an integer, got {describe(value)}")
    if kind == "number":
        if found is float:
            return value
        if found is int:
            try:
                return float(value)
            except OverflowError:
                raise _fail(f"must be a finite number, got {describe(value)}") from None
        raise _fail(f"must be a number, got {describe(value)}")
    if kind == "string":
        if found is str:
            return value
        raise _fail(f"must be a string, got {describe(value)}")
    if kind == "boolean":
        if found is bool:
            return value
        raise _fail(f"must be true or false, got {describe(value)}")
    if kind == "date":
        if found is str and ISO_DATE.fullmatch(value):
            try:
                return datetime.date.fromisoformat(value)
            except ValueError:
                pass
        raise _fail(f"must be a date as 'YYYY-MM-DD', got {describe(value)}")
    if found in (int, float, str, bool):  # "scalar": rule parameters
        return value
    raise _fail(f"must be an integer, a number, a string or true or false, got {describe(value)}")


def read(shape: s.Shape, value: Any) -> Any:
    """``value`` read as ``shape``; a ValidationError lists every problem, paths relative."""
    if isinstance(shape, s.Value):
        return _read_value(shape, value)
    if isinstance(shape, s.Object):
        return converter().structure(value, shape.cls)
    if isinstance(shape, s.Nullable):
        return None if value is None else read(shape.inner, value)
    if isinstance(shape, s.Array | s.BaseRules):
        if type(value) is not list:
            raise _fail(f"must be an array, got {describe(value)}")
        item = shape.item if isinstance(shape, s.Array) else s.Object(RuleRef)
        items = _read_items(item, value)
        return items if isinstance(shape, s.Array) else _base_rules(items)
    if isinstance(shape, s.EnumOf):
        for member in shape.enum:
            if member.value == value and type(member.value) is type(value):
                return member
        allowed = ", ".join(repr(m.value) for m in shape.enum)
        raise _fail(f"must be one of {allowed}, got {describe(value)}")
    if isinstance(shape, s.DoseUnion):
        return _read_dose(value)
    if isinstance(shape, s.Entries):
        if type(value) is not dict:
            raise _fail(f"must be an object, got {describe(value)}")
        errors: list[tuple[str, str]] = []
        out = {}
        for key, item in value.items():
            try:
                out[_read_value(shape.key, key)] = read(shape.value, item)
            except ValidationError as error:
                errors.extend(error.prefixed(key_path("", key)).errors)
        if errors:
            raise ValidationError(errors)
        return out
    if type(value) is not list:  # a rule stack: its references, outermost first
        raise _fail(f"must be an array of rule references, got {describe(value)}")
    refs = _read_items(s.Object(RuleRef), value)
    try:
        return rule_from_refs(refs, _REGISTRY.get())
    except ValidationError as error:
        raise ValidationError((_outside(path), message) for path, message in error.errors) from None


def _outside(path: str) -> str:
    """A path of ``rule_from_refs`` (under ``rules``) relative to the list it was given."""
    return path.removeprefix("rules")


def _read_items(item: s.Shape, value: list[Any]) -> tuple[Any, ...]:
    out = []
    errors: list[tuple[str, str]] = []
    for index, element in enumerate(value):
        try:
            out.append(read(item, element))
        except ValidationError as error:
            errors.extend(error.prefixed(f"[{index}]").errors)
    if errors:
        raise ValidationError(errors)
    return tuple(out)


def _base_rules(refs: tuple[RuleRef, ...]) -> tuple[ProgressionRule, ...]:
    registry = _REGISTRY.get()
    rules = []
    errors: list[tuple[str, str]] = []
    for index, ref in enumerate(refs):
        try:
            rules.append(rule_from_refs((ref,), registry))
        except ValidationError as error:
            errors.extend(
                (f"[{index}]{_outside(path).removeprefix('[0]')}", message)
                for path, message in error.errors
            )
    if errors:
        raise ValidationError(errors)
    return tuple(rules)


def _read_dose(value: Any) -> Any:
    if type(value) is not dict:
        raise _fail(f"must be a dose object with a kind, got {describe(value)}")
    kind = value.get("kind")
    dose_type = DOSE_TYPE_BY_KIND.get(kind) if type(kind) is str else None
    if dose_type is None:
        message = (
            f"must be one of {_DOSE_KINDS}, got {describe(kind)}"
            if "kind" in value
            else f"is required (one of {_DOSE_KINDS})"
        )
        raise ValidationError.single("kind", message)
    return converter().structure({k: v for k, v in value.items() if k != "kind"}, dose_type)


def _check_nested_version(value: Any) -> list[tuple[str, str]]:
    if type(value) is int and 1 <= value <= SCHEMA_VERSION:
        return []
    return [
        (
            SCHEMA_KEY,
            f"must be a schema version from 1 to {SCHEMA_VERSION}, got {describe(value)}",
        )
    ]


def _structure_hook(cls: type) -> Callable[[Any, Any], Any]:
    fields = s.fields_of(cls)
    known = {field.name for field in fields}
    build: Callable[..., Any] = (lambda exercises: Catalog(exercises)) if cls is Catalog else cls

    def structure(value: Any, _: Any) -> Any:
        if type(value) is not dict:
            raise _fail(f"must be an object, got {describe(value)}")
        errors: list[tuple[str, str]] = []
        for key in value:
            if key not in known:
                if key == SCHEMA_KEY:  # a nested document, as to_dict writes it
                    errors.extend(_check_nested_version(value[key]))
                else:
                    errors.append((key_path("", key), "unknown field"))
        kwargs: dict[str, Any] = {}
        for field in fields:
            name = field.name
            if name not in value:
                if field.required:
                    errors.append((name, "is required"))
                continue
            try:
                item = read(field.shape, value[name])
            except ValidationError as error:
                errors.extend(error.prefixed(name).errors)
                continue
            if field.converter is not None:
                item = field.converter(item)
            attribute = field.attribute
            if attribute is not None and field.validator is not None:
                try:
                    field.validator(None, attribute, item)
                except ValidationError as error:
                    errors.extend(error.errors)
                    continue
            kwargs[name] = item
        if errors:
            raise ValidationError(errors)
        return build(**kwargs)

    return structure


# --- writing ------------------------------------------------------------------------
#
# Writers are generated, as cattrs generates its own: an expression per field, with
# one attribute read and a direct call of the writer of each document it holds. They
# share one namespace, in which each finds the others by name when it runs.


def _write_expression(shape: s.Shape, value: str, depth: int = 0) -> str:
    """An expression that writes the value ``value`` of ``shape`` as plain data."""
    item = f"x{depth}"
    if isinstance(shape, s.Value):
        return f"{value}.isoformat()" if shape.kind == "date" else value
    if isinstance(shape, s.EnumOf):
        return f"{value}.value"
    if isinstance(shape, s.Nullable):
        inner = _write_expression(shape.inner, value, depth)
        return value if inner == value else f"(None if {value} is None else {inner})"
    if isinstance(shape, s.Array):
        written = _write_expression(shape.item, item, depth + 1)
        return f"list({value})" if written == item else f"[{written} for {item} in {value}]"
    if isinstance(shape, s.Entries):
        written = _write_expression(shape.value, item, depth + 1)
        if written == item:
            return f"dict({value})"
        return f"{{k{depth}: {written} for k{depth}, {item} in {value}.items()}}"
    if isinstance(shape, s.Object):
        return f"write_{shape.cls.__name__}({value})"
    if isinstance(shape, s.DoseUnion):
        return f"write_dose[type({value})]({value})"
    if isinstance(shape, s.RuleStack):
        return f"[write_RuleRef({item}) for {item} in refs_of({value})]"
    # The members of a first match, which refs_of checks are base rules.
    return f"[write_RuleRef({item}) for {item} in refs_of(FirstMatch(rules={value}))]"


def _writer_source(cls: type) -> str:
    items = [f"'kind': {getattr(cls, 'kind')!r}"] if cls in DOSE_TYPES else []  # noqa: B009
    for field in s.fields_of(cls):
        value = "obj._by_id.values()" if cls is Catalog else f"obj.{field.name}"
        items.append(f"{field.name!r}: {_write_expression(field.shape, value)}")
    return f"def write_{cls.__name__}(obj):\n    return {{{', '.join(items)}}}\n"


@functools.cache
def _written_classes() -> tuple[type, ...]:
    """The document classes and every class a document holds (such as a cohort's weeks)."""
    found: dict[type, None] = {}
    for cls in DOCUMENT_TYPES:
        found.update(dict.fromkeys(s.referenced(cls)))
    return tuple(found)


@functools.cache
def _writers() -> dict[str, Any]:
    """The namespace of the generated writers: ``write_<Class>`` for each document class."""
    namespace: dict[str, Any] = {"refs_of": refs_of, "FirstMatch": FirstMatch}
    for cls in _written_classes():
        exec(_writer_source(cls), namespace)  # the source holds field names and literals only
    namespace["write_dose"] = {t: namespace[f"write_{t.__name__}"] for t in DOSE_TYPES}
    return namespace


def writer_of(shape: s.Shape) -> Callable[[Any], Any]:
    """The function that writes a value of ``shape`` as plain data."""
    return eval(f"lambda value: {_write_expression(shape, 'value')}", _writers())  # type: ignore[no-any-return]


def make_converter() -> cattrs.Converter:
    """A converter with a strict reading hook and a writing hook for every document class."""
    made = cattrs.Converter()
    writers = _writers()
    for cls in _written_classes():
        made.register_structure_hook(cls, _structure_hook(cls))
        made.register_unstructure_hook(cls, writers[f"write_{cls.__name__}"])
    return made


@functools.cache
def converter() -> cattrs.Converter:
    """The shared converter, built on first use (a converter is safe to share once built)."""
    return make_converter()


def reading_rules_from(registry: RuleRegistry | None) -> contextvars.Token[Any]:
    """Build rule stacks from ``registry`` until the token is reset (``token.var.reset``)."""
    return _REGISTRY.set(registry)
