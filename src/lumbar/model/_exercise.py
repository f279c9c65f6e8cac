"""Exercises: what one catalog entry says about a movement and how to dose it."""

from __future__ import annotations

import enum

import attrs

from lumbar._base import validators as check
from lumbar._base.display import Displayed
from lumbar._base.document import Document
from lumbar.errors import ValidationError
from lumbar.model._dose import DOSE_TYPES, Dose, out_of_bounds


class Category(enum.Enum):
    """The four kinds of exercise a balanced back program mixes."""

    STABILIZATION = "stabilization"
    """Motor control and trunk endurance (curl-up, side bridge, bird dog)."""
    STRETCH = "stretch"
    """Stretching and mobility (cat-camel, hip flexor stretch)."""
    STRENGTH = "strength"
    """Resistance training (bridges, hip hinges, squats, back extensions)."""
    AEROBIC = "aerobic"
    """Walking, cycling, swimming and graded walk-run toward jogging."""


class SpinalLoading(enum.Enum):
    """The direction the exercise loads the lumbar spine, for directional preference."""

    FLEXION = "flexion"
    EXTENSION = "extension"
    NEUTRAL = "neutral"


class Position(enum.Enum):
    """The starting position."""

    SUPINE = "supine"
    PRONE = "prone"
    SIDE_LYING = "side-lying"
    QUADRUPED = "quadruped"
    KNEELING = "kneeling"
    HALF_KNEELING = "half-kneeling"
    SEATED = "seated"
    STANDING = "standing"
    IN_WATER = "in-water"


class Equipment(enum.Enum):
    """Equipment an exercise needs; an exercise with none needs nothing but floor space."""

    MAT = "mat"
    CHAIR = "chair"
    STEP = "step"
    BENCH = "bench"
    DUMBBELL = "dumbbell"
    KETTLEBELL = "kettlebell"
    BARBELL = "barbell"
    RESISTANCE_BAND = "resistance-band"
    STABILITY_BALL = "stability-ball"
    EXTENSION_BENCH = "extension-bench"
    STATIONARY_BIKE = "stationary-bike"
    TREADMILL = "treadmill"
    POOL = "pool"


_dose_validator = check.instance_of(*DOSE_TYPES)


@attrs.frozen(kw_only=True, repr=False)
class Exercise(Displayed, Document):
    """One exercise of the catalog, a rung on its progression ladder.

    ``default_dose`` is where a person starts; its class is the exercise's dose type.
    ``min_dose`` and ``max_dose`` bound every dose the library will prescribe: at
    ``max_dose`` the next step is the ``harder`` variant, below ``min_dose`` the
    ``easier`` one.
    """

    id: str = attrs.field(validator=check.slug)
    """Stable id, such as ``"bird-dog"``; prescriptions name the exercise by it."""
    name: str = attrs.field(validator=check.text(1, 120))
    """The exercise's name for people, such as ``"Bird dog"``."""
    category: Category = attrs.field(validator=check.member(Category))
    """Which of the four kinds of exercise it is."""
    default_dose: Dose = attrs.field(validator=_dose_validator)
    """Where a person starts; its class is the exercise's dose type."""
    min_dose: Dose = attrs.field(validator=_dose_validator)
    """The lightest dose the library prescribes; below it the next step is the easier variant."""
    max_dose: Dose = attrs.field(validator=_dose_validator)
    """The heaviest dose the library prescribes; at it the next step is the harder variant."""
    level: int = attrs.field(validator=check.integer(1, 5))
    """Difficulty from 1 (easiest) to 5."""
    loading: SpinalLoading = attrs.field(validator=check.member(SpinalLoading))
    """The direction in which it loads the lumbar spine."""
    position: Position = attrs.field(validator=check.member(Position))
    """The starting position."""
    equipment: tuple[Equipment, ...] = attrs.field(
        default=(),
        converter=check.to_tuple,
        validator=check.tuple_of(check.member(Equipment), unique=True),
    )
    """What it needs besides floor space; empty for nothing."""
    per_side: bool = attrs.field(default=False, validator=check.boolean)
    """True when the dose is done on each side (side bridge, bird dog)."""
    description: str = attrs.field(default="", validator=check.text(0, 2000))
    """How the exercise looks, in plain words."""
    cues: tuple[str, ...] = attrs.field(
        default=(), converter=check.to_tuple, validator=check.tuple_of(check.text(1, 500))
    )
    """Short coaching cues, in the order to follow them."""
    contraindications: tuple[str, ...] = attrs.field(
        default=(), converter=check.to_tuple, validator=check.tuple_of(check.text(1, 500))
    )
    """Who should not do it, or when to stop."""
    easier: str | None = attrs.field(default=None, validator=check.optional_slug)
    """The id of the easier variant on its ladder, or None at the bottom."""
    harder: str | None = attrs.field(default=None, validator=check.optional_slug)
    """The id of the harder variant on its ladder, or None at the top."""
    references: tuple[str, ...] = attrs.field(
        converter=check.to_tuple,
        validator=check.tuple_of(check.slug, min_length=1, unique=True),
    )
    """Evidence registry ids behind including the exercise."""
    dose_evidence: tuple[str, ...] = attrs.field(
        default=(), converter=check.to_tuple, validator=check.tuple_of(check.slug, unique=True)
    )
    """Registry ids behind the numbers of its three doses: references that state such a
    dose, or registered design choices (``design-...``) where none does. Every built-in
    exercise names at least one; a catalog of your own may leave it empty."""

    def __attrs_post_init__(self) -> None:
        errors: list[tuple[str, str]] = []
        for name in ("default_dose", "max_dose"):
            problems = out_of_bounds(getattr(self, name), self.min_dose, self.max_dose)
            errors.extend((name, problem) for problem in problems)
        for name in ("easier", "harder"):
            if getattr(self, name) == self.id:
                errors.append((name, f"must name another exercise, got its own id {self.id!r}"))
        if self.easier is not None and self.easier == self.harder:
            errors.append(("harder", f"must differ from easier, both are {self.easier!r}"))
        if errors:
            raise ValidationError(errors)

    @property
    def dose_type(self) -> type[Dose]:
        """The class every prescription of this exercise uses."""
        return type(self.default_dose)
