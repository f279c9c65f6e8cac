"""What a document type tells pydantic (and so FastAPI): lumbar reads, writes and describes.

`lumbar._base.pydantic_hook.PydanticHook` calls `core_schema` when
pydantic first meets a document type. The schema it returns hands validation to
`lumbar.from_dict` (a ``ValidationError`` becomes pydantic's, one line per
problem at lumbar's path), serialization to `lumbar.to_dict`, and the JSON
Schema to `lumbar.json_schema`, whose definitions it registers with pydantic's
generator so that an OpenAPI document lists each nested type once.
"""

from __future__ import annotations

import re
from typing import Any

import pydantic_core
from pydantic.json_schema import CoreRef
from pydantic_core import core_schema as cs

from lumbar.errors import ROOT, ValidationError
from lumbar.formats._documents import document_name
from lumbar.formats._io import dump, load
from lumbar.formats._schema import REF_PREFIX, schema_parts

_PIECE = re.compile(r'\[(\d+)\]|\["((?:\\.|[^"\\])*)"\]|\.?([^.\[]+)')
_UNSET = object()


def location(path: str) -> tuple[int | str, ...]:
    """A lumbar path as pydantic's location: ``weeks[0].label`` is ``("weeks", 0, "label")``."""
    if path in ("", ROOT):
        return ()
    found: list[int | str] = []
    for index, quoted, name in _PIECE.findall(path):
        if index:
            found.append(int(index))
        elif name:
            found.append(name)
        else:
            found.append(quoted.replace('\\"', '"').replace("\\\\", "\\"))
    return tuple(found)


def _value_at(data: Any, where: tuple[int | str, ...]) -> Any:
    for piece in where:
        try:
            data = data[piece]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _pydantic_error(cls: type, error: ValidationError, data: Any) -> pydantic_core.ValidationError:
    lines: list[Any] = []
    for path, message in error.errors:
        where = location(path)
        lines.append(
            {
                "type": pydantic_core.PydanticCustomError(
                    "lumbar", "{message}", {"message": message, "path": path or ROOT}
                ),
                "loc": where,
                "input": _value_at(data, where),
            }
        )
    return pydantic_core.ValidationError.from_exception_data(document_name(cls), lines)


def core_schema(cls: type) -> cs.CoreSchema:
    """pydantic's schema for the document type ``cls``."""

    def validate(value: Any) -> Any:
        if type(value) is cls:
            return value
        try:
            return load(value, cls, None, None)
        except ValidationError as error:
            raise _pydantic_error(cls, error, value) from None

    def json_schema(_: cs.CoreSchema, handler: Any) -> dict[str, Any]:
        return _registered(cls, handler.generate_json_schema)

    return cs.no_info_plain_validator_function(
        validate,
        serialization=cs.plain_serializer_function_ser_schema(dump),
        metadata={"pydantic_js_functions": [json_schema]},
    )


def _registered(cls: type, generator: Any) -> dict[str, Any]:
    """lumbar's JSON Schema of ``cls``, its definitions registered with pydantic's generator."""
    root, definitions = schema_parts(cls)
    references = {
        name: generator.get_cache_defs_ref_schema(CoreRef(f"lumbar.{name}")) for name in definitions
    }

    def pointed(node: Any) -> Any:
        if isinstance(node, dict):
            target = node.get("$ref")
            if isinstance(target, str) and target.startswith(REF_PREFIX):
                return dict(references[target.removeprefix(REF_PREFIX)][1])
            return {key: pointed(value) for key, value in node.items()}
        if isinstance(node, list):
            return [pointed(value) for value in node]
        return node

    for name, schema in definitions.items():
        generator.definitions[references[name][0]] = pointed(schema)
    return pointed(root)  # type: ignore[no-any-return]
