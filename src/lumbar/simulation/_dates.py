"""The dates of simulated sessions: they start on a Monday and spread over each week.

Its own module so that the program builder, which runs the engine as a simulation
does, gives its sessions the same dates without loading the rest of the simulator.
"""

from __future__ import annotations

import datetime

from lumbar.model._program import Program

START = datetime.date(2024, 1, 1)
"""A Monday: the first simulated session."""


def session_date(week: int, index: int, sessions: int) -> datetime.date:
    """The date of session ``index`` of ``sessions`` in week ``week`` (all 0-based)."""
    return START + datetime.timedelta(days=7 * week + index * 7 // sessions)


def session_dates(program: Program) -> tuple[tuple[datetime.date, ...], ...]:
    """The date of each session of the program: weeks from START, sessions spread over each."""
    return tuple(
        tuple(
            session_date(week, index, len(template.sessions))
            for index in range(len(template.sessions))
        )
        for week, template in enumerate(program.weeks)
    )
