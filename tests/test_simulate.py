"""Advance and simulate: the engine's guarantees over generated programs, logs and rule stacks."""

import datetime
from collections import defaultdict
from types import MappingProxyType

import attrs
import pytest
from hypothesis import given, settings, strategies as st

import lumbar
from _contract import simulation_cap_breaks
from _progression import CATALOG, harder, program, rung
from lumbar import (
    Action,
    Duration,
    ExerciseResult,
    PainGate,
    ProgramState,
    Reps,
    SessionLog,
    strategies as lst,
)
from lumbar.strategies import (
    program_templates,
    responders,
    rule_stacks,
    session_logs,
)

GOOD = ExerciseResult(completed=True, rpe=4, pain_during=2, pain_next_day=2)
DAY = datetime.date(2024, 1, 1)


def ladder(catalog, exercise_id):
    return catalog.ladder(exercise_id)[0].id


def assert_weekly_cap(sim, plan, catalog=CATALOG, rule=None):
    """Each exercise's weekly volume and load keep to the cap over its last ordinary week."""
    assert simulation_cap_breaks(sim, plan, catalog, rule) == []


def assert_in_bounds(given_program, catalog):
    for where, rx in given_program.prescriptions():
        exercise = catalog[rx.exercise]
        assert (
            lumbar.model._dose.out_of_bounds(rx.dose, exercise.min_dose, exercise.max_dose) == []
        ), where


def assert_nothing_rises_in_deload_weeks(given_program, catalog):
    last = {}
    for week in given_program.weeks:
        for session in week.sessions:
            for rx in session.prescriptions:
                key = ladder(catalog, rx.exercise)
                before = last.get(key)
                if week.deload and before is not None:
                    if rx.exercise == before.exercise:
                        assert not harder(rx.dose, before.dose), (before, rx)
                    else:
                        assert rung(catalog, rx.exercise) < rung(catalog, before.exercise)
                last[key] = rx


def assert_pain_gate_held(sim, catalog, limit):
    """No decision after a failed pain check progresses or makes anything harder."""
    attempts = defaultdict(list)
    for record in sim.records:
        for decision in record.decisions:
            history = attempts[ladder(catalog, decision.exercise)]
            latest = history[-1]
            baseline = history[-2][1].pain_next_day if len(history) > 1 else None
            result = latest[1]
            failed = result.pain_during > limit or result.pain_next_day > limit
            failed = failed or (baseline is not None and result.pain_next_day > baseline)
            if failed:
                assert decision.action is not Action.PROGRESS, decision
                rx = decision.prescription
                if rx is not None and rx.exercise == latest[0].exercise:
                    assert not harder(rx.dose, latest[0].dose), decision
                elif rx is not None:
                    assert rung(catalog, rx.exercise) < rung(catalog, latest[0].exercise)
        for rx, result in zip(record.session.prescriptions, record.log.results, strict=True):
            attempts[ladder(catalog, rx.exercise)].append((rx, result))


# --- properties over generated catalogs, programs, responders and rule stacks --------------


@st.composite
def runs(draw):
    catalog = draw(st.one_of(st.just(CATALOG), lst.catalogs(max_ladders=3)))
    plan = draw(st.one_of(lst.programs(catalog, max_weeks=6), program_templates(catalog)))
    rule = draw(st.one_of(st.none(), rule_stacks()))
    return catalog, plan, rule, draw(responders())


@settings(max_examples=40)
@given(runs())
def test_simulations_keep_the_cap_the_bounds_and_the_deloads(run):
    """Whatever the stack: the weekly cap, every exercise's bounds, nothing up in a deload week."""
    catalog, plan, rule, responder = run
    sim = lumbar.simulate(plan, responder, rule=rule, catalog=catalog)
    given_program = sim.program
    lumbar.check_against_catalog(given_program, catalog)
    assert len(given_program.weeks) <= len(plan.weeks)
    assert [w.deload for w in given_program.weeks] == [
        w.deload for w in plan.weeks[: len(given_program.weeks)]
    ]
    assert_weekly_cap(sim, plan, catalog, rule)
    assert_in_bounds(given_program, catalog)
    assert_nothing_rises_in_deload_weeks(given_program, catalog)


@settings(max_examples=30)
@given(runs(), st.integers(0, 10))
def test_simulations_never_progress_after_pain_over_the_limit_or_a_rise(run, limit):
    """With the pain gate, no decision after a failed pain check rises, over whole programs."""
    catalog, plan, rule, responder = run
    gated = PainGate(inner=rule or lumbar.default_rule(), limit=limit)
    sim = lumbar.simulate(plan, responder, rule=gated, catalog=catalog)
    assert_pain_gate_held(sim, catalog, limit)


@settings(max_examples=20)
@given(lst.programs(CATALOG, max_weeks=4), st.integers(0, 2**32 - 1))
def test_simulation_is_deterministic(plan, seed):
    """The same program, patient and seed give the same simulation."""
    patient = lumbar.FlareUp(flare_week=1)
    first = lumbar.simulate(plan, patient, catalog=CATALOG, seed=seed)
    assert lumbar.simulate(plan, patient, catalog=CATALOG, seed=seed) == first


@settings(max_examples=15)
@given(lst.programs(CATALOG, max_weeks=3), st.data())
def test_advance_session_by_session_equals_simulate(plan, data):
    """simulate is advance in a loop: the same prescriptions and decisions, state stored as JSON."""
    patient = lumbar.NonAdherent()
    sim = lumbar.simulate(plan, patient, catalog=CATALOG, seed=5)
    state = ProgramState.begin(plan, catalog=CATALOG)
    for record in sim.records:
        assert state.next_session.prescriptions == record.session.prescriptions
        state = lumbar.from_json(lumbar.to_json(state), ProgramState)
        outcome = lumbar.advance(plan, state, record.log, catalog=CATALOG)
        state = outcome.state
        following = sim.records.index(record) + 1
        if following < len(sim.records):
            assert outcome.decisions == sim.records[following].decisions
    assert state.finished or sim.ended_early


@settings(max_examples=20)
@given(lst.programs(CATALOG, max_weeks=2), st.data())
def test_advance_accepts_any_valid_log(plan, data):
    """Any log that fits the session gives a next state; nothing is half-built."""
    state = ProgramState.begin(plan, catalog=CATALOG)
    log = data.draw(session_logs(state.next_session))
    step_taken = lumbar.advance(plan, state, log, catalog=CATALOG)
    assert isinstance(step_taken.state, ProgramState)
    assert step_taken.session is step_taken.state.next_session


# --- the engine's checks of its input ----------------------------------------------------


def test_advance_checks_the_log_against_the_session():
    """One result per prescription, ``done`` of the prescribed kind, dates in order."""
    plan = program(("bridge", "walking"), weeks=1)
    state = ProgramState.begin(plan, catalog=CATALOG)
    with pytest.raises(lumbar.ValidationError, match=r"log\.results: must hold one result"):
        lumbar.advance(plan, state, SessionLog(date=DAY, results=(GOOD,)), catalog=CATALOG)
    wrong = attrs.evolve(GOOD, done=Duration(minutes=5))
    with pytest.raises(lumbar.ValidationError, match=r"log\.results\[0\]\.done: must be a reps"):
        lumbar.advance(plan, state, SessionLog(date=DAY, results=(wrong, GOOD)), catalog=CATALOG)
    after = lumbar.advance(plan, state, SessionLog(date=DAY, results=(GOOD, GOOD)), catalog=CATALOG)
    earlier = SessionLog(date=DAY - datetime.timedelta(days=1), results=(GOOD, GOOD))
    with pytest.raises(lumbar.ValidationError, match=r"log\.date: must not be before"):
        lumbar.advance(plan, after.state, earlier, catalog=CATALOG)


def test_a_finished_program_takes_no_more_logs():
    """After the last session the state is finished and advance refuses another log."""
    plan = program(("bridge",), weeks=1, sessions=1)
    state = ProgramState.begin(plan, catalog=CATALOG)
    done = lumbar.advance(plan, state, SessionLog(date=DAY, results=(GOOD,)), catalog=CATALOG)
    assert done.state.finished
    assert done.session is None
    with pytest.raises(lumbar.ValidationError, match="the program is over"):
        lumbar.advance(plan, done.state, SessionLog(date=DAY, results=(GOOD,)), catalog=CATALOG)


def test_a_tampered_state_is_refused():
    """A stored state whose next session does not match its tracks fails validation."""
    plan = program(("bridge",), weeks=1)
    state = ProgramState.begin(plan, catalog=CATALOG)
    track = attrs.evolve(
        state.tracks[0],
        prescription=lumbar.Prescription(exercise="bridge", dose=Reps(sets=3, reps=30)),
    )
    with pytest.raises(lumbar.ValidationError, match="within the limits of 'bridge'"):
        lumbar.advance(
            plan,
            attrs.evolve(state, tracks=(track,)),
            SessionLog(date=DAY, results=(GOOD,)),
            catalog=CATALOG,
        )


def test_programs_are_checked_against_the_catalog_first():
    """An exercise the catalog lacks fails before anything runs."""
    plan = program(("bridge",), weeks=1)
    with pytest.raises(lumbar.ValidationError, match="unknown exercise 'bridge'"):
        lumbar.simulate(
            plan, lumbar.SteadyImprover(), catalog=lumbar.Catalog([CATALOG["goblet-squat"]])
        )


def test_rules_named_by_the_program_are_used():
    """A program that names a stack runs under it; the simulation keeps the names."""
    named = attrs.evolve(
        program(("bridge",), weeks=2),
        rules=lumbar.refs_of(PainGate(inner=lumbar.DoubleProgression(rep_high=9))),
    )
    sim = lumbar.simulate(named, lumbar.SteadyImprover(), catalog=CATALOG)
    assert sim.program.rules == named.rules
    reps = {rx.dose.reps for _, rx in sim.program.prescriptions()}
    assert max(reps) <= 9


def test_a_rule_given_is_recorded_as_its_references():
    """The simulated program names the stack that ran, so that it can run again."""
    rule = PainGate(inner=lumbar.DoubleProgression(rep_high=9), limit=4)
    sim = lumbar.simulate(
        program(("bridge",), weeks=2), lumbar.SteadyImprover(), rule=rule, catalog=CATALOG
    )
    assert sim.program.rules == lumbar.refs_of(rule)
    assert lumbar.rule_from_refs(sim.program.rules) == rule


class Unnamed:
    """A rule whose name is no slug: it runs, but cannot be written as a reference."""

    name = "Not A Slug"
    params = MappingProxyType({})

    def decide(self, context):
        return lumbar.default_rule().decide(context)


@pytest.mark.parametrize(
    "rule",
    [
        # A rule chosen per exercise that wraps another has no reference form.
        lumbar.FirstMatch(
            rules=(PainGate(inner=lumbar.DoubleProgression()), lumbar.DurationProgression())
        ),
        Unnamed(),
    ],
)
def test_a_rule_that_cannot_be_recorded_is_refused_at_the_call(rule):
    """No empty rules (which would mean "the defaults") recorded for rules that are not those."""
    plan = program(("bridge", "walking"), weeks=2)
    with pytest.raises(lumbar.ValidationError) as caught:
        lumbar.simulate(plan, lumbar.SteadyImprover(), rule=rule, catalog=CATALOG)
    paths = [path for path, _ in caught.value.errors]
    assert paths[0] == "rule"
    assert "writable as rule references" in caught.value.errors[0][1]
    assert all(path.startswith("rule") for path in paths)
    with pytest.raises(lumbar.ValidationError):
        lumbar.simulate_many(plan, lumbar.SteadyImprover(), range(3), rule=rule, catalog=CATALOG)


# --- virtual patients -------------------------------------------------------------------


def test_a_steady_improver_over_26_weeks_climbs():
    """Doses rise and exercises move up their ladders: the program is not frozen."""
    plan = program()
    sim = lumbar.simulate(plan, lumbar.SteadyImprover(), catalog=CATALOG, seed=1)
    assert len(sim.program.weeks) == 26
    first = {rx.exercise: rx for rx in sim.program.weeks[0].sessions[0].prescriptions}
    last = sim.program.weeks[-1].sessions[-1].prescriptions
    climbed = [rx.exercise for rx in last if rx.exercise not in first]
    assert {"curl-up-raised", "side-bridge", "single-leg-bridge"} <= set(climbed)
    squat = next(rx for rx in last if rx.exercise == "goblet-squat")
    assert squat.dose.load_kg > first["goblet-squat"].dose.load_kg
    walk = next(rx for rx in last if rx.exercise == "walking")
    assert walk.dose.minutes > first["walking"].dose.minutes
    assert_weekly_cap(sim, plan)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_steady_improvers_climb_whatever_the_seed(seed):
    """Across individuals, most ladders are climbed within 26 weeks."""
    sim = lumbar.simulate(program(), lumbar.SteadyImprover(), catalog=CATALOG, seed=seed)
    last = {rx.exercise for rx in sim.program.weeks[-1].sessions[-1].prescriptions}
    assert len(last & {"curl-up-raised", "side-bridge", "single-leg-bridge"}) >= 2


def test_a_flare_up_regresses_then_recovers():
    """Pain above the limit during the flare regresses; progress resumes after it."""
    sim = lumbar.simulate(program(weeks=16), lumbar.FlareUp(), catalog=CATALOG, seed=2)
    by_week = defaultdict(list)
    for record in sim.records:
        by_week[record.week_index].extend(d.action for d in record.decisions)
    flare = by_week[10] + by_week[11] + by_week[12]
    assert Action.REGRESS in flare
    assert Action.PROGRESS not in by_week[11]
    assert Action.PROGRESS in by_week[14] + by_week[15]


def test_a_non_adherent_patient_skips_and_is_held_back():
    """Skipped sessions are not completed; the rules hold or step down after them."""
    sim = lumbar.simulate(program(weeks=8), lumbar.NonAdherent(), catalog=CATALOG, seed=4)
    skipped = [r for log in sim.logs for r in log.results if not r.completed]
    assert skipped
    steady = lumbar.simulate(program(weeks=8), lumbar.SteadyImprover(), catalog=CATALOG, seed=4)
    assert sum(rx.dose.volume for _, rx in sim.program.prescriptions()) < sum(
        rx.dose.volume for _, rx in steady.program.prescriptions()
    )


def test_a_plateau_stops_rising():
    """After the plateau week, doses stop climbing as fast as a steady improver's."""
    plateau = lumbar.simulate(program(), lumbar.Plateau(), catalog=CATALOG, seed=3)
    steady = lumbar.simulate(program(), lumbar.SteadyImprover(), catalog=CATALOG, seed=3)
    climbed = sum(
        1
        for rx in plateau.program.weeks[-1].sessions[-1].prescriptions
        if rx.exercise in {"curl-up-raised", "side-bridge", "single-leg-bridge"}
    )
    steady_climbed = sum(
        1
        for rx in steady.program.weeks[-1].sessions[-1].prescriptions
        if rx.exercise in {"curl-up-raised", "side-bridge", "single-leg-bridge"}
    )
    assert climbed <= steady_climbed


def test_seeds_make_different_individuals():
    """Different seeds give different runs; the same seed the same run."""
    runs = [
        lumbar.simulate(program(weeks=6), lumbar.SteadyImprover(), catalog=CATALOG, seed=s)
        for s in (1, 2)
    ]
    assert runs[0].logs != runs[1].logs


def test_simulate_many_runs_one_simulation_per_seed():
    """The batch form equals one simulate call per seed."""
    plan = program(weeks=3)
    batch = list(lumbar.simulate_many(plan, lumbar.Plateau(), range(3), catalog=CATALOG))
    singles = [lumbar.simulate(plan, lumbar.Plateau(), catalog=CATALOG, seed=s) for s in range(3)]
    assert batch == singles
    with pytest.raises(lumbar.ValidationError, match="seed: must be an integer"):
        lumbar.simulate(plan, lumbar.Plateau(), catalog=CATALOG, seed="1")


def test_constant_pain_over_the_limit_stops_everything_and_ends_early():
    """Pain 8/10 every time: regress to the floor, then stop; the run ends when all stopped."""

    def hurting(prescription, week_index):
        return ExerciseResult(completed=True, rpe=5, pain_during=8, pain_next_day=8)

    sim = lumbar.simulate(program(("bridge", "walking"), weeks=26), hurting, catalog=CATALOG)
    assert sim.ended_early
    stops = [d for d in sim.decisions if d.action is Action.STOP]
    assert {d.exercise for d in stops} == {"bridge", "walking"}
    assert all("clinician" in d.reason for d in stops)
    assert len(sim.program.weeks) < 26


def test_walk_run_reaches_later_stages_under_the_cap():
    """A program that opts into walk-run moves through the stages under the weekly cap."""
    plan = program(("walk-run",), weeks=20)
    sim = lumbar.simulate(plan, lumbar.SteadyImprover(), catalog=CATALOG)
    jog = [
        rx.dose.work_seconds for _, rx in sim.program.prescriptions() if rx.exercise == "walk-run"
    ]
    assert jog[0] == 60
    assert max(jog) >= 180
    assert_weekly_cap(sim, plan)


def test_rows_for_a_data_frame():
    """rows() gives one flat dict per prescription given."""
    sim = lumbar.simulate(program(("bridge",), weeks=2), lumbar.SteadyImprover(), catalog=CATALOG)
    rows = sim.rows()
    assert len(rows) == 6
    assert rows[0]["action"] == "start"
    assert set(rows[0]) >= {"week", "exercise", "volume", "pain_during", "action"}


def test_a_responder_that_returns_the_wrong_type_fails_clearly():
    """The responder's results are checked."""
    with pytest.raises(TypeError, match="not an ExerciseResult"):
        lumbar.simulate(program(("bridge",), weeks=1), lambda rx, week: "fine", catalog=CATALOG)


def test_a_responder_that_reports_another_kind_of_dose_done_fails_clearly():
    """A result's ``done`` must be a dose of the prescription's kind."""

    def reports_minutes(rx: lumbar.Prescription, week: int) -> lumbar.ExerciseResult:
        return lumbar.ExerciseResult(
            completed=True, rpe=3, pain_during=1, pain_next_day=1, done=Duration(minutes=5)
        )

    with pytest.raises(TypeError, match="is a duration dose for a reps prescription"):
        lumbar.simulate(program(("bridge",), weeks=1), reports_minutes, catalog=CATALOG)


def test_a_virtual_individual_called_as_a_plain_responder_simulates_the_same():
    """simulate checks the results of any responder but lumbar's own individuals: the two
    paths give the same simulation for the same individual."""
    plan = program(("bridge", "walking"), weeks=6)
    patient = lumbar.SteadyImprover()
    individual = patient.responder(7)
    wrapped = lumbar.simulate(plan, lambda rx, week: individual(rx, week), catalog=CATALOG)
    direct = lumbar.simulate(plan, patient, seed=7, catalog=CATALOG)
    assert wrapped == direct
    # As the public constructor would make them (effort a float), though made unchecked.
    results = [result for log in direct.logs for result in log.results]
    assert {type(result.rpe) for result in results} == {float}
    assert results == [lumbar.ExerciseResult(**attrs.asdict(r, recurse=False)) for r in results]


class Reckless:
    """A rule that breaks the engine's guarantees in the way ``how`` says."""

    name = "reckless"

    def __init__(self, how):
        self.how = how
        self.params = {"how": how}

    def decide(self, context):
        rx = context.prescription
        if self.how == "not-a-decision":
            return "more!"
        if self.how == "about-another-exercise":
            return lumbar.Decision(
                action=Action.HOLD,
                exercise="walking",
                prescription=lumbar.Prescription(exercise="walking", dose=Duration(minutes=10)),
                reason="Walk instead.",
                references=("borg-cr10",),
            )
        if self.how == "off-the-ladder":
            target = lumbar.Prescription(exercise="walking", dose=Duration(minutes=10))
        elif self.how == "wrong-kind":
            target = lumbar.Prescription(exercise=rx.exercise, dose=Duration(minutes=10))
        else:  # far beyond the exercise's limits
            target = lumbar.Prescription(exercise=rx.exercise, dose=Reps(sets=10, reps=100))
        return lumbar.Decision(
            action=Action.PROGRESS,
            exercise=context.exercise.id,
            prescription=target,
            reason="More!",
            references=("borg-cr10",),
        )


@pytest.mark.parametrize(
    ("how", "error", "message", "path"),
    [
        ("not-a-decision", TypeError, "returned str, not a Decision", None),
        (
            "about-another-exercise",
            lumbar.ValidationError,
            "decided about 'walking' but the exercise is 'bridge'",
            "decision.exercise",
        ),
        ("off-the-ladder", lumbar.ValidationError, "which is not on its ladder", None),
        (
            "wrong-kind",
            lumbar.ValidationError,
            "gave 'bridge' a duration dose",
            "decision.prescription.dose",
        ),
    ],
)
def test_a_rule_that_breaks_the_contract_fails_loudly(how, error, message, path):
    """The engine refuses decisions it cannot make safe, naming the rule (and the decision's
    field at fault)."""
    with pytest.raises(error, match=message) as caught:
        lumbar.simulate(
            program(("bridge",), weeks=2),
            lumbar.SteadyImprover(),
            rule=Reckless(how),
            catalog=CATALOG,
        )
    if path is not None:
        assert [where for where, _ in caught.value.errors] == [path]


def test_an_overreaching_rule_is_kept_inside_the_limits_and_the_cap():
    """A rule that asks for 10×100 gets the exercise's maximum, then the weekly cap."""
    plan = program(("bridge",), weeks=4)
    sim = lumbar.simulate(plan, lumbar.SteadyImprover(), rule=Reckless("too-much"), catalog=CATALOG)
    assert_in_bounds(sim.program, CATALOG)
    assert_weekly_cap(sim, plan)
    assert_nothing_rises_in_deload_weeks(sim.program, CATALOG)
