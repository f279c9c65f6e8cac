"""What goes into each session of the week, within the minutes the person has.

The layout places ladders (see ``_ladders``) into the sessions of a week, phase by
phase: the ladders every session needs when the program starts, then optional
ones while the sessions have room for them to grow. Times are the estimates of
`lumbar.dose_minutes`, the same ones the engine's session
budget uses. The doses themselves come from the rules' forecast (``_forecast``):
at each phase start the layout is told where every ladder has got to.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

from lumbar.content._catalog import Catalog
from lumbar.errors import ValidationError
from lumbar.model._dose import Dose, dose_minutes
from lumbar.model._exercise import Category
from lumbar.model._person import Goal
from lumbar.model._program import Prescription
from lumbar.planning._calendar import WEEKDAYS, groups, run_days, weekdays
from lumbar.planning._ladders import (
    AEROBIC_RANK,
    STABILIZATION_RANK,
    STRENGTH_RANK,
    STRETCH_RANK,
    Ladder,
    Start,
    ladders_for,
    minutes,
    ranked,
    top_minutes,
)
from lumbar.planning._profile import Profile
from lumbar.progression._dose_steps import step_down, within
from lumbar.progression._walk_run_stages import WALK_RUN_STAGES

SESSION_ORDER = (Category.STRETCH, Category.STABILIZATION, Category.STRENGTH, Category.AEROBIC)
"""Mobility first, then trunk control, then strength, then the walk or walk-run."""


class Layout:
    """The ladders of each session of the week, and what the forecast says they take."""

    def __init__(
        self, profile: Profile, catalog: Catalog, cycle: int, reached: Mapping[str, Prescription]
    ) -> None:
        self.profile = profile
        self.catalog = catalog
        self.cycle = cycle
        self.start = Start(profile)
        self.jogging = profile.goal is Goal.RETURN_TO_JOGGING
        found = ladders_for(catalog, profile, self.start, reached)
        goal = profile.goal
        self.stretches = ranked(found[Category.STRETCH], STRETCH_RANK[goal], cycle)
        stabilization = ranked(found[Category.STABILIZATION], STABILIZATION_RANK, cycle)
        strength = ranked(found[Category.STRENGTH], STRENGTH_RANK[goal], cycle)
        self.days = weekdays(profile.days)
        self.groups = groups(self.days)
        count = max(self.groups) + 1
        self._check_enough(stabilization, strength, count)
        # Round-robin by rank: every group gets its own ladders, best first.
        self.group_stabilization = [stabilization[g::count] for g in range(count)]
        self.group_strength = [strength[g::count] for g in range(count)]
        self.aerobic = self._aerobic(ranked(found[Category.AEROBIC], AEROBIC_RANK, 1), reached)
        self.run_days = run_days(self.days) if self.jogging else frozenset()
        sessions = len(self.days)
        self.budget = float(profile.minutes)
        reserve = self._walk_run_minutes()
        self.reserve = [reserve if index in self.run_days else 0.0 for index in range(sessions)]
        self.content: list[list[Ladder]] = [[] for _ in range(sessions)]
        self.used: list[Ladder] = []
        # By ladder key: the minutes of the dose the forecast has reached (its last full
        # week), and the minutes it may grow to on that variant.
        self.reached: dict[str, tuple[float, float]] = {}

    def reserved(self) -> dict[str, int]:
        """The minutes kept for the walk-run on its days, for the program's constraints."""
        aerobic = self.aerobic
        minutes = max(self.reserve, default=0.0)
        if aerobic is None or not minutes:
            return {}
        return {aerobic.key: math.ceil(minutes)}

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(WEEKDAYS[day] for day in self.days)

    def _check_enough(
        self, stabilization: list[Ladder], strength: list[Ladder], count: int
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

    def _aerobic(self, aerobic: list[Ladder], reached: Mapping[str, Prescription]) -> Ladder | None:
        if not aerobic:
            return None
        ladder = aerobic[0]
        entry = ladder.walk_run_entry()
        if entry is None:
            return ladder
        if self.jogging and ladder.key not in reached:
            # The return to jogging starts on the walking ladder at brisk walking, the
            # rung below the walk-run, whatever the fitness level (running notes §4).
            ladder.start_at(entry, self.start.dose(ladder.rungs[entry]))
        elif not self.jogging and ladder.rung > entry:
            # Walk-run and jogging belong to the return-to-jogging goal only.
            ladder.start_at(entry, self.start.dose(ladder.rungs[entry]))
        return ladder

    def _walk_run_minutes(self) -> float:
        """Time on feet of the longest walk-run stage the rules use: kept free on walk-run days."""
        if not self.jogging or self.aerobic is None:
            return 0.0
        entry = self.aerobic.walk_run_entry()
        if entry is None:
            return 0.0
        walk_run = self.aerobic.rungs[entry + 1]
        return max(
            (dose_minutes(stage) for stage in WALK_RUN_STAGES if within(stage, walk_run)),
            default=0.0,
        )

    # --- time ---------------------------------------------------------------------------

    def reach(self, reached: Mapping[str, Prescription]) -> None:
        """Where the forecast has got to: each ladder's prescription in its last full week."""
        catalog = self.catalog
        self.reached = {}
        for key, prescription in reached.items():
            exercise = catalog[prescription.exercise]
            now = minutes(prescription, exercise)
            self.reached[key] = (now, max(now, top_minutes(exercise)))

    def minutes_now(self, ladder: Ladder) -> float:
        """The minutes the ladder takes at the dose the forecast has reached (or its start)."""
        reached = self.reached.get(ladder.key)
        if reached is None:
            return dose_minutes(ladder.dose, per_side=ladder.exercise.per_side)
        return reached[0]

    def peak(self, ladder: Ladder) -> float:
        """The minutes the ladder may grow to on its current variant (its largest dose)."""
        reached = self.reached.get(ladder.key)
        if reached is None:
            return max(self.minutes_now(ladder), top_minutes(ladder.exercise))
        return reached[1]

    def session_minutes(self, index: int) -> float:
        return sum(self.minutes_now(ladder) for ladder in self.content[index])

    def reserve_left(self, index: int) -> float:
        aerobic = self.aerobic
        taken = 0.0
        if aerobic is not None and aerobic in self.content[index]:
            taken = self.minutes_now(aerobic)
        return max(0.0, self.reserve[index] - taken)

    def fits(self, ladder: Ladder, needed: float, sessions: Iterable[int]) -> bool:
        """True when ``ladder`` taking ``needed`` minutes keeps these sessions within budget.

        On walk-run days the other exercises leave room for the longest walk-run stage.
        """
        for index in sessions:
            content = self.content[index]
            total = self.session_minutes(index) + needed
            if ladder in content:
                total -= self.minutes_now(ladder)
            if ladder is not self.aerobic:
                total += self.reserve_left(index)
            if total > self.budget + 1e-9:
                return False
        return True

    def room_to_grow(self, ladder: Ladder, sessions: Iterable[int]) -> bool:
        """True when these sessions fit with every exercise, ``ladder`` included, at its top."""
        for index in sessions:
            content = self.content[index]
            total = sum(self.peak(other) for other in content) + self.peak(ladder)
            aerobic = self.aerobic
            if aerobic is None or (aerobic not in content and aerobic is not ladder):
                total += self.reserve[index]
            else:
                total += max(0.0, self.reserve[index] - self.peak(aerobic))
            if total > self.budget + 1e-9:
                return False
        return True

    # --- content -------------------------------------------------------------------------

    def sessions_of(self, ladder: Ladder) -> list[int]:
        """The sessions a ladder is part of: its group's days, every day, or the walk-run days."""
        everyone = list(range(len(self.days)))
        if ladder.category is Category.STRETCH:
            return everyone
        if ladder.category is Category.AEROBIC:
            return sorted(self.run_days) if self.jogging else everyone
        lists = (
            self.group_stabilization
            if ladder.category is Category.STABILIZATION
            else self.group_strength
        )
        group = next(g for g, members in enumerate(lists) if ladder in members)
        return [index for index, g in enumerate(self.groups) if g == group]

    def place(self, ladder: Ladder) -> None:
        for index in self.sessions_of(ladder):
            self.content[index].append(ladder)
        self.used.append(ladder)

    def try_add(self, ladder: Ladder | None) -> bool:
        """Add an optional ladder if its sessions still fit with every exercise at its top."""
        if ladder is None or ladder in self.used:
            return False
        sessions = self.sessions_of(ladder)
        if self.room_to_grow(ladder, sessions) and self.fits(
            ladder, self.minutes_now(ladder), sessions
        ):
            self.place(ladder)
            return True
        return False

    def add_required(self, ladders: Sequence[Ladder]) -> None:
        """Add the ladders every session needs, at the largest starting doses that fit.

        All go in at their least dose first, so that one exercise cannot take the
        time another one needs; then each rises toward its starting dose in turn.
        """
        wanted = {id(ladder): ladder.dose for ladder in ladders}
        for ladder in ladders:
            ladder.start_at(ladder.rung, ladder.exercise.min_dose)
            self.place(ladder)
        for index in range(len(self.content)):
            if self.session_minutes(index) + self.reserve_left(index) > self.budget + 1e-9:
                raise ValidationError.single(
                    "minutes",
                    f"{self.profile.minutes} minutes are too few for one exercise of each "
                    "kind; allow more minutes per session",
                )
        for ladder in ladders:
            exercise = ladder.exercise
            dose: Dose | None = wanted[id(ladder)]
            while dose is not None and not self.fits(
                ladder, dose_minutes(dose, per_side=exercise.per_side), self.sessions_of(ladder)
            ):
                dose = step_down(dose, exercise)
            if dose is not None:
                ladder.start_at(ladder.rung, dose)

    def fill(self, phase: int) -> list[Ladder]:
        """Put the ladders of a phase into the sessions; the ones that joined, in order.

        The foundation phase leads with trunk control, the build phase adds strength,
        the last phase gives walking the first claim on spare time.
        """
        before = len(self.used)
        count = range(len(self.group_stabilization))
        stabilization, strength = self.group_stabilization, self.group_strength
        if phase == 0:
            required = [self.aerobic] if self.jogging and self.aerobic is not None else []
            required.extend(stabilization[g][0] for g in count)
            required.extend(strength[g][0] for g in count)
            required.extend(self.stretches[:1])
            self.add_required(required)
        optional: list[Ladder | None] = []
        if phase == 2:
            optional.append(self.aerobic)
        for depth in (1, 2):
            for g in count:
                if phase >= 1:
                    optional.append(_get(strength[g], depth))
                optional.append(_get(stabilization[g], depth))
            if depth == 1:
                optional.append(_get(self.stretches, 1))
        optional.append(self.aerobic)
        for ladder in optional:
            self.try_add(ladder)
        return self.used[before:]

    def ordered(self, index: int) -> list[Ladder]:
        """The ladders of session ``index`` in session order (mobility first, walk last)."""
        return sorted(self.content[index], key=lambda ladder: SESSION_ORDER.index(ladder.category))

    @property
    def groups_count(self) -> int:
        return max(self.groups) + 1


def _get(ladders: list[Ladder], index: int) -> Ladder | None:
    return ladders[index] if index < len(ladders) else None
