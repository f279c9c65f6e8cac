"""JSON, plain dicts and JSON Schema for every lumbar document type.

The converters are built on first use, so that ``import lumbar`` stays as cheap as
``import attrs`` and loads neither cattrs nor msgspec.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from lumbar.content._catalog import Catalog
    from lumbar.progression._registry import RuleRegistry

from lumbar.formats._version import SCHEMA_VERSION

T = TypeVar("T")

__all__ = ["SCHEMA_VERSION", "from_dict", "from_json", "json_schema", "to_dict", "to_json"]


def to_dict(obj: object) -> dict[str, Any]:
    """``obj`` as plain dicts, lists and scalars, with the schema version at the end.

    ``obj`` must be a document (see
    [lumbar.DOCUMENT_TYPES][lumbar.formats.DOCUMENT_TYPES]); anything else is a
    ``TypeError``.

    >>> from lumbar import Reps
    >>> to_dict(Reps(sets=3, reps=10))
    {'kind': 'reps', 'sets': 3, 'reps': 10, 'load_kg': None, 'schema': 2}
    """
    from lumbar.formats._io import dump

    return dump(obj)


def from_dict(
    data: object,
    cls: type[T],
    *,
    catalog: Catalog | None = None,
    registry: RuleRegistry | None = None,
) -> T:
    """Build a ``cls`` from plain data, strictly; see [from_json][lumbar.formats.from_json]."""
    from lumbar.formats._io import load

    return load(data, cls, catalog, registry)  # type: ignore[no-any-return]


def to_json(obj: object, *, indent: int | None = None) -> str:
    """``obj`` as JSON text (UTF-8, keys in field order), compact or indented.

    ``indent=2`` gives the same document laid out with two spaces per level.
    """
    from lumbar.formats._io import dump_json

    return dump_json(obj, indent)


def from_json(
    text: str | bytes,
    cls: type[T],
    *,
    catalog: Catalog | None = None,
    registry: RuleRegistry | None = None,
) -> T:
    """Parse JSON text into a ``cls``.

    Types are strict: nothing is coerced, unknown fields are errors, dates are
    ``YYYY-MM-DD``. A document of an earlier schema version is brought forward
    first. With a ``catalog``, every exercise id must be in it and each dose of its
    exercise's dose type. Rules written as references are built from ``registry``
    (default: the built-in rules). Any problem raises
    [lumbar.ValidationError][lumbar.errors.ValidationError] listing each bad field
    with its path; ``cls`` must be a document type (``TypeError`` otherwise).
    """
    from lumbar.formats._io import load_text

    return load_text(text, cls, catalog, registry)  # type: ignore[no-any-return]


def json_schema(cls: type) -> dict[str, Any]:
    """The JSON Schema (2020-12) of the documents of ``cls``, as a dict.

    It describes what [from_json][lumbar.formats.from_json] accepts field by field: types, bounds,
    lengths, patterns, closed sets, required and unknown fields, the ``schema``
    version. Checks that span several fields (phase lengths adding up to the weeks)
    are in the descriptions, not in the schema.
    """
    from lumbar.formats._schema import json_schema as generate

    return generate(cls)
