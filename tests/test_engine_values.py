"""What the engine builds is what the public constructors build, and they check what they must.

The engine and the built-in rules build their decisions, attempts, weekly figures,
contexts, ledgers, prescriptions, sessions and logs from parts that were already
checked, without checking them again; FirstMatch picks built-in base rules by the
kind of dose instead of asking each. These tests hold both to the public contract:
every value they make equals the one the public constructor makes from its fields
and survives a JSON round trip, and FirstMatch decides as asking each rule would.
"""

import datetime
import itertools
from types import MappingProxyType

import attrs
import pytest
from hypothesis import given, settings, strategies as st

import lumbar
from _progression import CATALOG, program
from lumbar import (
    Action,
    Attempt,
    Decision,
    FirstMatch,
    RuleContext,
    SessionLog,
    WeekFigures,
)
from lumbar.strategies import (
    attempts,
    base_rules,
    decisions,
    prescriptions,
    responders,
    rule_contexts,
    rule_stacks,
    session_logs,
)

DAY = datetime.date(2024, 1, 1)


def same_value(built: object, expected: object) -> None:
    """Equal, every field set and equal, the same repr and the same hash (or none)."""
    assert type(built) is type(expected)
    assert built == expected
    assert attrs.astuple(built, recurse=False) == attrs.astuple(expected, recurse=False)
    assert repr(built) == repr(expected)
    try:
        expected_hash = hash(expected)
    except TypeError:  # a field that is not hashable, such as a context's catalog
        with pytest.raises(TypeError):
            hash(built)
        return
    assert hash(built) == expected_hash
    assert {built: 1}[expected] == 1


def rebuilt(value: object) -> object:
    """``value`` built again by its public constructor, from its own fields."""
    return type(value)(
        **{field.name: getattr(value, field.name) for field in attrs.fields(type(value))}
    )


def assert_public(value: object) -> None:
    """``value`` is what its public constructor builds from its fields."""
    same_value(value, rebuilt(value))


def round_trips(value: object) -> None:
    """``value`` written as JSON reads back equal, through the public, checking constructors."""
    assert lumbar.from_json(lumbar.to_json(value), type(value)) == value


# --- values from simulate and advance ------------------------------------------------------


def simulation_values(sim: lumbar.Simulation):
    for record in sim.records:
        yield record
        yield record.session
        yield from record.session.prescriptions
        yield record.log
        for decision in record.decisions:
            yield decision
            if decision.prescription is not None:
                yield decision.prescription
    yield from sim.closing_decisions


@settings(max_examples=25)
@given(
    lumbar.strategies.program_templates(CATALOG), st.one_of(st.none(), rule_stacks()), responders()
)
def test_simulated_values_are_what_their_public_constructors_build(plan, rule, responder):
    """Sessions, logs, records, decisions and prescriptions of a simulation, field by field."""
    sim = lumbar.simulate(plan, responder, rule=rule, catalog=CATALOG)
    for value in simulation_values(sim):
        assert_public(value)
    round_trips(sim)


def test_simulated_sessions_logs_and_records_are_what_their_classes_build():
    """A fixed simulation: each record, session and log equals its public construction."""
    sim = lumbar.simulate(
        program(("curl-up", "bridge", "walking"), weeks=3),
        lumbar.NonAdherent(),
        catalog=CATALOG,
        seed=4,
    )
    assert sim.records
    for record in sim.records:
        session, log = record.session, record.log
        same_value(
            session, lumbar.Session(prescriptions=session.prescriptions, label=session.label)
        )
        same_value(log, SessionLog(date=log.date, results=log.results, pain_before=log.pain_before))
        same_value(
            record,
            lumbar.SessionRecord(
                week_index=record.week_index,
                session_index=record.session_index,
                session=session,
                log=log,
                decisions=record.decisions,
            ),
        )


def steps(plan, responder, rule=None):
    """Every step of advancing ``plan`` to its end, with the logs of ``responder``."""
    state = lumbar.ProgramState.begin(plan, catalog=CATALOG)
    date = DAY
    while state.next_session is not None:
        results = tuple(responder(rx, state.week_index) for rx in state.next_session.prescriptions)
        log = SessionLog(date=date, results=results, pain_before=2)
        step = lumbar.advance(plan, state, log, rule=rule, catalog=CATALOG)
        yield step
        state = step.state


@settings(max_examples=15)
@given(
    lumbar.strategies.program_templates(CATALOG, max_weeks=4),
    st.one_of(st.none(), rule_stacks()),
    responders(),
)
def test_advanced_states_hold_what_the_public_constructors_build(plan, rule, responder):
    """Attempts and weekly figures of every track, and every decision, after each step."""
    for step in steps(plan, responder, rule):
        for decision in step.decisions:
            assert_public(decision)
        for track in step.state.tracks:
            assert_public(track.prescription)
            assert_public(track.history)
            for attempt in track.history.attempts():
                assert_public(attempt)
            for figures in track.volumes:
                assert_public(figures)
        round_trips(step.state)
        round_trips(step)


class Spy:
    """A base rule that holds, and keeps every context the engine hands it."""

    name = "spy"
    params = MappingProxyType({})

    def __init__(self):
        self.seen = []

    def decide(self, context):
        self.seen.append(context)
        return Decision(
            action=Action.HOLD,
            exercise=context.exercise.id,
            prescription=context.prescription,
            reason="Seen.",
            references=("borg-cr10",),
        )


def test_the_contexts_and_ledgers_rules_get_are_what_their_public_constructors_build():
    """Every context (and its ledger) the engine hands a rule, field by field."""
    spy = Spy()
    lumbar.simulate(
        program(("curl-up", "bridge", "walking"), weeks=6),
        lumbar.SteadyImprover(),
        rule=spy,
        catalog=CATALOG,
    )
    assert len(spy.seen) > 50
    assert any(context.ledger.previous for context in spy.seen)
    for context in spy.seen:
        assert_public(context)
        assert_public(context.ledger)
        for figures in (*context.ledger.previous.values(), *context.ledger.so_far.values()):
            assert_public(figures)
        for attempt in context.history:
            assert_public(attempt)


@pytest.mark.parametrize("swap_class", [True, False], ids=["twin", "slot-setters"])
@given(
    st.one_of(
        decisions(),
        prescriptions().flatmap(attempts),
        session_logs(),
        prescriptions(),
        lumbar.strategies.doses(),
        lumbar.strategies.week_figures(),
        lumbar.strategies.exercise_results(),
        lumbar.strategies.sessions(),
        rule_contexts(CATALOG),
    )
)
def test_unchecked_makers_build_what_the_public_constructors_build(swap_class, value):
    """Both ways lumbar builds values of checked parts (a mutable twin given the class,
    and, where CPython runs without a GIL, slot setters) make the public value."""
    from lumbar._base import trusted

    saved = trusted._SWAP_CLASS
    trusted._SWAP_CLASS = swap_class
    try:
        make = trusted.maker(type(value))
    finally:
        trusted._SWAP_CLASS = saved
    fields = [getattr(value, field.name) for field in attrs.fields(type(value))]
    same_value(make(*fields), value)


@given(rule_stacks(), rule_contexts(CATALOG) | rule_contexts())
def test_built_in_rules_decide_what_the_public_constructors_build(rule, context):
    """Any built-in stack on any context: the decision and its prescription, field by field."""
    decision = rule.decide(context)
    assert_public(decision)
    if decision.prescription is not None:
        assert_public(decision.prescription)
    round_trips(decision)


class Long:
    """A rule whose reason is as long as a reason may be, asking for far too much."""

    name = "long"
    params = MappingProxyType({})

    def decide(self, context):
        return Decision(
            action=Action.PROGRESS,
            exercise=context.exercise.id,
            prescription=lumbar.Prescription(
                exercise=context.exercise.id, dose=lumbar.Reps(sets=10, reps=100)
            ),
            reason="x" * 2000,
            references=("borg-cr10",),
        )


def test_a_reason_that_grows_past_its_limit_gets_the_usual_error():
    """The engine adds to a rule's reason when it keeps a dose inside its limits: still checked."""
    with pytest.raises(lumbar.ValidationError) as caught:
        lumbar.simulate(
            program(("bridge",), weeks=2), lumbar.SteadyImprover(), rule=Long(), catalog=CATALOG
        )
    assert [path for path, _ in caught.value.errors] == ["reason"]


# --- the public constructors check what they always checked --------------------------------


class Slug(str):
    """A str subclass: ids and references must be plain strings."""


def test_a_reference_of_a_str_subclass_is_refused_whatever_came_before():
    """The verdict does not depend on which equal plain strings were checked before."""
    rx = lumbar.Prescription(exercise="bridge", dose=lumbar.Reps(sets=2, reps=8))
    fields = {"action": Action.HOLD, "exercise": "bridge", "prescription": rx, "reason": "r"}
    Decision(**fields, references=("borg-cr10",))
    for refs in [(Slug("borg-cr10"),), ("acsm-2009-rt", Slug("borg-cr10"))]:
        Decision(**fields, references=tuple(str(ref) for ref in refs))
        with pytest.raises(lumbar.ValidationError) as caught:
            Decision(**fields, references=refs)
        assert caught.value.errors[0][0].startswith("references[")
    with pytest.raises(lumbar.ValidationError, match="exercise"):
        Decision(**{**fields, "exercise": Slug("bridge")}, references=("borg-cr10",))
    with pytest.raises(lumbar.ValidationError, match="exercise"):
        WeekFigures(exercise=Slug("bridge"), week_index=0, volume=1, steps=1, sessions=1, load_kg=0)


def test_the_public_constructors_still_check_their_input():
    """Only the engine's own values skip the checks: users still get a ValidationError."""
    rx = lumbar.Prescription(exercise="bridge", dose=lumbar.Reps(sets=2, reps=8))
    result = lumbar.ExerciseResult(completed=True, rpe=3, pain_during=1, pain_next_day=1)
    with pytest.raises(lumbar.ValidationError, match="week_index"):
        Attempt(prescription=rx, result=result, week_index=-1)
    with pytest.raises(lumbar.ValidationError, match="volume"):
        WeekFigures(exercise="bridge", week_index=0, volume=-1, steps=0, sessions=1, load_kg=0)
    with pytest.raises(lumbar.ValidationError, match="references"):
        Decision(action=Action.HOLD, exercise="bridge", prescription=rx, reason="r", references=())
    with pytest.raises(lumbar.ValidationError, match="history"):
        RuleContext(exercise=CATALOG["bridge"], catalog=CATALOG, prescription=rx, history=())
    with pytest.raises(lumbar.ValidationError, match="exercise"):
        lumbar.Prescription(exercise="Bridge", dose=lumbar.Reps(sets=2, reps=8))
    with pytest.raises(lumbar.ValidationError, match="prescriptions"):
        lumbar.Session(prescriptions=())
    with pytest.raises(lumbar.ValidationError, match="results"):
        SessionLog(date=DAY, results=())


def test_a_context_needs_a_ledger():
    """ledger=None is refused when the context is made, not later inside the weekly cap."""
    rx = lumbar.Prescription(exercise="bridge", dose=lumbar.Reps(sets=2, reps=8))
    result = lumbar.ExerciseResult(completed=True, rpe=3, pain_during=1, pain_next_day=1)
    with pytest.raises(lumbar.ValidationError) as caught:
        RuleContext(
            exercise=CATALOG["bridge"],
            catalog=CATALOG,
            prescription=rx,
            history=(Attempt(prescription=rx, result=result),),
            ledger=None,
        )
    assert caught.value.errors == (("ledger", "must be a Ledger, got NoneType"),)


JUNK = st.sampled_from(
    [None, True, 0, -1, 11, 10_001, 2.5, float("nan"), float("inf"), "", "Not A Slug", (), ("",)]
)


def _junk_is_refused_or_valid(valid: object, bad: str, junk: object) -> None:
    """With ``junk`` in field ``bad``: a ValidationError naming that field, or a valid value."""
    fields = {field.name: getattr(valid, field.name) for field in attrs.fields(type(valid))}
    fields[bad] = junk
    try:
        built = type(valid)(**fields)
    except lumbar.ValidationError as error:
        assert any(path.split(".")[0].split("[")[0] == bad for path, _ in error.errors), error
        return
    round_trips(built)  # the JSON reader, strict on every field, takes it back


@pytest.mark.parametrize("bad", ["action", "exercise", "prescription", "reason", "references"])
@given(decisions(), JUNK)
def test_a_decision_with_junk_in_a_field_is_refused_or_valid(bad, decision, junk):
    """Whatever one field holds, a Decision either names the field in its error or is valid."""
    _junk_is_refused_or_valid(decision, bad, junk)


@pytest.mark.parametrize(
    "bad", ["prescription", "result", "week_index", "deload", "pain_before", "date"]
)
@given(prescriptions().flatmap(attempts), JUNK)
def test_an_attempt_with_junk_in_a_field_is_refused_or_valid(bad, attempt, junk):
    """Whatever one field holds, an Attempt either names the field in its error or is valid."""
    _junk_is_refused_or_valid(attempt, bad, junk)


FIGURES = st.builds(
    WeekFigures,
    exercise=lumbar.strategies.exercise_ids(),
    week_index=st.integers(0, 520),
    volume=st.integers(0, 10**6),
    steps=st.integers(0, 10**5),
    sessions=st.integers(0, 50),
    load_kg=st.floats(0, 500),
)


@pytest.mark.parametrize(
    "bad", ["exercise", "week_index", "volume", "steps", "sessions", "load_kg"]
)
@given(FIGURES, JUNK)
def test_figures_with_junk_in_a_field_are_refused_or_valid(bad, figures, junk):
    """Whatever one field holds, WeekFigures either name the field in their error or are valid."""
    _junk_is_refused_or_valid(figures, bad, junk)


@pytest.mark.parametrize("bad", ["date", "results", "pain_before"])
@given(session_logs(), JUNK)
def test_a_log_with_junk_in_a_field_is_refused_or_valid(bad, log, junk):
    """Whatever one field holds, a SessionLog either names the field in its error or is valid."""
    _junk_is_refused_or_valid(log, bad, junk)


@pytest.mark.parametrize("bad", ["exercise", "dose", "note"])
@given(prescriptions(), JUNK)
def test_a_prescription_with_junk_in_a_field_is_refused_or_valid(bad, prescription, junk):
    """Whatever one field holds, a Prescription either names the field in its error or is valid."""
    _junk_is_refused_or_valid(prescription, bad, junk)


# --- FirstMatch decides as asking each rule in turn ----------------------------------------


def hold(context, reason, code=None):
    return Decision(
        action=Action.HOLD,
        exercise=context.exercise.id,
        prescription=context.prescription,
        reason=reason,
        references=("borg-cr10",),
        code=code,
    )


class Anything:
    """A base rule with no ``applies_to``: it applies to every dose."""

    name = "anything"
    params = MappingProxyType({})

    def decide(self, context):
        return hold(context, "Anything goes.")


@attrs.frozen(kw_only=True)
class BridgesOnly(lumbar.DoubleProgression):
    """A built-in base rule whose ``applies_to`` looks at more than the dose: it must be asked."""

    def applies_to(self, context):
        return context.exercise.id == "bridge"


def _first_that_applies(rules, context):
    """FirstMatch as documented: ask each rule in turn."""
    for rule in rules:
        applies = getattr(rule, "applies_to", None)
        if applies is None or applies(context):
            return rule.decide(context)
    return hold(
        context,
        f"No rule here progresses {context.prescription.dose.kind} doses: the same again.",
        "no-rule",
    )


EVERY_BASE_RULE = (
    lumbar.ReversePyramid(),
    lumbar.HoldTimeProgression(),
    lumbar.DoubleProgression(),
    lumbar.LoadProgression(),
    lumbar.DurationProgression(),
    lumbar.WalkRunProgression(),
)


@given(
    st.permutations(EVERY_BASE_RULE)
    | st.lists(base_rules() | st.just(Anything()) | st.just(BridgesOnly()), min_size=2, max_size=5),
    rule_contexts(CATALOG) | rule_contexts(),
)
def test_first_match_decides_as_asking_each_rule_in_turn(rules, context):
    """Built-in base rules picked by the kind of dose: the rule that asking in turn picks."""
    assert FirstMatch(rules=tuple(rules)).decide(context) == _first_that_applies(rules, context)


GOOD = lumbar.ExerciseResult(completed=True, rpe=4, pain_during=1, pain_next_day=1)


@pytest.mark.parametrize(
    "exercise_id", ["curl-up", "plank", "bridge", "goblet-squat", "walking", "walk-run"]
)
def test_first_match_picks_the_rule_asking_in_turn_picks_for_every_kind_of_dose(exercise_id):
    """Every order of built-in base rules, on a dose each rule would move in its own way."""
    exercise = CATALOG[exercise_id]
    rx = lumbar.Prescription(exercise=exercise_id, dose=exercise.default_dose)
    context = RuleContext(
        exercise=exercise,
        catalog=CATALOG,
        prescription=rx,
        history=(Attempt(prescription=rx, result=GOOD),),
    )
    rules = (*EVERY_BASE_RULE, Anything(), BridgesOnly())
    orders = [*itertools.permutations(rules, 2), *itertools.permutations(EVERY_BASE_RULE, 3)]
    for order in orders:
        expected = _first_that_applies(order, context)
        assert FirstMatch(rules=order).decide(context) == expected, order


def plain_results(prescription, week_index):
    return lumbar.ExerciseResult(completed=True, rpe=3, pain_during=2, pain_next_day=2)


def test_a_note_on_a_result_changes_no_decision():
    """The rules read results without their notes: the same course with notes decides alike."""
    plan = program(("bridge", "walking", "bird-dog"), weeks=4)

    def noted(prescription, week_index):
        return attrs.evolve(plain_results(prescription, week_index), note="felt fine")

    with_notes = lumbar.simulate(plan, noted, catalog=CATALOG).decisions
    assert with_notes == lumbar.simulate(plan, plain_results, catalog=CATALOG).decisions
    assert any(d.action is Action.PROGRESS for d in with_notes)


class _Wanderer:
    """A rule that moves every exercise to ``target``."""

    name = "wanderer"

    def __init__(self, target):
        self.target = target
        self.params = MappingProxyType({})

    def decide(self, context):
        return Decision(
            action=Action.PROGRESS,
            exercise=context.exercise.id,
            prescription=lumbar.Prescription(
                exercise=self.target, dose=lumbar.Duration(minutes=10)
            ),
            reason="Elsewhere.",
            references=("borg-cr10",),
        )


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("walking", "rule 'wanderer' moved 'bridge' to 'walking', which is not on its ladder"),
        ("moon-walk", "rule 'wanderer' moved to 'moon-walk', which the catalog does not hold"),
    ],
)
def test_a_move_off_the_ladder_or_the_catalog_is_refused_on_the_decisions_exercise(target, message):
    """The engine refuses a rule's move off the exercise's ladder, naming the field."""
    with pytest.raises(lumbar.ValidationError) as raised:
        lumbar.simulate(
            program(("bridge",), weeks=1), plain_results, rule=_Wanderer(target), catalog=CATALOG
        )
    assert raised.value.errors == (("decision.prescription.exercise", message),)


class _Asker:
    """A rule that asks for ``dose`` of the same exercise, as ``action``."""

    name = "asker"

    def __init__(self, dose, action):
        self.dose = dose
        self.action = action
        self.params = MappingProxyType({})

    def decide(self, context):
        return Decision(
            action=self.action,
            exercise=context.exercise.id,
            prescription=lumbar.Prescription(exercise=context.exercise.id, dose=self.dose),
            reason="This much.",
            references=("borg-cr10",),
        )


@pytest.mark.parametrize(
    ("exercise", "asked", "action", "given"),
    [
        ("bridge", lumbar.Reps(sets=1, reps=1), Action.REGRESS, lumbar.Reps(sets=1, reps=4)),
        ("bridge", lumbar.Reps(sets=9, reps=1), Action.REGRESS, lumbar.Reps(sets=3, reps=4)),
        (
            "bird-dog",
            lumbar.Hold(sets=1, reps=1, seconds=2),
            Action.REGRESS,
            lumbar.Hold(sets=1, reps=2, seconds=5),
        ),
        # A one-week program: the weekly cap has no week to compare with, so it lets a rise be.
        (
            "goblet-squat",
            lumbar.Reps(sets=3, reps=12, load_kg=60.0),
            Action.PROGRESS,
            lumbar.Reps(sets=3, reps=12, load_kg=40.0),
        ),
        (
            "walk-run",
            lumbar.Intervals(rounds=9, work_seconds=900, rest_seconds=60),
            Action.PROGRESS,
            lumbar.Intervals(rounds=5, work_seconds=600, rest_seconds=60),
        ),
    ],
)
def test_a_dose_asked_outside_the_exercises_bounds_is_moved_inside(exercise, asked, action, given):
    """Every size field of a dose a rule asks for is moved inside the exercise's bounds (a
    load too, and a walk-run's rounds and running time)."""
    plan = program((exercise,), weeks=1)
    first = lumbar.simulate(plan, plain_results, rule=_Asker(asked, action), catalog=CATALOG)
    assert first.decisions[0].prescription.dose == given
