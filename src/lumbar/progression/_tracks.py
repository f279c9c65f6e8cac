"""A track in a run: one exercise ladder's current prescription, history and weekly counts."""

from __future__ import annotations

from lumbar._base.trusted import maker
from lumbar.model._dose import Reps
from lumbar.model._program import Prescription
from lumbar.progression._dose_steps import volume_and_step
from lumbar.progression._protocol import Attempt, WeekFigures

# The figures the engine counts are made without checks (`maker`): the engine counts them
# of checked prescriptions.
_make_figures = maker(WeekFigures)


class TrackRun:
    """The mutable working copy of a [Track][lumbar.progression.Track] inside one run.

    ``current`` holds the figures of week ``current_week``; ``previous`` holds, per
    exercise id, its last non-deload week before that. Both dicts are replaced,
    never changed in place, because ledgers handed to rules share them. ``paused``
    is the code of the pause while the track sits out, else empty; ``rested_week`` the
    last week in which it sat out for pain (-1: none), which, like a deload week, does
    not become the week the cap compares with: after a flare the exercise comes back on
    all its days, at its lowest dose, rather than a session a week.
    """

    __slots__ = (
        "current",
        "current_week",
        "history",
        "key",
        "paused",
        "pending",
        "prescription",
        "previous",
        "rested_week",
        "sized",
        "stopped",
    )

    def __init__(
        self,
        key: str,
        prescription: Prescription,
        history: tuple[Attempt, ...] = (),
        pending: bool = False,
        stopped: str = "",
        paused: str = "",
        rested_week: int = -1,
    ) -> None:
        self.key = key
        self.prescription = prescription
        self.history = history
        self.pending = pending
        self.stopped = stopped
        self.paused = paused
        self.rested_week = rested_week
        self.current: dict[str, WeekFigures] = {}
        self.current_week = -1
        self.previous: dict[str, WeekFigures] = {}
        # The last prescription counted, with its volume, smallest step and load: a track is
        # given the same prescription session after session, so these are worked out once.
        self.sized: tuple[Prescription | None, int, int, float] = (None, 0, 0, 0.0)

    def roll(self, week: int, deload: tuple[bool, ...]) -> None:
        """Start counting ``week``: a finished non-deload week becomes the one to cap against."""
        if self.current_week == week:
            return
        last = self.current_week
        if self.current and not deload[last] and self.rested_week != last:
            self.previous = {**self.previous, **self.current}
        self.current = {}
        self.current_week = week

    def count(self, prescription: Prescription, week: int) -> None:
        """Add a prescription given in ``week`` (the week being counted) to its figures."""
        exercise = prescription.exercise
        sized = self.sized
        if sized[0] is prescription:
            _, volume, step, load = sized
        else:
            dose = prescription.dose
            load = (dose.load_kg or 0.0) if type(dose) is Reps else 0.0
            volume, step = volume_and_step(dose)
            self.sized = (prescription, volume, step, load)
        current = self.current
        old = current.get(exercise)
        sessions = 1
        if old is not None:
            volume += old.volume
            step += old.steps
            sessions += old.sessions
            if old.load_kg > load:
                load = old.load_kg
        # By position (exercise, week_index, volume, steps, sessions, load_kg): once per
        # prescription given.
        figures = _make_figures(exercise, week, volume, step, sessions, load)
        # Usually the week holds this exercise alone (a track changes exercise only when it
        # moves along its ladder): a new dict of one entry costs a third of a copy.
        if len(current) == (0 if old is None else 1):
            self.current = {exercise: figures}
        else:
            self.current = {**current, exercise: figures}
