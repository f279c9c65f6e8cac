"""Reading and writing whole documents: the version, the paths, the catalog check.

The public functions in `lumbar.formats._json` call these on first use, so
that cattrs and msgspec load only when a document is read or written.
"""

from __future__ import annotations

import json
from typing import Any

import msgspec

from lumbar.content._catalog import Catalog
from lumbar.content._program_check import catalog_errors
from lumbar.errors import ROOT, ValidationError
from lumbar.formats._converter import Oversized, converter, describe, read, reading_rules_from
from lumbar.formats._documents import check_document, check_document_type, document_name
from lumbar.formats._migrations import built_in
from lumbar.formats._mirror import read_text
from lumbar.formats._shapes import top_shape
from lumbar.formats._version import SCHEMA_KEY, SCHEMA_VERSION
from lumbar.model._dose import DOSE_TYPES
from lumbar.progression._registry import RuleRegistry

MAX_DOCUMENT_BYTES = 16 * 1024 * 1024
"""Longer JSON text is refused before parsing: no lumbar document comes near it."""

_ENCODER = msgspec.json.Encoder()


def dump(obj: object) -> dict[str, Any]:
    """``obj`` as plain data, with the schema version last."""
    check_document(obj, "to_dict")
    data: dict[str, Any] = converter().unstructure(obj)
    data[SCHEMA_KEY] = SCHEMA_VERSION
    return data


def dump_json(obj: object, indent: int | None) -> str:
    """``obj`` as JSON text, compact or indented by ``indent`` spaces."""
    if indent is not None and (type(indent) is not int or indent < 0):
        raise TypeError(f"indent must be None or an int >= 0, got {indent!r}")
    text = _ENCODER.encode(dump(obj))
    if indent is not None:
        text = msgspec.json.format(text, indent=indent)
    return text.decode("utf-8")


def load(data: object, cls: Any, catalog: Catalog | None, registry: RuleRegistry | None) -> Any:
    """A ``cls`` from plain data: the one reader that names every problem with its path."""
    check_document_type(cls, "from_dict")
    if type(data) is not dict:
        raise ValidationError.single(ROOT, f"must be an object, got {describe(data)}")
    body = built_in().migrate(data, document_name(cls))
    token = reading_rules_from(registry)
    try:
        obj = read(top_shape(cls), body)
    except ValidationError as error:
        raise ValidationError((path or ROOT, message) for path, message in error.errors) from None
    except RecursionError:
        raise ValidationError.single(ROOT, "document nested too deeply") from None
    finally:
        token.var.reset(token)
    if cls in DOSE_TYPES and type(obj) is not cls:
        raise ValidationError.single("kind", f"must be {cls.kind!r}, got {body.get('kind')!r}")
    return _checked_against(obj, catalog)


def load_text(
    text: object, cls: Any, catalog: Catalog | None, registry: RuleRegistry | None
) -> Any:
    """A ``cls`` from JSON text: through msgspec when valid, else as `load` reads it."""
    check_document_type(cls, "from_json")
    if not isinstance(text, str | bytes | bytearray):
        raise ValidationError.single(ROOT, f"JSON must be text, got {type(text).__name__}")
    if len(text) > MAX_DOCUMENT_BYTES:
        raise ValidationError.single(
            ROOT, f"document too large: {len(text)} bytes, at most {MAX_DOCUMENT_BYTES}"
        )
    obj = read_text(text, cls, registry)
    if obj is None:
        return load(parse(text), cls, catalog, registry)
    return _checked_against(obj, catalog)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _integer(digits: str) -> int:
    try:
        return int(digits)
    except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits)
        return Oversized(len(digits.lstrip("-")))


def parse(text: str | bytes | bytearray) -> Any:
    """JSON text as plain data (RFC 8259: no NaN or Infinity), or a ValidationError."""
    try:
        return json.loads(text, parse_constant=_no_constant, parse_int=_integer)
    except RecursionError:
        raise ValidationError.single(ROOT, "document nested too deeply") from None
    except (ValueError, TypeError) as exc:  # JSONDecodeError, bad bytes, NaN
        raise ValidationError.single(ROOT, f"not valid JSON: {exc}") from None


def _checked_against(obj: Any, catalog: Catalog | None) -> Any:
    if catalog is not None:
        problems = catalog_errors(obj, catalog)
        if problems:
            raise ValidationError(problems)
    return obj
