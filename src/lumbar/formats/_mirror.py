"""Reading JSON text through msgspec: a Struct for each document type, made from its shape.

msgspec parses and checks the text in one pass in C against a Struct type made
from each document type's shape (`lumbar.formats._shapes`): the types, the
bounds, lengths, patterns and closed sets its validators declare, unknown fields
refused, doses told apart by their ``kind``. A generated builder then makes the
lumbar objects from the checked Structs without checking each field again: it
sets the fields as attrs documents for frozen classes (``object.__setattr__``),
applies each field's converter, runs the field's validator only where msgspec
cannot express the whole constraint (unique items), and runs the class's own
``__attrs_post_init__`` check. Equal values of the small flat types (doses,
prescriptions) are built once per document.

`read_text` returns None whenever anything does not fit (an error, another
schema version); the caller then reads the text with the dict reader, which
migrates older documents and names every problem with its path. Both readers come
from the same shapes, and the tests check that they agree on every input.
"""

from __future__ import annotations

import datetime
import functools
import operator
from collections.abc import Callable
from typing import Annotated, Any, Literal

import attrs
import msgspec

from lumbar._base import constraints as c
from lumbar._base.trusted import Assembly
from lumbar._base.validators import to_tuple
from lumbar.content._catalog import Catalog
from lumbar.formats import _shapes as s
from lumbar.formats._version import SCHEMA_KEY, SCHEMA_VERSION
from lumbar.model._dose import DOSE_TYPES
from lumbar.model._program import RuleRef
from lumbar.progression._defaults import rule_from_refs
from lumbar.progression._registry import RuleRegistry

UNSET = msgspec.UNSET
_DOSE_CLASSES: tuple[type, ...] = DOSE_TYPES
_REGISTRY = object()
"""The memo key under which a read keeps the rule registry (no Struct equals it)."""
_STRUCT_OPTIONS: dict[str, Any] = {
    "kw_only": True,
    "frozen": True,  # hashable, so that equal flat values are built once
    "forbid_unknown_fields": True,
    "gc": False,  # decoded values hold no cycles
}


def _anchored(pattern: str) -> str:
    # Python's "$" also matches before a final newline; the validators use fullmatch.
    return rf"\A(?:{pattern.removeprefix('^').removesuffix('$')})\Z"


def _meta(**bounds: Any) -> msgspec.Meta | None:
    given = {key: value for key, value in bounds.items() if value is not None}
    return msgspec.Meta(**given) if given else None


def _annotated(type_: Any, meta: msgspec.Meta | None) -> Any:
    return type_ if meta is None else Annotated[type_, meta]


def _value_type(shape: s.Value) -> Any:
    constraint = shape.constraint
    if isinstance(constraint, c.Integer):
        return _annotated(int, _meta(ge=constraint.minimum, le=constraint.maximum))
    if isinstance(constraint, c.Number):
        low = "gt" if constraint.exclusive_minimum else "ge"
        return _annotated(float, _meta(**{low: constraint.minimum}, le=constraint.maximum))
    if isinstance(constraint, c.OneOf):
        return Literal[constraint.values]
    if isinstance(constraint, c.Text):
        pattern = None if constraint.pattern is None else _anchored(constraint.pattern)
        meta = _meta(
            min_length=constraint.min_length or None,
            max_length=constraint.max_length,
            pattern=pattern,
        )
        return _annotated(str, meta)
    if isinstance(constraint, c.Date):
        return datetime.date
    if isinstance(constraint, c.Boolean):
        return bool
    whole = Annotated[int, msgspec.Meta(ge=c.SCALAR_INT_MIN, le=c.SCALAR_INT_MAX)]
    return whole | float | str | bool  # c.Scalar


@functools.cache
def mirror_type(shape: s.Shape) -> Any:
    """The msgspec type that accepts exactly the JSON of ``shape``."""
    if isinstance(shape, s.Value):
        return _value_type(shape)
    if isinstance(shape, s.EnumOf):
        return shape.enum
    if isinstance(shape, s.Nullable):
        return mirror_type(shape.inner) | None
    if isinstance(shape, s.Array):
        return _annotated(
            tuple[mirror_type(shape.item), ...],  # type: ignore[misc]
            _meta(min_length=shape.min_length or None, max_length=shape.max_length),
        )
    if isinstance(shape, s.Entries):
        return dict[mirror_type(shape.key), mirror_type(shape.value)]  # type: ignore[misc]
    if isinstance(shape, s.Object):
        return struct_of(shape.cls)
    if isinstance(shape, s.DoseUnion):
        return functools.reduce(operator.or_, (struct_of(t) for t in _DOSE_CLASSES))
    minimum = shape.min_length if isinstance(shape, s.BaseRules) else 1
    refs: Any = tuple[struct_of(RuleRef), ...]  # type: ignore[misc]
    return Annotated[refs, msgspec.Meta(min_length=minimum)]


@functools.cache
def struct_of(cls: type) -> type[msgspec.Struct]:
    """The Struct type of a document class: its fields, then an optional ``schema``."""
    fields: list[tuple[str, Any] | tuple[str, Any, Any]] = []
    for field in s.fields_of(cls):
        type_ = mirror_type(field.shape)
        if field.required:
            fields.append((field.name, type_))
        else:
            fields.append((field.name, type_ | msgspec.UnsetType, UNSET))
    version = Annotated[int, msgspec.Meta(ge=1, le=SCHEMA_VERSION)]
    fields.append(
        (
            "schema_",
            version | msgspec.UnsetType,
            msgspec.field(default=UNSET, name=SCHEMA_KEY),
        )
    )
    options = dict(_STRUCT_OPTIONS)
    if cls in DOSE_TYPES:
        options.update(tag_field="kind", tag=getattr(cls, "kind"))  # noqa: B009
    return msgspec.defstruct(f"{cls.__name__}Json", fields, **options)


# --- from Structs to lumbar objects -----------------------------------------------------


def _value_builder(shape: s.Shape, namespace: dict[str, Any], value: str, memo: bool) -> str:
    """An expression that turns the checked Struct value ``value`` into the lumbar value.

    ``memo`` is False inside a flat value that is itself remembered: its parts need
    no remembering of their own.
    """
    if isinstance(shape, s.Entries):
        item = _value_builder(shape.value, namespace, "x", memo)
        return value if item == "x" else f"{{k: {item} for k, x in {value}.items()}}"
    if isinstance(shape, s.Value | s.EnumOf):
        return value
    if isinstance(shape, s.Nullable):
        inner = _value_builder(shape.inner, namespace, value, memo)
        return value if inner == value else f"(None if {value} is None else {inner})"
    if isinstance(shape, s.Array):
        item = _value_builder(shape.item, namespace, "x", memo)
        return value if item == "x" else f"tuple([{item} for x in {value}])"
    if isinstance(shape, s.Object):
        name = f"build_{shape.cls.__name__}{'' if memo else '_once'}"
        namespace[name] = builder(shape.cls, memo=memo)
        return f"{name}({value}, memo)"
    if isinstance(shape, s.DoseUnion):
        name = "doses" if memo else "doses_once"
        namespace[name] = _dose_builders(memo)
        return f"{name}[type({value})]({value}, memo)"
    namespace["rules_of"] = _rule_stack if isinstance(shape, s.RuleStack) else _base_rules
    return f"rules_of({value}, memo)"


def _build_refs(refs: tuple[Any, ...], memo: dict[Any, Any]) -> tuple[RuleRef, ...]:
    build = builder(RuleRef)
    return tuple([build(ref, memo) for ref in refs])


def _rule_stack(refs: tuple[Any, ...], memo: dict[Any, Any]) -> Any:
    return rule_from_refs(_build_refs(refs, memo), memo[_REGISTRY])


def _base_rules(refs: tuple[Any, ...], memo: dict[Any, Any]) -> tuple[Any, ...]:
    return tuple(rule_from_refs((ref,), memo[_REGISTRY]) for ref in _build_refs(refs, memo))


def _beyond_msgspec(shape: s.Shape) -> bool:
    """True when a value of ``shape`` needs a check msgspec cannot make (unique items)."""
    if isinstance(shape, s.Nullable):
        return _beyond_msgspec(shape.inner)
    if isinstance(shape, s.Array):
        return shape.unique or shape.ordered or _beyond_msgspec(shape.item)
    if isinstance(shape, s.Entries):
        return _beyond_msgspec(shape.value)
    return False  # an Object is checked by its own builder


@functools.cache
def builder(cls: type, *, memo: bool = True) -> Callable[[Any, dict[Any, Any]], Any]:
    """The generated function that builds a ``cls`` from its checked Struct.

    A flat value (see `lumbar.formats._shapes.is_flat`) is remembered by its
    Struct, so that equal ones are one object, unless ``memo`` is False.
    """
    fields = s.fields_of(cls)
    namespace: dict[str, Any] = {"UNSET": UNSET, "cls": cls}
    direct = cls is not Catalog and all(a.init for a in cls.__attrs_attrs__)  # type: ignore[attr-defined]
    assembly = Assembly(cls) if direct else None
    if assembly is not None:
        # Checked parts, converted as the class would: built as `maker` builds them.
        namespace.update(assembly.namespace)
    remember = memo and s.is_flat(s.Object(cls))
    inner_memo = not remember  # the parts of a remembered value are built with it
    lines = ["def build(m, memo):"]
    if remember:
        lines += ["    found = memo.get(m)", "    if found is not None:", "        return found"]
    if assembly is not None:
        lines.append(f"    {assembly.start('o')}")
    for index, field in enumerate(fields):
        if field.required:
            built = _value_builder(field.shape, namespace, f"m.{field.name}", inner_memo)
            lines.append(f"    v = {built}")
        else:
            built = _value_builder(field.shape, namespace, "v", inner_memo)
            default = field.default
            if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                namespace[f"default{index}"] = default.factory
                if default.takes_self and not direct:
                    raise s.DeclarationError(f"{cls.__name__}.{field.name}: unsupported default")
                # A default made from the fields before it, which are set by now.
                missing = f"default{index}({'o' if default.takes_self else ''})"
            else:  # defaults of document fields are immutable values
                namespace[f"default{index}"] = default
                missing = f"default{index}"
            lines.append(f"    v = m.{field.name}")
            lines.append(f"    v = {missing} if v is UNSET else {built}")
        # A tuple converter leaves a tuple alone; every other converter runs, as in __init__.
        if field.converter is not None and not (
            isinstance(field.shape, s.Array) and field.converter is to_tuple
        ):
            namespace[f"convert{index}"] = field.converter
            lines.append(f"    v = convert{index}(v)")
        if _beyond_msgspec(field.shape):
            namespace[f"field{index}"] = field.attribute
            namespace[f"check{index}"] = field.validator
            lines.append(f"    check{index}(None, field{index}, v)")
        lines.append(
            f"    {assembly.set('o', field.name, 'v')}"
            if assembly is not None
            else f"    a{index} = v"
        )
    if assembly is not None:
        lines += [f"    {line}" for line in assembly.finish("o")]
    elif cls is Catalog:
        lines.append("    o = cls(a0)")
    else:
        arguments = ", ".join(f"{f.name}=a{i}" for i, f in enumerate(fields))
        lines.append(f"    o = cls({arguments})")
    if remember:
        lines.append("    memo[m] = o")
    lines.append("    return o")
    exec("\n".join(lines), namespace)  # the source holds field names and literals only
    return namespace["build"]  # type: ignore[no-any-return]


@functools.cache
def _dose_builders(memo: bool = True) -> dict[type, Callable[[Any, dict[Any, Any]], Any]]:
    """The builder of each dose type, by its Struct type."""
    return {struct_of(t): builder(t, memo=memo) for t in _DOSE_CLASSES}


@functools.cache
def _decoder(cls: Any) -> msgspec.json.Decoder[Any]:
    return msgspec.json.Decoder(mirror_type(s.top_shape(cls)))


def read_text(text: str | bytes | bytearray, cls: Any, registry: RuleRegistry | None) -> Any:
    """The document in ``text``, or None when the text is not a valid current document."""
    try:
        struct = _decoder(cls).decode(text)
    except (msgspec.ValidationError, msgspec.DecodeError, UnicodeError):
        return None  # UnicodeError: text with a lone surrogate, which is no UTF-8
    if struct.schema_ != SCHEMA_VERSION:
        return None  # none (an error), or an older version to migrate
    memo: dict[Any, Any] = {_REGISTRY: registry}
    try:
        if cls in DOSE_TYPES and type(struct) is not struct_of(cls):
            return None
        dose = s.top_shape(cls) == s.DoseUnion()
        build = _dose_builders()[type(struct)] if dose else builder(cls)
        return build(struct, memo)
    except Exception:  # whatever failed, the dict reader says what and where
        return None
