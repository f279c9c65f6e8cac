"""What a program's exercises must respect: the equipment at hand and tolerated loading."""

from __future__ import annotations

import attrs

from lumbar._base import validators as check
from lumbar.model._exercise import Equipment, Exercise, SpinalLoading

EVERY_LOADING = (SpinalLoading.FLEXION, SpinalLoading.NEUTRAL, SpinalLoading.EXTENSION)

CONSTRAINT_REFERENCES = ("long-2004-spine",)
"""Matching exercise to the direction a person tolerates (a directional preference)."""


@attrs.frozen(kw_only=True, cache_hash=True)
class Constraints:
    """Which exercises a program may use, whoever changes it later.

    ``equipment`` is what the person has at hand (``None``: no limit); an exercise
    fits when it needs nothing outside it. ``loading`` holds the directions in which
    the person tolerates loading the lumbar spine (all three by default); a person
    with a directional preference tolerates loading one way but not the other
    (`long-2004-spine`). The program builder records the profile's constraints in
    the program, and [lumbar.advance][lumbar.progression.advance] and
    [lumbar.simulate][lumbar.simulation.simulate] never move an exercise up or down its ladder
    onto a variant the constraints rule out: for them the ladder ends where the variants stop
    fitting.
    """

    equipment: tuple[Equipment, ...] | None = attrs.field(
        default=None,
        converter=check.to_tuple,
        validator=check.optional(check.tuple_of(check.member(Equipment), unique=True)),
    )
    """The equipment at hand, or None for no limit; an exercise fits when it needs nothing else."""
    loading: tuple[SpinalLoading, ...] = attrs.field(
        default=EVERY_LOADING,
        converter=check.to_tuple,
        validator=check.tuple_of(check.member(SpinalLoading), min_length=1, unique=True),
    )
    """The directions in which the person tolerates loading the lumbar spine (all three by
    default)."""

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
