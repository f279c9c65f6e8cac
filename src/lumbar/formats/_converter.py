"""The one cattrs converter behind lumbar's JSON, configured in one place.

Loading takes two passes only when it has to. The fast pass is a cattrs converter
made strict (no coercion of ``"5"`` to 5 or ``"false"`` to True, unknown fields
forbidden, doses dispatched on their ``kind``) but without cattrs' detailed
validation. Valid documents, the common case, pass once. When anything fails,
the document is walked again by `_explain`, which collects every problem
with its path (cattrs reports a failing attrs validator at the object, and only
the first one), so that the error names each bad field.

JSON text has two shortcuts, both for the documents that repeat themselves: a
program prescribes the same exercise at the same dose in session after session.
Writing, `_encode_object` writes text directly, each distinct prescription
once, instead of building dicts for ``json``. Reading, `_load_canonical_text`
parses and builds each distinct prescription text once. Each gives exactly what
the plain path gives (tests compare them), and reading falls back to the plain path
whenever the text does not fit.

This module imports cattrs; ``lumbar.formats._json`` imports it on first use only.
"""

from __future__ import annotations

import contextvars
import datetime
import enum
import functools
import json
import math
import operator
import re
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, TypeVar, Union

import attrs
import cattrs

from lumbar._base.frozen import FrozenDict
from lumbar.content._catalog import Catalog
from lumbar.content._program_check import catalog_errors
from lumbar.errors import ValidationError, join_path
from lumbar.formats._schema import SCHEMA_VERSION
from lumbar.model._activity import ActivityGoal
from lumbar.model._dose import DOSE_TYPE_BY_KIND, DOSE_TYPES, Dose
from lumbar.model._exercise import Exercise
from lumbar.model._program import Phase, Prescription, Program, Session, Week

T = TypeVar("T")

SCHEMA_KEY = "schema"
MAX_DOCUMENT_BYTES = 16 * 1024 * 1024
"""Longer JSON text is refused before parsing: no lumbar document comes near it."""

_SCALARS: dict[type, str] = {
    int: "an integer",
    float: "a number",
    str: "a string",
    bool: "true or false",
}


class _Invalid(Exception):
    """Raised by the fast pass's hooks; only tells the loader to run the slow pass."""


# Programs repeat the same dose and prescription many times (every session of a week,
# often several weeks running). Within one load, an identical piece of input yields
# the same frozen object, built and validated once. The memo lives only for that
# call: a ContextVar keeps concurrent loads apart and nothing outlives the call.
_MEMO: contextvars.ContextVar[dict[Any, Any] | None] = contextvars.ContextVar(
    "lumbar_load_memo", default=None
)
_PRESCRIPTION_KEYS = frozenset(("exercise", "dose", "note"))
# Set while `_load_canonical_text` structures its skeleton, whose prescription
# lists already hold the prescriptions it built and validated from their own text.
_PREBUILT: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "lumbar_load_prebuilt", default=False
)
_ONLY_PRESCRIPTIONS = frozenset((Prescription,))


# --- the converter -------------------------------------------------------------------


def _strict_int(value: Any, _: Any) -> int:
    if type(value) is int:
        return value
    raise _Invalid


def _strict_float(value: Any, _: Any) -> float:
    if type(value) is float:
        return value
    if type(value) is int:
        return float(value)
    raise _Invalid


def _strict_str(value: Any, _: Any) -> str:
    if type(value) is str:
        return value
    raise _Invalid


def _strict_bool(value: Any, _: Any) -> bool:
    if type(value) is bool:
        return value
    raise _Invalid


def _structure_date(value: Any, _: Any) -> datetime.date:
    if type(value) is str and len(value) == 10:
        return datetime.date.fromisoformat(value)
    raise _Invalid


def _is_dose(type_: Any) -> bool:
    return bool(type_ == Dose)


def _is_optional_dose(type_: Any) -> bool:
    return bool(type_ == Dose | None)


def _is_tuple(type_: Any) -> bool:
    return typing.get_origin(type_) is tuple


def _is_scalar_mapping(type_: Any) -> bool:
    if typing.get_origin(type_) not in (Mapping, dict):
        return False
    _, value_type = typing.get_args(type_)
    return all(arg in _SCALARS for arg in _members(value_type))


def _members(type_: Any) -> tuple[Any, ...]:
    if typing.get_origin(type_) in (Union, types.UnionType):
        return typing.get_args(type_)
    return (type_,)


def configure_converter(converter: cattrs.Converter) -> None:
    """Make ``converter`` strict and teach it lumbar's formats."""
    converter.register_structure_hook(int, _strict_int)
    converter.register_structure_hook(float, _strict_float)
    converter.register_structure_hook(str, _strict_str)
    converter.register_structure_hook(bool, _strict_bool)
    converter.register_structure_hook(datetime.date, _structure_date)
    converter.register_unstructure_hook(datetime.date, datetime.date.isoformat)
    converter.register_unstructure_hook(FrozenDict, dict)
    converter.register_structure_hook_factory(_is_tuple, _tuple_hook_factory(converter))
    converter.register_structure_hook_func(_is_scalar_mapping, _structure_scalar_mapping)

    def structure_dose(value: Any, _: Any) -> Dose:
        if type(value) is not dict:
            raise _Invalid
        memo = _MEMO.get()
        if memo is not None:
            values = tuple(value.values())
            # The value types are part of the key: 1, 1.0 and True are equal in Python.
            key = (tuple(value), values, tuple(map(type, values)))
            found = memo.get(key)
            if found is not None:
                return found  # type: ignore[no-any-return]
        fields = dict(value)
        kind = fields.pop("kind", None)
        dose_type = DOSE_TYPE_BY_KIND.get(kind) if type(kind) is str else None
        if dose_type is None:
            raise _Invalid
        # Dose classes check the exact type and range of every field, and their
        # keyword-only __init__ rejects unknown and missing keys, so nothing is lost
        # by skipping per-field hooks here.
        dose: Dose = dose_type(**fields)
        if memo is not None:
            memo[key] = dose
        return dose

    def structure_prescription(value: Any, _: Any) -> Prescription:
        if type(value) is not dict or not _PRESCRIPTION_KEYS.issuperset(value):
            raise _Invalid
        exercise = value["exercise"]
        note = value.get("note", "")
        if type(exercise) is not str or type(note) is not str:
            raise _Invalid
        dose = structure_dose(value["dose"], Dose)
        memo = _MEMO.get()
        if memo is None:
            return Prescription(exercise=exercise, dose=dose, note=note)
        # Equal doses are one object within a load, so the dose's identity is a safe key.
        key = (exercise, note, id(dose))
        found = memo.get(key)
        if found is None:
            found = memo[key] = Prescription(exercise=exercise, dose=dose, note=note)
        return found

    def structure_prescriptions(value: Any, _: Any) -> tuple[Prescription, ...]:
        # The hottest list in any document: one memo lookup per item when it repeats.
        if type(value) is not list:
            raise _Invalid
        prebuilt = _PREBUILT.get()
        if prebuilt and set(map(type, value)) == _ONLY_PRESCRIPTIONS:
            return tuple(value)
        memo = _MEMO.get()
        if memo is None:
            return tuple([structure_prescription(item, Prescription) for item in value])
        out = []
        for item in value:
            if type(item) is not dict:
                if prebuilt and type(item) is Prescription:
                    out.append(item)
                    continue
                raise _Invalid
            if type(dose := item.get("dose")) is not dict:
                raise _Invalid
            values = dose.values()
            key = (
                *item,
                item.get("exercise"),
                item.get("note"),
                *dose,
                *values,
                *map(type, values),
            )
            found = memo.get(key)
            if found is None:
                found = memo[key] = structure_prescription(item, Prescription)
            out.append(found)
        return tuple(out)

    def structure_catalog(value: Any, _: Any) -> Catalog:
        if type(value) is not dict or set(value) != {"exercises"}:
            raise _Invalid
        return Catalog(converter.structure(value["exercises"], tuple[Exercise, ...]))

    def structure_optional_dose(value: Any, _: Any) -> Dose | None:
        return None if value is None else structure_dose(value, Dose)

    converter.register_structure_hook_func(_is_dose, structure_dose)
    converter.register_structure_hook_func(_is_optional_dose, structure_optional_dose)
    converter.register_structure_hook(Prescription, structure_prescription)
    converter.register_structure_hook(Catalog, structure_catalog)
    converter.register_unstructure_hook(
        Catalog, lambda catalog: {"exercises": [converter.unstructure(e) for e in catalog]}
    )
    converter.register_structure_hook_func(
        lambda type_: type_ == tuple[Prescription, ...], structure_prescriptions
    )
    for dose_type in DOSE_TYPES:
        converter.register_unstructure_hook(dose_type, _dose_unstructurer(dose_type))


def _tuple_hook_factory(converter: cattrs.Converter) -> Callable[[Any], Any]:
    def factory(type_: Any) -> Callable[[Any, Any], tuple[Any, ...]]:
        args = typing.get_args(type_)
        item_type = args[0] if args else Any

        hook: list[Callable[[Any, Any], Any]] = []

        def structure_tuple(value: Any, _: Any) -> tuple[Any, ...]:
            if type(value) is not list:
                raise _Invalid
            if not hook:  # resolved on first use: the item type may be registered later
                hook.append(converter.get_structure_hook(item_type))
            structure = hook[0]
            return tuple([structure(item, item_type) for item in value])

        return structure_tuple

    return factory


def _structure_scalar_mapping(value: Any, type_: Any) -> Mapping[str, Any]:
    if type(value) is not dict:
        raise _Invalid
    allowed = set(_members(typing.get_args(type_)[1]))
    for key, item in value.items():
        if type(key) is not str or type(item) not in allowed:
            raise _Invalid
    return FrozenDict(value)


def _dose_unstructurer(dose_type: type[Dose]) -> Callable[[Dose], dict[str, Any]]:
    names = tuple(a.name for a in attrs.fields(dose_type))
    kind = dose_type.kind

    def unstructure(dose: Dose) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": kind}
        for name in names:
            out[name] = getattr(dose, name)
        return out

    return unstructure


def make_converter() -> cattrs.Converter:
    """A converter for the fast, strict pass (detailed validation off)."""
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=False)
    configure_converter(converter)
    return converter


@functools.cache
def _converter() -> cattrs.Converter:
    # Built on first use and shared: converters are safe to share once configured.
    return make_converter()


_NESTED: frozenset[type] = frozenset((Program, Week, Session))
"""The containers of prescriptions, which the text shortcuts below apply to."""

# --- public operations -----------------------------------------------------------


def dump(obj: object) -> dict[str, Any]:
    if not attrs.has(type(obj)):
        raise TypeError(f"to_dict takes a lumbar object, got {type(obj).__name__}")
    data = _converter().unstructure(obj)
    data[SCHEMA_KEY] = SCHEMA_VERSION
    return data  # type: ignore[no-any-return]


_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode


def dump_json(obj: object, indent: int | None) -> str:
    if indent is not None:
        data = dump(obj)
        return json.dumps(data, ensure_ascii=False, indent=indent, allow_nan=False)
    if not attrs.has(type(obj)):
        raise TypeError(f"to_json takes a lumbar object, got {type(obj).__name__}")
    text = _encode_object(obj, {})
    return f'{text[:-1]}{"," if len(text) > 2 else ""}"{SCHEMA_KEY}":{SCHEMA_VERSION}}}'


# --- JSON text without building dicts first --------------------------------------------
#
# ``_encode_object`` writes the same text as ``_encode(to_dict(obj))`` without the
# schema version, only faster: scalars are written as ``_encode`` writes them, objects
# by writers generated for their class, and each distinct prescription of a document
# once. The writers are built when this module is imported and never change after.


def _float_text(value: float) -> str:
    # _encode refuses NaN and infinities (allow_nan=False); so does this, through it.
    return float.__repr__(value) if math.isfinite(value) else _encode(value)


def _converted_text(value: Any) -> str:
    return _encode(_converter().unstructure(value))


def _value_text(value: Any) -> str:
    return _WRITERS.get(type(value), _converted_text)(value)


# A prescription's fields, all of which take part in its equality: equal keys, equal text.
_prescription_key = operator.attrgetter(*(a.name for a in attrs.fields(Prescription)))


def _prescriptions_text(items: tuple[Any, ...], memo: dict[Any, str]) -> str:
    """A JSON array of prescriptions, writing each distinct one once per document."""
    out = []
    get = memo.get
    write = _WRITERS[Prescription]
    for item in items:
        if type(item) is not Prescription:
            out.append(_value_text(item))
            continue
        key = _prescription_key(item)
        text = get(key)
        if text is None:
            text = memo[key] = write(item)
        out.append(text)
    return "[" + ",".join(out) + "]"


def _encode_object(obj: Any, memo: dict[Any, str]) -> str:
    """Compact JSON of a lumbar object; ``memo`` holds each distinct prescription's text."""
    writer = _NESTED_WRITERS.get(type(obj))
    if writer is None:
        return _value_text(obj)
    return writer(obj, memo)


def _item_type(type_: Any) -> Any:
    """``X`` for ``tuple[X, ...]``, else None."""
    args = typing.get_args(type_)
    if typing.get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis:
        return args[0]
    return None


def _compile_writer(cls: type, *, kind: str | None = None, nested: bool = False) -> Any:
    """Generate the writer of an attrs class: ``write(obj)``, or ``write(obj, memo)``.

    Like attrs and cattrs, this generates code, so that a field costs one attribute
    read and one call of the writer for its value's type, and no loop. With
    ``nested`` (programs, weeks, sessions), lists of prescriptions, weeks and
    sessions are written through ``memo``. A dose's ``kind`` tag comes first, as
    the dose unstructurer writes it.
    """
    fields = attrs.fields(attrs.resolve_types(cls) if nested else cls)
    literal = "{" if kind is None else f'{{"kind":{_encode(kind)}'
    lines = [f"def write(obj{', memo' if nested else ''}):"]
    pieces = []
    for index, field in enumerate(fields):
        value = f"v{index}"
        lines.append(f"    {value} = obj.{field.name}")
        separator = "," if index or kind is not None else ""
        pieces.append(repr(f"{literal}{separator}{_encode(field.name)}:"))
        literal = ""
        item_type = _item_type(field.type) if nested else None
        if item_type is Prescription:
            pieces.append(f"_prescriptions_text({value}, memo)")
        elif item_type in _NESTED:
            pieces.append(f"'[' + ','.join([_encode_object(x, memo) for x in {value}]) + ']'")
        else:
            pieces.append(f"_get(type({value}), _converted_text)({value})")
    pieces.append(repr(f"{literal}}}"))
    lines.append(f"    return {' + '.join(pieces)}")
    namespace = {
        "_get": _WRITERS.get,
        "_converted_text": _converted_text,
        "_prescriptions_text": _prescriptions_text,
        "_encode_object": _encode_object,
    }
    exec("\n".join(lines), namespace)  # the source holds field names and string literals only
    return namespace["write"]


_WRITERS: dict[type, Callable[[Any], str]] = {
    str: json.encoder.encode_basestring,  # what _encode uses for strings
    int: int.__repr__,
    float: _float_text,
    bool: {True: "true", False: "false"}.__getitem__,
    type(None): {None: "null"}.__getitem__,
}
"""The text of a value, by its exact type; other types go through the converter."""
for _dose_type in DOSE_TYPES:
    _WRITERS[_dose_type] = _compile_writer(_dose_type, kind=_dose_type.kind)
for _plain_type in (Prescription, ActivityGoal, Phase):  # fields of scalars and doses
    _WRITERS[_plain_type] = _compile_writer(_plain_type)
del _dose_type, _plain_type

_NESTED_WRITERS: dict[type, Callable[[Any, dict[Any, str]], str]] = {
    cls: _compile_writer(cls, nested=True) for cls in _NESTED
}


def load_json(text: str | bytes, cls: type[T], catalog: Catalog | None) -> T:
    if not isinstance(text, str | bytes | bytearray):
        raise ValidationError.single("", f"JSON must be text, got {type(text).__name__}")
    if len(text) > MAX_DOCUMENT_BYTES:
        raise ValidationError.single(
            "", f"document too large: {len(text)} bytes, at most {MAX_DOCUMENT_BYTES}"
        )
    if cls in _NESTED:
        obj = _load_canonical_text(text, cls)
        if obj is not None:
            return _checked_against(obj, catalog)
    try:
        data = json.loads(text)
    except RecursionError:
        raise ValidationError.single("", "document nested too deeply") from None
    except (ValueError, TypeError) as exc:  # JSONDecodeError and bad bytes
        raise ValidationError.single("", f"not valid JSON: {exc}") from None
    return load(data, cls, catalog)


def load(data: object, cls: type[T], catalog: Catalog | None) -> T:
    if not (isinstance(cls, type) and attrs.has(cls)):
        raise TypeError(f"from_dict needs a lumbar class, got {cls!r}")
    body = _body(data)
    # A dose document carries its kind tag, so it loads through the tagged union.
    target: Any = Dose if cls in DOSE_TYPES else cls
    token = _MEMO.set({})
    try:
        obj = _converter().structure(body, target)
    except RecursionError:
        raise ValidationError.single("", "document nested too deeply") from None
    except Exception as exc:  # any failure of the fast pass: explain it field by field
        errors: list[tuple[str, str]] = []
        try:
            _explain(body, target, "", errors)
        except RecursionError:
            errors = [("", "document nested too deeply")]
        if not errors:
            errors = [("", f"invalid document ({type(exc).__name__})")]
        raise ValidationError(errors) from None
    finally:
        _MEMO.reset(token)
    if type(obj) is not cls:
        kind = getattr(cls, "kind", cls.__name__)
        raise ValidationError.single("kind", f"must be {kind!r}, got {body.get('kind')!r}")
    return _checked_against(obj, catalog)  # type: ignore[return-value]


def _body(data: object) -> dict[str, Any]:
    """The document without its schema version, once the version is checked."""
    if type(data) is not dict:
        raise ValidationError.single("", f"must be an object, got {_describe(data)}")
    version = data.get(SCHEMA_KEY)
    if version != SCHEMA_VERSION or type(version) is not int:
        found = "no schema version" if SCHEMA_KEY not in data else f"schema {version!r}"
        raise ValidationError.single(
            SCHEMA_KEY,
            f"must be {SCHEMA_VERSION} (this lumbar reads version "
            f"{SCHEMA_VERSION} documents), got {found}",
        )
    return {k: v for k, v in data.items() if k != SCHEMA_KEY}


def _checked_against(obj: T, catalog: Catalog | None) -> T:
    if catalog is not None:
        problems = catalog_errors(obj, catalog)
        if problems:
            raise ValidationError(problems)
    return obj


# --- reading repetitive JSON text ----------------------------------------------------

# A prescription as ``to_json`` writes it: from its opening brace past two closing ones
# (its dose's and its own). Loose on purpose, as a search for candidates: each distinct
# match is parsed on its own, and one that is not exactly one JSON object sends the
# load the usual way (as does a note with a closing brace, which ends a match early).
_PRESCRIPTION_TEXT = re.compile(r'(\{"exercise":[^}]*\}[^}]*\})')
_PLACEHOLDER = "NaN"
_DECODER = json.JSONDecoder()


def _load_canonical_text(text: str | bytes | bytearray, cls: type[T]) -> T | None:
    """A program, week or session from JSON text, each distinct prescription parsed once.

    Programs repeat the same prescription text hundreds of times. Each distinct
    prescription text is parsed and validated once; the rest of the document (the
    skeleton) is parsed with the JSON constant ``NaN`` in place of each prescription,
    and the parser hands back, for each constant it meets, the prescription built
    for that place. The document then reads exactly as parsing it whole would read
    it, because:

    * each distinct prescription text is exactly one JSON object (checked);
    * the text around the prescriptions holds no ``NaN`` or ``Infinity`` (checked),
      so the only constants the parser can meet are the placeholders;
    * the parser met every placeholder as a value (checked: one met inside a string,
      say, leaves a prescription over), and a value whose text is one whole JSON
      object reads the same in its place;
    * only the hook for lists of prescriptions accepts a built prescription (and
      only here); anywhere else one fails the strict hooks.

    Returns None when the text does not fit or anything fails; the caller then
    reads the text the usual way, which gives the same result, or explains errors.
    """
    try:
        if not isinstance(text, str):
            # The same decoding as json.loads applies to bytes.
            text = text.decode(json.detect_encoding(text), "surrogatepass")
        pieces = _PRESCRIPTION_TEXT.split(text)
        found = pieces[1::2]
        outside = pieces[::2]
        probe = "".join(outside)
        if not found or _PLACEHOLDER in probe or "Infinity" in probe:
            return None
        memo_token = _MEMO.set({})
        prebuilt_token = _PREBUILT.set(True)
        try:
            built: dict[str, Prescription] = {}
            structure = _converter().get_structure_hook(Prescription)
            for piece in dict.fromkeys(found):
                value, end = _DECODER.raw_decode(piece)
                if end != len(piece):
                    return None
                built[piece] = structure(value, Prescription)
            in_order = map(built.__getitem__, found)
            data = json.loads(
                _PLACEHOLDER.join(outside), parse_constant=functools.partial(next, in_order)
            )
            if next(in_order, None) is not None:  # a placeholder was read inside a string
                return None
            obj = _converter().structure(_body(data), cls)
        finally:
            _PREBUILT.reset(prebuilt_token)
            _MEMO.reset(memo_token)
    except Exception:
        return None
    return obj if type(obj) is cls else None


# --- the slow pass: every problem, with its path --------------------------------------

_BAD = object()


def _describe(value: object) -> str:
    names = {
        dict: "an object",
        list: "an array",
        str: "a string",
        bool: "a boolean",
        int: "an integer",
        float: "a number",
        type(None): "null",
    }
    shown = repr(value)
    if len(shown) > 40:
        shown = shown[:37] + "..."
    name = names.get(type(value), type(value).__name__)
    return name if isinstance(value, dict | list) or value is None else f"{name} {shown}"


def _explain(value: Any, type_: Any, path: str, errors: list[tuple[str, str]]) -> Any:
    """Structure ``value`` as ``type_``, appending every problem to ``errors``.

    Returns the structured value, or ``_BAD`` where a problem was found.
    """
    if type_ is Any:
        return value
    if _is_dose(type_):
        return _explain_dose(value, path, errors)
    if _is_optional_dose(type_):
        return None if value is None else _explain_dose(value, path, errors)
    if type_ is Catalog:
        return _explain_catalog(value, path, errors)
    if isinstance(type_, type) and attrs.has(type_):
        return _explain_attrs(value, type_, path, errors)
    members = _members(type_)
    if len(members) > 1:
        if value is None and type(None) in members:
            return None
        if all(m in _SCALARS for m in members if m is not type(None)):
            if type(value) in members or (float in members and type(value) is int):
                return value
            wanted = " or ".join(_SCALARS[m] for m in members if m in _SCALARS)
            errors.append((path, f"must be {wanted}, got {_describe(value)}"))
            return _BAD
        non_none = [m for m in members if m is not type(None)]
        if len(non_none) == 1:
            if value is None:
                return None
            return _explain(value, non_none[0], path, errors)
    if type_ in _SCALARS:
        if type(value) is type_ or (type_ is float and type(value) is int):
            return float(value) if type_ is float else value
        errors.append((path, f"must be {_SCALARS[type_]}, got {_describe(value)}"))
        return _BAD
    if type_ is type(None):
        if value is None:
            return None
        errors.append((path, f"must be null, got {_describe(value)}"))
        return _BAD
    if isinstance(type_, type) and issubclass(type_, enum.Enum):
        for member in type_:
            if member.value == value and type(member.value) is type(value):
                return member
        allowed = ", ".join(repr(m.value) for m in type_)
        errors.append((path, f"must be one of {allowed}, got {_describe(value)}"))
        return _BAD
    if type_ is datetime.date:
        if type(value) is str:
            try:
                return datetime.date.fromisoformat(value)
            except ValueError:
                pass
        errors.append((path, f"must be a date as 'YYYY-MM-DD', got {_describe(value)}"))
        return _BAD
    origin = typing.get_origin(type_)
    if origin is tuple:
        if type(value) is not list:
            errors.append((path, f"must be an array, got {_describe(value)}"))
            return _BAD
        args = typing.get_args(type_)
        item_type = args[0] if args else Any
        items = [_explain(item, item_type, f"{path}[{i}]", errors) for i, item in enumerate(value)]
        return _BAD if any(item is _BAD for item in items) else tuple(items)
    if origin in (Mapping, dict):
        if type(value) is not dict:
            errors.append((path, f"must be an object, got {_describe(value)}"))
            return _BAD
        _, value_type = typing.get_args(type_)
        out = {}
        for key, item in value.items():
            out[key] = _explain(item, value_type, join_path(path, str(key)), errors)
        return _BAD if any(item is _BAD for item in out.values()) else FrozenDict(out)
    errors.append((path, f"cannot read a value of type {type_!r}"))
    return _BAD


def _explain_dose(value: Any, path: str, errors: list[tuple[str, str]]) -> Any:
    if type(value) is not dict:
        errors.append((path, f"must be a dose object with a kind, got {_describe(value)}"))
        return _BAD
    kind = value.get("kind")
    dose_type = DOSE_TYPE_BY_KIND.get(kind) if type(kind) is str else None
    if dose_type is None:
        kinds = ", ".join(repr(k) for k in DOSE_TYPE_BY_KIND)
        errors.append(
            (
                join_path(path, "kind"),
                f"must be one of {kinds}, got {_describe(kind)}"
                if "kind" in value
                else f"is required (one of {kinds})",
            )
        )
        return _BAD
    return _explain_attrs({k: v for k, v in value.items() if k != "kind"}, dose_type, path, errors)


def _explain_catalog(value: Any, path: str, errors: list[tuple[str, str]]) -> Any:
    if type(value) is not dict:
        errors.append((path, f"must be an object, got {_describe(value)}"))
        return _BAD
    for key in value:
        if key != "exercises":
            errors.append((join_path(path, str(key)), "unknown field"))
    if "exercises" not in value:
        errors.append((join_path(path, "exercises"), "is required"))
        return _BAD
    items = _explain(value["exercises"], tuple[Exercise, ...], join_path(path, "exercises"), errors)
    if items is _BAD or len(value) != 1:
        return _BAD
    try:
        return Catalog(items)
    except ValidationError as exc:
        errors.extend(exc.prefixed(path).errors)
    return _BAD


@functools.cache
def _resolved_fields(cls: type) -> tuple[attrs.Attribute[Any], ...]:
    attrs.resolve_types(cls)
    return tuple(attrs.fields(cls))


def _explain_attrs(value: Any, cls: type, path: str, errors: list[tuple[str, str]]) -> Any:
    if type(value) is not dict:
        errors.append((path, f"must be an object, got {_describe(value)}"))
        return _BAD
    fields = [f for f in _resolved_fields(cls) if f.init]
    known = {f.name for f in fields}
    for key in value:
        if key not in known:
            errors.append((join_path(path, str(key)), "unknown field"))
    start = len(errors)
    kwargs: dict[str, Any] = {}
    for field in fields:
        field_path = join_path(path, field.name)
        if field.name not in value:
            if field.default is attrs.NOTHING:
                errors.append((field_path, "is required"))
            continue
        item = _explain(value[field.name], field.type, field_path, errors)
        if item is _BAD:
            continue
        if field.converter is not None:
            item = field.converter(item)  # type: ignore[operator]
        if field.validator is not None:
            try:
                field.validator(None, field, item)
            except ValidationError as exc:
                errors.extend(exc.prefixed(path).errors)
                continue
        kwargs[field.name] = item
    if len(errors) > start or set(value) - known:
        return _BAD
    try:
        return cls(**kwargs)
    except ValidationError as exc:
        errors.extend(exc.prefixed(path).errors)
    except (TypeError, ValueError) as exc:
        errors.append((path, str(exc)))
    return _BAD
