"""The registry itself: references, look-ups and citations, read from ``data/references.toml``."""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType

import attrs

from lumbar._base import tables, validators as check
from lumbar._base.document import Document
from lumbar.errors import ValidationError

_YEAR = re.compile(r"(?:19|20)\d\d")

DESIGN_CHOICE_PREFIX = "design-"
"""Every design choice's id starts with this, so that code citing it reads as one."""


class EvidenceKind(enum.Enum):
    """What a registry entry is: cited evidence, or a choice the library made."""

    REFERENCE = "reference"
    """A published source (guideline, trial, review, manual, position stand)."""
    DESIGN_CHOICE = "design-choice"
    """A number or rule lumbar chose where no source states it; ``rationale`` says why."""


def _kind(value: object) -> object:
    # Registry files give the kind as its string value; anything else is left for the
    # validator to refuse with the field's name.
    if isinstance(value, str):
        for kind in EvidenceKind:
            if kind.value == value:
                return kind
    return value


@attrs.frozen(kw_only=True, repr=False)
class Reference(Document):
    """One registry entry: a published source, or a registered design choice.

    A design choice (``kind`` ``DESIGN_CHOICE``) has an id starting ``design-``, a
    ``rationale`` and usually the references it was ``informed_by``; a reference has
    neither.
    """

    id: str = attrs.field(validator=check.slug)
    """Short stable id such as ``"hayden-2021-cochrane"``; cited by exercises and rules."""
    citation: str = attrs.field(validator=check.text(min_length=1))
    """The citation as a reader would look it up; for a design choice, what was chosen."""
    doi: str | None = attrs.field(default=None, validator=check.optional(check.text(1)))
    """The DOI, such as ``"10.1002/14651858.CD009790.pub2"``, where there is one."""
    url: str | None = attrs.field(default=None, validator=check.optional(check.text(1)))
    """An address for sources without a DOI (guidelines, manuals), where there is one."""
    unverified: bool = attrs.field(default=False, validator=check.boolean)
    """True where part of the citation details has not yet been checked against the source."""
    kind: EvidenceKind = attrs.field(
        default=EvidenceKind.REFERENCE, converter=_kind, validator=check.member(EvidenceKind)
    )
    """Cited evidence or a registered design choice."""
    rationale: str | None = attrs.field(default=None, validator=check.optional(check.text(1)))
    """Why the design choice was made (design choices only, and required for them)."""
    informed_by: tuple[str, ...] = attrs.field(
        default=(), converter=check.to_tuple, validator=check.tuple_of(check.slug, unique=True)
    )
    """Ids of the references a design choice draws on (design choices only)."""
    note: str | None = attrs.field(default=None, validator=check.optional(check.text(1)))
    """What a reader should know when relying on it, such as what the study actually
    measured or what could not be checked."""

    def __attrs_post_init__(self) -> None:
        errors: list[tuple[str, str]] = []
        chosen = self.kind is EvidenceKind.DESIGN_CHOICE
        if chosen != self.id.startswith(DESIGN_CHOICE_PREFIX):
            errors.append(
                (
                    "id",
                    f"a design choice's id starts with {DESIGN_CHOICE_PREFIX!r} and only a "
                    f"design choice's does, got {self.id!r} of kind {self.kind.value!r}",
                )
            )
        if chosen and self.rationale is None:
            errors.append(("rationale", "is required for a design choice"))
        if not chosen and self.rationale is not None:
            errors.append(("rationale", "only a design choice has a rationale"))
        if not chosen and self.informed_by:
            errors.append(("informed_by", "only a design choice is informed by references"))
        if errors:
            raise ValidationError(errors)

    @property
    def is_design_choice(self) -> bool:
        """True for a registered design choice, False for cited evidence."""
        return self.kind is EvidenceKind.DESIGN_CHOICE

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
    """The whole built-in registry by id: references and design choices (read once, shared).

    ``entry.kind`` (or ``entry.is_design_choice``) tells them apart; every id any
    part of lumbar cites is a key here.
    """
    from lumbar.evidence import _builtin_data

    # The same content as data/references.toml, compiled to Python (tools/compile_data.py):
    # it loads several times faster.
    return MappingProxyType(tables.build_named(Reference, _builtin_data.references(), "id"))


def design_choices() -> Mapping[str, Reference]:
    """The registered design choices alone, by id, in registry order."""
    return MappingProxyType(
        {ref_id: ref for ref_id, ref in references().items() if ref.is_design_choice}
    )


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
