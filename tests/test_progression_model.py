"""One progression model: what must hold whatever the rule stack, and in ordinary use.

The issue's "Must hold" list, as properties over generated catalogs, programs, rule stacks
and responders, and the figures it measured, as examples on the default plan: the cap in
every week, no regression after an easy session, the pain gate and deload weeks whatever
the order of the stack, flare-ups that pause rather than end, walk-run regressions that
never ask for more running or time on feet, and a code on every decision.
"""

from __future__ import annotations

import datetime
import itertools
import re
from collections import defaultdict
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings, strategies as st

import lumbar
from _contract import simulation_cap_breaks, weekly_figures
from _progression import CATALOG, harder, program, rung
from lumbar import Action, ExerciseResult, Intervals, strategies as lst
from lumbar.strategies import program_templates, responders, rule_stacks

DOCS = Path(__file__).parent.parent / "docs"
CLEAR = lumbar.screen(lumbar.RedFlags())


@st.composite
def runs(draw, *, stacks=None):
    """A catalog, a program on it, a rule stack (None: the program's or the default) and a
    responder: from steady patients to results drawn at random."""
    catalog = draw(st.one_of(st.just(CATALOG), lst.catalogs(max_ladders=3)))
    plan = draw(st.one_of(lst.programs(catalog, max_weeks=6), program_templates(catalog)))
    rule = draw(stacks if stacks is not None else st.one_of(st.none(), rule_stacks()))
    return catalog, plan, rule, draw(responders())


def _find(rule, kind):
    while rule is not None:
        if isinstance(rule, kind):
            return rule
        rule = getattr(rule, "inner", None)
    return None


def _pain_limit(rule):
    gate = _find(rule, lumbar.PainGate)
    return 5 if gate is None else gate.limit


def _ladder(catalog, exercise_id):
    return catalog.ladder(exercise_id)[0].id


def _answers(sim, catalog):
    """Each decision with the attempts of its ladder before it: (decision, [(rx, result)...])."""
    attempts = defaultdict(list)
    for record in sim.records:
        for decision in record.decisions:
            yield decision, attempts[_ladder(catalog, decision.exercise)]
        for rx, result in zip(record.session.prescriptions, record.log.results, strict=True):
            attempts[_ladder(catalog, rx.exercise)].append((rx, result))


def _rises(catalog, decision, before):
    """Whether the decision's prescription asks more than the prescription ``before``."""
    rx = decision.prescription
    if rx is None:
        return False
    if rx.exercise == before.exercise:
        return harder(rx.dose, before.dose)
    return rung(catalog, rx.exercise) > rung(catalog, before.exercise)


# --- the cap, in every week, for every stack ---------------------------------------------


@settings(max_examples=60)
@given(runs())
def test_the_cap_holds_in_every_simulated_week_for_every_stack(run):
    """Weekly volume at most 10 % (or the stack's cap) or a smallest step a session over the
    last ordinary week, load at most 10 % or 1 kg, every dose inside its exercise's bounds."""
    catalog, plan, rule, responder = run
    sim = lumbar.simulate(plan, responder, rule=rule, catalog=catalog)
    assert simulation_cap_breaks(sim, plan, catalog, rule) == []
    for _, rx in sim.program.prescriptions():
        exercise = catalog[rx.exercise]
        assert lumbar.model._dose.out_of_bounds(rx.dose, exercise.min_dose, exercise.max_dose) == []


@pytest.mark.parametrize(
    "profile",
    [
        lumbar.Profile(screening=CLEAR),
        lumbar.Profile(screening=CLEAR, days=4, minutes=45),
        lumbar.Profile(screening=CLEAR, goal=lumbar.Goal.RETURN_TO_JOGGING),
        lumbar.Profile(
            screening=CLEAR, goal=lumbar.Goal.MANUAL_WORK, equipment=tuple(lumbar.Equipment)
        ),
    ],
    ids=["default", "four-days", "jogging", "manual-work"],
)
def test_the_cap_holds_for_the_planners_programs_and_the_virtual_patients(profile):
    """The issue measured 10,993 weekly volumes over the cap; none now, for every patient."""
    plan = lumbar.build_program(profile)
    patients = (
        lumbar.SteadyImprover(),
        lumbar.Plateau(),
        lumbar.FlareUp(),
        lumbar.FlareUp(flare_weeks=4),
        lumbar.NonAdherent(),
    )
    for patient in patients:
        for sim in lumbar.simulate_many(plan, patient, range(8)):
            assert simulation_cap_breaks(sim, plan, lumbar.default_catalog()) == [], patient


# --- good sessions are never punished ------------------------------------------------------


def _easy(result, limit):
    quiet = min(3, limit)
    return (
        result.completed
        and result.rpe <= 5
        and result.pain_during <= quiet
        and result.pain_next_day <= quiet
    )


@settings(max_examples=60)
@given(runs(stacks=st.one_of(st.none(), rule_stacks(), st.just(lumbar.default_rule()))))
def test_no_regression_or_stop_follows_an_easy_session(run):
    """After a completed session at effort 5/10 or less with pain in the safe zone (at most
    3/10, and within the stack's limit), no stack regresses or stops the exercise."""
    catalog, plan, rule, responder = run
    sim = lumbar.simulate(plan, responder, rule=rule, catalog=catalog)
    limit = _pain_limit(rule)
    for decision, attempts in _answers(sim, catalog):
        if attempts and _easy(attempts[-1][1], limit):
            assert decision.action not in (Action.REGRESS, Action.STOP), decision


def test_someone_for_whom_everything_goes_well_is_never_held_back():
    """Every session done at effort 3/10 without pain: no regress, stop, pause or cap-spread."""

    def easy(prescription, week):
        return ExerciseResult(completed=True, rpe=3, pain_during=0, pain_next_day=0)

    for profile in (
        lumbar.Profile(screening=CLEAR),
        lumbar.Profile(screening=CLEAR, days=4, minutes=45),
        lumbar.Profile(screening=CLEAR, goal=lumbar.Goal.RETURN_TO_JOGGING),
        lumbar.Profile(
            screening=CLEAR, goal=lumbar.Goal.MANUAL_WORK, equipment=tuple(lumbar.Equipment)
        ),
    ):
        sim = lumbar.simulate(lumbar.build_program(profile), easy)
        setbacks = [
            d
            for d in sim.decisions
            if d.action in (Action.REGRESS, Action.STOP, Action.PAUSE) or d.code == "cap-spread"
        ]
        assert setbacks == []


def test_steady_improvers_get_no_regression_from_the_cap():
    """The issue measured 729 of 1,054 regressions coming from the cap; none do now."""
    plan = lumbar.build_program(lumbar.Profile(screening=CLEAR))
    for sim in lumbar.simulate_many(plan, lumbar.SteadyImprover(), range(20)):
        assert not [d for d in sim.decisions if d.action is Action.REGRESS and "cap" in d.code]


# --- the pain gate and deload weeks, whatever the order of the stack -----------------------


@settings(max_examples=60)
@given(runs(stacks=rule_stacks()))
def test_nothing_rises_after_pain_over_the_limit_or_a_rise_whatever_the_stack(run):
    """The engine keeps the pain gate (the stack's limit, else 5/10) around any composition:
    after a session whose pain was over the limit or whose next-morning pain rose, no dose
    or rung rises, the return from a deload week included."""
    catalog, plan, rule, responder = run
    sim = lumbar.simulate(plan, responder, rule=rule, catalog=catalog)
    limit = _pain_limit(rule)
    for decision, attempts in _answers(sim, catalog):
        if not attempts:
            continue
        rx, result = attempts[-1]
        rose = len(attempts) > 1 and result.pain_next_day > attempts[-2][1].pain_next_day
        if result.pain_during > limit or result.pain_next_day > limit or rose:
            assert decision.action is not Action.PROGRESS, decision
            assert not _rises(catalog, decision, rx), decision


def _deload_skips(sim, catalog):
    """Exercises whose deload week was not lighter, on average, than the week before, where
    their bounds allowed less (the issue's measure)."""
    weeks = weekly_figures(sim.program)
    skipped = []
    for index, week in enumerate(sim.program.weeks):
        if not week.deload or not index:
            continue
        for exercise_id, (volume, _, sessions, _) in weeks[index].items():
            before = weeks[index - 1].get(exercise_id)
            if before is None:
                continue
            lowest = catalog[exercise_id].min_dose.volume * before[2]
            if before[0] > lowest and volume * before[2] >= before[0] * sessions:
                skipped.append((index, exercise_id, before, volume))
    return skipped


@settings(max_examples=60)
@given(runs(stacks=st.one_of(st.none(), rule_stacks())))
def test_deload_weeks_are_lighter_whatever_the_stack(run):
    """A deload week is lighter than the week before wherever the bounds allow, even when the
    pain gate held at its first session, and whether or not the stack has a deload rule."""
    catalog, plan, rule, responder = run
    sim = lumbar.simulate(plan, responder, rule=rule, catalog=catalog)
    assert _deload_skips(sim, catalog) == []


def _values_named(code):
    """The value names a code's documented sentence lists ("(values: a, b)"), if any."""
    found = re.search(r"\(values: ([^)]*)\)", lumbar.decision_codes()[code])
    return set() if found is None else {name.strip() for name in found.group(1).split(",")}


@settings(max_examples=40)
@given(runs())
def test_every_decision_carries_the_numbers_its_code_names(run):
    """An app words a decision from its code and values: the values are the ones the code's
    documentation names, never another rule's numbers left behind when a decision changed."""
    catalog, plan, rule, responder = run
    sim = lumbar.simulate(plan, responder, rule=rule, catalog=catalog)
    for decision in sim.decisions:
        assert set(decision.values) == _values_named(decision.code), decision


def test_the_default_plans_decisions_carry_the_numbers_their_codes_name():
    """The same over 26 weeks of the default plan, where ladders move and the cap makes a
    harder variant wait (which once kept the ladder's numbers under the waiting code)."""
    plan = lumbar.build_program(lumbar.Profile(screening=CLEAR))
    patients = (lumbar.SteadyImprover(), lumbar.FlareUp(), lumbar.NonAdherent(), lumbar.Plateau())
    codes = set()
    for patient in patients:
        for sim in lumbar.simulate_many(plan, patient, range(3)):
            for decision in sim.decisions:
                codes.add(decision.code)
                assert set(decision.values) == _values_named(decision.code), decision
    assert {"ladder-up", "ladder-wait", "deload", "more-reps"} <= codes


_BARE = lumbar.FirstMatch(
    rules=(lumbar.ReversePyramid(), lumbar.DoubleProgression(), lumbar.DurationProgression())
)
"""Base rules alone: no pain gate, so what holds after pain is the engine's own check."""


def _rises_after(sim, hurt):
    """Prescriptions harder than the one before for the same exercise, given after a session
    of that exercise for which ``hurt(result, previous result)`` is true."""
    last = {}
    rises = []
    for record in sim.records:
        for rx, result in zip(record.session.prescriptions, record.log.results, strict=True):
            before = last.get(rx.exercise)
            if before is not None and before[2] and harder(rx.dose, before[0]):
                rises.append((record.week_index, rx, before[0]))
            previous = before[1] if before is not None else None
            last[rx.exercise] = (rx.dose, result, hurt(result, previous))
    return rises


@pytest.mark.parametrize(
    ("pain", "next_days"),
    [(6, [0]), (0, [0, 1, 2, 3, 4])],
    ids=["pain-during-over-the-limit", "next-morning-pain-rising"],
)
def test_the_engine_holds_after_pain_even_without_a_pain_gate(pain, next_days):
    """With no PainGate in the stack, nothing rises after a session with pain over the limit
    during it (the next morning fine), or after next-morning pain rose from the session
    before (from the second session on)."""
    plan = program(("bridge", "curl-up", "walking"), weeks=3, deload_every=None)
    sessions = {}

    def responder(prescription, week):
        count = sessions[prescription.exercise] = sessions.get(prescription.exercise, -1) + 1
        next_day = next_days[min(count, len(next_days) - 1)]
        return ExerciseResult(completed=True, rpe=3, pain_during=pain, pain_next_day=next_day)

    sim = lumbar.simulate(plan, responder, rule=_BARE, catalog=CATALOG)

    def hurt(result, previous):
        rose = previous is not None and result.pain_next_day > previous.pain_next_day
        return result.pain_during > 5 or result.pain_next_day > 5 or rose

    assert _rises_after(sim, hurt) == []
    assert any(d.code in ("pain-over-limit", "pain-rise") for d in sim.decisions)
    for decision in sim.decisions:
        assert set(decision.values) == _values_named(decision.code), decision


@pytest.mark.parametrize(("next_day", "rises"), [(2, True), (3, False)])
def test_through_advance_next_morning_pain_is_compared_with_the_pain_before(next_day, rises):
    """An app that records pain at rest before each session: next-morning pain back at that
    level (2/10 before, 2/10 after) lets the dose rise, with no pain gate in the stack; one
    point above it (3/10) holds every dose."""
    plan = program(("bridge",), weeks=2, deload_every=None)
    state = lumbar.ProgramState.begin(plan, catalog=CATALOG)
    result = ExerciseResult(completed=True, rpe=3, pain_during=2, pain_next_day=next_day)
    doses = [state.next_session.prescriptions[0].dose]
    decisions = []
    day = datetime.date(2026, 1, 5)
    while state.next_session is not None:
        log = lumbar.SessionLog(date=day, results=(result,), pain_before=2)
        step = lumbar.advance(plan, state, log, rule=_BARE, catalog=CATALOG)
        state = step.state
        decisions.extend(step.decisions)
        if state.next_session is not None:
            doses.append(state.next_session.prescriptions[0].dose)
        day += datetime.timedelta(days=2)
    assert any(harder(new, old) for old, new in itertools.pairwise(doses)) is rises
    if not rises:
        assert {(d.code, tuple(d.values.items())) for d in decisions} == {
            ("pain-rise", (("before", 2), ("after", 3)))
        }


def test_in_a_deload_week_a_rules_rise_is_held_and_the_reason_names_it():
    """A stack with no deload rule: after the deload week's first session, the engine holds
    what the rule raises and says what it proposed."""
    plan = program(("bridge",), weeks=4, deload_every=4)
    sim = lumbar.simulate(
        plan, lumbar.SteadyImprover(), rule=lumbar.DoubleProgression(), catalog=CATALOG
    )
    in_deload_week = [d for r in sim.records if r.week_index == 3 for d in r.decisions]
    assert in_deload_week[0].code == "deload"
    for held in in_deload_week[1:]:
        assert held.code == "deload-hold"
        assert "the rule proposed 1×" in held.reason, held.reason


class _CapThatOvershoots(lumbar.WeeklyCap):
    """An app's cap that, offered a new dose, picks one a rep above the current one."""

    def limit(self, decision, context):
        decision = super().limit(decision, context)
        current = context.prescription
        proposed = decision.prescription
        dose = current.dose
        if proposed is None or proposed == current or type(dose) is not lumbar.Reps:
            return decision
        return lumbar.Decision(
            action=Action.PROGRESS,
            exercise=decision.exercise,
            prescription=attrs.evolve(current, dose=attrs.evolve(dose, reps=dose.reps + 1)),
            reason="One more rep.",
            references=decision.references,
        )


def test_nothing_rises_in_a_deload_week_whatever_the_cap_picks():
    """The engine checks the cap's choice too: in a deload week it holds what the cap raised."""
    stack = _CapThatOvershoots(inner=lumbar.default_rule().inner)
    plan = program(("bird-dog", "curl-up", "bridge"), weeks=8)
    sim = lumbar.simulate(plan, lumbar.SteadyImprover(), rule=stack, catalog=CATALOG)
    given = {}
    rose = []
    for record in sim.records:
        for rx in record.session.prescriptions:
            before = given.get(rx.exercise)
            if sim.program.weeks[record.week_index].deload and before and harder(rx.dose, before):
                rose.append((record.week_index, rx, before))
            given[rx.exercise] = rx.dose
    assert any(week.deload for week in sim.program.weeks)
    assert rose == []


def test_the_default_plan_never_skips_a_deload():
    """The issue measured 984 of 1,800 runs skipping an exercise's deload."""
    catalog = lumbar.default_catalog()
    plan = lumbar.build_program(lumbar.Profile(screening=CLEAR))
    for patient in (lumbar.SteadyImprover(), lumbar.FlareUp(), lumbar.NonAdherent()):
        for sim in lumbar.simulate_many(plan, patient, range(10)):
            assert _deload_skips(sim, catalog) == []


def test_pain_at_the_end_of_a_deload_week_holds_the_return_whatever_the_order():
    """DeloadRule outside PainGate: pain 8/10 in the deload week's last session, and the next
    session stays at the deload dose instead of going back to full volume."""
    plan = program(("bridge", "curl-up", "walking"), weeks=8)
    bases = lumbar.FirstMatch(
        rules=(lumbar.ReversePyramid(), lumbar.DoubleProgression(), lumbar.DurationProgression())
    )
    swapped = lumbar.WeeklyCap(
        inner=lumbar.DeloadRule(inner=lumbar.PainGate(inner=lumbar.LadderProgression(inner=bases)))
    )

    def painful_end(prescription, week):
        return ExerciseResult(completed=True, rpe=4, pain_during=1, pain_next_day=1)

    calls = {"deload": 0}

    def responder(prescription, week):
        if week == 3:  # the deload week: three sessions of three exercises
            calls["deload"] += 1
            if calls["deload"] > 6:
                return ExerciseResult(completed=True, rpe=4, pain_during=8, pain_next_day=8)
        return painful_end(prescription, week)

    sim = lumbar.simulate(plan, responder, rule=swapped, catalog=CATALOG)
    after = next(r for r in sim.records if r.week_index == 4)
    assert after.decisions
    for decision in after.decisions:
        assert decision.action is not Action.PROGRESS
        assert decision.code == "pain-over-limit"
    deload_doses = {rx.exercise: rx for rx in sim.program.weeks[3].sessions[-1].prescriptions}
    assert set(after.session.prescriptions) <= set(deload_doses.values())


# --- flare-ups ---------------------------------------------------------------------------


def test_a_passing_flare_up_ends_nothing():
    """200 FlareUp patients of the default plan: at most 5 % have any exercise stopped (the
    issue measured 196), none ends early, and every exercise paused comes back."""
    plan = lumbar.build_program(lumbar.Profile(screening=CLEAR))
    stopped = 0
    for sim in lumbar.simulate_many(plan, lumbar.FlareUp(), range(200)):
        stopped += any(d.action is Action.STOP for d in sim.decisions)
        assert not sim.ended_early
        paused = {d.exercise for d in sim.decisions if d.action is Action.PAUSE}
        last_weeks = {rx.exercise for week in sim.program.weeks[-4:] for _, rx in week_rx(week)}
        for exercise_id in paused:
            ladder = {e.id for e in lumbar.default_catalog().ladder(exercise_id)}
            assert ladder & last_weeks, exercise_id
    assert stopped <= 10


def week_rx(week):
    return ((session, rx) for session in week.sessions for rx in session.prescriptions)


def test_a_flare_at_the_lowest_dose_pauses_then_comes_back_lower():
    """Pain over the limit at the floor of the easiest variant: a pause with its reason, then
    the exercise comes back the next week at that dose, below where it was before."""

    def responder(prescription, week):
        pain = 7 if week in (2, 3, 4) else 1
        return ExerciseResult(completed=True, rpe=4, pain_during=pain, pain_next_day=pain)

    sim = lumbar.simulate(
        program(("bridge",), weeks=9, deload_every=None), responder, catalog=CATALOG
    )
    pauses = [d for d in sim.decisions if d.action is Action.PAUSE]
    assert pauses
    assert pauses[0].code == "pause"
    assert pauses[0].values == {"pain": 7, "limit": 5}
    resumed = [d for d in sim.decisions if d.code == "resume"]
    assert resumed
    before = sim.program.weeks[1].sessions[-1].prescriptions[0].dose
    back = next(
        rx.dose
        for week in sim.program.weeks[5:]
        for _, rx in week_rx(week)
        if rx.exercise == "bridge"
    )
    assert back.volume < before.volume
    assert not sim.ended_early


def test_weeks_of_pain_over_the_limit_advise_a_clinician():
    """Pain 8/10 every time: paused, tried again, and after 4 weeks a stop that says to see a
    clinician, with the weeks and the limit as values."""

    def hurting(prescription, week):
        return ExerciseResult(completed=True, rpe=5, pain_during=8, pain_next_day=8)

    sim = lumbar.simulate(program(("bridge", "walking"), weeks=12), hurting, catalog=CATALOG)
    stops = [d for d in sim.decisions if d.action is Action.STOP]
    assert {d.exercise for d in stops} == {"bridge", "walking"}
    assert all(d.code == "see-clinician" and d.values["weeks"] >= 4 for d in stops)
    assert all("clinician" in d.reason and "oliveira-2018-esj" in d.references for d in stops)
    first_stop = (
        min(r.week_index for r in sim.records for d in r.decisions if d in stops)
        if any(d in stops for r in sim.records for d in r.decisions)
        else len(sim.program.weeks)
    )
    assert first_stop >= 4


# --- walk-run ------------------------------------------------------------------------------

WALK_RUN = [e for e in lumbar.default_catalog() if isinstance(e.default_dose, Intervals)]


@st.composite
def interval_contexts(draw):
    exercise = draw(st.sampled_from([*WALK_RUN, CATALOG["walk-run"]]))
    catalog = lumbar.default_catalog() if exercise.id in lumbar.default_catalog() else CATALOG
    low, high = exercise.min_dose, exercise.max_dose
    dose = draw(
        st.builds(
            Intervals,
            rounds=st.integers(low.rounds, high.rounds),
            work_seconds=st.integers(low.work_seconds, high.work_seconds),
            rest_seconds=st.integers(0, 600),
        )
    )
    rx = lumbar.Prescription(exercise=exercise.id, dose=dose)
    pain = draw(st.integers(0, 10))
    result = ExerciseResult(
        completed=draw(st.booleans()),
        rpe=draw(st.integers(0, 10)),
        pain_during=pain,
        pain_next_day=draw(st.integers(0, 10)),
    )
    history = (lumbar.Attempt(prescription=rx, result=result, week_index=3),)
    if draw(st.booleans()):
        history = (
            attrs.evolve(
                history[0],
                result=ExerciseResult(completed=True, rpe=3, pain_during=0, pain_next_day=0),
            ),
            *history,
        )
    return lumbar.RuleContext(
        exercise=exercise, catalog=catalog, prescription=rx, history=history, week_index=3
    )


@given(interval_contexts(), st.one_of(st.just(lumbar.default_rule()), rule_stacks()))
def test_a_walk_run_regression_never_adds_running_or_time_on_feet(context, rule):
    """Whatever the dose and the result, an easier walk-run dose has no more jogging and no
    more time on feet (the issue found 2 × (10 min jog, 1 min walk) becoming 5 × (4, 2))."""
    decision = rule.decide(context)
    new = decision.prescription
    if (
        decision.action is Action.REGRESS
        and new is not None
        and new.exercise == context.exercise.id
    ):
        old = context.prescription.dose
        assert new.dose.volume <= old.volume
        assert new.dose.total_minutes <= old.total_minutes


def test_the_walk_run_stages_rise_a_stage_a_week_under_the_cap():
    """Sessions that go well move a stage a week, uncut by the cap, and reach continuous
    jogging: the cap's smallest step for intervals is one stage (5 jogging minutes)."""

    def fine(prescription, week):
        return ExerciseResult(completed=True, rpe=3, pain_during=0, pain_next_day=0)

    plan = program(("walk-run",), weeks=10, deload_every=None)
    sim = lumbar.simulate(plan, fine, catalog=CATALOG)
    stages = [week.sessions[0].prescriptions[0] for week in sim.program.weeks]
    jog = [rx.dose.work_seconds for rx in stages if rx.exercise == "walk-run"]
    assert jog == [60, 120, 180, 240, 300, 600]
    assert any(rx.exercise == "jogging" for rx in stages)
    assert simulation_cap_breaks(sim, plan, CATALOG) == []


# --- decision codes ------------------------------------------------------------------------


@settings(max_examples=40)
@given(runs(stacks=st.one_of(st.none(), rule_stacks())))
def test_every_built_in_decision_carries_a_known_code(run):
    """Rules and engine give a code from lumbar.decision_codes() on every decision."""
    catalog, plan, rule, responder = run
    sim = lumbar.simulate(plan, responder, rule=rule, catalog=catalog)
    codes = lumbar.decision_codes()
    for decision in sim.decisions:
        assert decision.code in codes, decision
        assert lumbar.from_json(lumbar.to_json(decision), lumbar.Decision) == decision


def test_the_docs_list_every_decision_code():
    """docs/progression.md has a table row for each code, and no other."""
    text = (DOCS / "progression.md").read_text()
    section = text.split("## Decision codes", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^\| `([a-z0-9-]+)` \|", section, re.MULTILINE)
    assert sorted(listed) == sorted(lumbar.decision_codes())


def test_a_rule_of_your_own_gets_its_actions_code():
    """A decision made without a code gets its action's value; values are checked."""
    rx = lumbar.Prescription(exercise="bridge", dose=lumbar.Reps(sets=1, reps=4))
    plain = lumbar.Decision(
        action=Action.HOLD, exercise="bridge", prescription=rx, reason="x", references=["borg-cr10"]
    )
    assert plain.code == "hold"
    assert plain.values == {}
    with pytest.raises(lumbar.ValidationError, match=r"values\.pain: must be a finite"):
        attrs.evolve(plain, values={"pain": float("nan")})
    with pytest.raises(lumbar.ValidationError, match="values: names must be"):
        attrs.evolve(plain, values={"Pain": 1})
    with pytest.raises(lumbar.ValidationError, match="code"):
        attrs.evolve(plain, code="Not A Slug")


def test_old_decisions_without_codes_load():
    """A decision written before codes existed reads back with its action's code."""
    rx = lumbar.Prescription(exercise="bridge", dose=lumbar.Reps(sets=1, reps=4))
    decision = lumbar.Decision(
        action=Action.REGRESS,
        exercise="bridge",
        prescription=rx,
        reason="x",
        references=["borg-cr10"],
    )
    data = lumbar.to_dict(decision)
    del data["code"], data["values"]
    assert lumbar.from_dict(data, lumbar.Decision).code == "regress"


def _sore(prescription, week_index):
    return ExerciseResult(completed=True, rpe=3, pain_during=6, pain_next_day=6)


def test_the_engine_takes_the_pain_limit_of_the_stacks_own_gate_however_deep():
    """A gate agreed at 7/10 inside the cap lets pain 6/10 progress; without one, the
    engine's own limit (5/10) holds every session."""
    plan = program(("bridge",), weeks=1)
    agreed = lumbar.WeeklyCap(inner=lumbar.PainGate(inner=lumbar.DoubleProgression(), limit=7))
    first = lumbar.simulate(plan, _sore, rule=agreed, catalog=CATALOG).decisions[0]
    assert (first.action, first.code) == (Action.PROGRESS, "more-reps")
    ungated = lumbar.WeeklyCap(inner=lumbar.DoubleProgression())
    decisions = lumbar.simulate(plan, _sore, rule=ungated, catalog=CATALOG).decisions
    assert {(d.action, d.code) for d in decisions} == {(Action.HOLD, "pain-over-limit")}
