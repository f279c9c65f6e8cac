"""Posture and ergonomics checklists: the model, the built-in files, and scoring answers.

A checklist is a TOML file (see ``data/checklists/``): a few top-level keys and one
``[[item]]`` table per question. Every question is phrased so that "yes" is the
good answer, and every item cites the evidence registry.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from types import MappingProxyType

import attrs

from lumbar._base import tables, validators as check
from lumbar._base.document import Document
from lumbar.errors import ValidationError
from lumbar.evidence import unknown_ids

WEIGHTS = range(1, 4)
"""Item weights: 1 (minor), 2 (moderate), 3 (major)."""

# Each named number below -> the registry ids behind it (docs/evidence.md; a test checks).
EVIDENCE = {"WEIGHTS": ("design-checklist-weights",)}


@attrs.frozen(kw_only=True, repr=False)
class ChecklistItem(Document):
    """One question of a checklist, with why it matters and how to fix a "no"."""

    id: str = attrs.field(validator=check.slug)
    """Stable id within the checklist, such as ``"load-close"``; answers are keyed by it."""
    question: str = attrs.field(validator=check.text(1, 500))
    """A yes/no question where "yes" is the good answer."""
    why: str = attrs.field(validator=check.text(1, 2000))
    """Why it matters, in plain words, with what the evidence does and does not show."""
    fix: str = attrs.field(validator=check.text(1, 2000))
    """What to do when the answer is "no"."""
    weight: int = attrs.field(validator=check.integer(WEIGHTS.start, WEIGHTS.stop - 1))
    """Priority: 3 (major) to 1 (minor). Failed items are listed heaviest first and the
    score weights each item by it."""
    references: tuple[str, ...] = attrs.field(
        converter=check.to_tuple,
        validator=check.tuple_of(check.slug, min_length=1, unique=True),
    )
    """Evidence registry ids behind the item."""


_items = check.tuple_of(check.instance_of(ChecklistItem), min_length=1)


@attrs.frozen(kw_only=True, repr=False)
class Checklist(Document):
    """A named set of checklist items, such as the sitting-workstation checklist.

    Item ids are unique and every reference id is in the evidence registry.
    """

    id: str = attrs.field(validator=check.slug)
    """Stable id of the checklist, such as ``"sitting-workstation"``."""
    title: str = attrs.field(validator=check.text(1, 200))
    """The checklist's name for display."""
    items: tuple[ChecklistItem, ...] = attrs.field(
        converter=check.to_tuple, validator=_items, metadata={tables.TABLE_KEY: "item"}
    )
    """The questions; a file has one ``[[item]]`` table for each."""
    description: str = attrs.field(default="", validator=check.text(0, 2000))
    """What the checklist is for, in plain words."""
    references: tuple[str, ...] = attrs.field(
        default=(), converter=check.to_tuple, validator=check.tuple_of(check.slug, unique=True)
    )
    """Sources for the checklist as a whole (each item cites its own as well)."""

    def __attrs_post_init__(self) -> None:
        errors: list[tuple[str, str]] = []
        seen: set[str] = set()
        for index, item in enumerate(self.items):
            if item.id in seen:
                errors.append((f"items[{index}].id", f"duplicate item id {item.id!r}"))
            seen.add(item.id)
            errors.extend(
                (f"items[{index}].references", f"unknown reference id {ref!r}")
                for ref in unknown_ids(item.references)
            )
        errors.extend(
            ("references", f"unknown reference id {ref!r}") for ref in unknown_ids(self.references)
        )
        if errors:
            raise ValidationError(errors)

    @property
    def ids(self) -> tuple[str, ...]:
        """The item ids, in checklist order."""
        return tuple(item.id for item in self.items)

    @classmethod
    def from_toml(cls, text: str) -> Checklist:
        """Parse and validate a checklist in the TOML format of the built-in ones."""
        return tables.build(cls, tables.parse(text))

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> Checklist:
        """Read, parse and validate one checklist file."""
        return cls.from_toml(tables.read_file(path, "checklist"))


BUILT_IN_CHECKLIST_FILES = (
    "driving.toml",
    "lifting-carrying.toml",
    "sitting-workstation.toml",
    "sleeping.toml",
    "standing-work.toml",
)
"""The files under ``lumbar/data/checklists`` (a test keeps this list equal to the folder)."""


@functools.cache
def default_checklists() -> Mapping[str, Checklist]:
    """The built-in checklists by id (read once, then shared read-only).

    ``"sitting-workstation"``, ``"standing-work"``, ``"lifting-carrying"``,
    ``"sleeping"`` and ``"driving"``. Add your own with
    ``{**default_checklists(), mine.id: mine}``.
    """
    from lumbar._base.data import read_text

    found: dict[str, Checklist] = {}
    errors: list[tuple[str, str]] = []
    for name in BUILT_IN_CHECKLIST_FILES:
        try:
            checklist = Checklist.from_toml(read_text(f"checklists/{name}"))
        except ValidationError as exc:
            errors.extend(exc.prefixed(name).errors)
            continue
        if checklist.id in found:
            errors.append((name, f"duplicate checklist id {checklist.id!r}"))
        found[checklist.id] = checklist
    if errors:
        raise ValidationError(errors)
    return MappingProxyType(found)


def load_checklist(path: str | os.PathLike[str]) -> Checklist:
    """Load a user's own checklist file, validated like the built-in ones."""
    return Checklist.from_file(path)
