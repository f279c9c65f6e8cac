"""The step from version 1 to 2: a program state names its program instead of holding it.

A version 1 state held its whole program and each track's latest attempts as a list of
objects. From version 2 it holds the program's fingerprint and title, and each track's
attempts column by column (`lumbar.History`), without result notes (the rules never
read them). The attempts are the same ones (the engine kept the latest 12 then as now),
so a migrated state goes on exactly as the stored one would have.
"""

from __future__ import annotations

from typing import Any

from lumbar.errors import ValidationError
from lumbar.model._program import Program
from lumbar.progression._engine import HISTORY_LENGTH

Document = dict[str, Any]

_COLUMNS = (
    ("completed", "result", "completed"),
    ("rpe", "result", "rpe"),
    ("pain_during", "result", "pain_during"),
    ("pain_next_day", "result", "pain_next_day"),
    ("done", "result", "done"),
    ("week_index", None, "week_index"),
    ("deload", None, "deload"),
    ("pain_before", None, "pain_before"),
    ("date", None, "date"),
)
_DEFAULTS = {"done": None, "week_index": 0, "deload": False, "pain_before": None, "date": None}


def history_columns(attempts: list[Document]) -> Document:
    """A version 1 list of attempts as the version 2 columns."""
    attempts = attempts[-HISTORY_LENGTH:]
    exercises: list[tuple[Any, Any]] = []
    doses: list[Any] = []
    which: list[int] = []
    amount: list[int] = []
    for attempt in attempts:
        prescription = attempt["prescription"]
        exercise = (prescription["exercise"], prescription.get("note", ""))
        if exercise not in exercises:
            exercises.append(exercise)
        which.append(exercises.index(exercise))
        if prescription["dose"] not in doses:
            doses.append(prescription["dose"])
        amount.append(doses.index(prescription["dose"]))
    columns: Document = {
        "exercises": [exercise for exercise, _ in exercises],
        "notes": [note for _, note in exercises],
        "doses": doses,
        "exercise": which,
        "dose": amount,
    }
    for name, part, key in _COLUMNS:
        columns[name] = [
            (attempt[part] if part else attempt).get(key, _DEFAULTS.get(key))
            for attempt in attempts
        ]
    return columns


def track(data: Document) -> Document:
    """A version 1 track brought to version 2."""
    return {**data, "history": history_columns(data.get("history", []))}


def program_state(data: Document) -> Document:
    """A version 1 state brought to version 2: its program named by fingerprint and title."""
    from lumbar.formats._converter import read
    from lumbar.formats._shapes import top_shape

    try:
        program = read(top_shape(Program), data["program"])
    except ValidationError as error:  # paths relative to the program, as stored in the state
        raise error.prefixed("program") from None
    rest = {key: value for key, value in data.items() if key != "program"}
    return {
        "fingerprint": program.fingerprint(),
        "title": program.title,
        **rest,
        "tracks": [track(item) for item in data["tracks"]],
    }


def step(data: Document) -> Document:
    """A version 1 step (a state and decisions) brought to version 2."""
    return {**data, "state": program_state(data["state"])}
