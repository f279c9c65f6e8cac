"""The one loader for lumbar's TOML tables: parsed tables in, validated attrs values out.

The catalog, the checklists, the education topics and the evidence registry are
TOML files whose tables each describe one attrs value (an exercise, a checklist
and its items, a topic, a reference). `build` makes the value from a table,
and works out from the class's fields what it has to do:

* which keys a table may have (the fields; a field's ``metadata[TABLE_KEY]`` names
  its key when it differs from the field's name) and which it must have (the fields
  without a default);
* how to read each value from its field's type: an enum from its value; a nested
  attrs class from its table; a union of attrs classes (the doses) from a table
  whose ``kind`` names the class by its ``kind`` class attribute; a tuple from an
  array, each item read as its own type; ``X | None`` as ``X``. Anything else
  (strings, numbers, booleans) goes to the class as it is, for its validators.

Every problem is reported, each with its path from the table, such as
``exercise[bird-dog].min_dose.reps: must be >= 1, got 0``: unknown and missing
keys, values that cannot be read, and every field the class's validators refuse.
Errors come as one [lumbar.ValidationError][lumbar.errors.ValidationError]; nothing else escapes.

No cattrs here (``lumbar plan`` reads the built-in tables at start-up, and cattrs
costs more to import than the loading itself), and ``tomllib`` only when TOML text
is parsed: the built-in data comes compiled (``tools/compile_data.py``).
"""

from __future__ import annotations

import enum
import functools
import os
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import attrs

from lumbar._base.display import Shown
from lumbar.errors import ValidationError

T = TypeVar("T")

TAG = "kind"
"""The key that names the class of a table read as a union of attrs classes (a dose's kind)."""

TABLE_KEY = "lumbar.table_key"
"""Field metadata naming the field's key in a table, when it is not the field's name."""

Reader = Callable[[object], object]
"""Reads one value from a table; raises ValidationError with paths below that value."""


def parse(text: str) -> dict[str, Any]:
    """The tables of a TOML text; a `ValidationError` when it is not TOML."""
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValidationError.single("", f"not valid TOML: {exc}") from exc


def read_file(path: str | os.PathLike[str], what: str) -> str:
    """The text of a user's ``what`` file (``"catalog"``), or a ValidationError naming it."""
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationError.single("", f"cannot read {what} file {path}: {exc}") from exc


def build(cls: type[T], table: object, **given: object) -> T:
    """The ``cls`` value that ``table`` describes; ``given`` fields come from elsewhere.

    A ``given`` field (such as a reference's id, which is its table's name) is not
    a key the table may have.
    """
    return _build(cls, table, given, None)


def _build(cls: type[T], table: object, given: Mapping[str, object], skip: str | None) -> T:
    """`build`, leaving out the key ``skip`` (a tag that has been read already)."""
    if not isinstance(table, dict):
        raise ValidationError.single("", f"must be a table, got {_shown(table)}")
    plan = _plan(typing.cast(type, cls))  # every class is hashable; mypy cannot tell
    names = plan.names
    readers = plan.readers
    errors: list[tuple[str, str]] = []
    values: dict[str, object] = {}
    for key, value in table.items():
        name = names.get(key)
        if name is None or name in given:
            if key != skip:
                errors.append((str(key), "unknown field"))
            continue
        reader = readers.get(name)
        if reader is not None:
            try:
                value = reader(value)
            except ValidationError as exc:
                errors.extend(exc.prefixed(str(key)).errors)
                continue
        values[name] = value
    values.update(given)
    if not plan.required_names.issubset(values):
        errors.extend(
            (key, "is required")
            for key, name in plan.required
            if name not in values and key not in table
        )
    if errors:
        raise ValidationError(errors)
    try:
        return cls(**values)
    except ValidationError as exc:
        found = _field_errors(plan, values) or list(exc.errors)
        raise ValidationError((plan.table_path(path), message) for path, message in found) from None


def build_each(cls: type[T], document: Mapping[str, object], key: str) -> list[T]:
    """The values of a file made of ``[[key]]`` tables (a catalog's ``[[exercise]]``).

    Errors name each table by its ``id`` when it has one (``exercise[bird-dog].level``),
    else by its position (``exercise[3].level``). No ``[[key]]`` at all is no values.
    """
    errors = [
        (str(other), f"unknown table: this file holds only [[{key}]] tables")
        for other in document
        if other != key
    ]
    items = document.get(key, [])
    values: list[T] = []
    if not isinstance(items, list):
        errors.append((key, f"must be an array of tables ([[{key}]]), got {_shown(items)}"))
    else:
        try:
            values = list(_items(functools.partial(build, cls), items, labelled=True))
        except ValidationError as exc:
            errors.extend(exc.prefixed(key).errors)
    if errors:
        raise ValidationError(errors)
    return values


def build_named(cls: type[T], document: Mapping[str, object], field: str) -> dict[str, T]:
    """The values of a file of ``[name]`` tables, each name giving ``field`` (a reference's id)."""
    found: dict[str, T] = {}
    errors: list[tuple[str, str]] = []
    for name, table in document.items():
        try:
            found[name] = build(cls, table, **{field: name})
        except ValidationError as exc:
            errors.extend(exc.prefixed(name).errors)
    if errors:
        raise ValidationError(errors)
    return found


# --- what a class's fields say about its tables -----------------------------------------


@attrs.frozen(repr=False)
class _Plan(Shown):
    """What `build` needs to know about one class, worked out once from its fields."""

    fields: tuple[attrs.Attribute[Any], ...]
    names: dict[str, str]
    """Table key to field name."""
    keys: dict[str, str]
    """Field name to table key, for the fields whose key is not their name."""
    required: tuple[tuple[str, str], ...]
    """(table key, field name) of the fields without a default, in field order."""
    required_names: frozenset[str]
    readers: dict[str, Reader]
    """Field name to the reader of its value, for the fields whose values need reading."""

    def table_path(self, path: str) -> str:
        """A path from the class's checks (``items[1].id``) in the table's keys (``item[1].id``)."""
        if not self.keys:
            return path
        end = min((i for i in (path.find("."), path.find("[")) if i >= 0), default=len(path))
        head = path[:end]
        return self.keys.get(head, head) + path[end:]


@functools.cache
def _plan(cls: type) -> _Plan:
    attrs.resolve_types(cls)
    fields = tuple(field for field in attrs.fields(cls) if field.init)
    keys = {field.name: field.metadata.get(TABLE_KEY, field.name) for field in fields}
    readers = {}
    for field in fields:
        reader = _reader(field.type)
        if reader is not None:
            readers[field.name] = reader
    return _Plan(
        fields=fields,
        names={key: name for name, key in keys.items()},
        keys={name: key for name, key in keys.items() if key != name},
        required=tuple(
            (keys[field.name], field.name) for field in fields if field.default is attrs.NOTHING
        ),
        required_names=frozenset(field.name for field in fields if field.default is attrs.NOTHING),
        readers=readers,
    )


def _reader(type_: Any) -> Reader | None:
    """How to read a value of this type from TOML, or None when it is taken as it is."""
    if isinstance(type_, type):
        if issubclass(type_, enum.Enum):
            return _enum(type_)
        if attrs.has(type_):
            return functools.partial(build, type_)
        return None
    origin = typing.get_origin(type_)
    args = typing.get_args(type_)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _array(_reader(args[0]), labelled=attrs.has(args[0]))
    if origin is typing.Union or origin is types.UnionType:
        members = tuple(arg for arg in args if arg is not type(None))
        if len(members) == 1:
            inner = _reader(members[0])
        elif all(attrs.has(member) for member in members):
            inner = _tagged(members)
        else:
            return None
        if inner is None or len(members) == len(args):
            return inner
        return _optional(inner)
    return None


def _enum(enum_type: type[enum.Enum]) -> Reader:
    allowed = ", ".join(repr(member.value) for member in enum_type)

    def read(value: object) -> object:
        try:
            return enum_type(value)
        except (ValueError, TypeError):
            raise ValidationError.single("", f"must be one of {allowed}, got {value!r}") from None

    return read


def _array(item: Reader | None, *, labelled: bool) -> Reader:
    """Read an array as a tuple, each item with ``item``; tables labelled by their id."""

    def read(value: object) -> object:
        if not isinstance(value, list):
            raise ValidationError.single("", f"must be an array, got {_shown(value)}")
        return tuple(value) if item is None else _items(item, value, labelled=labelled)

    return read


def _items(item: Reader, values: list[Any], *, labelled: bool) -> tuple[Any, ...]:
    out = []
    errors: list[tuple[str, str]] = []
    for index, raw in enumerate(values):
        try:
            out.append(item(raw))
        except ValidationError as exc:
            label = raw.get("id") if labelled and isinstance(raw, dict) else None
            errors.extend(exc.prefixed(f"[{label if isinstance(label, str) else index}]").errors)
    if errors:
        raise ValidationError(errors)
    return tuple(out)


def _tagged(members: tuple[Any, ...]) -> Reader | None:
    """Read a table as the member class its ``kind`` names; None unless each has a kind."""
    by_tag = {getattr(member, TAG, None): member for member in members}
    if len(by_tag) != len(members) or not all(isinstance(tag, str) for tag in by_tag):
        return None
    tags = ", ".join(repr(tag) for tag in by_tag)

    def read(value: object) -> object:
        if not isinstance(value, dict):
            raise ValidationError.single("", f"must be a table with a {TAG}, got {value!r}")
        if TAG not in value:
            raise ValidationError.single(TAG, f"is required: one of {tags}")
        tag = value[TAG]
        cls = by_tag.get(tag) if isinstance(tag, str) else None
        if cls is None:
            raise ValidationError.single(TAG, f"must be one of {tags}, got {tag!r}")
        return _build(cls, value, {}, TAG)

    return read


def _optional(inner: Reader) -> Reader:
    def read(value: object) -> object:
        return None if value is None else inner(value)

    return read


def _field_errors(plan: _Plan, values: Mapping[str, object]) -> list[tuple[str, str]]:
    """Every field the class's validators refuse (construction stops at the first).

    lumbar's field validators look only at the value, so each runs on its own here.
    """
    errors: list[tuple[str, str]] = []
    for field in plan.fields:
        if field.name not in values or field.validator is None:
            continue
        value = values[field.name]
        try:
            if field.converter is not None:
                value = field.converter(value)  # type: ignore[operator]
            field.validator(None, field, value)
        except ValidationError as exc:
            errors.extend(exc.errors)
    return errors


def _shown(value: object) -> str:
    names = {dict: "table", list: "array", str: "string", bool: "boolean", int: "integer"}
    kind = names.get(type(value), type(value).__name__)
    return kind if isinstance(value, dict | list) else f"{kind} {value!r}"
