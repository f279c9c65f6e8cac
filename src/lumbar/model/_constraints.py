"""What a program must respect: the equipment at hand, tolerated loading, and session time."""

from __future__ import annotations

import enum
from collections.abc import Mapping

import attrs

from lumbar._base import validators as check
from lumbar._base.document import Document
from lumbar._base.frozen import FrozenDict
from lumbar.model._exercise import Equipment, Exercise, SpinalLoading

EVERY_LOADING = (SpinalLoading.FLEXION, SpinalLoading.NEUTRAL, SpinalLoading.EXTENSION)

MIN_SESSION_MINUTES = 1
MAX_SESSION_MINUTES = 1440
"""A session time budget is a whole number of minutes, from one to a day."""

# Each named number above -> the registry ids behind it (docs/evidence.md; a test checks).
EVIDENCE = {"MAX_SESSION_MINUTES": ("design-technical-limit",)}

CONSTRAINT_REFERENCES = ("long-2004-spine",)
"""Matching exercise to the direction a person tolerates (a directional preference)."""


def _in_order(value: object, rank: Mapping[enum.Enum, int]) -> object:
    """A set of the ranked members as a tuple in rank order, so that equal sets are equal.

    Anything else (unknown or repeated items) is left as given, for the validator to
    name each bad item where it stands.
    """
    items = check.to_tuple(value)
    if type(items) is not tuple:
        return items
    try:
        if all(item in rank for item in items) and len(set(items)) == len(items):
            return tuple(sorted(items, key=rank.__getitem__))
    except TypeError:  # an unhashable item: certainly not a member
        pass
    return items


_EQUIPMENT_RANK: dict[enum.Enum, int] = {item: index for index, item in enumerate(Equipment)}
_LOADING_RANK: dict[enum.Enum, int] = {item: index for index, item in enumerate(EVERY_LOADING)}


def _equipment_in_order(value: object) -> object:
    """Converter: equipment in the order [Equipment][lumbar.model.Equipment] lists it."""
    return _in_order(value, _EQUIPMENT_RANK)


def _loading_in_order(value: object) -> object:
    """Converter: loading directions from flexion through neutral to extension."""
    return _in_order(value, _LOADING_RANK)


@attrs.frozen(kw_only=True, cache_hash=True, repr=False)
class Constraints(Document):
    """Which exercises a program may use, and how long its sessions may take, whoever changes it.

    ``equipment`` is what the person has at hand (``None``: no limit); an exercise
    fits when it needs nothing outside it. ``loading`` holds the directions in which
    the person tolerates loading the lumbar spine (all three by default); a person
    with a directional preference tolerates loading one way but not the other
    (`long-2004-spine`). The program builder records the profile's constraints in
    the program, and [lumbar.advance][lumbar.progression.advance] and
    [lumbar.simulate][lumbar.simulation.simulate] never move an exercise up or down its ladder
    onto a variant the constraints rule out: for them the ladder ends where the variants stop
    fitting.

    Both are sets, kept in one order (equipment as [Equipment][lumbar.model.Equipment] lists
    it, loading from flexion through neutral to extension), so that equal sets make equal
    constraints and JSON writes them the same way whatever order they were given in.

    ``session_minutes`` is the longest a session may take (``None``: no limit), with each
    prescription timed by [lumbar.dose_minutes][lumbar.model.dose_minutes]. The engine never
    lets a decision make a session longer than that: a rise that would not fit becomes the
    largest step toward it that fits, or the same dose again; an easier dose always
    fits. A program builder sets it to the minutes the person has.
    ``reserved_minutes`` keeps time for an exercise ladder (named by any of its
    exercises) in the sessions it is part of: the other exercises there grow only
    into the time left beside it, so that it can grow to that many minutes. The
    program builder keeps the longest walk-run stage's time for the walk-run.
    """

    equipment: tuple[Equipment, ...] | None = attrs.field(
        default=None,
        converter=_equipment_in_order,
        validator=check.optional(check.tuple_of(check.member(Equipment), unique=True)),
    )
    """The equipment at hand, or None for no limit; an exercise fits when it needs nothing else."""
    loading: tuple[SpinalLoading, ...] = attrs.field(
        default=EVERY_LOADING,
        converter=_loading_in_order,
        validator=check.tuple_of(check.member(SpinalLoading), min_length=1, unique=True),
    )
    """The directions in which the person tolerates loading the lumbar spine (all three by
    default)."""
    session_minutes: int | None = attrs.field(
        default=None,
        validator=check.optional(check.integer(MIN_SESSION_MINUTES, MAX_SESSION_MINUTES)),
    )
    """The longest a session may take, in minutes (None: no limit)."""
    reserved_minutes: Mapping[str, int] = attrs.field(
        factory=FrozenDict,
        converter=check.to_frozen_dict,
        validator=check.mapping_of(
            check.slug, check.integer(MIN_SESSION_MINUTES, MAX_SESSION_MINUTES)
        ),
    )
    """Minutes of a session kept for an exercise ladder, by the id of any of its exercises."""

    def allows(self, exercise: Exercise) -> bool:
        """True when ``exercise`` needs nothing missing and loads a tolerated direction."""
        if exercise.loading not in self.loading:
            return False
        have = self.equipment
        return have is None or all(item in have for item in exercise.equipment)

    def problems(self, exercise: Exercise) -> tuple[str, ...]:
        """Why ``exercise`` does not fit, in words; empty when it does."""
        found = []
        have = self.equipment
        if have is not None:
            missing = [item.value for item in exercise.equipment if item not in have]
            if missing:
                found.append(f"needs {', '.join(missing)}, which is not at hand")
        if exercise.loading not in self.loading:
            found.append(
                f"loads the spine in {exercise.loading.value}, which the person does not tolerate"
            )
        return tuple(found)

    @property
    def limited(self) -> bool:
        """True when these constraints rule anything out."""
        return self.equipment is not None or len(self.loading) < len(EVERY_LOADING)


NO_CONSTRAINTS = Constraints()
