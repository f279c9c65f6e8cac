"""Which exercise ladders fit a person, in which order, and where each one starts.

A *ladder* is a catalog chain of easier and harder variants; the planner picks
ladders and a starting rung and dose on each. From there the progression rules
move the doses and rungs (see ``_forecast``); nothing here progresses anything.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from lumbar.content._catalog import Catalog
from lumbar.model._dose import Dose, Intervals, dose_minutes
from lumbar.model._exercise import Category, Exercise
from lumbar.model._person import Goal, Risk
from lumbar.model._program import Prescription
from lumbar.planning._profile import FitnessLevel, Profile
from lumbar.progression._dose_steps import between, step_down, within

HIGH_PAIN = 6  # above the pain-monitoring model's 5/10 ceiling (silbernagel-2007-ajsm)
MODERATE_PAIN = 4  # 4-5/10 is "acceptable" but not "safe" in the same model

START_LEVEL = {FitnessLevel.BEGINNER: 1, FitnessLevel.INTERMEDIATE: 2, FitnessLevel.ADVANCED: 3}
"""The highest rung level each fitness level starts on (design choice)."""

RESTART_SHARE = 0.5
"""A gentle start: half-way from an exercise's least dose to its usual starting dose."""

# Each named number below -> the registry ids behind it (docs/evidence.md; a test checks).
EVIDENCE = {
    "HIGH_PAIN": ("silbernagel-2007-ajsm", "design-pain-limit", "design-gentle-start"),
    "MODERATE_PAIN": ("design-pain-safe-zone", "design-gentle-start"),
    "START_LEVEL": ("design-gentle-start",),
    "RESTART_SHARE": ("design-gentle-start",),
}

# Ladders by their easiest rung, most useful first. Trunk control: McGill's curl-up,
# side bridge and bird dog first (mcgill-1999-apmr). Strength and stretch orders
# follow the goal (design choices); ladders not named come after, in catalog order.
STABILIZATION_RANK = (
    "abdominal-brace",
    "side-bridge-knees",
    "quadruped-arm-reach",
    "supine-march",
)
STRENGTH_RANK: dict[Goal, tuple[str, ...]] = {
    Goal.GENERAL: (
        "glute-bridge",
        "hip-hinge",
        "sit-to-stand",
        "band-row",
        "farmer-carry",
        "prone-chest-lift",
    ),
    Goal.DESK_WORKER: (
        "glute-bridge",
        "band-row",
        "hip-hinge",
        "sit-to-stand",
        "prone-chest-lift",
        "farmer-carry",
    ),
    Goal.MANUAL_WORK: (
        "hip-hinge",
        "farmer-carry",
        "sit-to-stand",
        "glute-bridge",
        "band-row",
        "prone-chest-lift",
    ),
    Goal.RETURN_TO_JOGGING: (
        "glute-bridge",
        "sit-to-stand",
        "hip-hinge",
        "farmer-carry",
        "band-row",
        "prone-chest-lift",
    ),
}
STRETCH_RANK: dict[Goal, tuple[str, ...]] = {
    Goal.GENERAL: (
        "pelvic-tilt",
        "standing-hip-flexor-stretch",
        "hamstring-stretch",
        "lumbar-rotation",
        "figure-4-stretch",
        "open-book",
        "single-knee-to-chest",
        "prone-on-elbows",
    ),
    Goal.DESK_WORKER: (
        "standing-hip-flexor-stretch",
        "open-book",
        "pelvic-tilt",
        "hamstring-stretch",
        "lumbar-rotation",
        "figure-4-stretch",
        "prone-on-elbows",
        "single-knee-to-chest",
    ),
    Goal.MANUAL_WORK: (
        "pelvic-tilt",
        "hamstring-stretch",
        "standing-hip-flexor-stretch",
        "figure-4-stretch",
        "open-book",
        "lumbar-rotation",
        "single-knee-to-chest",
        "prone-on-elbows",
    ),
    Goal.RETURN_TO_JOGGING: (
        "standing-hip-flexor-stretch",
        "hamstring-stretch",
        "figure-4-stretch",
        "pelvic-tilt",
        "lumbar-rotation",
        "open-book",
        "single-knee-to-chest",
        "prone-on-elbows",
    ),
}
AEROBIC_RANK = ("walking",)  # walking first (pocovi-2024-lancet)


class Ladder:
    """One ladder as the planner uses it: its rungs, which fit the person, and its start."""

    __slots__ = ("allowed", "category", "dose", "key", "rung", "rungs")

    def __init__(
        self, rungs: tuple[Exercise, ...], allowed: tuple[bool, ...], rung: int, dose: Dose
    ) -> None:
        self.rungs = rungs
        self.allowed = allowed
        self.key = rungs[0].id
        self.category = rungs[0].category
        self.rung = rung
        self.dose = dose

    @property
    def exercise(self) -> Exercise:
        """The starting rung."""
        return self.rungs[self.rung]

    def prescription(self) -> Prescription:
        """The first prescription: the starting rung at the starting dose."""
        return Prescription(exercise=self.exercise.id, dose=self.dose)

    def start_at(self, rung: int, dose: Dose) -> None:
        self.rung = rung
        self.dose = dose

    def harder(self) -> int | None:
        """The index of the next rung up, if it fits the person."""
        index = self.rung + 1
        if index < len(self.rungs) and self.allowed[index]:
            return index
        return None

    def walk_run_entry(self) -> int | None:
        """The index of the rung just below the ladder's first walk-run rung, if it has one."""
        for index in range(len(self.rungs) - 1):
            if (
                self.rungs[index + 1].dose_type is Intervals
                and self.rungs[index].dose_type is not Intervals
                and self.allowed[index]
                and self.allowed[index + 1]
            ):
                return index
        return None


def minutes(prescription: Prescription, exercise: Exercise) -> float:
    """The estimated minutes of a prescription (the same estimate the engine's budget uses)."""
    return dose_minutes(prescription.dose, per_side=exercise.per_side)


def top_minutes(exercise: Exercise) -> float:
    """The minutes of the exercise at its largest dose: how long it may grow to take."""
    return dose_minutes(exercise.max_dose, per_side=exercise.per_side)


class Start:
    """How carefully a person starts: the highest rung level and how far toward usual doses."""

    __slots__ = ("gentle", "level")

    def __init__(self, profile: Profile) -> None:
        risk = profile.risk
        cautious = risk is Risk.HIGH or profile.pain >= HIGH_PAIN
        self.level = max(1, START_LEVEL[profile.level] - (1 if cautious else 0))
        # Higher risk or pain: half-way between the minimum and the usual starting dose.
        self.gentle = cautious or risk is Risk.MEDIUM or profile.pain >= MODERATE_PAIN

    def dose(self, exercise: Exercise) -> Dose:
        if not self.gentle or exercise.category is Category.STRETCH:
            return exercise.default_dose
        return toward_min(exercise.default_dose, exercise)


def toward_min(dose: Dose, exercise: Exercise) -> Dose:
    """Part of the way from the exercise's least dose to ``dose`` (a gentler start)."""
    halfway = between(exercise.min_dose, dose, RESTART_SHARE)
    if halfway is None or not within(halfway, exercise):
        return exercise.min_dose
    return halfway


def ranked(ladders: Sequence[Ladder], rank: Sequence[str], cycle: int) -> list[Ladder]:
    """Ladders in the order of ``rank`` (unknown ones after), rotated for later programs."""
    position = {key: index for index, key in enumerate(rank)}
    order = {id(ladder): index for index, ladder in enumerate(ladders)}
    ordered = sorted(
        ladders, key=lambda ladder: position.get(ladder.key, len(rank) + order[id(ladder)])
    )
    if ordered and cycle > 1:
        shift = (cycle - 1) % len(ordered)
        ordered = ordered[shift:] + ordered[:shift]
    return ordered


def ladders_for(
    catalog: Catalog, profile: Profile, start: Start, reached: Mapping[str, Prescription]
) -> dict[Category, list[Ladder]]:
    """Every catalog ladder the person can use, by category, each at its starting rung."""
    constraints = profile.constraints
    found: dict[Category, list[Ladder]] = {category: [] for category in Category}
    for rungs in catalog.ladders():
        allowed = tuple(constraints.allows(rung) for rung in rungs)
        ladder = _starting(rungs, allowed, start, reached.get(rungs[0].id))
        if ladder is not None:
            found[ladder.category].append(ladder)
    return found


def _starting(
    rungs: tuple[Exercise, ...],
    allowed: tuple[bool, ...],
    start: Start,
    reached: Prescription | None,
) -> Ladder | None:
    if reached is not None:
        index = next((i for i, rung in enumerate(rungs) if rung.id == reached.exercise), None)
        if index is not None and allowed[index]:
            return _carry_on(rungs, allowed, index, reached.dose, start)
    candidates = [
        index for index, rung in enumerate(rungs) if allowed[index] and rung.level <= start.level
    ]
    if not candidates:
        # A ladder whose easiest variant is one level up (the side bridge from the knees)
        # still opens with that variant: it is the easiest of its kind.
        if allowed[0] and rungs[0].level <= start.level + 1:
            return Ladder(rungs, allowed, 0, start.dose(rungs[0]))
        return None
    index = candidates[-1]
    return Ladder(rungs, allowed, index, start.dose(rungs[index]))


def _carry_on(
    rungs: tuple[Exercise, ...], allowed: tuple[bool, ...], index: int, dose: Dose, start: Start
) -> Ladder:
    """A ladder of a later program: where the last one ended, a step lower to ease back in.

    Two steps lower for someone who needs a gentle start now. From there the rules
    move the dose and the rung on, as in the first program.
    """
    exercise = rungs[index]
    if type(dose) is not exercise.dose_type or not within(dose, exercise):
        dose = exercise.default_dose
    for _ in range(2 if start.gentle else 1):
        lower = step_down(dose, exercise)
        dose = dose if lower is None else lower
    return Ladder(rungs, allowed, index, dose)
