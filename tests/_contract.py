"""The progression contract, written out apart from the library, for the tests to check it.

The weekly cap (issue 4, docs/progression.md "The weekly cap"): an exercise's weekly
volume may rise at most ``percent`` over its last non-deload week, or by one smallest step
per session (one more repetition per set, 5 more seconds per hold, one more minute, one
walk-run stage of 5 jogging minutes), and its load at most ``load_percent`` or
``load_step_kg``. A week in which the exercise sat out for pain (a ``pause`` decision) is,
like a deload week, not a week to compare with.
"""

from __future__ import annotations

from collections import defaultdict

import lumbar
from lumbar import Duration, Hold, Reps

STAGE_SECONDS = 300
"""One walk-run stage: 5 more jogging minutes a session."""


def step(dose):
    """The smallest rise the cap always allows per session."""
    if isinstance(dose, Reps):
        return dose.sets
    if isinstance(dose, Hold):
        return 5 * sum(dose.reps_per_set)
    if isinstance(dose, Duration):
        return 1
    return STAGE_SECONDS


def weekly_figures(program):
    """Per week, per exercise id: [volume, steps, prescriptions, highest load]."""
    weeks = []
    for week in program.weeks:
        figures = defaultdict(lambda: [0, 0, 0, 0.0])
        for session in week.sessions:
            for rx in session.prescriptions:
                found = figures[rx.exercise]
                found[0] += rx.dose.volume
                found[1] += step(rx.dose)
                found[2] += 1
                if isinstance(rx.dose, Reps):
                    found[3] = max(found[3], rx.dose.load_kg or 0.0)
        weeks.append(dict(figures))
    return weeks


def rested_weeks(simulation, template, catalog, limit=5):
    """(week index, exercise id) of every week in which an exercise sat out one of its sessions
    of ``template`` after a session with pain over ``limit``: weeks the cap does not compare
    with."""

    def ladder(exercise_id):
        return catalog.ladder(exercise_id)[0].id

    rested = set()
    latest = {}  # ladder -> (exercise id, result) of its latest session given
    given_at = {(record.week_index, record.session_index): record for record in simulation.records}
    for week_index, week in enumerate(template.weeks[: len(simulation.program.weeks)]):
        for session_index, session in enumerate(week.sessions):
            record = given_at.get((week_index, session_index))
            given = {}
            if record is not None:
                given = {
                    ladder(rx.exercise): (rx.exercise, result)
                    for rx, result in zip(
                        record.session.prescriptions, record.log.results, strict=True
                    )
                }
            for rx in session.prescriptions:
                key = ladder(rx.exercise)
                last = latest.get(key)
                if (
                    key not in given
                    and last is not None
                    and (last[1].pain_during > limit or last[1].pain_next_day > limit)
                ):
                    rested.add((week_index, last[0]))
            latest.update(given)
    return rested


def cap_breaks(program, cap, rested=frozenset()):
    """Every (week, exercise, volume or load, bound) over the cap in a given program."""
    weeks = weekly_figures(program)
    broken = []
    previous = {}
    for index, figures in enumerate(weeks):
        for exercise_id, (volume, steps, _, load) in figures.items():
            before = previous.get(exercise_id)
            if before is None:
                continue
            bound = max(before[0] * (1 + cap.percent / 100), before[0] + steps)
            if volume > bound + 1e-9:
                broken.append((index, exercise_id, volume, bound))
            load_bound = max(before[3] * (1 + cap.load_percent / 100), before[3] + cap.load_step_kg)
            if load > load_bound + 1e-9:
                broken.append((index, exercise_id, load, load_bound))
        if not program.weeks[index].deload:
            previous.update(
                (exercise_id, found)
                for exercise_id, found in figures.items()
                if (index, exercise_id) not in rested
            )
    return broken


def cap_of(rule):
    """The weekly cap a stack names, else the default one the engine applies."""
    while rule is not None:
        if isinstance(rule, lumbar.WeeklyCap):
            return rule
        rule = getattr(rule, "inner", None)
    return lumbar.WeeklyCap(inner=lumbar.default_rule())


def simulation_cap_breaks(simulation, template, catalog, rule=None):
    """The cap's breaks in a simulation of ``template``, weeks of pauses for pain left out."""
    limit = 5
    gate = rule
    while gate is not None and not isinstance(gate, lumbar.PainGate):
        gate = getattr(gate, "inner", None)
    if gate is not None:
        limit = gate.limit
    rested = rested_weeks(simulation, template, catalog, limit)
    return cap_breaks(simulation.program, cap_of(rule), rested)
