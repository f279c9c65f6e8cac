"""The plan is the rules' forecast: simulating a planned program as planned gives it back."""

import attrs
from hypothesis import assume, given, strategies as st

import lumbar
from lumbar import (
    AsPlanned,
    ExerciseResult,
    Prescription,
    Profile,
    Program,
    RedFlags,
    ValidationError,
    build_program,
    next_program,
    screen,
    simulate,
)
from lumbar.strategies import profiles

CATALOG = lumbar.default_catalog()
CLEAR = screen(RedFlags())


def build(profile: Profile) -> Program:
    """Build, setting aside the one refusal a valid profile can meet (see test_planner)."""
    try:
        return build_program(profile)
    except ValidationError as error:
        assert [path for path, _ in error.errors] == ["days"], error
        assume(False)
        raise


# --- the patient the plan is made for -------------------------------------------------


@given(st.integers(), st.integers(0, 520))
def test_as_planned_completes_everything_at_moderate_effort_without_pain(seed, week):
    """Effort 4/10, no pain during or the next morning, whatever the seed and prescription."""
    responder = AsPlanned().responder(seed)
    for exercise in list(CATALOG)[:5]:
        result = responder(Prescription(exercise=exercise.id, dose=exercise.default_dose), week)
        assert result == ExerciseResult(completed=True, rpe=4, pain_during=0, pain_next_day=0)


def test_as_planned_is_a_virtual_patient():
    """It follows the protocol of the other virtual patients and compares as a value."""
    assert isinstance(AsPlanned(), lumbar.VirtualPatient)
    assert AsPlanned() == AsPlanned()


# --- the forecast identity ------------------------------------------------------------


@given(profiles())
def test_simulating_the_plan_as_planned_gives_the_plan(profile):
    """Week by week and session by session, the rules give exactly the planned prescriptions."""
    program = build(profile)
    forecast = simulate(program, AsPlanned()).program
    assert len(forecast.weeks) == len(program.weeks)
    for planned, given_ in zip(program.weeks, forecast.weeks, strict=True):
        assert [s.prescriptions for s in given_.sessions] == [
            s.prescriptions for s in planned.sessions
        ]
    assert forecast == program


@given(profiles(weeks=st.integers(4, 16)))
def test_the_next_program_is_a_forecast_too(profile):
    """next_program plans the same way: its doses are the rules' forecast from where it starts."""
    first = build(profile)
    done = simulate(first, lumbar.SteadyImprover(), seed=1).program
    for previous in (first, done):
        second = next_program(previous, profile)
        assert simulate(second, AsPlanned()).program == second


def _changed_later_dose(program: Program) -> Program:
    """The program with one prescription after the first week made a step lighter."""
    weeks = list(program.weeks)
    week = weeks[-1]
    session = week.sessions[0]
    first = session.prescriptions[0]
    exercise = CATALOG[first.exercise]
    other = exercise.min_dose if first.dose != exercise.min_dose else exercise.max_dose
    changed = attrs.evolve(first, dose=other)
    sessions = (attrs.evolve(session, prescriptions=(changed, *session.prescriptions[1:])),)
    weeks[-1] = attrs.evolve(week, sessions=sessions + week.sessions[1:])
    return attrs.evolve(program, weeks=tuple(weeks))


def test_a_plan_that_is_not_the_forecast_is_told_apart():
    """The identity can fail: a later dose the rules would not give does not come back."""
    program = build_program(Profile(screening=CLEAR))
    changed = _changed_later_dose(program)
    assert simulate(changed, AsPlanned()).program != changed


# --- the time budget, kept by the engine ----------------------------------------------


def minutes_of(session) -> float:
    return sum(
        lumbar.dose_minutes(rx.dose, per_side=CATALOG[rx.exercise].per_side) for rx in session
    )


PATIENTS = st.sampled_from(
    [
        lumbar.SteadyImprover(),
        lumbar.Plateau(),
        lumbar.FlareUp(flare_week=2),
        lumbar.NonAdherent(),
        lumbar.SteadyImprover(weekly_gain=0.3, baseline_pain=0),
    ]
)


@given(profiles(weeks=st.integers(4, 20)), PATIENTS, st.integers(0, 1000))
def test_nobody_is_given_a_session_longer_than_they_have(profile, patient, seed):
    """Whatever the person's course, every session the rules give fits profile.minutes."""
    program = build(profile)
    assert program.constraints.session_minutes == profile.minutes
    done = simulate(program, patient, seed=seed).program
    for week in done.weeks:
        for session in week.sessions:
            assert minutes_of(session) <= profile.minutes + 1e-9


def test_a_session_budget_holds_back_a_rise_that_would_not_fit():
    """The same program without the budget grows past it; with it, the rise is kept short."""
    profile = Profile(screening=CLEAR, minutes=10, weeks=8)
    program = build_program(profile)
    unlimited = attrs.evolve(
        program, constraints=attrs.evolve(program.constraints, session_minutes=None)
    )
    longest = max(
        minutes_of(session)
        for week in simulate(unlimited, AsPlanned()).program.weeks
        for session in week.sessions
    )
    assert longest > profile.minutes
    held = [
        decision
        for decision in simulate(program, AsPlanned()).decisions
        if "would take longer than its 10 minutes" in decision.reason
    ]
    assert held
