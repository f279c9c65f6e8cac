"""A program's fingerprint: a short text that changes whenever the program does.

A stored [ProgramState][lumbar.progression.ProgramState] names its program by this
fingerprint instead of holding it. It is the SHA-256 of a canonical text of the
program's value: every attrs field that differs from its default, by name, in sorted
order, recursively (a dose with its kind, enums by value, dates as ISO text, floats
by their shortest repr). Fields at their defaults are left out, so that a field a
later lumbar adds with a default leaves the fingerprints of existing programs as
they were: a state stored today keeps matching its program.
"""

from __future__ import annotations

import datetime
import enum
import hashlib
import json
from collections.abc import Mapping
from typing import Any

import attrs

FINGERPRINT_PREFIX = "sha256:"
"""What a fingerprint starts with: the hash it is made with."""

FINGERPRINT_LENGTH = 71
"""The length of a fingerprint: the prefix and the 64 hex digits of a SHA-256 hash."""

FINGERPRINT_PATTERN = r"^sha256:[0-9a-f]{64}$"
"""What every fingerprint matches."""

# Each named number above -> the registry ids behind it (docs/evidence.md; a test checks).
EVIDENCE = {"FINGERPRINT_LENGTH": ("design-technical-limit",)}


def fingerprint_of(value: object) -> str:
    """The fingerprint of an attrs value (a program): ``sha256:`` and 64 hex digits."""
    seen: dict[int, Any] = {}
    text = json.dumps(
        _canonical(value, seen), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return FINGERPRINT_PREFIX + hashlib.sha256(text.encode("utf-8")).hexdigest()


def _canonical(value: Any, seen: dict[int, Any]) -> Any:
    if value is None or type(value) in (bool, int, str):
        return value
    if type(value) is float:
        return repr(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime.date):
        return value.isoformat()
    key = id(value)
    found = seen.get(key)
    if found is not None:
        return found  # programs repeat the same session and week objects: worked out once
    if attrs.has(type(value)):
        fields: dict[str, Any] = {}
        kind = getattr(type(value), "kind", None)
        if isinstance(kind, str):
            fields["kind"] = kind
        for field in attrs.fields(type(value)):
            if not field.init:
                continue
            item = getattr(value, field.name)
            default = field.default
            if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                default = None if default.takes_self else default.factory()
            if default is not attrs.NOTHING and _same(item, default):
                continue
            fields[field.name] = _canonical(item, seen)
        result: Any = fields
    elif isinstance(value, Mapping):
        result = {str(k): _canonical(v, seen) for k, v in value.items()}
    elif isinstance(value, tuple | list):
        result = [_canonical(item, seen) for item in value]
    else:
        raise TypeError(f"cannot fingerprint a {type(value).__name__}")
    seen[key] = result  # the value itself lives as long as the program that holds it
    return result


def _same(value: object, default: object) -> bool:
    try:
        if isinstance(value, int | float) or isinstance(default, int | float):
            return type(value) is type(default) and value == default  # 1 is not True
        return bool(value == default)
    except Exception:  # a value that cannot be compared with its default is written out
        return False
