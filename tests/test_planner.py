"""The program builder: every invariant as a property over generated profiles."""

from collections import defaultdict

import pytest
from hypothesis import assume, given, strategies as st

import lumbar
from lumbar import (
    Catalog,
    Category,
    DirectionalPreference,
    Duration,
    Equipment,
    FitnessLevel,
    Goal,
    Intervals,
    Profile,
    Program,
    RedFlags,
    ReferralRequired,
    Risk,
    SpinalLoading,
    ValidationError,
    build_program,
    education_topics,
    next_program,
    screen,
)
from lumbar.model._dose import dose_minutes
from lumbar.progression._dose_steps import between, is_harder, volume_of, within
from lumbar.strategies import profiles, red_flags

CATALOG = lumbar.default_catalog()
CLEAR = screen(RedFlags())
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def build(profile: Profile) -> Program:
    """Build, setting aside the one refusal a valid profile can meet.

    Seven days need three different strength exercises; a mat alone with an
    intolerance of extension leaves two, and the builder says so on ``days``.
    """
    try:
        return build_program(profile)
    except ValidationError as error:
        assert [path for path, _ in error.errors] == ["days"], error
        assert profile.days == 7
        assume(False)
        raise


def ladder_of(exercise_id: str) -> str:
    return CATALOG.ladder(exercise_id)[0].id


def rung_of(exercise_id: str) -> int:
    return [rung.id for rung in CATALOG.ladder(exercise_id)].index(exercise_id)


def minutes_of(session) -> float:
    return sum(dose_minutes(rx.dose, per_side=CATALOG[rx.exercise].per_side) for rx in session)


def last_doses(week) -> dict[str, object]:
    """Each ladder's prescription in the last session of the week that has it."""
    found = {}
    for session in week.sessions:
        for rx in session:
            found[ladder_of(rx.exercise)] = rx
    return found


def first_doses(program: Program) -> dict[str, object]:
    """Each ladder's first prescription in the program."""
    found: dict[str, object] = {}
    for _, rx in program.prescriptions():
        found.setdefault(ladder_of(rx.exercise), rx)
    return found


# --- the properties the issue lists ---------------------------------------------------


@given(profiles())
def test_every_session_is_balanced(profile):
    """Each session has a stabilization, a stretch and a strength exercise."""
    program = build(profile)
    needed = {Category.STABILIZATION, Category.STRETCH, Category.STRENGTH}
    for week in program.weeks:
        for session in week.sessions:
            categories = {CATALOG[rx.exercise].category for rx in session}
            assert needed <= categories, session


@given(profiles())
def test_nothing_contraindicated_for_the_profile(profile):
    """No exercise loads a direction the person does not tolerate or needs missing equipment."""
    program = build(profile)
    forbidden = {
        DirectionalPreference.NONE: set(),
        DirectionalPreference.FLEXION_INTOLERANT: {SpinalLoading.FLEXION},
        DirectionalPreference.EXTENSION_INTOLERANT: {SpinalLoading.EXTENSION},
    }[profile.preference]
    have = set(profile.equipment)
    for _, rx in program.prescriptions():
        exercise = CATALOG[rx.exercise]
        assert exercise.loading not in forbidden, rx.exercise
        assert set(exercise.equipment) <= have, rx.exercise
        if profile.goal is not Goal.RETURN_TO_JOGGING:
            assert not isinstance(rx.dose, Intervals)
            assert exercise.id != "jog"


@given(profiles())
def test_every_session_fits_the_time_budget(profile):
    """Estimated session time never exceeds the minutes the person has."""
    program = build(profile)
    for week in program.weeks:
        for session in week.sessions:
            assert minutes_of(session) <= profile.minutes + 1e-9


@given(profiles())
def test_build_is_deterministic(profile):
    """The same profile gives the same program."""
    assert build(profile) == build_program(profile)


@given(profiles(weeks=st.integers(4, 12)))
def test_program_round_trips_through_json(profile):
    """The program, its activity goals, topics and rules survive JSON unchanged."""
    program = build(profile)
    assert lumbar.from_json(lumbar.to_json(program), Program, catalog=CATALOG) == program


# --- doses and their progression ------------------------------------------------------


@given(profiles())
def test_every_dose_is_inside_its_exercise_bounds(profile):
    """Planned doses stay within each exercise's min_dose and max_dose."""
    for _, rx in build(profile).prescriptions():
        assert within(rx.dose, CATALOG[rx.exercise]), rx


@given(profiles())
def test_nothing_rises_in_a_deload_week(profile):
    """In a deload week no ladder is given more than its last dose the week before."""
    program = build(profile)
    for index, week in enumerate(program.weeks):
        if not week.deload:
            continue
        before = last_doses(program.weeks[index - 1])
        for session in week.sessions:
            for rx in session:
                old = before.get(ladder_of(rx.exercise))
                if old is None:
                    continue
                assert rung_of(rx.exercise) <= rung_of(old.exercise)
                if rx.exercise == old.exercise:
                    assert not is_harder(rx.dose, old.dose), (rx, old)


@given(profiles())
def test_strength_and_stabilization_come_2_to_3_days_a_week_never_consecutive(profile):
    """Each strength and trunk-control ladder is trained 2-3 days a week, never two days running."""
    program = build(profile)
    for week in program.weeks:
        days: dict[str, list[int]] = defaultdict(list)
        for session in week.sessions:
            day = WEEKDAYS.index(session.label)
            for rx in session:
                if CATALOG[rx.exercise].category in (Category.STABILIZATION, Category.STRENGTH):
                    days[ladder_of(rx.exercise)].append(day)
        for ladder, used in days.items():
            assert 2 <= len(used) <= 3, (ladder, used)
            for first in used:
                for second in used:
                    assert (second - first) % 7 != 1, (ladder, used)


@given(profiles())
def test_stretching_comes_at_least_twice_a_week(profile):
    """Some stretch is in every session, so at least 2-3 days a week (acsm-flex-2021)."""
    for week in build(profile).weeks:
        days = {
            session.label
            for session in week.sessions
            if any(CATALOG[rx.exercise].category is Category.STRETCH for rx in session)
        }
        assert len(days) >= 2


# --- activity, education, rules -------------------------------------------------------


@given(profiles())
def test_walking_goal_on_most_days_rises_gently_from_the_baseline(profile):
    """A daily walk on 5 days a week, from the baseline toward 30 min, never rising fast."""
    program = build(profile)
    goals = [week.activity for week in program.weeks]
    assert all(goal is not None and goal.days >= 5 for goal in goals)
    assert goals[0].minutes == min(300, max(5, profile.walking_minutes))
    for index in range(1, len(goals)):
        old, new = goals[index - 1].minutes, goals[index].minutes
        assert old <= new <= max(old + 1, old * 11 // 10)
        if program.weeks[index].deload:
            assert new == old
        if new > old:
            assert new <= max(30, goals[0].minutes)
        if profile.steps is not None:
            assert goals[index].steps >= goals[index - 1].steps


@given(profiles())
def test_every_week_has_an_education_topic(profile):
    """Each week names a built-in topic; the last one is about keeping it up."""
    program = build(profile)
    topics = education_topics()
    assert all(week.education in topics for week in program.weeks)
    assert program.weeks[-1].education == "keeping-it-up"
    if profile.risk is Risk.HIGH:
        assert program.weeks[0].education == "pain-and-what-it-means"


@given(profiles())
def test_program_names_its_rules_and_they_load(profile):
    """Program.rules rebuild through the registry: the default stack, walk-run entry for jogging."""
    program = build(profile)
    rule = lumbar.rule_from_refs(program.rules)
    if profile.goal is Goal.RETURN_TO_JOGGING:
        assert any(ref.params.get("enter_walk_run") is True for ref in program.rules)
    else:
        assert rule == lumbar.default_rule()


def test_metadata_and_phases_describe_the_program():
    """The program says what it is for, which cycle, and cites registered sources."""
    program = build_program(Profile(screening=CLEAR))
    assert program.metadata["goal"] == "general"
    assert program.metadata["cycle"] == "1"
    assert not lumbar.evidence.unknown_ids(program.metadata["references"].split())
    assert [phase.weeks for phase in program.phases] == [4, 8, 14]
    assert "acsm-2009-rt" in program.phases[0].focus


# --- safety ---------------------------------------------------------------------------


@given(red_flags(any_flag=True))
def test_no_program_without_a_clear_screening(flags):
    """Any red flag: ReferralRequired carrying the screening, no program."""
    screening = screen(flags)
    with pytest.raises(ReferralRequired) as caught:
        build_program(Profile(screening=screening))
    assert caught.value.screening == screening


def test_not_a_profile_is_a_validation_error():
    """The builder takes a Profile only."""
    with pytest.raises(ValidationError):
        build_program(CLEAR)  # type: ignore[arg-type]


def test_no_mat_means_no_floor_exercises_and_a_clear_error():
    """Without a mat nothing for trunk control fits: the error says what to add."""
    with pytest.raises(ValidationError) as caught:
        build_program(Profile(screening=CLEAR, equipment=()))
    assert any("mat" in message for _, message in caught.value.errors)
    # Only what is missing is named: nothing about days, which are not the problem.
    assert all(path == "equipment" for path, _ in caught.value.errors)


def test_a_catalog_without_strength_exercises_cannot_be_balanced():
    """The builder refuses rather than leave a kind of exercise out."""
    catalog = Catalog(e for e in CATALOG if e.category is not Category.STRENGTH)
    with pytest.raises(ValidationError):
        build_program(Profile(screening=CLEAR), catalog=catalog)


@given(profiles(weeks=st.just(8)))
def test_higher_risk_and_pain_start_lower(profile):
    """High risk or pain: no higher rung than low risk, and min-side first doses.

    Min-side: no more volume than half-way from the exercise's minimum to its usual
    starting dose. Stretches are left out: they stay at the guideline dose of about
    60 s for everyone.
    """
    gentle = build(attrs_evolve(profile, risk=Risk.HIGH, pain=8))
    usual = build(attrs_evolve(profile, risk=Risk.LOW, pain=0))
    first = first_doses(usual)
    for ladder, rx in first_doses(gentle).items():
        other = first.get(ladder)
        if other is not None:
            assert rung_of(rx.exercise) <= rung_of(other.exercise)
        exercise = CATALOG[rx.exercise]
        if exercise.category is Category.STRETCH:
            continue
        halfway = between(exercise.min_dose, exercise.default_dose, 0.5) or exercise.min_dose
        assert volume_of(rx.dose) <= max(volume_of(halfway), volume_of(exercise.min_dose))


def attrs_evolve(profile, **changes):
    import attrs

    return attrs.evolve(profile, **changes)


# --- return to jogging ---------------------------------------------------------------


@given(profiles(goals=(Goal.RETURN_TO_JOGGING,), weeks=st.integers(16, 52)))
def test_walk_run_comes_three_days_a_week_after_brisk_walking(profile):
    """Walk-run sessions: 3 a week on non-consecutive days, after two weeks' worth (6 sessions
    in a row, deload weeks aside) of 30-minute brisk walks (running notes, section 4)."""
    program = build(profile)
    brisk_in_a_row = 0
    started = False
    for week in program.weeks:
        aerobic = [
            (WEEKDAYS.index(session.label), rx)
            for session in week.sessions
            for rx in session
            if CATALOG[rx.exercise].category is Category.AEROBIC
        ]
        assert len(aerobic) == 3
        days = [day for day, _ in aerobic]
        assert all((b - a) % 7 not in (1, 6) for a in days for b in days if a != b)
        for _, rx in aerobic:
            if isinstance(rx.dose, Intervals) and not started:
                assert brisk_in_a_row >= 6
                started = True
            if week.deload or started:
                continue
            brisk = (
                isinstance(rx.dose, Duration)
                and rx.exercise == "brisk-walk"
                and rx.dose.minutes >= 30
            )
            brisk_in_a_row = brisk_in_a_row + 1 if brisk else 0


def test_default_jogging_program_reaches_the_walk_run():
    """With the defaults, brisk walking leads into the walk-run within 26 weeks."""
    program = build_program(Profile(screening=CLEAR, goal=Goal.RETURN_TO_JOGGING))
    assert program.phases[-1].name.startswith("Return to running")
    assert any(isinstance(rx.dose, Intervals) for _, rx in program.prescriptions())


def _first_week_of(program, exercise):
    return next(
        (
            index
            for index, week in enumerate(program.weeks)
            if any(rx.exercise == exercise for session in week.sessions for rx in session)
        ),
        None,
    )


def test_default_jogging_program_jogs_in_its_last_four_weeks():
    """The plan reaches continuous jogging (the walking ladder's top rung) and every walk or
    run of its last four weeks is a jog."""
    program = build_program(Profile(screening=CLEAR, goal=Goal.RETURN_TO_JOGGING))
    top = CATALOG.ladder("walking")[-1].id
    assert top == "jog"
    for week in program.weeks[-4:]:
        aerobic = [
            rx.exercise
            for session in week.sessions
            for rx in session
            if CATALOG[rx.exercise].category is Category.AEROBIC
        ]
        assert aerobic == [top] * 3


def test_most_steady_improvers_reach_jogging_in_26_weeks():
    """At least three in four of 40 steady improvers following the default jogging plan jog
    (the issue measured 0 of 50); the plan's walk-run comes before theirs."""
    program = build_program(Profile(screening=CLEAR, goal=Goal.RETURN_TO_JOGGING))
    planned = _first_week_of(program, "walk-run")
    reached = 0
    for sim in lumbar.simulate_many(program, lumbar.SteadyImprover(), range(40)):
        started = _first_week_of(sim.program, "walk-run")
        assert started is None or started >= planned
        reached += _first_week_of(sim.program, "jog") is not None
    assert reached >= 30


@given(profiles(goals=(Goal.RETURN_TO_JOGGING,), weeks=st.integers(16, 52)))
def test_no_deload_week_between_the_walk_run_and_jogging(profile):
    """The walk-run stages have no planned lighter week (design-walk-run-no-deload); lighter
    weeks come every fourth week before them and again once the plan jogs."""
    program = build(profile)
    running = _first_week_of(program, "walk-run")
    if running is None:
        return
    jogging = _first_week_of(program, "jog")
    end = len(program.weeks) if jogging is None else jogging + 1
    assert not any(week.deload for week in program.weeks[running:end])
    for index, week in enumerate(program.weeks):
        if week.deload:
            assert (index + 1) % 4 == 0


def test_the_program_runs_in_the_simulator():
    """simulate accepts a built program and follows its rules."""
    program = build_program(Profile(screening=CLEAR, weeks=8))
    result = lumbar.simulate(program, lumbar.SteadyImprover(), seed=1)
    assert len(result.program.weeks) == 8
    assert result.program.rules == program.rules


# --- the next program -----------------------------------------------------------------


@given(profiles(weeks=st.integers(4, 26)))
def test_next_program_starts_from_where_the_person_is(profile):
    """Each ladder carries on at the same or a harder rung, never above the dose reached."""
    first = build(profile)
    second = next_program(first, profile)
    assert second.metadata["cycle"] == "2"
    reached: dict[str, object] = {}
    for week in first.weeks:
        if not week.deload:
            reached.update(last_doses(week))
    for ladder, rx in first_doses(second).items():
        old = reached.get(ladder)
        if old is None:
            continue
        assert rung_of(rx.exercise) >= rung_of(old.exercise)
        if rx.exercise == old.exercise and CATALOG[rx.exercise].category is not Category.STRETCH:
            assert not is_harder(rx.dose, old.dose)


@given(profiles(weeks=st.integers(4, 26)))
def test_next_program_keeps_every_invariant(profile):
    """The next program is balanced, fits the time and avoids what the profile excludes."""
    program = next_program(build(profile), profile)
    have = set(profile.equipment)
    for week in program.weeks:
        for session in week.sessions:
            assert minutes_of(session) <= profile.minutes + 1e-9
            categories = {CATALOG[rx.exercise].category for rx in session}
            assert {Category.STABILIZATION, Category.STRETCH, Category.STRENGTH} <= categories
            for rx in session:
                assert set(CATALOG[rx.exercise].equipment) <= have
                assert within(rx.dose, CATALOG[rx.exercise])


def test_next_program_varies_the_exercises():
    """The second program leads with other ladders and other variants."""
    profile = Profile(screening=CLEAR, days=3)
    first = build_program(profile)
    second = next_program(first, profile)
    first_ids = {rx.exercise for rx in first.weeks[0].sessions[0]}
    second_ids = {rx.exercise for rx in second.weeks[0].sessions[0]}
    assert first_ids != second_ids
    assert second.title.startswith("Back program 2")
    third = next_program(second, profile)
    assert third.metadata["cycle"] == "3"


def test_next_program_needs_a_clear_screening_again():
    """A red flag at the end of a program stops the next one too."""
    first = build_program(Profile(screening=CLEAR, weeks=4))
    with pytest.raises(ReferralRequired):
        next_program(first, Profile(screening=screen(RedFlags(both_legs=True))))


def test_next_program_continues_the_walk_run():
    """A runner's next program goes on from the walking ladder's rung reached: walk-run or jog."""
    profile = Profile(screening=CLEAR, goal=Goal.RETURN_TO_JOGGING)
    second = next_program(build_program(profile), profile)
    first_week = [rx for rx in second.weeks[0].sessions[0] if rx.exercise in {"walk-run", "jog"}]
    assert first_week
    assert second.phases[-1].name.startswith("Return to running")


# --- examples that show the shape -----------------------------------------------------


def test_default_program_shape():
    """Bare defaults: 3 sessions on Monday, Wednesday and Friday for 26 weeks, every 4th lighter."""
    program = build_program(Profile(screening=CLEAR))
    assert len(program.weeks) == 26
    assert [s.label for s in program.weeks[0].sessions] == ["Monday", "Wednesday", "Friday"]
    assert [i + 1 for i, week in enumerate(program.weeks) if week.deload] == [
        4,
        8,
        12,
        16,
        20,
        24,
    ]


def test_advanced_profile_with_equipment_uses_loaded_variants():
    """An advanced person with dumbbells and a bench gets loaded strength work."""
    profile = Profile(
        screening=CLEAR,
        level=FitnessLevel.ADVANCED,
        equipment=(Equipment.MAT, Equipment.DUMBBELL, Equipment.BENCH),
        minutes=60,
    )
    loads = [
        rx.dose.load_kg
        for _, rx in build_program(profile).prescriptions()
        if getattr(rx.dose, "load_kg", None)
    ]
    assert loads
