"""JSON Schema (draft 2020-12) of each document type, from its shape.

The schema says, field by field, what the JSON reader accepts: types, bounds,
lengths, patterns, closed sets, required and unknown fields, and the ``schema``
version (required at the top of a document, allowed in a nested one). Checks that
span several fields are the classes' own and are not in the schema; every document
the reader accepts is valid against it (a property test checks that).
"""

from __future__ import annotations

import functools
import inspect
from typing import Any

from lumbar._base import constraints as c
from lumbar.formats import _shapes as s
from lumbar.formats._converter import writer_of
from lumbar.formats._documents import check_document_type, document_name
from lumbar.formats._version import SCHEMA_KEY, SCHEMA_VERSION
from lumbar.model._dose import DOSE_TYPES
from lumbar.model._program import RuleRef

DIALECT = "https://json-schema.org/draft/2020-12/schema"
REF_PREFIX = "#/$defs/"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"

JsonSchema = dict[str, Any]


def json_schema(cls: Any) -> JsonSchema:
    """The whole schema of a document of ``cls``: the document, then ``$defs``."""
    root, definitions = schema_parts(cls)
    return {"$schema": DIALECT, **root, **({"$defs": definitions} if definitions else {})}


def schema_parts(cls: Any) -> tuple[JsonSchema, dict[str, JsonSchema]]:
    """The schema of a top-level document and the definitions it refers to (``#/$defs/X``)."""
    check_document_type(cls, "json_schema")
    definitions: dict[str, JsonSchema] = {}
    top = s.top_shape(cls)
    if isinstance(top, s.DoseUnion) and cls in DOSE_TYPES:
        top = s.Object(cls)
    if isinstance(top, s.Object):
        root = _object(top.cls, definitions, top_level=True)
    else:
        root = {"title": "Dose", **_shape(top, definitions)}
        root = {"allOf": [root, _VERSIONED]}
    return root, dict(sorted(definitions.items()))


_VERSIONED: JsonSchema = {"required": [SCHEMA_KEY]}


def version_schema() -> JsonSchema:
    return {
        "type": "integer",
        "minimum": 1,
        "maximum": SCHEMA_VERSION,
        "description": "The version of lumbar's JSON format the document was written in.",
    }


@functools.cache
def _description(cls: type) -> str:
    text = inspect.getdoc(cls) or ""
    return text.split("\n\n", 1)[0].replace("\n", " ").replace("``", "`")


def _object(cls: type, definitions: dict[str, JsonSchema], *, top_level: bool) -> JsonSchema:
    properties: dict[str, JsonSchema] = {}
    required: list[str] = []
    for field in s.fields_of(cls):
        schema = _shape(field.shape, definitions)
        if field.required:
            required.append(field.name)
        elif field.fixed_default:
            schema = {**schema, "default": _default(field)}
        properties[field.name] = schema
    if cls in DOSE_TYPES:
        properties = {"kind": {"const": getattr(cls, "kind")}, **properties}  # noqa: B009
        required.insert(0, "kind")
    properties[SCHEMA_KEY] = version_schema()
    if top_level:
        required.append(SCHEMA_KEY)
    out: JsonSchema = {"title": document_name(cls), "type": "object"}
    description = _description(cls)
    if description:
        out["description"] = description
    out["properties"] = properties
    if required:
        out["required"] = required
    out["additionalProperties"] = False
    return out


def _default(field: s.Field) -> Any:
    value = field.default_value()
    if field.converter is not None:
        value = field.converter(value)
    return writer_of(field.shape)(value)


def _reference(cls: type, definitions: dict[str, JsonSchema]) -> JsonSchema:
    name = document_name(cls)
    if name not in definitions:
        definitions[name] = {}  # taken, before the fields refer back
        definitions[name] = _object(cls, definitions, top_level=False)
    return {"$ref": REF_PREFIX + name}


def _value(shape: s.Value) -> JsonSchema:
    constraint = shape.constraint
    if isinstance(constraint, c.Integer | c.Number):
        out: JsonSchema = {"type": "integer" if isinstance(constraint, c.Integer) else "number"}
        if constraint.minimum is not None:
            exclusive = isinstance(constraint, c.Number) and constraint.exclusive_minimum
            out["exclusiveMinimum" if exclusive else "minimum"] = constraint.minimum
        if constraint.maximum is not None:
            out["maximum"] = constraint.maximum
        return out
    if isinstance(constraint, c.OneOf):
        return {"type": "string", "enum": list(constraint.values)}
    if isinstance(constraint, c.Text):
        out = {"type": "string"}
        if constraint.min_length:
            out["minLength"] = constraint.min_length
        out["maxLength"] = constraint.max_length
        if constraint.pattern is not None:
            out["pattern"] = constraint.pattern
        return out
    if isinstance(constraint, c.Date):
        return {"type": "string", "format": "date", "pattern": DATE_PATTERN}
    if isinstance(constraint, c.Boolean):
        return {"type": "boolean"}
    return {"type": ["number", "string", "boolean"]}  # c.Scalar


def _shape(shape: s.Shape, definitions: dict[str, JsonSchema]) -> JsonSchema:
    if isinstance(shape, s.Value):
        return _value(shape)
    if isinstance(shape, s.EnumOf):
        values = [member.value for member in shape.enum]
        kind = "string" if all(type(v) is str for v in values) else None
        return {**({"type": kind} if kind else {}), "enum": values}
    if isinstance(shape, s.Nullable):
        inner = _shape(shape.inner, definitions)
        if isinstance(inner.get("type"), str):
            out = {**inner, "type": [inner["type"], "null"]}
            if "enum" in out:
                out["enum"] = [*out["enum"], None]
            return out
        return {"anyOf": [inner, {"type": "null"}]}
    if isinstance(shape, s.Array):
        array: JsonSchema = {"type": "array", "items": _shape(shape.item, definitions)}
        if shape.min_length:
            array["minItems"] = shape.min_length
        if shape.max_length is not None:
            array["maxItems"] = shape.max_length
        if shape.unique:
            array["uniqueItems"] = True
        return array
    if isinstance(shape, s.Entries):
        entries: JsonSchema = {
            "type": "object",
            "propertyNames": _value(shape.key),
            "additionalProperties": _shape(shape.value, definitions),
        }
        if shape.max_length is not None:
            entries["maxProperties"] = shape.max_length
        return entries
    if isinstance(shape, s.Object):
        return _reference(shape.cls, definitions)
    if isinstance(shape, s.DoseUnion):
        return {"oneOf": [_reference(dose_type, definitions) for dose_type in DOSE_TYPES]}
    minimum = shape.min_length if isinstance(shape, s.BaseRules) else 1
    what = (
        "rules, each a base rule named by its reference"
        if isinstance(shape, s.BaseRules)
        else "the rule and the rules it wraps, as references, outermost first"
    )
    return {
        "type": "array",
        "description": f"The {what}.",
        "items": _reference(RuleRef, definitions),
        "minItems": minimum,
    }
