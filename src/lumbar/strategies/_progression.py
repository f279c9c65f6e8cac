"""Hypothesis strategies for the progression types: logs, contexts, states and decisions.

Re-exported by [lumbar.strategies][]; importing this module needs hypothesis.
"""

from __future__ import annotations

import datetime
from typing import Any

import attrs
from hypothesis import strategies as st

from lumbar.content._catalog import Catalog
from lumbar.errors import ValidationError
from lumbar.evidence import references
from lumbar.model._dose import Dose, Duration, Hold, Intervals, Reps
from lumbar.model._exercise import Exercise
from lumbar.model._log import ExerciseResult, SessionLog
from lumbar.model._program import Prescription, Program, Session, Week
from lumbar.progression._advance import ProgramState, Step
from lumbar.progression._codes import decision_codes
from lumbar.progression._decision import Action, Decision
from lumbar.progression._defaults import advance
from lumbar.progression._dose_steps import load_of, within
from lumbar.progression._engine import HISTORY_LENGTH
from lumbar.progression._history import History
from lumbar.progression._protocol import Attempt, RuleContext
from lumbar.progression._walk_run_stages import WALK_RUN_STAGES
from lumbar.strategies._model import catalogs, constraints, exercise_ids, prescriptions

_PAIN = st.integers(0, 10)
_EFFORT = st.integers(0, 10) | st.floats(0, 10, allow_nan=False).map(lambda x: round(x, 1))


@st.composite
def _same_kind(draw: st.DrawFn, dose: Dose) -> Dose:
    """Doses of the kind of ``dose`` near it: what someone may actually have done.

    A little more than prescribed is possible too, up to the dose type's own bounds
    (a draw past them is the prescribed dose).
    """
    if isinstance(dose, Reps):
        sizes = {"sets": st.integers(1, dose.sets), "reps": st.integers(1, dose.reps + 2)}
    elif isinstance(dose, Hold):
        sizes = {
            "sets": st.integers(1, dose.sets),
            "reps": st.integers(1, dose.reps),
            "seconds": st.integers(1, dose.seconds + 5),
        }
    elif isinstance(dose, Duration):
        sizes = {"minutes": st.integers(1, dose.minutes + 5)}
    else:
        sizes = {"rounds": st.integers(1, dose.rounds)}
    try:
        drawn: dict[str, Any] = {name: draw(size) for name, size in sizes.items()}
        return attrs.evolve(dose, **drawn)
    except ValidationError:
        return dose


@st.composite
def exercise_results(draw: st.DrawFn, dose: Dose | None = None) -> ExerciseResult:
    """A valid result; with a ``dose``, ``done`` is sometimes a dose of its kind."""
    done = None
    if dose is not None and draw(st.integers(0, 4)) == 0:
        done = draw(_same_kind(dose))
    return ExerciseResult(
        completed=draw(st.booleans()),
        rpe=draw(_EFFORT),
        pain_during=draw(_PAIN),
        pain_next_day=draw(_PAIN),
        done=done,
        note=draw(st.text(max_size=20)),
    )


@st.composite
def session_logs(
    draw: st.DrawFn, session: Session | None = None, *, max_results: int = 6
) -> SessionLog:
    """A valid log; with a ``session``, one result per prescription, ``done`` of its kind."""
    if session is None:
        results = draw(st.lists(exercise_results(), min_size=1, max_size=max_results))
    else:
        results = [draw(exercise_results(rx.dose)) for rx in session.prescriptions]
    return SessionLog(
        date=draw(st.dates(datetime.date(2000, 1, 1), datetime.date(2100, 1, 1))),
        results=tuple(results),
        pain_before=draw(st.none() | _PAIN),
    )


@st.composite
def _dose_in(draw: st.DrawFn, exercise: Exercise) -> Dose:
    """A dose inside the exercise's bounds; pyramids and walk-run stages included."""
    low, high = exercise.min_dose, exercise.max_dose
    if isinstance(low, Reps) and isinstance(high, Reps):
        load = None
        if high.load_kg is not None or low.load_kg is not None:
            load = round(draw(st.floats(load_of(low), load_of(high))), 2)
            load = None if load == 0 and low.load_kg is None else load
        return Reps(
            sets=draw(st.integers(low.sets, high.sets)),
            reps=draw(st.integers(low.reps, high.reps)),
            load_kg=load,
        )
    if isinstance(low, Hold) and isinstance(high, Hold):
        sets = draw(st.integers(low.sets, high.sets))
        reps = draw(st.integers(low.reps, high.reps))
        widest = 0 if sets == 1 else (reps - 1) // (sets - 1)
        return Hold(
            sets=sets,
            reps=reps,
            seconds=draw(st.integers(low.seconds, high.seconds)),
            reps_drop=draw(st.integers(0, min(widest, 4))),
        )
    if isinstance(low, Duration) and isinstance(high, Duration):
        return Duration(minutes=draw(st.integers(low.minutes, high.minutes)))
    assert isinstance(low, Intervals)
    assert isinstance(high, Intervals)
    stages = [stage for stage in WALK_RUN_STAGES if within(stage, exercise)]
    use_stage: bool = draw(st.booleans())
    if stages and use_stage:
        return draw(st.sampled_from(stages))
    return Intervals(
        rounds=draw(st.integers(low.rounds, high.rounds)),
        work_seconds=draw(st.integers(low.work_seconds, high.work_seconds)),
        rest_seconds=draw(st.integers(0, 600)),
    )


@st.composite
def attempts(
    draw: st.DrawFn, prescription: Prescription, *, week_index: int | None = None
) -> Attempt:
    """An attempt at ``prescription`` with any valid result."""
    return Attempt(
        prescription=prescription,
        result=draw(exercise_results(prescription.dose)),
        week_index=draw(st.integers(0, 30)) if week_index is None else week_index,
        deload=draw(st.booleans()),
        pain_before=draw(st.none() | _PAIN),
    )


def histories(catalog: Catalog | None = None) -> st.SearchStrategy[History]:
    """A track's stored history: the latest attempts (up to `HISTORY_LENGTH`) at one exercise
    ladder, as [lumbar.advance][lumbar.progression.advance] keeps them along a program."""
    return program_states(catalog, max_sessions=HISTORY_LENGTH + 2).flatmap(
        lambda state: st.sampled_from(tuple(track.history for track in state.tracks))
    )


@st.composite
def rule_contexts(
    draw: st.DrawFn, catalog: Catalog | None = None, *, max_history: int = 6
) -> RuleContext:
    """A context as the engine builds one, for an exercise of ``catalog``.

    Without a catalog one is drawn with [lumbar.strategies.catalogs][]. The
    history holds attempts at doses of the same exercise, the last one at the
    current prescription; the ledger is empty (the weekly cap has nothing to
    compare with).
    """

    if catalog is None:
        catalog = draw(catalogs())
    exercise = draw(st.sampled_from(tuple(catalog)))
    current = Prescription(exercise=exercise.id, dose=draw(_dose_in(exercise)))
    week = draw(st.integers(0, 30))
    earlier = draw(st.integers(0, max_history - 1))
    history = [
        draw(
            attempts(
                draw(
                    st.sampled_from(
                        (current, Prescription(exercise=exercise.id, dose=draw(_dose_in(exercise))))
                    )
                ),
                week_index=week,
            )
        )
        for _ in range(earlier)
    ]
    history.append(draw(attempts(current, week_index=week)))
    return RuleContext(
        exercise=exercise,
        catalog=catalog,
        prescription=current,
        history=tuple(history),
        week_index=week + draw(st.integers(0, 1)),
        deload=draw(st.booleans()),
        constraints=draw(constraints((exercise,))),
    )


@st.composite
def program_templates(
    draw: st.DrawFn, catalog: Catalog | None = None, *, max_weeks: int = 8
) -> Program:
    """Programs shaped like real ones, for simulation: the same exercises week after week.

    A few exercises of ``catalog`` at doses inside their bounds, one to four
    sessions a week (the count may change from week to week), random deload
    weeks, and random constraints that allow the chosen exercises (but maybe not
    their neighbours on the ladder). Unlike [lumbar.strategies.programs][],
    each exercise comes back often enough for the rules to progress it.
    """
    if catalog is None:
        catalog = draw(catalogs())
    chosen = draw(st.lists(st.sampled_from(tuple(catalog)), min_size=1, max_size=4, unique=True))
    session = Session(
        prescriptions=tuple(
            Prescription(exercise=exercise.id, dose=draw(_dose_in(exercise))) for exercise in chosen
        )
    )
    weeks = [
        Week(sessions=(session,) * draw(st.integers(1, 4)), deload=draw(st.booleans()))
        for _ in range(draw(st.integers(1, max_weeks)))
    ]

    return Program(weeks=tuple(weeks), constraints=draw(constraints(chosen)))


@st.composite
def steps(draw: st.DrawFn, catalog: Catalog | None = None, *, max_sessions: int = 6) -> Step:
    """What [lumbar.advance][lumbar.progression.advance] returns some sessions into a program.

    A program from [lumbar.strategies.program_templates][] on ``catalog`` (drawn when
    not given), begun and advanced by up to ``max_sessions`` logs of any valid results,
    so that its tracks hold histories, pending decisions, stops and weekly figures.
    """
    if catalog is None:
        catalog = draw(catalogs(max_ladders=3))
    program = draw(program_templates(catalog, max_weeks=3))
    state = ProgramState.begin(program, catalog=catalog)
    step = Step(state=state, decisions=())
    day = datetime.date(2024, 1, 1)
    for index in range(draw(st.integers(0, max_sessions))):
        session = step.state.next_session
        if session is None:
            break
        log = SessionLog(
            date=day + datetime.timedelta(days=2 * index),
            results=tuple(draw(exercise_results(rx.dose)) for rx in session.prescriptions),
            pain_before=draw(st.none() | _PAIN),
        )
        step = advance(program, step.state, log, catalog=catalog)
    return step


def program_states(
    catalog: Catalog | None = None, *, max_sessions: int = 6
) -> st.SearchStrategy[ProgramState]:
    """Where someone stands in a program: the states of [lumbar.strategies.steps][]."""
    return steps(catalog, max_sessions=max_sessions).map(lambda step: step.state)


def decisions() -> st.SearchStrategy[Decision]:
    """Valid decisions (a stop has no prescription; every other action has one), with codes
    lumbar gives or any other slug, and the numbers their reasons use."""

    refs = st.lists(st.sampled_from(sorted(references())), min_size=1, max_size=3, unique=True)
    reason = st.text(min_size=1, max_size=60).filter(str.strip)
    code = st.none() | st.sampled_from(sorted(decision_codes())) | exercise_ids()
    number = st.integers(-100, 100) | st.floats(-100, 100, allow_nan=False).map(
        lambda x: round(x, 2)
    )
    values = st.dictionaries(
        st.from_regex(r"[a-z][a-z0-9_]{0,11}", fullmatch=True), number, max_size=3
    )
    stop = st.builds(
        Decision,
        action=st.just(Action.STOP),
        exercise=exercise_ids(),
        prescription=st.none(),
        reason=reason,
        references=refs.map(tuple),
        code=code,
        values=values,
    )
    other = st.builds(
        Decision,
        action=st.sampled_from([a for a in Action if a is not Action.STOP]),
        exercise=exercise_ids(),
        prescription=prescriptions(),
        reason=reason,
        references=refs.map(tuple),
        code=code,
        values=values,
    )
    return stop | other
