"""Progression rules: the built-in rules' decisions, and the properties every stack keeps."""

import datetime
from types import MappingProxyType

import attrs
import pytest
from hypothesis import given, strategies as st

import lumbar
from _progression import CATALOG, harder, program, rung
from lumbar import (
    Action,
    Attempt,
    Decision,
    DeloadRule,
    DoubleProgression,
    DurationProgression,
    ExerciseResult,
    FirstMatch,
    Hold,
    HoldTimeProgression,
    Intervals,
    LadderProgression,
    Ledger,
    LoadProgression,
    PainGate,
    Prescription,
    Reps,
    ReversePyramid,
    RuleContext,
    WalkRunProgression,
    WeekFigures,
    WeeklyCap,
)
from lumbar.strategies import decisions, rule_contexts, rule_stacks

GOOD = ExerciseResult(completed=True, rpe=4, pain_during=2, pain_next_day=2)


def result(pain=2, next_day=2, *, completed=True, rpe=4, done=None):
    return ExerciseResult(
        completed=completed, rpe=rpe, pain_during=pain, pain_next_day=next_day, done=done
    )


def context(exercise_id, dose, *results, week=1, deload=False, pain_before=None, ledger=None):
    """A context whose history is ``results`` at this dose, the last one just done."""
    rx = Prescription(exercise=exercise_id, dose=dose)
    history = tuple(
        Attempt(prescription=rx, result=r, week_index=week, pain_before=pain_before)
        for r in (results or (GOOD,))
    )
    return RuleContext(
        exercise=CATALOG[exercise_id],
        catalog=CATALOG,
        prescription=rx,
        history=history,
        week_index=week,
        deload=deload,
        ledger=ledger or Ledger(),
    )


def in_bounds(catalog, prescription):
    exercise = catalog[prescription.exercise]
    return (
        lumbar.model._dose.out_of_bounds(prescription.dose, exercise.min_dose, exercise.max_dose)
        == []
    )


# --- the built-in base rules ------------------------------------------------------


def test_double_progression_adds_a_repetition_then_load():
    """8-12 reps: one more rep per set, then +5% load (at least 1 kg) back at 8 reps."""
    rule = DoubleProgression()
    up = rule.decide(context("goblet-squat", Reps(sets=3, reps=10, load_kg=20.0)))
    assert up.action is Action.PROGRESS
    assert up.prescription.dose == Reps(sets=3, reps=11, load_kg=20.0)
    assert (up.code, up.values) == ("more-reps", {"rpe": 4.0})
    assert up.reason == "All done at effort 4/10: 3×11 at 20 kg, more repetitions within 8-12."
    heavier = rule.decide(context("goblet-squat", Reps(sets=3, reps=12, load_kg=20.0)))
    assert heavier.prescription.dose == Reps(sets=3, reps=8, load_kg=21.0)
    assert "acsm-2009-rt" in heavier.references


def test_a_rep_range_upside_down_is_refused_naming_its_low_end():
    """rep_low above rep_high is a ValidationError on rep_low, with both numbers."""
    with pytest.raises(lumbar.ValidationError) as raised:
        DoubleProgression(rep_low=10, rep_high=8)
    assert raised.value.errors == (("rep_low", "must be <= rep_high (8), got 10"),)


def test_double_progression_tops_out_without_load_to_add():
    """A body-weight exercise at the top of the range has no room: progress, same dose."""
    top = context("bridge", Reps(sets=2, reps=12))
    decision = DoubleProgression().decide(top)
    assert decision.action is Action.PROGRESS
    assert decision.prescription == top.prescription


@pytest.mark.parametrize(
    ("latest", "expected"),
    [
        (result(completed=False), Action.HOLD),
        (result(rpe=7), Action.HOLD),
        (result(done=Reps(sets=3, reps=6, load_kg=20.0)), Action.HOLD),
    ],
)
def test_no_progress_without_a_full_session_at_moderate_effort(latest, expected):
    """Not completed, too hard (CR10 above 5) or less done than prescribed: hold."""
    decision = DoubleProgression().decide(
        context("goblet-squat", Reps(sets=3, reps=10, load_kg=20.0), latest)
    )
    assert decision.action is expected
    assert decision.prescription.dose == Reps(sets=3, reps=10, load_kg=20.0)


def test_a_session_done_as_prescribed_counts_as_done():
    """Recording what was done, when it is the whole dose, still allows the next step."""
    dose = Reps(sets=3, reps=10, load_kg=20.0)
    decision = DoubleProgression().decide(context("goblet-squat", dose, result(done=dose)))
    assert (decision.action, decision.code) == (Action.PROGRESS, "more-reps")


BASE_RULES_AND_DOSES = [
    (DoubleProgression(), "goblet-squat", Reps(sets=3, reps=10, load_kg=20.0)),
    (LoadProgression(), "goblet-squat", Reps(sets=3, reps=10, load_kg=20.0)),
    (HoldTimeProgression(), "plank", Hold(sets=2, reps=3, seconds=5)),
    (ReversePyramid(), "curl-up", Hold(sets=3, reps=6, seconds=10, reps_drop=2)),
    (DurationProgression(), "walking", lumbar.Duration(minutes=12)),
    (WalkRunProgression(), "walk-run", Intervals(rounds=5, work_seconds=60, rest_seconds=300)),
]


@pytest.mark.parametrize(("rule", "exercise", "dose"), BASE_RULES_AND_DOSES)
def test_no_base_rule_progresses_after_a_session_not_completed_or_too_hard(rule, exercise, dose):
    """Every base rule repeats a session not completed, or done above its effort ceiling."""
    easy = (GOOD,) * 3
    missed = rule.decide(context(exercise, dose, *easy, result(completed=False)))
    assert (missed.action, missed.code) == (Action.HOLD, "not-completed")
    hard = rule.decide(context(exercise, dose, *easy, result(rpe=9)))
    assert (hard.action, hard.code) == (Action.HOLD, "effort-high")
    assert hard.prescription.dose == dose


def test_two_sessions_not_completed_step_the_dose_down():
    """Missing data or failing twice in a row is no licence to push: regress."""
    decision = DoubleProgression().decide(
        context(
            "goblet-squat",
            Reps(sets=3, reps=10, load_kg=20.0),
            result(completed=False),
            result(completed=False),
        )
    )
    assert decision.action is Action.REGRESS
    assert decision.prescription.dose == Reps(sets=3, reps=10, load_kg=18.0)


@pytest.mark.parametrize(
    ("rule", "exercise", "dose", "lower"),
    [
        (
            ReversePyramid(),
            "curl-up",
            Hold(sets=3, reps=6, seconds=10, reps_drop=2),
            Hold(sets=3, reps=5, seconds=10, reps_drop=2),
        ),
        (
            WalkRunProgression(),
            "walk-run",
            Intervals(rounds=5, work_seconds=180, rest_seconds=180),
            Intervals(rounds=5, work_seconds=120, rest_seconds=240),
        ),
        (  # 15 jog minutes in 3 rounds: back to the stage with as many (5 x 3 min)
            WalkRunProgression(),
            "walk-run",
            Intervals(rounds=3, work_seconds=300, rest_seconds=300),
            Intervals(rounds=5, work_seconds=180, rest_seconds=180),
        ),
        (  # 4-2-0 would leave a set without a hold: one set fewer, still a pyramid
            ReversePyramid(),
            "curl-up",
            Hold(sets=3, reps=5, seconds=10, reps_drop=2),
            Hold(sets=2, reps=5, seconds=10, reps_drop=2),
        ),
        (
            DurationProgression(),
            "walking",
            lumbar.Duration(minutes=20, rpe=3),
            lumbar.Duration(minutes=16, rpe=3),
        ),
    ],
)
def test_two_sessions_not_completed_step_any_dose_down_keeping_its_shape(
    rule, exercise, dose, lower
):
    """A pyramid stays a pyramid, walk-run goes back one stage, a walk keeps its effort."""
    missed = result(completed=False)
    decision = rule.decide(context(exercise, dose, missed, missed))
    assert (decision.action, decision.code) == (Action.REGRESS, "not-completed-twice")
    assert decision.prescription.dose == lower


def test_load_progression_by_percentage_or_fixed_step():
    """The rise is the larger of the percentage and the step, rounded to the step."""
    dose = Reps(sets=3, reps=10, load_kg=30.0)
    by_percent = LoadProgression(percent=10.0, step_kg=1.0).decide(context("goblet-squat", dose))
    assert by_percent.prescription.dose.load_kg == 33.0
    fixed = LoadProgression(percent=0.0, step_kg=2.5).decide(context("goblet-squat", dose))
    assert fixed.prescription.dose.load_kg == 32.5


@pytest.mark.parametrize(
    ("rule", "load", "expected"),
    [
        (DoubleProgression(), 21.0, 22.0),  # 22.05 kg to the 1 kg step
        (LoadProgression(step_kg=0.5), 15.0, 16.0),  # 15.75 kg to the 0.5 kg step
        (LoadProgression(percent=10.0, step_kg=0.5), 36.0, 39.5),  # 39.6 kg to 0.5 kg
        (LoadProgression(percent=0.0, step_kg=2.5), 31.0, 33.5),  # a whole step, off the grid
        (LoadProgression(), 39.5, 40.0),  # no more than the exercise's heaviest
    ],
)
def test_a_load_rise_is_rounded_to_the_step_at_least_one_step_and_within_bounds(
    rule, load, expected
):
    """Loads go up by the percentage or the step, rounded to the step, never by less
    than one step, never past the exercise's heaviest load."""
    decision = rule.decide(context("goblet-squat", Reps(sets=3, reps=12, load_kg=load)))
    assert decision.prescription.dose.load_kg == expected
    assert (decision.code, decision.values) == ("more-load", {"rpe": 4.0})
    assert decision.reason.startswith("All done at effort 4/10")


def test_load_progression_tops_out_at_the_heaviest_load():
    """At the exercise's heaviest load the load rule tops out, saying so."""
    top = LoadProgression().decide(context("goblet-squat", Reps(sets=3, reps=10, load_kg=40.0)))
    assert (top.action, top.code) == (Action.PROGRESS, "topped-out")
    assert top.prescription.dose.load_kg == 40.0
    assert top.reason == "All done at effort 4/10: the load is at its maximum."


def test_hold_time_grows_to_the_cap_then_holds_per_set():
    """5 s holds become 10 s; at the 10 s cap one more hold per set."""
    rule = HoldTimeProgression()
    longer = rule.decide(context("plank", Hold(sets=2, reps=3, seconds=5)))
    assert longer.prescription.dose == Hold(sets=2, reps=3, seconds=10)
    more = rule.decide(context("plank", Hold(sets=2, reps=3, seconds=10)))
    assert more.prescription.dose == Hold(sets=2, reps=4, seconds=10)


def test_holds_never_grow_past_the_cap_or_the_exercises_longest_hold():
    """8 s holds with 5 s steps stop at the 10 s cap (not 13 s); with a 30 s cap the side
    bridge stops at its own longest hold (10 s), keeping its pyramid, then adds holds."""
    capped = HoldTimeProgression().decide(context("plank", Hold(sets=2, reps=3, seconds=8)))
    assert capped.prescription.dose == Hold(sets=2, reps=3, seconds=10)
    assert (capped.code, capped.values) == ("longer-holds", {"rpe": 4.0})
    assert capped.reason == "All done at effort 4/10: longer holds, 2×3 × 10 s holds."
    rule = HoldTimeProgression(max_seconds=30)
    pyramid = Hold(sets=3, reps=6, seconds=8, reps_drop=2)
    longer = rule.decide(context("side-bridge", pyramid))
    assert longer.prescription.dose == attrs.evolve(pyramid, seconds=10)
    more = rule.decide(context("side-bridge", attrs.evolve(pyramid, seconds=10)))
    assert more.prescription.dose == attrs.evolve(pyramid, seconds=10, reps=7)
    assert more.reason == "All done at effort 4/10: more holds, 7-5-3 × 10 s holds."


@given(rule_contexts(CATALOG), st.integers(1, 10), st.integers(5, 60))
def test_a_hold_is_never_longer_than_the_cap_allows(ctx, step, cap):
    """Hold time never rises past the lower of the rule's cap and the exercise's longest hold."""
    dose = ctx.prescription.dose
    rule = HoldTimeProgression(seconds_step=step, max_seconds=cap)
    decision = rule.decide(ctx)
    if isinstance(dose, Hold) and decision.prescription is not None:
        longest = max(dose.seconds, min(cap, ctx.exercise.max_dose.seconds))
        assert decision.prescription.dose.seconds <= longest


@pytest.mark.parametrize(("rule", "exercise", "dose"), BASE_RULES_AND_DOSES)
def test_a_base_rule_leaves_other_doses_alone(rule, exercise, dose):
    """A base rule given a kind of dose it does not progress holds it, coded as no rule."""
    other, other_dose = (
        ("plank", Hold(sets=2, reps=3, seconds=5))
        if isinstance(dose, Reps)
        else ("goblet-squat", Reps(sets=3, reps=10, load_kg=20.0))
    )
    decision = rule.decide(context(other, other_dose))
    assert (decision.action, decision.code) == (Action.HOLD, "no-rule")
    assert decision.references
    assert lumbar.evidence.unknown_ids(decision.references) == []
    assert decision.reason.endswith(" doses only.")
    assert decision.reason[0].isupper()
    assert not decision.reason.isupper()
    assert decision.prescription.dose == other_dose


@pytest.mark.parametrize("rule", [HoldTimeProgression(), ReversePyramid()])
def test_hold_rules_top_out_on_their_own_evidence(rule):
    """At the top of a hold range a hold rule tops out, citing the motor-control holds."""
    top = rule.decide(context("curl-up", Hold(sets=4, reps=10, seconds=10)))
    assert (top.action, top.code) == (Action.PROGRESS, "topped-out")
    assert top.reason == "All done at effort 4/10: this exercise is at the top of its range."
    assert "mcgill-1999-apmr" in top.references


def test_reverse_pyramid_adds_holds_not_seconds():
    """6-4-2 becomes 7-5-3 at the same hold time."""
    decision = ReversePyramid().decide(
        context("curl-up", Hold(sets=3, reps=6, seconds=10, reps_drop=2))
    )
    assert decision.prescription.dose == Hold(sets=3, reps=7, seconds=10, reps_drop=2)
    assert decision.prescription.dose.reps_per_set == (7, 5, 3)
    assert (decision.code, decision.values) == ("more-holds", {"rpe": 4.0})


@pytest.mark.parametrize("rule", [HoldTimeProgression(), ReversePyramid()])
def test_at_the_most_holds_a_set_is_added_while_it_keeps_at_least_one_hold(rule):
    """At the exercise's most holds per set, one more set (pyramid kept) while its last
    set would still have a hold and the exercise allows the set; else topped out."""

    def next_dose(exercise, dose):
        decision = rule.decide(context(exercise, dose))
        return decision.code, decision.prescription.dose

    plank = Hold(sets=2, reps=6, seconds=10)
    assert next_dose("plank", plank) == ("more-holds", attrs.evolve(plank, sets=3))
    pyramid = Hold(sets=3, reps=10, seconds=10, reps_drop=3)
    assert next_dose("curl-up", pyramid) == ("more-holds", attrs.evolve(pyramid, sets=4))
    assert next_dose("curl-up", attrs.evolve(pyramid, sets=4))[0] == "topped-out"
    steep = Hold(sets=2, reps=10, seconds=10, reps_drop=5)
    assert next_dose("curl-up", steep) == ("topped-out", steep)


def test_duration_grows_to_the_target_then_tops_out():
    """Walking grows by 10% (at least a minute) up to 30 minutes."""
    rule = DurationProgression()
    assert (
        rule.decide(context("walking", lumbar.Duration(minutes=12))).prescription.dose.minutes == 13
    )
    top = context("walking", lumbar.Duration(minutes=30))
    assert rule.decide(top).prescription == top.prescription


def test_duration_steps_stop_at_the_target_and_the_exercises_longest():
    """28 minutes + 10% stops at 30 (not 31); a 90 minute target stops at walking's 60."""
    near = DurationProgression().decide(context("walking", lumbar.Duration(minutes=28)))
    assert near.prescription.dose == lumbar.Duration(minutes=30)
    assert (near.code, near.values) == ("more-minutes", {"rpe": 4.0, "target_minutes": 30.0})
    assert near.reason == "All done at effort 4/10: 30 min, toward 30 min."
    rounded = DurationProgression(target_minutes=60).decide(
        context("walking", lumbar.Duration(minutes=35, rpe=3))
    )
    assert rounded.prescription.dose == lumbar.Duration(minutes=39, rpe=3)  # 3.5 min to 4
    far = DurationProgression(target_minutes=90)
    assert far.decide(context("walking", lumbar.Duration(minutes=58))).prescription.dose == (
        lumbar.Duration(minutes=60)
    )
    top = far.decide(context("walking", lumbar.Duration(minutes=60)))
    assert (top.action, top.code, top.prescription.dose) == (
        Action.PROGRESS,
        "topped-out",
        lumbar.Duration(minutes=60),
    )
    assert top.reason == "All done at effort 4/10: 60 min reached."


@given(rule_contexts(CATALOG), st.sampled_from([5.0, 10.0, 50.0]), st.integers(1, 90))
def test_minutes_never_pass_the_target_or_the_exercises_longest(ctx, percent, target):
    """Duration progression never goes past the lower of its target and the exercise's top."""
    dose = ctx.prescription.dose
    decision = DurationProgression(percent=percent, target_minutes=target).decide(ctx)
    if isinstance(dose, lumbar.Duration) and decision.prescription is not None:
        top = max(dose.minutes, min(target, ctx.exercise.max_dose.minutes))
        assert decision.prescription.dose.minutes <= top


def test_walk_run_counts_pain_at_its_limit_and_says_what_it_waits_for():
    """Pain 3/10 during counts toward the next stage; 4/10 repeats it; the count is given."""
    stage_one = Intervals(rounds=5, work_seconds=60, rest_seconds=300)
    rule = WalkRunProgression()
    at_limit = result(pain=3, rpe=4)
    moved = rule.decide(context("walk-run", stage_one, at_limit, at_limit, at_limit))
    assert (moved.action, moved.code, moved.values) == (
        Action.PROGRESS,
        "next-stage",
        {"sessions": 3.0},
    )
    waiting = rule.decide(context("walk-run", stage_one, GOOD, GOOD))
    assert (waiting.code, waiting.values) == ("stage-sessions", {"good": 2.0, "needed": 3.0})
    assert waiting.reason == "2 of 3 good sessions at this stage."
    sore = rule.decide(context("walk-run", stage_one, GOOD, GOOD, result(pain=4)))
    assert (sore.code, sore.values) == ("stage-pain", {"pain": 4.0, "max_pain": 3.0})
    assert sore.prescription.dose == stage_one
    last = Intervals(rounds=3, work_seconds=600, rest_seconds=60)
    done = rule.decide(context("walk-run", last, GOOD, GOOD, GOOD))
    assert (done.action, done.code, done.prescription.dose) == (
        Action.PROGRESS,
        "topped-out",
        last,
    )
    assert done.reason == "The last walk-run stage is done."
    assert done.references


def test_walk_run_moves_a_stage_after_three_good_sessions():
    """Three completed sessions with pain at most 3/10, then the next stage."""
    stage_one = Intervals(rounds=5, work_seconds=60, rest_seconds=300)
    rule = WalkRunProgression()
    assert rule.decide(context("walk-run", stage_one, GOOD, GOOD)).action is Action.HOLD
    moved = rule.decide(context("walk-run", stage_one, GOOD, GOOD, GOOD))
    assert moved.prescription.dose == Intervals(rounds=5, work_seconds=120, rest_seconds=240)
    sore = rule.decide(context("walk-run", stage_one, GOOD, GOOD, result(pain=4)))
    assert sore.action is Action.HOLD


def test_good_sessions_at_an_earlier_stage_do_not_count_toward_the_next():
    """Two good sessions at stage one, then one at stage two: 1 of 3 at stage two."""
    stage_one = Prescription(
        exercise="walk-run", dose=Intervals(rounds=5, work_seconds=60, rest_seconds=300)
    )
    stage_two = Prescription(
        exercise="walk-run", dose=Intervals(rounds=5, work_seconds=120, rest_seconds=240)
    )
    history = tuple(
        Attempt(prescription=rx, result=GOOD, week_index=1)
        for rx in (stage_one, stage_one, stage_two)
    )
    ctx = attrs.evolve(context("walk-run", stage_two.dose), prescription=stage_two, history=history)
    decision = WalkRunProgression().decide(ctx)
    assert (decision.action, decision.code, decision.values) == (
        Action.HOLD,
        "stage-sessions",
        {"good": 1.0, "needed": 3.0},
    )


def test_a_deload_week_pauses_the_count_toward_the_next_stage():
    """Good sessions before a deload week still count after it; a bad deload session resets."""
    stage = Intervals(rounds=5, work_seconds=60, rest_seconds=300)
    light = Prescription(
        exercise="walk-run", dose=Intervals(rounds=3, work_seconds=60, rest_seconds=300)
    )
    full = Prescription(exercise="walk-run", dose=stage)

    def around_deload(deload_result):
        history = (
            Attempt(prescription=full, result=GOOD, week_index=2),
            Attempt(prescription=full, result=GOOD, week_index=2),
            *(
                Attempt(prescription=light, result=deload_result, week_index=3, deload=True)
                for _ in range(3)
            ),
            Attempt(prescription=full, result=GOOD, week_index=4),
        )
        return RuleContext(
            exercise=CATALOG["walk-run"],
            catalog=CATALOG,
            prescription=full,
            history=history,
            week_index=4,
            ledger=Ledger(),
        )

    rule = WalkRunProgression()
    moved = rule.decide(around_deload(GOOD))
    assert moved.action is Action.PROGRESS
    assert moved.prescription.dose == Intervals(rounds=5, work_seconds=120, rest_seconds=240)
    sore = rule.decide(around_deload(result(pain=4)))
    assert sore.code == "stage-sessions"
    assert sore.values["good"] == 1


# --- wrappers ---------------------------------------------------------------------


def test_pain_over_the_limit_regresses_the_dose_then_the_variant():
    """Pain 6/10 during: an easier dose; at the lowest dose, the easier variant."""
    gate = PainGate(inner=DoubleProgression())
    sore = gate.decide(context("single-leg-bridge", Reps(sets=2, reps=10), result(pain=6)))
    assert sore.action is Action.REGRESS
    assert sore.prescription.dose == Reps(sets=2, reps=8)
    assert "silbernagel-2007-ajsm" in sore.references
    floor = gate.decide(context("single-leg-bridge", Reps(sets=1, reps=3), result(pain=6)))
    assert floor.action is Action.REGRESS
    assert floor.prescription == Prescription(exercise="bridge", dose=Reps(sets=2, reps=8))
    assert floor.code == "pain-over-limit"
    assert floor.values == {"pain": 6, "limit": 5}


def test_pain_exactly_at_the_limit_does_not_trigger_the_gate():
    """Pain 5/10 during or the next morning (limit 5, no rise) lets the inner rule decide."""
    gate = PainGate(inner=DoubleProgression())
    dose = Reps(sets=3, reps=10, load_kg=20.0)
    for at_limit in (result(pain=5, next_day=2), result(pain=2, next_day=5)):
        ctx = context("goblet-squat", dose, at_limit, pain_before=5)
        assert gate.decide(ctx) == DoubleProgression().decide(ctx)
        assert gate.decide(ctx).action is Action.PROGRESS
    for over in (result(pain=6, next_day=2), result(pain=2, next_day=6)):
        sore = gate.decide(context("goblet-squat", dose, over, pain_before=6))
        assert sore.action is Action.REGRESS
        assert sore.code == "pain-over-limit"
        assert sore.values == {"pain": 6, "limit": 5}


def test_pain_over_the_limit_at_the_floor_pauses_the_exercise():
    """Easiest variant, lowest dose, pain over the limit: a pause, not a stop, with its reason."""
    gate = PainGate(inner=DoubleProgression())
    lowest = Reps(sets=1, reps=4)
    paused = gate.decide(context("bridge", lowest, GOOD, result(next_day=7)))
    assert paused.action is Action.PAUSE
    assert paused.code == "pause"
    assert paused.values == {"pain": 7, "limit": 5}
    assert paused.prescription == Prescription(exercise="bridge", dose=lowest)
    assert "costa-2019-jpain" in paused.references


def test_a_paused_exercise_comes_back_the_next_week():
    """Asked again while paused: still paused in the same week, back at the lowest dose after."""
    gate = PainGate(inner=DoubleProgression())
    lowest = Reps(sets=1, reps=4)
    same_week = attrs.evolve(context("bridge", lowest, result(pain=7), week=3), paused=True)
    still = gate.decide(same_week)
    assert still.action is Action.PAUSE
    assert still.values == {"pain": 7, "limit": 5}
    back = gate.decide(attrs.evolve(same_week, week_index=4))
    assert back.action is Action.HOLD
    assert back.code == "resume"
    assert back.prescription == Prescription(exercise="bridge", dose=lowest)


def test_weeks_of_pain_over_the_limit_stop_with_advice_to_see_a_clinician():
    """Pain over the limit at every session for 4 weeks: stop and see a clinician."""
    rx = Prescription(exercise="bridge", dose=Reps(sets=1, reps=4))
    hurting = result(pain=7)
    history = tuple(
        Attempt(prescription=rx, result=hurting, week_index=week) for week in (2, 3, 4, 5, 6)
    )
    ctx = RuleContext(
        exercise=CATALOG["bridge"], catalog=CATALOG, prescription=rx, history=history, week_index=6
    )
    stopped = PainGate(inner=DoubleProgression()).decide(ctx)
    assert stopped.action is Action.STOP
    assert stopped.code == "see-clinician"
    assert stopped.values == {"weeks": 4, "limit": 5}
    assert "clinician" in stopped.reason
    assert "oliveira-2018-esj" in stopped.references
    three_weeks = attrs.evolve(ctx, history=history[1:])
    assert PainGate(inner=DoubleProgression()).decide(three_weeks).action is not Action.STOP


def _weekly(*results, pain_before=None, clinician_weeks=4):
    """The pain gate's decision after one session a week (from week 2) with these results."""
    rx = Prescription(exercise="bridge", dose=Reps(sets=1, reps=4))
    history = tuple(
        Attempt(prescription=rx, result=r, week_index=week, pain_before=pain_before)
        for week, r in enumerate(results, start=2)
    )
    ctx = RuleContext(
        exercise=CATALOG["bridge"],
        catalog=CATALOG,
        prescription=rx,
        history=history,
        week_index=history[-1].week_index,
    )
    return PainGate(inner=DoubleProgression(), clinician_weeks=clinician_weeks).decide(ctx)


def test_only_pain_over_the_limit_or_rising_out_of_the_safe_zone_counts_toward_a_clinician():
    """Weeks of steady 4/10, of rises to 3/10, a good week in between, or a latest session
    back in the safe zone: no advice to stop; four weeks in a row over the limit: stop."""
    hurting = result(pain=7)
    assert _weekly(*[hurting] * 5).action is Action.STOP
    # Steady is not rising: five weeks of the same next-morning pain out of the safe zone,
    # or at the limit itself (not over it), then a week over the limit, is one week in pain.
    for steady in (4, 5):
        assert _weekly(*[result(next_day=steady)] * 5, hurting).action is not Action.STOP
    # A first session with no pain before it has nothing to rise from (4/10 the next morning
    # there is not a rise), so four weeks over the limit after it are three weeks in pain.
    assert _weekly(result(next_day=4), *[hurting] * 4).action is not Action.STOP
    up_to_three = [result(next_day=3)] * 4
    assert _weekly(*up_to_three, hurting, pain_before=2).action is not Action.STOP
    for a_good_week in (
        [hurting, hurting, result(), hurting, hurting],
        [hurting] * 3 + [result(), hurting],
    ):
        assert _weekly(*a_good_week).action is not Action.STOP
    settled = [result(pain=7, next_day=2)] * 4 + [result(pain=2, next_day=3)]
    assert _weekly(*settled).code == "pain-rise"
    assert _weekly(result(next_day=2), result(next_day=3), clinician_weeks=1).code == "pain-rise"


def test_next_morning_pain_above_the_baseline_holds_then_regresses():
    """A rise within the limit holds; a second rise in a row regresses above the safe zone."""
    gate = PainGate(inner=DoubleProgression())
    dose = Reps(sets=3, reps=10, load_kg=20.0)
    first = gate.decide(context("goblet-squat", dose, result(next_day=3), result(next_day=4)))
    assert first.action is Action.HOLD
    assert first.code == "pain-rise"
    assert first.values == {"before": 3, "after": 4}
    second = gate.decide(
        context("goblet-squat", dose, result(next_day=3), result(next_day=4), result(next_day=5))
    )
    assert second.action is Action.REGRESS
    assert second.code == "pain-rise-twice"


def test_a_second_rise_at_the_easiest_variant_and_lowest_dose_holds():
    """Nothing easier to give after two rises in a row (within the limit): the same again."""
    gate = PainGate(inner=DoubleProgression())
    lowest = CATALOG["bridge"].min_dose
    held = gate.decide(
        context("bridge", lowest, result(next_day=3), result(next_day=4), result(next_day=5))
    )
    assert held.action is Action.HOLD
    assert held.code == "lowest-dose"
    assert held.prescription == Prescription(exercise="bridge", dose=lowest)
    assert "silbernagel-2007-ajsm" in held.references


def test_rises_within_the_safe_zone_only_hold():
    """Next-morning pain creeping from 1 to 3/10: no progression, but no regression either."""
    gate = PainGate(inner=DoubleProgression())
    dose = Reps(sets=3, reps=10, load_kg=20.0)
    creeping = gate.decide(
        context("goblet-squat", dose, result(next_day=1), result(next_day=2), result(next_day=3))
    )
    assert creeping.action is Action.HOLD
    assert creeping.code == "pain-rise"


def test_pain_before_the_session_is_the_baseline_when_recorded():
    """Next-morning pain is compared with the pain before the session when there is one."""
    gate = PainGate(inner=DoubleProgression())
    dose = Reps(sets=3, reps=10, load_kg=20.0)
    settled = gate.decide(context("goblet-squat", dose, result(next_day=3), pain_before=3))
    assert settled.action is Action.PROGRESS
    worse = gate.decide(context("goblet-squat", dose, result(next_day=4), pain_before=3))
    assert worse.action is Action.HOLD


def test_the_ladder_moves_up_after_two_easy_sessions_at_the_top():
    """Topped out with pain at most 3/10 twice: the harder variant at its default dose."""
    ladder = LadderProgression(inner=DoubleProgression())
    top = Reps(sets=2, reps=12)
    once = ladder.decide(context("bridge", top, GOOD))
    assert once.action is Action.HOLD
    moved = ladder.decide(context("bridge", top, GOOD, GOOD))
    assert moved.action is Action.PROGRESS
    assert moved.prescription == Prescription(
        exercise="single-leg-bridge", dose=Reps(sets=2, reps=6)
    )


class _ProposesACopy:
    """A user's rule that, with no room left, proposes a new but equal prescription."""

    name = "proposes-a-copy"
    params = MappingProxyType({})

    def decide(self, context):
        same = Prescription(exercise=context.prescription.exercise, dose=context.prescription.dose)
        return Decision(
            action=Action.PROGRESS,
            exercise=context.exercise.id,
            prescription=same,
            reason="No room left at this variant.",
            references=("borg-cr10",),
        )


def test_the_ladder_moves_up_when_the_inner_rule_proposes_an_equal_prescription():
    """ "No room" is the same prescription, whether the very object or an equal one."""
    ladder = LadderProgression(inner=_ProposesACopy())
    moved = ladder.decide(context("bridge", Reps(sets=2, reps=12), GOOD, GOOD))
    assert moved.action is Action.PROGRESS
    assert moved.prescription.exercise == "single-leg-bridge"


def test_at_the_top_of_the_hardest_variant_the_ladder_keeps_the_dose():
    """The single-leg bridge (the top of its ladder here) at its most, 3×12, after easy
    sessions: the same again, coded top-of-ladder, saying why, with the inner rule's
    references."""
    ladder = LadderProgression(inner=DoubleProgression())
    top = CATALOG["single-leg-bridge"].max_dose
    assert CATALOG["single-leg-bridge"].harder is None
    held = ladder.decide(context("single-leg-bridge", top, GOOD, GOOD))
    assert (held.action, held.code) == (Action.HOLD, "top-of-ladder")
    assert held.prescription == Prescription(exercise="single-leg-bridge", dose=top)
    assert held.reason.endswith("It is the hardest variant: keep it up at this dose.")
    inner = DoubleProgression().decide(context("single-leg-bridge", top, GOOD, GOOD))
    assert held.references == inner.references


def test_the_ladder_moves_up_with_pain_at_most_3_during():
    """Pain 3/10 during (the safe zone's top) allows the move up; 4/10 in either session holds."""
    ladder = LadderProgression(inner=DoubleProgression())
    top = Reps(sets=2, reps=12)
    at_three = result(pain=3, next_day=2)
    moved = ladder.decide(context("bridge", top, at_three, at_three))
    assert moved.action is Action.PROGRESS
    assert moved.values == {"sessions": 2, "max_pain": 3}
    # Good sessions count in a row up to the latest: a sore latest session leaves none.
    for first, last, good in (
        (result(pain=4, next_day=2), at_three, 1),
        (at_three, result(pain=4, next_day=2), 0),
    ):
        held = ladder.decide(context("bridge", top, first, last))
        assert held.action is Action.HOLD
        assert held.code == "ladder-confirm"
        assert held.values == {"good": good, "needed": 2, "max_pain": 3}


def test_the_ladder_moves_down_when_the_lowest_dose_is_missed_twice():
    """Two missed sessions at the lowest dose: the easier variant, at its default (or minimum)."""
    missed = result(completed=False)
    lowest = CATALOG["single-leg-bridge"].min_dose
    ctx = context("single-leg-bridge", lowest, missed, missed)
    inner = DoubleProgression().decide(ctx)
    down = LadderProgression(inner=DoubleProgression()).decide(ctx)
    assert down.action is Action.REGRESS
    assert down.code == "ladder-down"
    assert down.exercise == "single-leg-bridge"
    assert down.prescription == Prescription(exercise="bridge", dose=Reps(sets=2, reps=8))
    assert down.references == inner.references
    assert down.reason.startswith(inner.reason.rstrip("."))
    assert "Bridge" in down.reason
    to_min = LadderProgression(inner=DoubleProgression(), start="min").decide(ctx)
    assert to_min.prescription == Prescription(exercise="bridge", dose=Reps(sets=1, reps=4))
    floor = context("bridge", CATALOG["bridge"].min_dose, missed, missed)
    assert LadderProgression(inner=DoubleProgression()).decide(floor) == DoubleProgression().decide(
        floor
    )


def test_the_ladder_leaves_walk_run_to_the_person():
    """From walking to walk-run only with ``enter_walk_run``; walk-run to jogging freely."""
    walked = context("walking", lumbar.Duration(minutes=30), *[GOOD] * 6)
    assert LadderProgression(inner=DurationProgression()).decide(walked).action is Action.HOLD
    opted = LadderProgression(inner=DurationProgression(), enter_walk_run=True).decide(walked)
    assert opted.prescription.exercise == "walk-run"


def test_the_walk_run_waits_for_two_weeks_of_good_walks():
    """Six good sessions in a row at the top of walking (two weeks of three), not two."""
    rule = LadderProgression(inner=DurationProgression(), enter_walk_run=True)
    five = rule.decide(context("walking", lumbar.Duration(minutes=30), *[GOOD] * 5))
    assert five.action is Action.HOLD
    assert five.code == "ladder-confirm"
    assert five.values == {"good": 5, "needed": 6, "max_pain": 3}
    sore = lumbar.ExerciseResult(completed=True, rpe=4, pain_during=4, pain_next_day=2)
    broken = context("walking", lumbar.Duration(minutes=30), *[GOOD] * 5, sore)
    assert rule.decide(broken).action is Action.HOLD


def test_a_deload_week_lightens_and_the_week_after_restores():
    """About 60% volume in the deload week, then back to the dose before it."""
    rule = DeloadRule(inner=DoubleProgression())
    dose = Reps(sets=3, reps=10, load_kg=20.0)
    entering = rule.decide(context("goblet-squat", dose, deload=True))
    assert entering.action is Action.DELOAD
    assert entering.prescription.dose == Reps(sets=2, reps=10, load_kg=20.0)
    before = Prescription(exercise="goblet-squat", dose=dose)
    lighter = entering.prescription
    after = RuleContext(
        exercise=CATALOG["goblet-squat"],
        catalog=CATALOG,
        prescription=lighter,
        history=(
            Attempt(prescription=before, result=GOOD, week_index=2),
            Attempt(prescription=lighter, result=GOOD, week_index=3, deload=True),
        ),
        week_index=4,
    )
    back = rule.decide(after)
    assert back.prescription == before


def test_after_a_deload_week_a_dose_that_moved_on_does_not_jump_back():
    """Back to 3×10 after the deload week, then lowered to 2×10 (what the deload week gave):
    the next decision is the inner rule's, not a return to 3×10 "from the deload week"."""
    rule = DeloadRule(inner=DoubleProgression())
    full = Prescription(exercise="goblet-squat", dose=Reps(sets=3, reps=10, load_kg=20.0))
    lowered = Prescription(exercise="goblet-squat", dose=Reps(sets=2, reps=10, load_kg=20.0))
    history = (
        Attempt(prescription=full, result=GOOD, week_index=2),
        Attempt(prescription=lowered, result=GOOD, week_index=3, deload=True),
        Attempt(prescription=full, result=result(pain=7), week_index=4),
        Attempt(prescription=lowered, result=GOOD, week_index=4),
    )
    ctx = RuleContext(
        exercise=CATALOG["goblet-squat"],
        catalog=CATALOG,
        prescription=lowered,
        history=history,
        week_index=4,
    )
    decision = rule.decide(ctx)
    assert decision.code != "back-from-deload"
    assert decision == DoubleProgression().decide(ctx)


def test_the_weekly_cap_limits_a_rise_to_ten_percent():
    """3×10 three times last week (90): 3×12 three times (108) is cut to 3×11 (99)."""
    last_week = WeekFigures(
        exercise="goblet-squat", week_index=0, volume=90, steps=9, sessions=3, load_kg=20.0
    )
    ledger = Ledger(previous={"goblet-squat": last_week}, sessions_left=3)
    capped = WeeklyCap(inner=DoubleProgression(reps_step=2)).decide(
        context("goblet-squat", Reps(sets=3, reps=10, load_kg=20.0), ledger=ledger)
    )
    assert capped.action is Action.PROGRESS
    assert capped.prescription.dose == Reps(sets=3, reps=11, load_kg=20.0)
    assert "buist-2008-ajsm" in capped.references


def test_the_weekly_cap_limits_load_to_ten_percent_or_a_step():
    """From 20 kg, at most 22 kg; from 5 kg, at most 6 kg (one 1 kg step)."""
    cap = WeeklyCap(inner=LoadProgression(percent=10.0))
    for load, highest in ((20.0, 22.0), (5.0, 6.0)):
        figures = WeekFigures(
            exercise="goblet-squat", week_index=0, volume=30, steps=3, sessions=1, load_kg=load
        )
        rule = attrs.evolve(cap, inner=LoadProgression(percent=10.0, step_kg=5.0))
        decided = rule.decide(
            context(
                "goblet-squat",
                Reps(sets=3, reps=10, load_kg=load),
                ledger=Ledger(previous={"goblet-squat": figures}),
            )
        )
        assert decided.prescription.dose.load_kg <= highest


def test_a_load_over_the_weekly_cap_comes_down_to_the_cap_not_off_the_volume():
    """Held at 25 kg after a week at 20 kg: 22 kg (10%) at the same sets and reps."""
    last_week = WeekFigures(
        exercise="goblet-squat", week_index=0, volume=90, steps=9, sessions=3, load_kg=20.0
    )
    ledger = Ledger(previous={"goblet-squat": last_week}, sessions_left=3)
    held = WeeklyCap(inner=DoubleProgression()).decide(
        context("goblet-squat", Reps(sets=3, reps=10, load_kg=25.0), result(rpe=7), ledger=ledger)
    )
    assert held.action is Action.HOLD
    assert held.prescription.dose == Reps(sets=3, reps=10, load_kg=22.0)


@pytest.mark.parametrize(
    ("exercise", "dose", "last_week", "spread"),
    [
        (
            "goblet-squat",
            Reps(sets=3, reps=10, load_kg=20.0),
            WeekFigures(
                exercise="goblet-squat", week_index=0, volume=90, steps=9, sessions=3, load_kg=20.0
            ),
            Reps(sets=3, reps=8, load_kg=20.0),
        ),
        (
            "walking",
            lumbar.Duration(minutes=20, rpe=3),
            WeekFigures(
                exercise="walking", week_index=0, volume=60, steps=3, sessions=3, load_kg=0.0
            ),
            lumbar.Duration(minutes=16, rpe=3),
        ),
    ],
)
def test_a_week_with_more_sessions_spreads_the_volume_keeping_load_and_effort(
    exercise, dose, last_week, spread
):
    """Four sessions left after a week of three: each a little shorter (the week within
    10% of the last), the load and the target effort kept."""
    rule = WeeklyCap(inner=FirstMatch(rules=(DoubleProgression(), DurationProgression())))
    ledger = Ledger(previous={exercise: last_week}, sessions_left=4)
    held = rule.decide(context(exercise, dose, result(rpe=7), ledger=ledger))
    assert (held.action, held.code) == (Action.HOLD, "cap-spread")
    assert held.prescription.dose == spread


def test_a_harder_variant_done_last_week_starts_where_the_cap_allows():
    """Single-leg bridge 24 reps last week: the move up starts at 2×5 (3 × 10 = 30), not 2×6."""
    last_week = WeekFigures(
        exercise="single-leg-bridge", week_index=0, volume=24, steps=6, sessions=3, load_kg=0.0
    )
    rule = WeeklyCap(inner=LadderProgression(inner=DoubleProgression()))
    top = Reps(sets=2, reps=12)
    fresh = rule.decide(context("bridge", top, GOOD, GOOD))
    assert fresh.prescription == Prescription(
        exercise="single-leg-bridge", dose=Reps(sets=2, reps=6)
    )
    ledger = Ledger(previous={"single-leg-bridge": last_week}, sessions_left=3)
    lower = rule.decide(context("bridge", top, GOOD, GOOD, ledger=ledger))
    assert lower.action is Action.PROGRESS
    assert lower.code == "ladder-up"
    assert lower.prescription == Prescription(
        exercise="single-leg-bridge", dose=Reps(sets=2, reps=5)
    )
    assert "starting lower for the weekly cap" in lower.reason


def test_a_move_up_waits_for_a_week_where_the_harder_variant_fits():
    """Not even the harder variant's lowest dose fits this week: the same dose until it does;
    where this week has more sessions than the last, a little less of it."""
    little = WeekFigures(
        exercise="single-leg-bridge", week_index=0, volume=3, steps=1, sessions=1, load_kg=0.0
    )
    rule = WeeklyCap(inner=LadderProgression(inner=DoubleProgression()))
    top = Reps(sets=2, reps=12)
    ledger = Ledger(previous={"single-leg-bridge": little}, sessions_left=3)
    waits = rule.decide(context("bridge", top, GOOD, GOOD, ledger=ledger))
    assert waits.action is Action.HOLD
    assert waits.code == "ladder-wait"
    assert waits.prescription == Prescription(exercise="bridge", dose=top)
    two_sessions = WeekFigures(
        exercise="bridge", week_index=0, volume=48, steps=4, sessions=2, load_kg=0.0
    )
    ledger = attrs.evolve(ledger, previous={"single-leg-bridge": little, "bridge": two_sessions})
    spread = rule.decide(context("bridge", top, GOOD, GOOD, ledger=ledger))
    assert spread.action is Action.HOLD
    assert spread.code == "cap-spread"
    assert spread.prescription == Prescription(exercise="bridge", dose=Reps(sets=2, reps=9))


def test_first_match_picks_the_rule_for_the_dose_type():
    """Pyramid holds go to the reverse pyramid, repetitions to double progression."""
    rule = FirstMatch(rules=(ReversePyramid(), DoubleProgression()))
    assert (
        rule.decide(
            context("curl-up", Hold(sets=3, reps=6, seconds=10, reps_drop=2))
        ).prescription.dose.reps
        == 7
    )
    assert rule.decide(context("bridge", Reps(sets=2, reps=8))).prescription.dose.reps == 9
    nothing = rule.decide(context("walking", lumbar.Duration(minutes=10)))
    assert (nothing.action, nothing.code) == (Action.HOLD, "no-rule")
    gentle = Hold(sets=3, reps=6, seconds=10, reps_drop=1)
    assert rule.decide(context("curl-up", gentle)).prescription.dose == attrs.evolve(gentle, reps=7)
    plain = rule.decide(context("plank", Hold(sets=2, reps=3, seconds=10)))
    assert (plain.action, plain.code) == (Action.HOLD, "no-rule")


def test_first_match_needs_two_rules():
    """One rule is used as it is; FirstMatch is for choosing."""
    with pytest.raises(lumbar.ValidationError, match="at least 2 rules"):
        FirstMatch(rules=(DoubleProgression(),))


def test_schedule_deloads_marks_every_fourth_week():
    """Weeks 4, 8, ... become deload weeks; ``every`` below 2 is refused."""
    marked = lumbar.schedule_deloads(program(weeks=9, deload_every=None))
    assert [w.deload for w in marked.weeks] == [False, False, False, True] * 2 + [False]
    with pytest.raises(lumbar.ValidationError, match="every: must be an integer >= 2"):
        lumbar.schedule_deloads(marked, every=1)
    every_other = lumbar.schedule_deloads(program(weeks=4, deload_every=None), every=2)
    assert [w.deload for w in every_other.weeks] == [False, True, False, True]


# --- decisions and contexts -----------------------------------------------------------


def test_a_stop_has_no_prescription_and_nothing_else_lacks_one():
    """Decision checks its action against its prescription."""
    rx = Prescription(exercise="bridge", dose=Reps(sets=1, reps=4))
    with pytest.raises(lumbar.ValidationError, match="prescription: must be None exactly"):
        Decision(
            action=Action.STOP,
            exercise="bridge",
            prescription=rx,
            reason="x",
            references=("borg-cr10",),
        )
    with pytest.raises(lumbar.ValidationError, match="prescription: must be None exactly"):
        Decision(
            action=Action.HOLD,
            exercise="bridge",
            prescription=None,
            reason="x",
            references=("borg-cr10",),
        )
    with pytest.raises(lumbar.ValidationError, match="references: must have at least 1 item"):
        Decision(action=Action.HOLD, exercise="bridge", prescription=rx, reason="x", references=())


def test_a_context_must_describe_one_exercise():
    """The prescription must be for the context's exercise, and there must be a history."""
    with pytest.raises(lumbar.ValidationError, match="prescription: is for 'bridge'"):
        attrs.evolve(
            context("goblet-squat", Reps(sets=3, reps=8, load_kg=8.0)),
            prescription=Prescription(exercise="bridge", dose=Reps(sets=1, reps=4)),
        )
    with pytest.raises(lumbar.ValidationError, match="history: must be a non-empty tuple"):
        attrs.evolve(context("bridge", Reps(sets=1, reps=4)), history=())


@given(decisions())
def test_decisions_round_trip_through_json(decision):
    """A decision reads back equal."""
    assert lumbar.from_json(lumbar.to_json(decision), Decision) == decision


# --- properties of every stack ---------------------------------------------------------

SETTINGS_CONTEXTS = st.one_of(rule_contexts(CATALOG), rule_contexts())


def _gate_limit(rule):
    while rule is not None:
        if isinstance(rule, PainGate):
            return rule.limit
        rule = getattr(rule, "inner", None)
    return None


def _pain_failed(ctx, limit):
    latest = ctx.history[-1]
    over = latest.result.pain_during > limit or latest.result.pain_next_day > limit
    baseline = latest.pain_before
    if baseline is None and len(ctx.history) > 1:
        baseline = ctx.history[-2].result.pain_next_day
    return over or (baseline is not None and latest.result.pain_next_day > baseline)


def _not_up(ctx, decision):
    """The decision's prescription is not harder and not higher up the ladder."""
    rx = decision.prescription
    if rx is None:
        return True
    if rx.exercise == ctx.prescription.exercise:
        return not harder(rx.dose, ctx.prescription.dose)
    return rung(ctx.catalog, rx.exercise) < rung(ctx.catalog, ctx.prescription.exercise)


@given(SETTINGS_CONTEXTS, rule_stacks(), st.integers(0, 10), st.booleans())
def test_never_progress_after_pain_over_the_limit_or_a_rise(ctx, inner, limit, capped):
    """With the pain gate in the stack, a failed pain check never leads to anything harder."""
    rule = PainGate(inner=inner, limit=limit)
    if capped:
        rule = WeeklyCap(inner=rule)
    decision = rule.decide(ctx)
    if _pain_failed(ctx, limit):
        assert decision.action is not Action.PROGRESS
        assert _not_up(ctx, decision)


@given(SETTINGS_CONTEXTS, st.one_of(rule_stacks(), st.just(lumbar.default_rule())))
def test_every_stack_decides_validly_and_deterministically(ctx, rule):
    """A decision about the exercise, within bounds, cited, coded, the same every time."""
    decision = rule.decide(ctx)
    assert decision == rule.decide(ctx)
    assert decision.exercise == ctx.exercise.id
    assert decision.reason.strip()
    assert "None" not in decision.reason
    assert decision.code in lumbar.decision_codes()
    assert lumbar.evidence.unknown_ids(decision.references) == []
    if decision.prescription is not None:
        assert in_bounds(ctx.catalog, decision.prescription)
        assert (
            ctx.catalog.ladder(decision.prescription.exercise)[0]
            == ctx.catalog.ladder(ctx.exercise.id)[0]
        )
    if decision.action is Action.REGRESS:
        assert _not_up(ctx, decision)


@given(SETTINGS_CONTEXTS)
def test_the_default_stack_never_raises_anything_in_a_deload_week(ctx):
    """In a deload week the default stack lightens, holds or regresses; nothing rises."""
    decision = lumbar.default_rule().decide(attrs.evolve(ctx, deload=True))
    assert decision.action is not Action.PROGRESS
    assert _not_up(ctx, decision)


@given(SETTINGS_CONTEXTS)
def test_the_default_stack_gates_pain(ctx):
    """The default stack is the pain gate (5/10) around the rest."""
    if _pain_failed(ctx, 5):
        decision = lumbar.default_rule().decide(ctx)
        assert decision.action is not Action.PROGRESS
        assert _not_up(ctx, decision)


class Cautious:
    """A plain-class rule: holds unless effort was low, then one more repetition."""

    name = "cautious"
    params = MappingProxyType({"max_rpe": 3})

    def decide(self, context):
        dose = context.prescription.dose
        if context.result.rpe > 3 or not isinstance(dose, Reps):
            return Decision(
                action=Action.HOLD,
                exercise=context.exercise.id,
                prescription=context.prescription,
                reason="Hold.",
                references=("borg-cr10",),
            )
        return Decision(
            action=Action.PROGRESS,
            exercise=context.exercise.id,
            prescription=Prescription(
                exercise=context.exercise.id, dose=attrs.evolve(dose, reps=dose.reps + 1)
            ),
            reason="Easy: one more.",
            references=("borg-cr10",),
        )


def test_a_plain_class_is_a_rule_and_wraps_like_a_built_in():
    """No base class: the protocol is three members; the pain gate wraps it."""
    assert isinstance(Cautious(), lumbar.ProgressionRule)
    gated = PainGate(inner=Cautious())
    easy = context("bridge", Reps(sets=2, reps=8), result(rpe=2))
    assert gated.decide(easy).prescription.dose == Reps(sets=2, reps=9)
    sore = context("bridge", Reps(sets=2, reps=8), result(rpe=2, pain=7))
    assert gated.decide(sore).action is Action.REGRESS


def test_a_date_is_kept_on_attempts():
    """Attempts carry the session date when the engine records them."""
    attempt = Attempt(
        prescription=Prescription(exercise="bridge", dose=Reps(sets=1, reps=4)),
        result=GOOD,
        date=datetime.date(2024, 1, 1),
    )
    assert attempt.date == datetime.date(2024, 1, 1)
    assert attempt.performed == Reps(sets=1, reps=4)
