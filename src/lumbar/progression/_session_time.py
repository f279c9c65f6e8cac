"""The session time budget: no decision makes a session longer than the program allows.

A program's ``Constraints.session_minutes`` is the longest a session may take, each
prescription timed by ``lumbar.dose_minutes``. A dose, once decided, is given again in
the exercise's later sessions until it changes, and those sessions may hold other
exercises (strength work alternates between days). So a decision that makes a
prescription take longer is checked against every session of the exercise in the
week (those done stand for the same days of the next week), with the other exercises
at the doses they have now (or at the minutes reserved for them,
``Constraints.reserved_minutes``, when that is more), and never against a later week:
it is kept to what fits, whoever made it (mechanism, like the exercise's bounds):

* a rise of the same exercise becomes the largest step toward it that fits;
* a move to another variant starts that variant lower, at the largest dose that fits;
* otherwise a rise is held (the same again), and any other change becomes an easier
  dose of the current exercise: the budget never stands in the way of easing off.

A decision that makes a prescription no longer than it was always stands. So in a
program whose weeks repeat the same sessions, every session given fits once the
first prescriptions do; an exercise that joins later must start within the time
its sessions have left.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from lumbar.model._dose import Dose, describe, dose_minutes
from lumbar.model._exercise import Exercise
from lumbar.model._program import Prescription
from lumbar.progression._decision import Action, Decision, decided, numbers
from lumbar.progression._dose_steps import between, is_harder, step_down, within

SUBDIVISIONS = 8
"""A rise that does not fit is tried in eighths of the way, largest first (as the cap does)."""

_SLACK = 1e-9

# Each named number above -> the registry ids behind it (docs/evidence.md; a test checks).
EVIDENCE = {"SUBDIVISIONS": ("design-technical-limit",), "_SLACK": ("design-technical-limit",)}

Sessions = Sequence[Sequence[Sequence[str]]]
"""The track keys of each session of each week."""


class SessionTime:
    """A program's session time budget as one run keeps it: the minutes of every track."""

    __slots__ = ("exercise_of", "limit", "minutes", "reserved", "sessions")

    def __init__(
        self,
        limit: int,
        reserved: Mapping[str, int],
        sessions: Sessions,
        exercise_of: Callable[[str], Exercise],
        prescriptions: Mapping[str, Prescription | None],
    ) -> None:
        self.limit = float(limit)
        self.reserved = reserved  # minutes kept for a track (by key) in its sessions
        self.sessions = sessions
        self.exercise_of = exercise_of
        # By track key: the minutes of its current prescription (0 once it has stopped).
        self.minutes = {
            key: 0.0 if rx is None else self.time(rx) for key, rx in prescriptions.items()
        }

    def time(self, prescription: Prescription) -> float:
        """The minutes a prescription takes."""
        exercise = self.exercise_of(prescription.exercise)
        return dose_minutes(prescription.dose, per_side=exercise.per_side)

    def fit(self, key: str, current: Prescription, decision: Decision, week: int) -> Decision:
        """``decision`` for track ``key`` before a session of ``week``, made to fit."""
        proposed = decision.prescription
        before = self.minutes[key]
        if proposed is None:
            self.minutes[key] = 0.0
            return decision
        if proposed is current:
            return decision
        needed = self.time(proposed)
        if decision.action is Action.PAUSE:
            # Sitting out takes no time, and a pause is never turned into a session.
            self.minutes[key] = needed
            return decision
        if needed > before + _SLACK:
            room = self._room(key, week)
            if needed > room + _SLACK:
                decision = self._kept(decision, current, room)
                kept = decision.prescription
                needed = 0.0 if kept is None else self.time(kept)
        self.minutes[key] = needed
        return decision

    def given(self, key: str, prescription: Prescription | None) -> None:
        """Track ``key`` goes on with ``prescription`` (None: stopped), as the cap left it."""
        self.minutes[key] = 0.0 if prescription is None else self.time(prescription)

    def _room(self, key: str, week: int) -> float:
        """The least time the other exercises leave ``key`` in its sessions of ``week``."""
        minutes = self.minutes.__getitem__
        reserved = self.reserved
        mine = minutes(key)
        room = float("inf")
        for keys in self.sessions[week]:
            if key in keys:
                # A ladder given twice in one session takes its time twice.
                count = keys.count(key)
                others = sum(map(minutes, keys)) - count * mine
                if reserved:
                    others += sum(
                        max(0.0, reserved.get(other, 0) - minutes(other))
                        for other in keys
                        if other != key
                    )
                room = min(room, (self.limit - others) / count)
        return room

    def _kept(self, decision: Decision, current: Prescription, room: float) -> Decision:
        proposed = decision.prescription
        assert proposed is not None
        why = f"the session would take longer than its {self.limit:g} minutes"
        target = self.exercise_of(proposed.exercise)
        rising = decision.action is Action.PROGRESS
        same = proposed.exercise == current.exercise
        for dose in _toward(current.dose, proposed.dose, target, same=same):
            if dose_minutes(dose, per_side=target.per_side) <= room + _SLACK and (
                not rising or not same or is_harder(dose, current.dose)
            ):
                return decided(
                    decision.action,
                    decision.exercise,
                    Prescription(exercise=proposed.exercise, dose=dose, note=proposed.note),
                    f"{decision.reason.rstrip('.')} (kept to {describe(dose)}: {why} otherwise).",
                    decision.references,
                    "time-limited",
                    numbers(minutes=self.limit),
                )
        if not rising:
            exercise = self.exercise_of(current.exercise)
            lower = step_down(current.dose, exercise)
            if lower is not None:
                return decided(
                    Action.REGRESS,
                    decision.exercise,
                    Prescription(exercise=current.exercise, dose=lower, note=current.note),
                    f"{decision.reason.rstrip('.')}; {why} with {target.name}: an easier "
                    f"dose of {exercise.name} instead, {describe(lower)}.",
                    decision.references,
                    "time-lowered",
                    numbers(minutes=self.limit),
                )
        return decided(
            Action.HOLD,
            decision.exercise,
            current,
            f"{decision.reason} Held: {why}.",
            decision.references,
            "time-hold",
            numbers(minutes=self.limit),
        )


def _toward(current: Dose, proposed: Dose, target: Exercise, *, same: bool) -> list[Dose]:
    """Doses short of ``proposed``, largest first: part of the way, or lower on a new variant."""
    found: list[Dose] = []
    if same:
        for step in range(SUBDIVISIONS - 1, 0, -1):
            dose = between(current, proposed, step / SUBDIVISIONS)
            if dose is not None and dose != current and within(dose, target):
                found.append(dose)
        return found
    lower = step_down(proposed, target)
    while lower is not None:
        found.append(lower)
        lower = step_down(lower, target)
    return found
