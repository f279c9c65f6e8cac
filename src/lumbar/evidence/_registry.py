"""The registry itself: references, look-ups and citations, read from ``data/references.toml``."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType

import attrs

from lumbar._base import tables, validators as check
from lumbar.errors import ValidationError

_YEAR = re.compile(r"(?:19|20)\d\d")


@attrs.frozen(kw_only=True)
class Reference:
    """One source: a guideline, trial, review, manual or position stand."""

    id: str = attrs.field(validator=check.slug)
    """Short stable id such as ``"hayden-2021-cochrane"``; cited by exercises and rules."""
    citation: str = attrs.field(validator=check.text(min_length=1))
    """The citation as a reader would look it up."""
    doi: str | None = attrs.field(default=None, validator=check.optional(check.text(1)))
    """The DOI, such as ``"10.1002/14651858.CD009790.pub2"``, where there is one."""
    url: str | None = attrs.field(default=None, validator=check.optional(check.text(1)))
    """An address for sources without a DOI (guidelines, manuals), where there is one."""
    unverified: bool = attrs.field(default=False, validator=check.boolean)
    """True where part of the citation details has not yet been checked against the source."""

    @property
    def year(self) -> int | None:
        """The year of publication read from the id, or None."""
        match = _YEAR.search(self.id)
        return int(match.group()) if match else None

    @property
    def link(self) -> str | None:
        """A resolvable address: the DOI's address, else the URL, else None."""
        if self.doi:
            return f"https://doi.org/{self.doi}"
        return self.url


def parse_references(text: str) -> Mapping[str, Reference]:
    """Read a TOML registry: one table per reference id."""
    return MappingProxyType(tables.build_named(Reference, tables.parse(text), "id"))


@functools.cache
def references() -> Mapping[str, Reference]:
    """Every reference in the built-in registry, by id (read once, then shared read-only)."""
    from lumbar.evidence import _builtin_data

    # The same content as data/references.toml, compiled to Python (tools/compile_data.py):
    # it loads several times faster.
    return MappingProxyType(tables.build_named(Reference, _builtin_data.references(), "id"))


def get(reference_id: str) -> Reference:
    """The reference with this id.

    Raises [lumbar.ValidationError][lumbar.errors.ValidationError] if there is none.
    """
    try:
        return references()[reference_id]
    except KeyError:
        raise ValidationError.single(
            "reference", f"unknown reference id {reference_id!r}"
        ) from None


def cite(reference_ids: str | Iterable[str]) -> str:
    """The citations for these ids, one per line, in the order given; a string is one id."""
    ids = (reference_ids,) if isinstance(reference_ids, str) else reference_ids
    return "\n".join(f"[{ref}] {get(ref).citation}" for ref in ids)


def unknown_ids(reference_ids: Iterable[str]) -> list[str]:
    """The ids among these that the registry does not hold."""
    known = references()
    return [ref for ref in reference_ids if ref not in known]
