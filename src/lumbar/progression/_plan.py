"""What the engine reads from a program once: its ladders, its sessions, and how they repeat.

A program is a template: which exercises on which days, and where each starts. Each
exercise ladder of the template is one *track*, keyed by the id of the ladder's easiest
exercise; a `Plan` holds, for every session, which tracks it prescribes, and for the
weekly cap how many sessions of each track are left in the week and come in the next
ordinary week.
"""

from __future__ import annotations

from lumbar.content._catalog import Catalog
from lumbar.model._exercise import Exercise
from lumbar.model._program import Prescription, Program


class Plan:
    """What a program and a catalog imply, computed once and shared by many runs."""

    __slots__ = (
        "catalog",
        "constraints",
        "deload",
        "exercises",
        "first",
        "following",
        "key_of",
        "labels",
        "left",
        "program",
        "rung",
        "slots",
    )

    def __init__(self, program: Program, catalog: Catalog) -> None:
        self.program = program
        self.catalog = catalog
        self.constraints = program.constraints
        self.key_of: dict[str, str] = {}
        self.rung: dict[str, int] = {}
        # The catalog entries of every rung of the program's ladders, by id.
        self.exercises: dict[str, Exercise] = {}
        self.first: dict[str, Prescription] = {}
        # One pass over the prescriptions; a session (or week) the program repeats as the
        # same object, or with the same tracks, is worked out once.
        key_of = self.key_of
        first = self.first
        keys_of_session: dict[int, tuple[str, ...]] = {}
        slots = []
        for week in program.weeks:
            week_slots = []
            for session in week.sessions:
                keys = keys_of_session.get(id(session))
                if keys is None:
                    found = []
                    for prescription in session.prescriptions:
                        key = key_of.get(prescription.exercise)
                        if key is None:
                            key = self._add_ladder(prescription.exercise)
                        found.append(key)
                        if key not in first:
                            first[key] = prescription
                    keys = keys_of_session[id(session)] = tuple(found)
                week_slots.append(keys)
            slots.append(tuple(week_slots))
        self.slots = tuple(slots)
        self.deload = tuple(week.deload for week in program.weeks)
        self.labels = tuple(tuple(s.label for s in week.sessions) for week in program.weeks)
        # For each session: how many appearances each track has from it to the week's end.
        lefts: dict[tuple[tuple[str, ...], ...], tuple[dict[str, int], ...]] = {}
        self.left: tuple[tuple[dict[str, int], ...], ...] = tuple(
            lefts.get(week_slots) or lefts.setdefault(week_slots, _appearances_left(week_slots))
            for week_slots in self.slots
        )
        # For each week: each track's sessions in the next non-deload week (none: absent).
        self.following: tuple[dict[str, int], ...] = _following(self.slots, self.deload)

    def _add_ladder(self, exercise_id: str) -> str:
        """Learn the ladder of an exercise of the program; its track key."""
        ladder = self.catalog.ladder(exercise_id)
        key = ladder[0].id
        for index, exercise in enumerate(ladder):
            self.key_of[exercise.id] = key
            self.rung[exercise.id] = index
            self.exercises[exercise.id] = exercise
        return key

    def reserved(self) -> dict[str, int]:
        """The minutes the program's constraints reserve, by track key."""
        return {
            self.key_of.get(exercise_id) or self.catalog.ladder(exercise_id)[0].id: minutes
            for exercise_id, minutes in self.constraints.reserved_minutes.items()
        }

    def exercise(self, exercise_id: str) -> Exercise:
        """The catalog entry of an exercise id."""
        found = self.exercises.get(exercise_id)
        return self.catalog[exercise_id] if found is None else found

    def same_ladder(self, first: str, second: str) -> bool:
        """True when two exercise ids are rungs of one ladder."""
        key = self.key_of.get(first)
        if key is None:
            key = self.catalog.ladder(first)[0].id
        other = self.key_of.get(second)
        if other is None:
            other = self.catalog.ladder(second)[0].id
        return key == other

    def rung_of(self, exercise_id: str) -> int:
        """The 0-based place of an exercise on its ladder."""
        found = self.rung.get(exercise_id)
        if found is None:
            ladder = self.catalog.ladder(exercise_id)
            found = next(i for i, e in enumerate(ladder) if e.id == exercise_id)
        return found


def _appearances_left(sessions: tuple[tuple[str, ...], ...]) -> tuple[dict[str, int], ...]:
    counts: list[dict[str, int]] = []
    running: dict[str, int] = {}
    for keys in reversed(sessions):
        running = dict(running)
        for key in keys:
            running[key] = running.get(key, 0) + 1
        counts.append(running)
    return tuple(reversed(counts))


def _following(
    slots: tuple[tuple[tuple[str, ...], ...], ...], deload: tuple[bool, ...]
) -> tuple[dict[str, int], ...]:
    """For each week, each track's sessions in the next week that is not a deload week."""
    following: list[dict[str, int]] = []
    after: dict[str, int] = {}
    for week in range(len(slots) - 1, -1, -1):
        following.append(after)
        if not deload[week]:
            after = _appearances_left(slots[week])[0] if slots[week] else {}
    return tuple(reversed(following))
