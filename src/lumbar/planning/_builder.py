"""The program builder: a personal, balanced and gently progressive program from a profile.

How a program is made (the evidence for each choice is cited where it is used):

1. Screening first: nothing is planned unless the red-flag screening is clear.
2. Ladders: every catalog ladder that fits the equipment and the directional
   preference is a candidate, ranked for the person's goal; each starts at the
   highest rung the fitness level allows (one lower, and at gentler doses, for
   high STarT Back risk or high pain).
3. Days: sessions are spread over the week. Strength and trunk-control ladders
   rotate in groups so that each one is trained 2-3 days a week and never on
   consecutive days; stretches come every session; walking is a daily goal.
4. Time: each session fits the minutes available, estimated with
   `lumbar.model._dose.dose_minutes`; optional ladders join only with room to spare.
5. Weeks: doses rise at most one small step a week, inside the progression
   engine's weekly cap and each exercise's bounds; every fourth week is lighter;
   rungs move up at phase boundaries once the dose has reached the top.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from lumbar.content._catalog import Catalog, default_catalog
from lumbar.errors import ValidationError
from lumbar.model._dose import Dose, Duration, Hold, Intervals, Reps, dose_minutes
from lumbar.model._exercise import Category, Exercise
from lumbar.model._person import Goal, Risk
from lumbar.model._program import Phase, Prescription, Program, RuleRef, Session, Week
from lumbar.planning._activity import activity_schedule
from lumbar.planning._profile import FitnessLevel, Profile
from lumbar.planning._topics import topic_schedule
from lumbar.progression._dose_steps import (
    WALK_RUN_STAGES,
    between,
    lighter,
    smallest_step,
    stage_above,
    step_down,
    within,
)
from lumbar.safety._screening import require_clear

# --- evidence-based defaults (design choices are marked as such) ------------------------

FREQUENCY_REFERENCES = ("acsm-2009-rt", "acsm-garber-2011", "acsm-flex-2021", "who-2020-pa")
"""Strength and trunk-control work 2-3 days a week on non-consecutive days (`acsm-2009-rt`,
`acsm-garber-2011`), stretching at least 2-3 days a week, daily is best (`acsm-flex-2021`),
aerobic activity on most days (`who-2020-pa`)."""

PROGRAM_REFERENCES = (
    *FREQUENCY_REFERENCES,
    "hayden-2021-cochrane",
    "owen-2020-bjsm",
    "mcgill-1999-apmr",
    "pocovi-2024-lancet",
    "steffens-2016-jama-im",
    "silbernagel-2007-ajsm",
)

DELOAD_EVERY = 4
"""Every fourth week is lighter: the progression engine's default (design choice; ACSM
describes varied, periodized training, `acsm-2009-rt`)."""
DELOAD_PERCENT = 60
"""A deload week gives about 60% of the volume, as the engine's deload rule does."""

CAP_PERCENT = 10.0
LOAD_CAP_PERCENT = 10.0
LOAD_CAP_STEP_KG = 1.0
"""The progression engine's weekly cap: weekly volume up at most 10% (or one smallest step
per session), load up at most 10% or 1 kg (design choice; `buist-2008-ajsm`,
`nielsen-2014-jospt`). Planned doses never rise faster."""

MOTOR_CONTROL_SECONDS = 10  # holds of about 10 s (mcgill-1999-apmr; secondary sources)
HOLD_STEP_SECONDS = 5
REP_HIGH = 12  # 8-12 repetitions, then more load (acsm-2009-rt)
REP_LOW = 8
LOAD_PERCENT = 5.0  # +2-10% once the top of the range is beaten (acsm-2009-rt)
LOAD_STEP_KG = 1.0
AEROBIC_TARGET_MINUTES = 30  # who-2020-pa; pocovi-2024-lancet

WALK_RUN_DAYS = 3  # walk-run 3 days a week, non-consecutive (running notes §4)
WALK_RUN_ENTRY_WEEKS = 2  # >= 2 weeks of 30 min brisk walking first (running notes §4)
WALK_RUN_RESERVE_MINUTES = 33
"""Time on feet of the longest walk-run stage (3 × (10 min jog + 1 min walk)): kept free on
walk-run days so the stages can grow."""


PHASE_SHARES = (4, 8, 14)
"""Foundation, build, and capacity/maintenance weeks out of 26: about 4, 8 and 14 (domain
notes §5, a design choice informed by `nice-cg88-2009` and `pocovi-2024-lancet`)."""

HIGH_PAIN = 6  # above the pain-monitoring model's 5/10 ceiling (silbernagel-2007-ajsm)
MODERATE_PAIN = 4  # 4-5/10 is "acceptable" but not "safe" in the same model

_START_LEVEL = {FitnessLevel.BEGINNER: 1, FitnessLevel.INTERMEDIATE: 2, FitnessLevel.ADVANCED: 3}

AEROBIC_STEP_PERCENT = 10  # minutes grow 10 % a step (design-aerobic-step)
_RESTART_SHARE = 0.5  # after a break, halfway between an exercise's least and usual dose
_SUBDIVISIONS = 8  # a step the cap would refuse is tried in eighths (as the engine does)
MAX_SESSION_KINDS = 3  # at most three kinds of session (A, B, C) a week
MAX_DAYS_PER_SESSION_KIND = 3  # each kind on at most three days a week
_SESSION_ORDER = (Category.STRETCH, Category.STABILIZATION, Category.STRENGTH, Category.AEROBIC)

# Each named number below -> the registry ids behind it (docs/evidence.md; a test checks).
EVIDENCE = {
    "DELOAD_EVERY": ("acsm-2009-rt", "design-deload"),
    "DELOAD_PERCENT": ("design-deload",),
    "CAP_PERCENT": ("design-weekly-cap",),
    "LOAD_CAP_PERCENT": ("design-weekly-cap",),
    "LOAD_CAP_STEP_KG": ("design-weekly-cap",),
    "MOTOR_CONTROL_SECONDS": ("design-motor-control-holds",),
    "HOLD_STEP_SECONDS": ("design-smallest-step",),
    "REP_HIGH": ("acsm-2009-rt",),
    "REP_LOW": ("acsm-2009-rt",),
    "LOAD_PERCENT": ("acsm-2009-rt", "design-load-rounding"),
    "LOAD_STEP_KG": ("design-load-rounding",),
    "AEROBIC_TARGET_MINUTES": ("who-2020-pa", "pocovi-2024-lancet"),
    "WALK_RUN_DAYS": ("design-walk-run-stages",),
    "WALK_RUN_ENTRY_WEEKS": ("design-walk-run-stages",),
    "WALK_RUN_RESERVE_MINUTES": ("design-walk-run-stages",),
    "PHASE_SHARES": ("nice-cg88-2009", "design-program-length"),
    "HIGH_PAIN": ("silbernagel-2007-ajsm", "design-pain-limit", "design-gentle-start"),
    "MODERATE_PAIN": ("design-pain-safe-zone", "design-gentle-start"),
    "_START_LEVEL": ("design-gentle-start",),
    "AEROBIC_STEP_PERCENT": ("design-aerobic-step",),
    "_RESTART_SHARE": ("design-gentle-start",),
    "_SUBDIVISIONS": ("design-technical-limit",),
    "MAX_SESSION_KINDS": ("design-session-layout",),
    "MAX_DAYS_PER_SESSION_KIND": ("design-session-layout",),
}

# Ladders by their easiest rung, most useful first. Trunk control: McGill's curl-up,
# side bridge and bird dog first (mcgill-1999-apmr). Strength and stretch orders
# follow the goal (design choices); ladders not named come after, in catalog order.
_STABILIZATION_RANK = (
    "abdominal-brace",
    "side-bridge-knees",
    "quadruped-arm-reach",
    "supine-march",
)
_STRENGTH_RANK: dict[Goal, tuple[str, ...]] = {
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
_STRETCH_RANK: dict[Goal, tuple[str, ...]] = {
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
_AEROBIC_RANK = ("walking",)  # walking first (pocovi-2024-lancet)

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# The rule stack that runs a planned program: the built-in default stack, named by
# registered names so that the parameters are the rules' own defaults. The
# return-to-jogging goal lets the ladder enter the walk-run once brisk walking has
# reached its 30-minute target.
_RULE_NAMES = (
    "weekly-cap",
    "pain-gate",
    "deload",
    "ladder",
    "reverse-pyramid",
    "hold-time",
    "double-progression",
    "duration",
    "walk-run",
)


def program_rules(goal: Goal) -> tuple[RuleRef, ...]:
    """The rule references a planned program carries: the default stack, for this goal."""
    return tuple(
        RuleRef(name=name, params={"enter_walk_run": True})
        if name == "ladder" and goal is Goal.RETURN_TO_JOGGING
        else RuleRef(name=name)
        for name in _RULE_NAMES
    )


# --- one ladder as the planner moves along it -------------------------------------------


class _Track:
    """One ladder during planning: the rung and dose of the current week, and where it is used."""

    __slots__ = (
        "allowed",
        "category",
        "dose",
        "fixed",
        "key",
        "minutes",
        "peak",
        "per_side",
        "rung",
        "rungs",
        "saved",
        "sessions",
        "weeks_at_top",
    )

    def __init__(
        self, rungs: tuple[Exercise, ...], allowed: tuple[bool, ...], rung: int, dose: Dose
    ) -> None:
        self.rungs = rungs
        self.allowed = allowed
        self.key = rungs[0].id
        self.category = rungs[0].category
        self.rung = rung
        self.dose = dose
        self.saved: Dose | None = None  # the dose before a deload week
        self.sessions: list[int] = []
        self.weeks_at_top = 0
        # Stretches stay at the guideline dose of about 60 s per stretch
        # (acsm-flex-2021, acsm-garber-2011): only their variants change between programs.
        self.fixed = self.category is Category.STRETCH
        self.per_side = rungs[rung].per_side
        self.minutes = dose_minutes(dose, per_side=self.per_side)
        self.peak = self._peak()

    @property
    def exercise(self) -> Exercise:
        return self.rungs[self.rung]

    def set(self, dose: Dose, rung: int | None = None) -> None:
        if rung is not None:
            self.rung = rung
            self.per_side = self.rungs[rung].per_side
        self.dose = dose
        self.minutes = dose_minutes(dose, per_side=self.per_side)
        if rung is not None:
            self.peak = self._peak()

    def _peak(self) -> float:
        """Minutes at the top dose of the current rung: how long the exercise may grow to take."""
        top = self.exercise.default_dose if self.fixed else _top_dose(self.exercise)
        return max(self.minutes, dose_minutes(top, per_side=self.per_side))

    def harder(self) -> int | None:
        """The index of the next rung up, if it fits the person."""
        index = self.rung + 1
        if index < len(self.rungs) and self.allowed[index]:
            return index
        return None


def _at_top(dose: Dose, exercise: Exercise) -> bool:
    """True when the planned dose cannot rise on this rung: every size field at its top."""
    high = exercise.max_dose
    if isinstance(dose, Reps) and isinstance(high, Reps):
        return (
            dose.sets >= high.sets
            and dose.reps >= high.reps
            and (dose.load_kg or 0.0) >= (high.load_kg or 0.0)
        )
    if isinstance(dose, Hold) and isinstance(high, Hold):
        return dose.sets >= high.sets and dose.reps >= high.reps and dose.seconds >= high.seconds
    if isinstance(dose, Duration) and isinstance(high, Duration):
        # Continuous activity tops out at the 30-minute daily target, as the engine's rule does.
        return dose.minutes >= min(high.minutes, AEROBIC_TARGET_MINUTES)
    if isinstance(dose, Intervals):
        return stage_above(dose, exercise) is None
    return True


def _top_dose(exercise: Exercise) -> Dose:
    """The largest dose the plan gives on this rung (its shape sets the time it takes)."""
    high = exercise.max_dose
    if isinstance(high, Duration):
        return Duration(minutes=min(high.minutes, AEROBIC_TARGET_MINUTES), rpe=high.rpe)
    if isinstance(high, Intervals):
        stages = [stage for stage in WALK_RUN_STAGES if within(stage, exercise)]
        return max(stages, key=lambda stage: stage.total_minutes, default=high)
    return high


def _within_cap(previous: Dose, new: Dose, exercise: Exercise) -> bool:
    """The weekly cap, per session (every session of a week has the same dose of a ladder)."""
    old_volume, new_volume = previous.volume, new.volume
    bound = max(
        old_volume * (1 + CAP_PERCENT / 100),
        old_volume + smallest_step(new),
        exercise.min_dose.volume,
    )
    if new_volume > bound + 1e-9:
        return False
    if isinstance(new, Reps) and isinstance(previous, Reps):
        old_load, new_load = previous.load_kg or 0.0, new.load_kg or 0.0
        limit = max(old_load * (1 + LOAD_CAP_PERCENT / 100), old_load + LOAD_CAP_STEP_KG)
        if new_load > limit + 1e-9:
            return False
    return True


def _next_load(load: float, highest: float) -> float:
    raised = load + max(load * LOAD_PERCENT / 100, LOAD_STEP_KG)
    raised = max(round(raised / LOAD_STEP_KG) * LOAD_STEP_KG, load + LOAD_STEP_KG)
    return round(min(raised, highest), 2)


def _candidates(dose: Dose, exercise: Exercise) -> Iterable[Dose]:
    """The next planned doses to try, in order of preference."""
    high, low = exercise.max_dose, exercise.min_dose
    if isinstance(dose, Reps) and isinstance(high, Reps) and isinstance(low, Reps):
        loaded = bool(high.load_kg)
        top = max(low.reps, min(REP_HIGH, high.reps) if loaded else high.reps)
        if dose.reps < top:
            yield Reps(sets=dose.sets, reps=dose.reps + 1, load_kg=dose.load_kg)
        if dose.sets < high.sets:
            reps = max(low.reps, dose.reps * dose.sets // (dose.sets + 1))
            yield Reps(sets=dose.sets + 1, reps=reps, load_kg=dose.load_kg)
        load = dose.load_kg or 0.0
        if loaded and high.load_kg is not None and load < high.load_kg:
            yield Reps(
                sets=dose.sets,
                reps=max(low.reps, min(top, REP_LOW)),
                load_kg=_next_load(load, high.load_kg),
            )
    elif isinstance(dose, Hold) and isinstance(high, Hold):
        short = min(MOTOR_CONTROL_SECONDS, high.seconds)
        if dose.seconds < short:
            seconds = min(short, dose.seconds + HOLD_STEP_SECONDS)
            yield Hold(sets=dose.sets, reps=dose.reps, seconds=seconds, reps_drop=dose.reps_drop)
        if dose.reps < high.reps:
            yield Hold(
                sets=dose.sets, reps=dose.reps + 1, seconds=dose.seconds, reps_drop=dose.reps_drop
            )
        if dose.sets < high.sets and dose.reps - dose.sets * dose.reps_drop >= 1:
            yield Hold(
                sets=dose.sets + 1, reps=dose.reps, seconds=dose.seconds, reps_drop=dose.reps_drop
            )
        if dose.seconds < high.seconds:
            seconds = min(high.seconds, dose.seconds + HOLD_STEP_SECONDS)
            yield Hold(sets=dose.sets, reps=dose.reps, seconds=seconds, reps_drop=dose.reps_drop)
    elif isinstance(dose, Duration) and isinstance(high, Duration):
        top = min(high.minutes, AEROBIC_TARGET_MINUTES)
        if dose.minutes < top:
            minutes = min(
                top, max(dose.minutes + 1, dose.minutes * (100 + AEROBIC_STEP_PERCENT) // 100)
            )
            yield Duration(minutes=minutes, rpe=dose.rpe)
    elif isinstance(dose, Intervals):
        stage = stage_above(dose, exercise)
        if stage is not None:
            yield stage
            # A whole stage can break the weekly cap (stage 1 to 2 doubles the jogging):
            # then go part of the way, as the engine does.
            for eighths in range(_SUBDIVISIONS - 1, 0, -1):
                step = between(dose, stage, eighths / _SUBDIVISIONS)
                if step is not None and step != dose:
                    yield step


def _rise(dose: Dose, exercise: Exercise) -> Dose | None:
    """The next week's planned dose on this rung, or None when it cannot rise."""
    for candidate in _candidates(dose, exercise):
        rises = candidate.volume > dose.volume or _harder_at_same_volume(candidate, dose)
        if rises and within(candidate, exercise) and _within_cap(dose, candidate, exercise):
            return candidate
    return None


def _harder_at_same_volume(new: Dose, old: Dose) -> bool:
    if isinstance(new, Reps) and isinstance(old, Reps):
        return (new.load_kg or 0.0) > (old.load_kg or 0.0) or new.sets > old.sets
    if isinstance(new, Intervals) and isinstance(old, Intervals):
        return new.work_seconds > old.work_seconds
    return False


def _walk_run_entry(track: _Track) -> int | None:
    """The index of the rung just below the ladder's first walk-run rung, if it has one."""
    for index in range(len(track.rungs) - 1):
        if (
            track.rungs[index + 1].dose_type is Intervals
            and track.rungs[index].dose_type is not Intervals
            and track.allowed[index]
            and track.allowed[index + 1]
        ):
            return index
    return None


# --- who the program is for ---------------------------------------------------------------


class _Start:
    """How carefully a person starts: the highest rung level and how far toward default doses."""

    __slots__ = ("gentle", "level")

    def __init__(self, profile: Profile) -> None:
        risk = profile.risk
        cautious = risk is Risk.HIGH or profile.pain >= HIGH_PAIN
        self.level = max(1, _START_LEVEL[profile.level] - (1 if cautious else 0))
        # Higher risk or pain: half-way between the minimum and the usual starting dose.
        self.gentle = cautious or risk is Risk.MEDIUM or profile.pain >= MODERATE_PAIN

    def dose(self, exercise: Exercise) -> Dose:
        if not self.gentle or exercise.category is Category.STRETCH:
            return exercise.default_dose
        return _toward_min(exercise.default_dose, exercise)


def _toward_min(dose: Dose, exercise: Exercise) -> Dose:
    halfway = between(exercise.min_dose, dose, _RESTART_SHARE)
    if halfway is None or not within(halfway, exercise):
        return exercise.min_dose
    return halfway


def _ranked(
    ladders: Sequence[tuple[Exercise, ...]], rank: Sequence[str], cycle: int
) -> list[tuple[Exercise, ...]]:
    """Ladders in the order of ``rank`` (unknown ones after), rotated for later programs."""
    position = {key: index for index, key in enumerate(rank)}
    ordered = sorted(
        ladders, key=lambda ladder: position.get(ladder[0].id, len(rank) + ladders.index(ladder))
    )
    if ordered and cycle > 1:
        shift = (cycle - 1) % len(ordered)
        ordered = ordered[shift:] + ordered[:shift]
    return ordered


def _weekdays(days: int) -> tuple[int, ...]:
    """Training days spread over the week (0 = Monday)."""
    return tuple(index * 7 // days for index in range(days))


def _groups(weekdays: Sequence[int]) -> tuple[int, ...]:
    """Rotation groups so that no group falls on consecutive days, 2-3 times a week each.

    Consecutive includes Sunday to the next Monday. The fewest groups that work.
    """
    for count in range(1, MAX_SESSION_KINDS + 1):
        found = _try_groups(weekdays, count)
        if found is not None:
            return found
    raise AssertionError("three groups always fit seven days")  # pragma: no cover


def _try_groups(weekdays: Sequence[int], count: int) -> tuple[int, ...] | None:
    by_day: dict[int, int] = {}
    uses = [0] * count
    for day in weekdays:
        banned = {by_day.get((day - 1) % 7), by_day.get((day + 1) % 7)}
        choices = [
            g for g in range(count) if g not in banned and uses[g] < MAX_DAYS_PER_SESSION_KIND
        ]
        if not choices:
            return None
        group = min(choices, key=lambda g: (uses[g], g))
        by_day[day] = group
        uses[group] += 1
    return tuple(by_day[day] for day in weekdays)


def _run_days(weekdays: Sequence[int]) -> frozenset[int]:
    """Three session indexes on non-consecutive days (Sunday to Monday counts), for walk-run."""
    chosen: list[int] = []
    for index, day in enumerate(weekdays):
        if all(abs(day - weekdays[c]) not in (1, 7 - 1) for c in chosen):  # Sunday-Monday too
            chosen.append(index)
        if len(chosen) == WALK_RUN_DAYS:
            break
    return frozenset(chosen)


# --- the builder ---------------------------------------------------------------------------


def build_program(profile: Profile, *, catalog: Catalog | None = None) -> Program:
    """A personal program for the whole length of the profile, in phases.

    Every session holds at least one stabilization (trunk control), one stretch
    and one strength exercise, and fits ``profile.minutes``; exercises that load
    the spine in a direction the person does not tolerate, or need equipment they
    do not have, are left out. Strength and trunk-control exercises come 2-3 days
    a week and never on consecutive days (`acsm-2009-rt`, `acsm-garber-2011`),
    stretches every session (`acsm-flex-2021`), and each week carries a daily
    walking goal on 5 days (`who-2020-pa`, `pocovi-2024-lancet`) and an
    education topic. Doses rise gently, never faster than the progression
    engine's weekly cap; every fourth week is lighter. The return-to-jogging goal
    adds brisk walking and then the pain-gated walk-run stages, 3 days a week.

    The result is deterministic. It names its progression rules in
    ``Program.rules``, so [lumbar.advance][lumbar.progression.advance] and
    [lumbar.simulate][lumbar.simulation.simulate] run it behind the pain-monitoring gate.

    Raises [lumbar.ReferralRequired][lumbar.errors.ReferralRequired] when the screening is not
    clear, and [lumbar.ValidationError][lumbar.errors.ValidationError] when the catalog has
    nothing that fits.
    """
    return _build(profile, catalog, cycle=1, reached={}, walking=None)


def next_program(program: Program, profile: Profile, *, catalog: Catalog | None = None) -> Program:
    """The program to follow ``program``: other variants and emphases, from where the person is.

    ``program`` is the finished program, as planned or as done (the ``program`` of a
    [lumbar.Simulation][lumbar.simulation.Simulation]); ``profile`` describes the person now,
    with a fresh screening. Each ladder the person used continues from its last rung and dose in
    the last full week, a step lower to ease back in; a ladder that reached the top
    moves to its harder variant, and stretches move to their next variant. The
    ranking of ladders rotates so that other exercises take the lead, the walking
    goal starts from where it ended, and the education topics start further along.
    Gains fade when exercise stops (`steffens-2016-jama-im`): keep going.
    """
    if not isinstance(program, Program):
        raise ValidationError.single("program", f"must be a Program, got {type(program).__name__}")
    catalog = default_catalog() if catalog is None else catalog
    try:
        cycle = int(program.metadata.get("cycle", "1")) + 1
    except ValueError:
        cycle = 2
    reached: dict[str, Prescription] = {}
    walking: int | None = None
    for week in reversed(program.weeks):
        if week.deload:
            continue
        if walking is None and week.activity is not None:
            walking = week.activity.minutes
        for session in week.sessions:
            for prescription in session.prescriptions:
                if prescription.exercise not in catalog:
                    continue
                key = catalog.ladder(prescription.exercise)[0].id
                reached.setdefault(key, prescription)
    return _build(profile, catalog, cycle=cycle, reached=reached, walking=walking)


def _check_profile(profile: object) -> Profile:
    if not isinstance(profile, Profile):
        raise ValidationError.single("profile", f"must be a Profile, got {type(profile).__name__}")
    require_clear(profile.screening)
    return profile


def _tracks(
    catalog: Catalog,
    profile: Profile,
    start: _Start,
    reached: Mapping[str, Prescription],
) -> dict[Category, list[_Track]]:
    constraints = profile.constraints
    found: dict[Category, list[_Track]] = {category: [] for category in Category}
    for ladder in catalog.ladders():
        allowed = tuple(constraints.allows(rung) for rung in ladder)
        track = _start_track(ladder, allowed, start, reached.get(ladder[0].id))
        if track is not None:
            found[track.category].append(track)
    return found


def _start_track(
    ladder: tuple[Exercise, ...],
    allowed: tuple[bool, ...],
    start: _Start,
    reached: Prescription | None,
) -> _Track | None:
    if reached is not None:
        index = next((i for i, rung in enumerate(ladder) if rung.id == reached.exercise), None)
        if index is not None and allowed[index]:
            exercise = ladder[index]
            dose = reached.dose
            if type(dose) is not exercise.dose_type:
                dose = exercise.default_dose
            track = _Track(ladder, allowed, index, dose)
            up = track.harder()
            moves_on = track.fixed or _at_top(dose, exercise)
            if up is not None and moves_on and not start.gentle:
                return _Track(ladder, allowed, up, start.dose(ladder[up]))
            # Ease back in one step below where the last program ended (two if gentle now).
            for _ in range(2 if start.gentle else 1):
                lower = step_down(dose, exercise)
                dose = dose if lower is None else lower
            if track.fixed:
                dose = exercise.default_dose
            return _Track(ladder, allowed, index, dose)
    candidates = [
        index for index, rung in enumerate(ladder) if allowed[index] and rung.level <= start.level
    ]
    if not candidates:
        # A ladder whose easiest variant is one level up (the side bridge from the knees)
        # still opens with that variant: it is the easiest of its kind.
        if allowed[0] and ladder[0].level <= start.level + 1:
            return _Track(ladder, allowed, 0, start.dose(ladder[0]))
        return None
    index = candidates[-1]
    return _Track(ladder, allowed, index, start.dose(ladder[index]))


def _phase_lengths(weeks: int) -> list[int]:
    total = sum(PHASE_SHARES)
    first = max(1, round(weeks * PHASE_SHARES[0] / total))
    second = max(1, round(weeks * PHASE_SHARES[1] / total))
    return [first, second, weeks - first - second]


class _Planner:
    """The state of one build: tracks, sessions and their time, week by week."""

    def __init__(
        self,
        profile: Profile,
        catalog: Catalog,
        cycle: int,
        reached: Mapping[str, Prescription],
    ) -> None:
        self.profile = profile
        self.catalog = catalog
        self.cycle = cycle
        self.start = _Start(profile)
        self.jogging = profile.goal is Goal.RETURN_TO_JOGGING
        found = _tracks(catalog, profile, self.start, reached)
        goal = profile.goal
        self.stretches = _ranked_tracks(found[Category.STRETCH], _STRETCH_RANK[goal], cycle)
        stabilization = _ranked_tracks(found[Category.STABILIZATION], _STABILIZATION_RANK, cycle)
        strength = _ranked_tracks(found[Category.STRENGTH], _STRENGTH_RANK[goal], cycle)
        aerobic = _ranked_tracks(found[Category.AEROBIC], _AEROBIC_RANK, 1)
        self.weekdays = _weekdays(profile.days)
        self.groups = _groups(self.weekdays)
        count = max(self.groups) + 1
        self._check_enough(stabilization, strength, count)
        # Round-robin by rank: every group gets its own ladders, best first.
        self.group_stabilization = [stabilization[g::count] for g in range(count)]
        self.group_strength = [strength[g::count] for g in range(count)]
        self.aerobic = self._aerobic_track(aerobic, reached)
        self.run_days = _run_days(self.weekdays) if self.jogging else frozenset()
        sessions = len(self.weekdays)
        self.budget = [float(profile.minutes)] * sessions
        self.reserve = [
            WALK_RUN_RESERVE_MINUTES if index in self.run_days else 0.0 for index in range(sessions)
        ]
        self.content: list[list[_Track]] = [[] for _ in range(sessions)]
        self.used: list[_Track] = []

    def _check_enough(
        self, stabilization: list[_Track], strength: list[_Track], count: int
    ) -> None:
        errors = []
        if not self.stretches:
            errors.append(("equipment", "no stretch of the catalog fits this profile: add 'mat'"))
        if not stabilization:
            errors.append(
                (
                    "equipment",
                    "no stabilization exercise of the catalog fits this profile: "
                    "add 'mat' (a towel on a carpet will do)",
                )
            )
        if not strength:
            errors.append(
                ("equipment", "no strength exercise of the catalog fits this profile: add 'mat'")
            )
        elif stabilization and (len(strength) < count or len(stabilization) < count):
            errors.append(
                (
                    "days",
                    f"{self.profile.days} days a week need {count} different strength and "
                    "stabilization exercises so that none is trained on consecutive days "
                    "(acsm-2009-rt); with this equipment and preference plan at most 6 days",
                )
            )
        if errors:
            raise ValidationError(errors)

    def _aerobic_track(
        self, aerobic: list[_Track], reached: Mapping[str, Prescription]
    ) -> _Track | None:
        if not aerobic:
            return None
        track = aerobic[0]
        entry = _walk_run_entry(track)
        if entry is None:
            return track
        if self.jogging and track.key not in reached:
            # The return to jogging starts on the walking ladder at brisk walking, the
            # rung below the walk-run, whatever the fitness level (running notes §4).
            track.set(self.start.dose(track.rungs[entry]), entry)
        elif not self.jogging and track.rung > entry:
            # Walk-run and jogging belong to the return-to-jogging goal only.
            track.set(self.start.dose(track.rungs[entry]), entry)
        return track

    # --- time ---------------------------------------------------------------------------

    def session_minutes(self, index: int) -> float:
        return sum(track.minutes for track in self.content[index])

    def _aerobic_minutes(self, index: int) -> float:
        aerobic = self.aerobic
        if aerobic is not None and aerobic in self.content[index]:
            return aerobic.minutes
        return 0.0

    def fits(self, track: _Track, minutes: float, sessions: Iterable[int]) -> bool:
        """True when ``track`` at ``minutes`` keeps each of these sessions within budget.

        On walk-run days the other exercises leave room for the longest walk-run stage.
        """
        for index in sessions:
            content = self.content[index]
            total = self.session_minutes(index) + minutes
            if track in content:
                total -= track.minutes
            if track is not self.aerobic:
                total += self.reserve_left(index)
            if total > self.budget[index] + 1e-9:
                return False
        return True

    def room_to_grow(self, track: _Track, sessions: Iterable[int]) -> bool:
        """True when these sessions fit with every exercise, ``track`` included, at its top."""
        for index in sessions:
            content = self.content[index]
            total = sum(t.peak for t in content) + track.peak
            aerobic = self.aerobic
            in_session = aerobic is not None and (aerobic in content or aerobic is track)
            if not in_session or aerobic is None:
                total += self.reserve[index]
            elif aerobic.peak < self.reserve[index]:
                total += self.reserve[index] - aerobic.peak
            if total > self.budget[index] + 1e-9:
                return False
        return True

    # --- content -------------------------------------------------------------------------

    def sessions_of(self, track: _Track) -> list[int]:
        """The sessions a track is part of: its group's days, every day, or the walk-run days."""
        everyone = list(range(len(self.weekdays)))
        if track.category is Category.STRETCH:
            return everyone
        if track.category is Category.AEROBIC:
            return sorted(self.run_days) if self.jogging else everyone
        lists = (
            self.group_stabilization
            if track.category is Category.STABILIZATION
            else self.group_strength
        )
        group = next(g for g, members in enumerate(lists) if track in members)
        return [index for index, g in enumerate(self.groups) if g == group]

    def place(self, track: _Track) -> None:
        track.sessions = self.sessions_of(track)
        for index in track.sessions:
            self.content[index].append(track)
        self.used.append(track)

    def try_add(self, track: _Track | None) -> None:
        """Add an optional ladder if its sessions still fit with every exercise at its top."""
        if track is None or track in self.used:
            return
        sessions = self.sessions_of(track)
        if self.room_to_grow(track, sessions) and self.fits(track, track.minutes, sessions):
            self.place(track)

    def add_required(self, tracks: list[_Track]) -> None:
        """Add the ladders every session needs, at the largest starting doses that fit.

        All go in at their minimum dose first, so that one exercise cannot take the
        time another one needs; then each rises toward its starting dose in turn.
        """
        wanted = {id(track): track.dose for track in tracks}
        for track in tracks:
            track.set(track.exercise.min_dose)
            self.place(track)
        for index in range(len(self.content)):
            if self.session_minutes(index) + self.reserve_left(index) > self.budget[index] + 1e-9:
                raise ValidationError.single(
                    "minutes",
                    f"{self.profile.minutes} minutes are too few for one exercise of each "
                    "kind; allow more minutes per session",
                )
        for track in tracks:
            dose: Dose | None = wanted[id(track)]
            while dose is not None and not self.fits(
                track, dose_minutes(dose, per_side=track.per_side), track.sessions
            ):
                dose = step_down(dose, track.exercise)
            if dose is not None:
                track.set(dose)

    def reserve_left(self, index: int) -> float:
        return max(0.0, self.reserve[index] - self._aerobic_minutes(index))

    def fill(self, phase: int) -> None:
        """Put the ladders of a phase into the sessions: required ones, then optional ones.

        The foundation phase leads with trunk control, the build phase adds strength,
        the last phase gives walking the first claim on spare time.
        """
        groups = range(len(self.group_stabilization))
        stabilization, strength = self.group_stabilization, self.group_strength
        if phase == 0:
            required = [self.aerobic] if self.jogging and self.aerobic is not None else []
            required.extend(stabilization[g][0] for g in groups)
            required.extend(strength[g][0] for g in groups)
            required.extend(self.stretches[:1])
            self.add_required(required)
        optional: list[_Track | None] = []
        if phase == 2:
            optional.append(self.aerobic)
        for depth in (1, 2):
            for g in groups:
                if phase >= 1:
                    optional.append(_get(strength[g], depth))
                optional.append(_get(stabilization[g], depth))
            if depth == 1:
                optional.append(_get(self.stretches, 1))
        optional.append(self.aerobic)
        for track in optional:
            self.try_add(track)


def _get(tracks: list[_Track], index: int) -> _Track | None:
    return tracks[index] if index < len(tracks) else None


def _ranked_tracks(tracks: list[_Track], rank: Sequence[str], cycle: int) -> list[_Track]:
    by_key = {track.key: track for track in tracks}
    ladders = [track.rungs for track in tracks]
    return [by_key[ladder[0].id] for ladder in _ranked(ladders, rank, cycle)]


def _build(
    profile: Profile,
    catalog: Catalog | None,
    *,
    cycle: int,
    reached: Mapping[str, Prescription],
    walking: int | None,
) -> Program:
    profile = _check_profile(profile)
    catalog = default_catalog() if catalog is None else catalog
    planner = _Planner(profile, catalog, cycle, reached)
    weeks = profile.weeks
    lengths = _phase_lengths(weeks)
    starts = (0, lengths[0], lengths[0] + lengths[1])
    # A phase never opens with a deload week: its first week may move up the ladders.
    deload = [(index + 1) % DELOAD_EVERY == 0 and index not in starts for index in range(weeks)]
    aerobic = planner.aerobic
    running_from: int | None = None
    if planner.jogging and aerobic is not None and _running(aerobic):
        running_from = 0  # a later program that carries on with the walk-run or jogging
    rise_order = _rise_order(planner)
    doses: list[dict[int, tuple[str, Dose]]] = []
    phase = 0
    for week in range(weeks):
        present = list(planner.used)
        if week and deload[week - 1]:
            for track in present:
                if track.saved is not None:
                    track.set(track.saved)
                    track.saved = None
        moved: list[_Track] = []
        if week in starts:
            phase = starts.index(week)
            if phase:
                moved.extend(_move_up(planner))
            planner.fill(phase)
        if (
            planner.jogging
            and running_from is None
            and (phase == 2 or planner.cycle > 1)
            and not deload[week]
            and _ready_to_run(planner)
            and _enter_walk_run(planner)
        ):
            running_from = week
            moved.append(planner.aerobic)  # type: ignore[arg-type]  # checked by _ready_to_run
        if deload[week]:
            for track in planner.used:
                track.saved = track.dose
                track.set(lighter(track.dose, track.exercise, DELOAD_PERCENT))
        elif week:
            for track in rise_order:
                if track in present and track not in moved and not track.fixed:
                    _rise_track(planner, track)
        for track in planner.used:
            if not deload[week] and _at_top(track.dose, track.exercise):
                track.weeks_at_top += 1
        doses.append({id(track): (track.exercise.id, track.dose) for track in planner.used})
    return _assemble(planner, profile, doses, deload, lengths, running_from, walking)


def _running(track: _Track) -> bool:
    """True when the aerobic ladder is already at the walk-run or beyond."""
    entry = _walk_run_entry(track)
    return entry is not None and track.rung > entry


def _rise_order(planner: _Planner) -> list[_Track]:
    core = [
        track
        for tracks in (*planner.group_stabilization, *planner.group_strength)
        for track in tracks
    ]
    aerobic = [planner.aerobic] if planner.aerobic is not None else []
    return [*aerobic, *core] if planner.jogging else [*core, *aerobic]


def _rise_track(planner: _Planner, track: _Track) -> None:
    new = _rise(track.dose, track.exercise)
    if new is None:
        return
    minutes = dose_minutes(new, per_side=track.per_side)
    if planner.fits(track, minutes, track.sessions):
        track.set(new)


def _move_up(planner: _Planner) -> list[_Track]:
    """At a phase boundary, move each ladder whose dose has reached its top to its next rung."""
    moved = []
    for track in planner.used:
        if track.fixed or not _at_top(track.dose, track.exercise):
            continue
        up = track.harder()
        if up is None:
            continue
        rung = track.rungs[up]
        if rung.dose_type is Intervals and rung.dose_type is not track.exercise.dose_type:
            continue  # the walk-run starts by its own entry rule
        if _place(planner, track, up, rung.default_dose):
            moved.append(track)
    return moved


def _place(planner: _Planner, track: _Track, rung: int, dose: Dose) -> bool:
    """Move ``track`` to ``rung`` at ``dose`` or the nearest lower dose that fits the sessions."""
    exercise = track.rungs[rung]
    candidate: Dose | None = dose
    while candidate is not None:
        if planner.fits(track, dose_minutes(candidate, per_side=exercise.per_side), track.sessions):
            track.set(candidate, rung)
            track.weeks_at_top = 0
            return True
        candidate = step_down(candidate, exercise)
    return False


def _ready_to_run(planner: _Planner) -> bool:
    """The walk-run entry: brisk walking at 30 minutes for at least 2 weeks (running notes §4)."""
    track = planner.aerobic
    if track is None or track not in planner.used:
        return False
    up = track.harder()
    return (
        up is not None
        and track.rungs[up].dose_type is Intervals
        and track.exercise.dose_type is Duration
        and _at_top(track.dose, track.exercise)
        and track.weeks_at_top >= WALK_RUN_ENTRY_WEEKS
    )


def _enter_walk_run(planner: _Planner) -> bool:
    track = planner.aerobic
    assert track is not None
    up = track.harder()
    assert up is not None
    return _place(planner, track, up, track.rungs[up].default_dose)


# --- putting the program together -----------------------------------------------------------

_PHASE_NAMES = (
    "Foundation: trunk control and mobility",
    "Build: strength",
    "Capacity and maintenance",
)


def _phase_focus(index: int, groups: int) -> str:
    spread = (
        "every training day, which are never consecutive"
        if groups == 1
        else f"in {groups} alternating groups, so that none comes on consecutive days"
    )
    frequency = (
        f" Strength and trunk-control exercises {spread} (2-3 days a week each, acsm-2009-rt); "
        "stretches every session (acsm-flex-2021); the daily walk on 5 days (who-2020-pa)."
    )
    if index == 0:
        return (
            "Learn the trunk-control exercises (curl-up, side bridge, bird dog: "
            "mcgill-1999-apmr) and gentle mobility, with strength work at body weight." + frequency
        )
    if index == 1:
        return (
            "More strength exercises; 8-12 repetitions, then more sets or load (acsm-2009-rt). "
            "Exercises whose dose has reached its top move to a harder variant." + frequency
        )
    return (
        "Build capacity and keep it: doses keep rising gently to the top of each exercise, "
        "walking reaches 30 minutes a day (who-2020-pa, pocovi-2024-lancet)." + frequency
    )


def _phases(
    lengths: list[int], running_from: int | None, profile: Profile, groups: int
) -> tuple[Phase, ...]:
    first = [
        Phase(name=_PHASE_NAMES[index], weeks=lengths[index], focus=_phase_focus(index, groups))
        for index in range(2)
    ]
    last = lengths[2]
    if profile.goal is not Goal.RETURN_TO_JOGGING:
        return (*first, Phase(name=_PHASE_NAMES[2], weeks=last, focus=_phase_focus(2, groups)))
    walking_focus = (
        "Brisk walking three days a week grows toward 30 minutes; the walk-run starts once "
        "30 minutes has been comfortable for 2 weeks (running notes §4, belavy-2017-scirep)."
    )
    if running_from is None:
        focus = f"{walking_focus} Not reached within this program: the next program goes on."
        return (*first, Phase(name="Capacity: brisk walking", weeks=last, focus=focus))
    running_focus = (
        "Walk-run 3 days a week on non-consecutive days: short jogs grow stage by stage "
        "toward continuous running, moving on only while pain stays at 3/10 or less and "
        "settles by the next morning (silbernagel-2007-ajsm, nielsen-2014-jospt)."
    )
    third = lengths[0] + lengths[1]
    walking_weeks = max(0, running_from - third)
    phases = list(first)
    if walking_weeks:
        phases.append(
            Phase(name="Capacity: brisk walking", weeks=walking_weeks, focus=walking_focus)
        )
    phases.append(
        Phase(name="Return to running: walk-run", weeks=last - walking_weeks, focus=running_focus)
    )
    return tuple(phases)


def _assemble(
    planner: _Planner,
    profile: Profile,
    doses: list[dict[int, tuple[str, Dose]]],
    deload: list[bool],
    lengths: list[int],
    running_from: int | None,
    walking: int | None,
) -> Program:
    weeks = profile.weeks
    brisk = [planner.cycle > 1 or index >= lengths[0] for index in range(weeks)]
    activity = activity_schedule(
        profile.walking_minutes if walking is None else walking,
        deload,
        baseline_steps=profile.steps,
        brisk=brisk,
    )
    topics = topic_schedule(weeks, risk=profile.risk, goal=profile.goal, cycle=planner.cycle)
    prescriptions: dict[tuple[str, Dose], Prescription] = {}
    sessions: dict[tuple[str, tuple[Prescription, ...]], Session] = {}
    order = {id(track): position for position, track in enumerate(_session_order(planner))}
    built: list[Week] = []
    for index in range(weeks):
        week_doses = doses[index]
        week_sessions = []
        for number, content in enumerate(planner.content):
            items = []
            for track in sorted(
                (t for t in content if id(t) in week_doses), key=lambda t: order[id(t)]
            ):
                key = week_doses[id(track)]
                prescription = prescriptions.get(key)
                if prescription is None:
                    prescription = prescriptions[key] = Prescription(exercise=key[0], dose=key[1])
                items.append(prescription)
            label = _WEEKDAYS[planner.weekdays[number]]
            items_tuple = tuple(items)
            session = sessions.get((label, items_tuple))
            if session is None:
                session = sessions[(label, items_tuple)] = Session(
                    prescriptions=items_tuple, label=label
                )
            week_sessions.append(session)
        built.append(
            Week(
                sessions=tuple(week_sessions),
                deload=deload[index],
                activity=activity[index],
                education=topics[index],
            )
        )
    groups = max(planner.groups) + 1
    title_goal = {
        Goal.GENERAL: "general back health",
        Goal.RETURN_TO_JOGGING: "return to jogging",
        Goal.DESK_WORKER: "desk work",
        Goal.MANUAL_WORK: "lifting and manual work",
    }[profile.goal]
    ordinal = "" if planner.cycle == 1 else f" {planner.cycle}"
    return Program(
        weeks=tuple(built),
        phases=_phases(lengths, running_from, profile, groups),
        title=f"Back program{ordinal}: {title_goal}, {weeks} weeks",
        metadata=_metadata(profile, planner.cycle),
        rules=program_rules(profile.goal),
        constraints=profile.constraints,
    )


def _session_order(planner: _Planner) -> list[_Track]:
    """Mobility first, then trunk control, then strength, then the walk or walk-run."""
    return sorted(planner.used, key=lambda track: _SESSION_ORDER.index(track.category))


def _metadata(profile: Profile, cycle: int) -> dict[str, str]:
    return {
        "generator": "lumbar.build_program",
        "cycle": str(cycle),
        "goal": profile.goal.value,
        "level": profile.level.value,
        "preference": profile.preference.value,
        "days": str(profile.days),
        "minutes": str(profile.minutes),
        "equipment": ",".join(item.value for item in profile.equipment),
        "risk": "" if profile.risk is None else profile.risk.value,
        "pain": str(profile.pain),
        "references": " ".join(PROGRAM_REFERENCES),
    }
