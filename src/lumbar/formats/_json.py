"""JSON and plain-dict conversion of every public lumbar type.

The cattrs converter is built on first use, so that ``import lumbar`` stays as
cheap as ``import attrs``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from lumbar.content._catalog import Catalog

from lumbar.formats._schema import SCHEMA_VERSION

T = TypeVar("T")

__all__ = ["SCHEMA_VERSION", "from_dict", "from_json", "to_dict", "to_json"]


def to_dict(obj: object) -> dict[str, Any]:
    """``obj`` as plain dicts, lists and scalars, with the schema version at the top.

    >>> from lumbar import Reps
    >>> to_dict(Reps(sets=3, reps=10))
    {'kind': 'reps', 'sets': 3, 'reps': 10, 'load_kg': None, 'schema': 1}
    """
    from lumbar.formats._converter import dump

    return dump(obj)


def from_dict(data: object, cls: type[T], *, catalog: Catalog | None = None) -> T:
    """Build a ``cls`` from plain data, strictly; see [from_json][lumbar.formats.from_json]."""
    from lumbar.formats._converter import load

    return load(data, cls, catalog)


def to_json(obj: object, *, indent: int | None = None) -> str:
    """``obj`` as JSON text (UTF-8, keys in field order)."""
    from lumbar.formats._converter import dump_json

    return dump_json(obj, indent)


def from_json(text: str | bytes, cls: type[T], *, catalog: Catalog | None = None) -> T:
    """Parse JSON text into a ``cls``.

    Types are strict: nothing is coerced, unknown fields are errors. With a
    ``catalog``, every exercise id must be in it and each dose of its exercise's
    dose type. Any problem raises [lumbar.ValidationError][lumbar.errors.ValidationError]
    listing each bad field with its path.
    """
    from lumbar.formats._converter import load_json

    return load_json(text, cls, catalog)
