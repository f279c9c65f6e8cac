"""The program builder: a personal, balanced program whose doses are the rules' forecast.

How a program is made (the evidence for each choice is cited where it is used):

1. Screening first: nothing is planned unless the red-flag screening is clear.
2. Ladders (``_ladders``): every catalog ladder that fits the equipment and the
   directional preference is a candidate, ranked for the person's goal; each starts
   at the highest rung the fitness level allows (one lower, and at gentler doses,
   for high STarT Back risk or high pain).
3. Days and weeks (``_calendar``): sessions are spread over the week; strength and
   trunk-control ladders rotate in groups so that each is trained 2-3 days a week
   and never on consecutive days; stretches come every session; three phases;
   every fourth week is a deload week, except, for the return to jogging, from the
   walk-run's first week until the forecast jogs (design-walk-run-no-deload).
4. Sessions (``_sessions``): each fits the minutes available; optional ladders join
   at a phase start only while the sessions have room for them to grow.
5. Doses (``_forecast``): the first dose of each ladder is the planner's; every
   later dose and rung is what the progression rules decide for someone who does
   every session as planned ([lumbar.AsPlanned][lumbar.simulation.AsPlanned]). The
   program carries the time budget as a constraint, which the engine keeps whoever
   progresses the doses.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from lumbar.content._catalog import Catalog, default_catalog
from lumbar.errors import ValidationError
from lumbar.model._dose import Intervals
from lumbar.model._program import Prescription, Program, Session, Week
from lumbar.planning._activity import activity_schedule
from lumbar.planning._calendar import deload_weeks, phase_lengths, phase_starts
from lumbar.planning._describe import metadata, phases, title
from lumbar.planning._forecast import Forecast, program_rules
from lumbar.planning._ladders import Ladder
from lumbar.planning._profile import Profile
from lumbar.planning._sessions import Layout
from lumbar.planning._topics import topic_schedule
from lumbar.safety._screening import require_clear


def build_program(profile: Profile, *, catalog: Catalog | None = None) -> Program:
    """A personal program for the whole length of the profile, in phases.

    Every session holds at least one stabilization (trunk control), one stretch
    and one strength exercise, and fits ``profile.minutes``; exercises that load
    the spine in a direction the person does not tolerate, or need equipment they
    do not have, are left out. Strength and trunk-control exercises come 2-3 days
    a week and never on consecutive days (`acsm-2009-rt`, `acsm-garber-2011`),
    stretches every session (`acsm-flex-2021`), and each week carries a daily
    walking goal on 5 days (`who-2020-pa`, `pocovi-2024-lancet`) and an
    education topic. Every fourth week is lighter. The return-to-jogging goal
    adds brisk walking and then the pain-gated walk-run stages, 3 days a week, with no
    lighter week from the walk-run's start until continuous jogging (the running
    notes put easier weeks after the stages: `design-walk-run-no-deload`).

    The planner chooses the exercises, days, phases, deload weeks and starting
    doses; every later dose is the progression rules' forecast for someone who
    does each session as planned, so that
    ``lumbar.simulate(program, lumbar.AsPlanned()).program == program``. The
    program names its rules in ``Program.rules`` and carries the person's
    equipment, tolerated loading and minutes per session in
    ``Program.constraints``: [lumbar.advance][lumbar.progression.advance] and
    [lumbar.simulate][lumbar.simulation.simulate] run it behind the pain-monitoring gate
    and never give a longer session.
    The result is deterministic.

    Raises [lumbar.ReferralRequired][lumbar.errors.ReferralRequired] when the screening is not
    clear, and [lumbar.ValidationError][lumbar.errors.ValidationError] when the catalog has
    nothing that fits.
    """
    return _build(profile, catalog, cycle=1, reached={}, walking=None)


def next_program(program: Program, profile: Profile, *, catalog: Catalog | None = None) -> Program:
    """The program to follow ``program``: other variants and emphases, from where the person is.

    ``program`` is the finished program, as planned or as done (the ``program`` of a
    [lumbar.Simulation][lumbar.simulation.Simulation]); ``profile`` describes the person now,
    with a fresh screening. Each ladder the person used continues from the rung and dose it
    had at the end of the last full week, a step lower to ease back in; the rules
    move it on from there. The ranking of ladders rotates so that other exercises
    take the lead, the walking goal starts from where it ended, and the education
    topics start further along. Gains fade when exercise stops
    (`steffens-2016-jama-im`): keep going.
    """
    if not isinstance(program, Program):
        raise ValidationError.single("program", f"must be a Program, got {type(program).__name__}")
    catalog = default_catalog() if catalog is None else catalog
    try:
        cycle = int(program.metadata.get("cycle", "1")) + 1
    except ValueError:
        cycle = 2
    reached: dict[str, Prescription] = {}
    walking: int | None = None
    for week in reversed(program.weeks):
        if week.deload:
            continue
        if walking is None and week.activity is not None:
            walking = week.activity.minutes
        for session in reversed(week.sessions):
            for prescription in reversed(session.prescriptions):
                if prescription.exercise in catalog:
                    key = catalog.ladder(prescription.exercise)[0].id
                    reached.setdefault(key, prescription)
    return _build(profile, catalog, cycle=cycle, reached=reached, walking=walking)


def _check_profile(profile: object) -> Profile:
    if not isinstance(profile, Profile):
        raise ValidationError.single("profile", f"must be a Profile, got {type(profile).__name__}")
    require_clear(profile.screening)
    return profile


def _build(
    profile: Profile,
    catalog: Catalog | None,
    *,
    cycle: int,
    reached: Mapping[str, Prescription],
    walking: int | None,
) -> Program:
    profile = _check_profile(profile)
    catalog = default_catalog() if catalog is None else catalog
    lengths = phase_lengths(profile.weeks)
    deload = deload_weeks(profile.weeks, phase_starts(lengths))

    def assemble(marks: tuple[bool, ...]) -> tuple[Program, Layout]:
        return _assemble(profile, catalog, lengths, marks, cycle, reached, walking)

    program, layout = assemble(deload)
    if not layout.jogging or layout.aerobic is None:
        return program
    # The walk-run stages have no planned lighter weeks: they keep the half hour on feet
    # and ease off by repeating a stage when pain asks; the running notes (section 4) put
    # an easier week every 3-4 weeks after the stages, once the person jogs. So from the
    # walk-run's first week until continuous jogging, no week is marked lighter
    # (design-walk-run-no-deload).
    running = _running_from(layout, program.weeks)
    if running is None:
        return program
    top = layout.aerobic.rungs[-1].id  # continuous jogging
    free = tuple(mark and index < running for index, mark in enumerate(deload))
    if free == deload:
        return program
    program = assemble(free)[0]
    jogging = _first_week(program.weeks, top)
    if jogging is None:
        return program
    # Lighter weeks again once the forecast jogs. A mark after that week changes nothing
    # before it (the rules look one week ahead), so the forecast still jogs from then.
    marks = tuple(
        mark and (index < running or index > jogging) for index, mark in enumerate(deload)
    )
    if marks == free:
        return program
    return assemble(marks)[0]


def _assemble(
    profile: Profile,
    catalog: Catalog,
    lengths: tuple[int, int, int],
    deload: tuple[bool, ...],
    cycle: int,
    reached: Mapping[str, Prescription],
    walking: int | None,
) -> tuple[Program, Layout]:
    """The program with these phases and deload marks, its doses the rules' forecast."""
    layout = Layout(profile, catalog, cycle, reached)
    weeks = profile.weeks
    starts = phase_starts(lengths)
    brisk = [cycle > 1 or index >= lengths[0] for index in range(weeks)]
    rules, stack = program_rules(profile.goal)
    constraints = profile.constraints
    reserved = layout.reserved()
    if reserved:
        constraints = attrs.evolve(constraints, reserved_minutes=reserved)
    forecast = Forecast(
        catalog,
        stack,
        constraints,
        deload,
        activity_schedule(
            profile.walking_minutes if walking is None else walking,
            deload,
            baseline_steps=profile.steps,
            brisk=brisk,
        ),
        topic_schedule(weeks, risk=profile.risk, goal=profile.goal, cycle=cycle),
    )
    first: dict[str, Prescription] = {}
    for phase, (start, length) in enumerate(zip(starts, lengths, strict=True)):
        layout.reach(forecast.reached)
        layout.fill(phase)
        forecast.run_until(start + length, _sessions(layout, first))
    program_weeks = forecast.program_weeks()
    program = Program(
        weeks=program_weeks,
        phases=phases(
            lengths, _running_from(layout, program_weeks), profile.goal, layout.groups_count
        ),
        title=title(profile, cycle),
        metadata=metadata(profile, cycle),
        rules=rules,
        constraints=constraints,
    )
    return program, layout


def _first_week(weeks: tuple[Week, ...], exercise: str) -> int | None:
    """The index of the first week that prescribes ``exercise``, if any."""
    for index, week in enumerate(weeks):
        for session in week.sessions:
            for prescription in session.prescriptions:
                if prescription.exercise == exercise:
                    return index
    return None


def _sessions(layout: Layout, first: dict[str, Prescription]) -> tuple[Session, ...]:
    """The sessions of a week with the first prescription of each of their ladders."""

    def prescription(ladder: Ladder) -> Prescription:
        found = first.get(ladder.key)
        if found is None:
            found = first[ladder.key] = ladder.prescription()
        return found

    return tuple(
        Session(
            prescriptions=tuple(prescription(ladder) for ladder in layout.ordered(index)),
            label=label,
        )
        for index, label in enumerate(layout.labels)
    )


def _running_from(layout: Layout, weeks: tuple[Week, ...]) -> int | None:
    """The first week with a walk-run (or a later rung) in the forecast, for the jogging goal."""
    aerobic = layout.aerobic
    if not layout.jogging or aerobic is None:
        return None
    entry = aerobic.walk_run_entry()
    if entry is None:
        return None
    later = {rung.id for rung in aerobic.rungs[entry + 1 :]}
    for index, week in enumerate(weeks):
        for session in week.sessions:
            for prescription in session.prescriptions:
                if prescription.exercise in later or isinstance(prescription.dose, Intervals):
                    return index
    return None
