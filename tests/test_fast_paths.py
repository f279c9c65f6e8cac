"""The engine's fast paths build and decide exactly what the plain paths do.

The trusted constructors (``lumbar._base.quickcheck``) skip checks the engine has
already made; the first-match dispatch table stands in for asking each built-in
base rule whether it applies. Each must give the same values as the slow way.
"""

import itertools
from types import MappingProxyType

import attrs
import pytest
from hypothesis import given, strategies as st

import lumbar
from _progression import CATALOG, program
from lumbar import (
    Action,
    Attempt,
    Decision,
    FirstMatch,
    Ledger,
    RuleContext,
    SessionLog,
    WeekFigures,
)
from lumbar._base.quickcheck import explain, slot_setters
from lumbar.model import _log
from lumbar.model._log import logged
from lumbar.progression import _decision, _protocol as _rules
from lumbar.progression._decision import decided
from lumbar.progression._protocol import attempted, context_of, counted, ledger_of
from lumbar.progression._rule_kit import EFFORT_REFS, hold_decision, prescribe
from lumbar.simulation._simulate import SessionRecord
from lumbar.strategies import exercise_ids, prescriptions
from lumbar.strategies._progression import (
    attempts,
    base_rules,
    decisions,
    rule_contexts,
    session_logs,
)


def same_value(built: object, expected: object) -> None:
    assert type(built) is type(expected)
    assert built == expected
    assert attrs.astuple(built, recurse=False) == attrs.astuple(expected, recurse=False)
    assert repr(built) == repr(expected)


@given(decisions())
def test_a_trusted_decision_is_the_decision(decision):
    """``decided`` builds the same Decision as the class from the same parts."""
    built = decided(
        decision.action,
        decision.exercise,
        decision.prescription,
        decision.reason,
        decision.references,
    )
    same_value(built, decision)


@pytest.mark.parametrize("reason", ["", "x" * 2001])
def test_a_trusted_decision_still_checks_its_reason(reason):
    """A wrapper's reason grows with its inner rule's: out of bounds, the usual error."""
    rx = lumbar.Prescription(exercise="bridge", dose=lumbar.Reps(sets=2, reps=8))
    with pytest.raises(lumbar.ValidationError) as caught:
        decided(Action.HOLD, "bridge", rx, reason, ("borg-cr10",))
    assert [path for path, _ in caught.value.errors] == ["reason"]


@given(prescriptions().flatmap(attempts))
def test_a_trusted_attempt_is_the_attempt(attempt):
    """``attempted`` builds the same Attempt as the class."""
    built = attempted(
        attempt.prescription,
        attempt.result,
        attempt.week_index,
        attempt.deload,
        attempt.pain_before,
        attempt.date,
    )
    same_value(built, attempt)


@given(
    exercise_ids(),
    st.integers(0, 520),
    st.integers(0, 10**6),
    st.integers(0, 10**5),
    st.integers(0, 50),
    st.floats(0, 500),
)
def test_trusted_figures_are_the_figures(exercise, week, volume, steps, sessions, load):
    """``counted`` builds the same WeekFigures as the class."""
    expected = WeekFigures(
        exercise=exercise,
        week_index=week,
        volume=volume,
        steps=steps,
        sessions=sessions,
        load_kg=load,
    )
    same_value(counted(exercise, week, volume, steps, sessions, load), expected)


@given(rule_contexts(), st.integers(0, 14))
def test_a_trusted_context_and_ledger_are_the_context_and_ledger(context, left):
    """``context_of`` and ``ledger_of`` build the same RuleContext and Ledger as the classes."""
    figures = WeekFigures(
        exercise=context.exercise.id, week_index=0, volume=10, steps=1, sessions=1, load_kg=0.0
    )
    ledger = Ledger(previous={figures.exercise: figures}, so_far={}, sessions_left=left)
    built_ledger = ledger_of(ledger.previous, ledger.so_far, left)
    same_value(built_ledger, ledger)
    expected = attrs.evolve(context, ledger=ledger)
    built = context_of(
        context.exercise,
        context.catalog,
        context.prescription,
        context.history,
        context.week_index,
        context.deload,
        built_ledger,
        context.constraints,
    )
    same_value(built, expected)


@given(session_logs())
def test_a_trusted_log_is_the_log(log):
    """``logged`` builds the same SessionLog as the class."""
    same_value(logged(log.date, log.results, log.pain_before), log)


@given(rule_contexts())
def test_a_trusted_prescription_is_the_prescription(context):
    """``prescribe`` builds the Prescription the class builds, hash and all."""
    dose = context.exercise.max_dose
    expected = lumbar.Prescription(
        exercise=context.exercise.id, dose=dose, note=context.prescription.note
    )
    built = prescribe(context, dose)
    same_value(built, expected)
    assert hash(built) == hash(expected)
    assert {built: 1}[expected] == 1


def test_slot_setters_know_the_hash_cache():
    """A class that caches its hash has one more slot, which the setters must cover."""
    with pytest.raises(TypeError, match="has the slots"):
        slot_setters(lumbar.Prescription, "exercise", "dose", "note")
    with pytest.raises(TypeError, match="has the slots"):
        slot_setters(Decision, *(f.name for f in attrs.fields(Decision)), hash_cache=True)
    assert len(slot_setters(lumbar.Prescription, "exercise", "dose", "note", hash_cache=True)) == 4


@pytest.mark.parametrize(
    ("cls", "names"),
    [
        (Decision, ("action", "exercise", "prescription", "reason")),
        (Attempt, ("result", "prescription", "week_index", "deload", "pain_before", "date")),
        (SessionLog, ("date", "results", "pain_before", "note")),
    ],
)
def test_slot_setters_must_name_every_field_in_order(cls, names):
    """A field added or moved later fails at import, not as a value left unset."""
    with pytest.raises(TypeError, match="has the fields"):
        slot_setters(cls, *names)


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


class _Anything:
    """A base rule with no ``applies_to``: it applies to every dose."""

    name = "anything"
    params = MappingProxyType({})

    def decide(self, context):
        return hold_decision(context, "Anything goes.", EFFORT_REFS)


def _first_that_applies(rules, context):
    """FirstMatch as documented: ask each rule in turn."""
    for rule in rules:
        applies = getattr(rule, "applies_to", None)
        if applies is None or applies(context):
            return rule.decide(context)
    return hold_decision(
        context,
        f"No rule here progresses {context.prescription.dose.kind} doses: the same again.",
        EFFORT_REFS,
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
    | st.lists(base_rules() | st.just(_Anything()), min_size=2, max_size=5),
    rule_contexts(CATALOG) | rule_contexts(),
)
def test_first_match_decides_as_asking_each_rule_in_turn(rules, context):
    """The dispatch table of built-in base rules picks the rule that asking in turn picks."""
    assert FirstMatch(rules=tuple(rules)).decide(context) == _first_that_applies(rules, context)


GOOD = lumbar.ExerciseResult(completed=True, rpe=4, pain_during=1, pain_next_day=1)


@pytest.mark.parametrize("exercise_id", ["curl-up", "plank", "bridge", "walking", "walk-run"])
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
    rules = (*EVERY_BASE_RULE, _Anything())
    orders = [*itertools.permutations(rules, 2), *itertools.permutations(EVERY_BASE_RULE, 3)]
    for order in orders:
        expected = _first_that_applies(order, context)
        assert FirstMatch(rules=order).decide(context) == expected, order


def test_simulated_sessions_logs_and_records_are_what_their_classes_build():
    """simulate builds its sessions, logs and records with trusted constructors."""
    plan = program(("curl-up", "bridge", "walking"), weeks=3)
    sim = lumbar.simulate(plan, lumbar.NonAdherent(), catalog=CATALOG, seed=4)
    assert sim.records
    for record in sim.records:
        session, log = record.session, record.log
        same_value(
            session, lumbar.Session(prescriptions=session.prescriptions, label=session.label)
        )
        same_value(log, SessionLog(date=log.date, results=log.results, pain_before=log.pain_before))
        same_value(
            record,
            SessionRecord(
                week_index=record.week_index,
                session_index=record.session_index,
                session=session,
                log=log,
                decisions=record.decisions,
            ),
        )


# --- the quick checks are at least as strict as the validators they stand in for ---------

JUNK = st.sampled_from(
    [None, True, 0, -1, 11, 10_001, 2.5, float("nan"), float("inf"), "", "Not A Slug", (), ("",)]
)


def _built_passes_its_validators(cls, valid, bad, junk, validators) -> None:
    fields = {field.name: getattr(valid, field.name) for field in attrs.fields(cls)}
    fields[bad] = junk
    try:
        built = cls(**fields)
    except (lumbar.ValidationError, TypeError):
        return
    explain(built, validators)  # raises when a field the quick check let through is bad


@pytest.mark.parametrize("bad", ["action", "exercise", "prescription", "reason", "references"])
@given(decisions(), JUNK)
def test_a_decision_that_constructs_passes_every_field_validator(bad, decision, junk):
    """Whatever one field holds, a Decision that builds also passes the slow validators."""
    _built_passes_its_validators(Decision, decision, bad, junk, _decision._VALIDATORS)


@pytest.mark.parametrize(
    "bad", ["prescription", "result", "week_index", "deload", "pain_before", "date"]
)
@given(prescriptions().flatmap(attempts), JUNK)
def test_an_attempt_that_constructs_passes_every_field_validator(bad, attempt, junk):
    """Whatever one field holds, an Attempt that builds also passes the slow validators."""
    _built_passes_its_validators(Attempt, attempt, bad, junk, _rules._ATTEMPT_VALIDATORS)


FIGURES = st.builds(
    counted,
    exercise_ids(),
    st.integers(0, 520),
    st.integers(0, 10**6),
    st.integers(0, 10**5),
    st.integers(0, 50),
    st.floats(0, 500),
)


@pytest.mark.parametrize(
    "bad", ["exercise", "week_index", "volume", "steps", "sessions", "load_kg"]
)
@given(FIGURES, JUNK)
def test_figures_that_construct_pass_every_field_validator(bad, figures, junk):
    """Whatever one field holds, WeekFigures that build also pass the slow validators."""
    _built_passes_its_validators(WeekFigures, figures, bad, junk, _rules._FIGURES_VALIDATORS)


@pytest.mark.parametrize("bad", ["date", "results", "pain_before"])
@given(session_logs(), JUNK)
def test_a_log_that_constructs_passes_every_field_validator(bad, log, junk):
    """Whatever one field holds, a SessionLog that builds also passes the slow validators."""
    _built_passes_its_validators(SessionLog, log, bad, junk, _log._LOG_VALIDATORS)
