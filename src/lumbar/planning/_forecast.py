"""The rules' forecast: the progression engine run over a program as it is laid out.

The planner chooses which ladders go into which sessions and where each starts;
every later dose is what the engine decides for someone who does every session
as planned ([lumbar.AsPlanned][lumbar.simulation.AsPlanned]). So ``simulate(program, AsPlanned())``
gives back exactly the planned program.

The engine runs once, phase by phase: at each phase start the layout may add
ladders, knowing where the others have got to. A decision looks no further than
the next ordinary week, and there only at how often each exercise comes, which a
new phase does not change for the exercises already in it; so the run of the
earlier weeks is the same as a run of the whole program from the start.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from lumbar.content._catalog import Catalog
from lumbar.model._activity import ActivityGoal
from lumbar.model._constraints import Constraints
from lumbar.model._log import logged
from lumbar.model._person import Goal
from lumbar.model._program import Prescription, Program, RuleRef, Session, Week, scheduled
from lumbar.progression._defaults import default_rule, engine_stack, rule_from_refs
from lumbar.progression._engine import Run
from lumbar.progression._plan import Plan
from lumbar.progression._protocol import ProgressionRule
from lumbar.progression._registry import refs_of
from lumbar.progression._tracks import TrackRun
from lumbar.simulation._as_planned import AS_PLANNED_RESULT
from lumbar.simulation._dates import session_date


@functools.cache
def program_rules(goal: Goal) -> tuple[tuple[RuleRef, ...], ProgressionRule]:
    """The rules a planned program runs under, by name, and the stack they build.

    The default stack, [lumbar.default_rule][lumbar.progression.default_rule], each
    rule at its own defaults. The return-to-jogging goal lets the ladder enter the
    walk-run once brisk walking has reached its target (``enter_walk_run``). The stack
    is the one the references build, so the forecast runs what the program names.
    Made once per goal, like the built-in catalog: rules and references are immutable.
    """
    stack = default_rule()
    if goal is not Goal.RETURN_TO_JOGGING:
        return tuple(RuleRef(name=ref.name) for ref in refs_of(stack)), stack
    refs = tuple(
        RuleRef(name=ref.name, params={"enter_walk_run": True})
        if ref.name == "ladder"
        else RuleRef(name=ref.name)
        for ref in refs_of(stack)
    )
    return refs, rule_from_refs(refs)


class Forecast:
    """The engine's run over a program whose weeks are laid out as the run goes on."""

    __slots__ = (
        "catalog",
        "constraints",
        "deload",
        "given",
        "reached",
        "run",
        "stack",
        "template",
        "topics",
        "walking",
    )

    def __init__(
        self,
        catalog: Catalog,
        rule: ProgressionRule,
        constraints: Constraints,
        deload: Sequence[bool],
        walking: Sequence[ActivityGoal],
        topics: Sequence[str],
    ) -> None:
        self.catalog = catalog
        self.stack = engine_stack(rule)
        self.constraints = constraints
        # Week by week: the deload marks, the daily walking goals and the education topics.
        self.deload = tuple(deload)
        self.walking = tuple(walking)
        self.topics = tuple(topics)
        self.template: list[Week] = []
        self.given: list[list[Session]] = []
        self.run: Run | None = None
        # By ladder key: the latest prescription given in a week that was not a deload week.
        self.reached: dict[str, Prescription] = {}

    def run_until(self, end: int, sessions: Sequence[Session]) -> None:
        """Lay out the weeks up to ``end`` with these sessions and run the rules over them.

        ``sessions`` holds each session of the week with the first prescription of
        each of its ladders: the engine starts a ladder new to the program there, and
        decides every later dose itself.

        The engine may look one ordinary week ahead (the weekly cap asks how many
        sessions each exercise has there), so before the last phase the run sees one
        week more, laid out as these (a new phase only adds exercises, in sessions of
        their own), and stops before deciding anything of it.
        """
        start = len(self.template)
        for index in range(start, end):
            self.template.append(self._week(index, sessions))
            self.given.append([])
        weeks = tuple(self.template)
        ahead = end < len(self.deload)
        if ahead:
            weeks = (*weeks, self._week(end, sessions))
        plan = Plan(Program(weeks=weeks, constraints=self.constraints), self.catalog)
        run = self.run
        stack = self.stack
        if run is None:
            run = Run.begin(plan)
        else:
            tracks = dict(run.tracks)
            for key, prescription in plan.first.items():
                if key not in tracks:
                    tracks[key] = TrackRun(key, prescription)
            # Back to the last session given, to decide the first one of week ``start``.
            run = Run(plan, tracks, start - 1, len(plan.slots[start - 1]) - 1)
            run.prepare(stack)
        self.run = run
        labels = plan.labels
        while run.slots:
            week, index = run.week, run.session
            prescriptions = tuple([prescription for _, prescription in run.slots])
            # Of parts already checked, as simulate makes them: no second check.
            log = logged(
                date=session_date(week, index, len(plan.slots[week])),
                results=(AS_PLANNED_RESULT,) * len(prescriptions),
                pain_before=None,
            )
            run.record(log)
            session = scheduled(prescriptions=prescriptions, label=labels[week][index])
            self.given[week].append(session)
            if not self.template[week].deload:
                for (track, _), prescription in zip(run.slots, prescriptions, strict=True):
                    self.reached[track.key] = prescription
            if ahead and week == end - 1 and index == len(plan.slots[week]) - 1:
                return  # the next phase decides its first session, with its own exercises
            run.prepare(stack)
            # A phase whose last sessions give nothing would decide into the week ahead,
            # which someone who does everything as planned never meets.
            assert not ahead or run.week < end, "a forecast ran past its phase"

    def _week(self, index: int, sessions: Sequence[Session]) -> Week:
        return Week(
            sessions=tuple(sessions),
            deload=self.deload[index],
            activity=self.walking[index],
            education=self.topics[index],
        )

    def program_weeks(self) -> tuple[Week, ...]:
        """The weeks as the rules forecast them: the template's marks, the doses given."""
        return tuple(
            Week(
                sessions=tuple(sessions),
                deload=template.deload,
                activity=template.activity,
                education=template.education,
            )
            for template, sessions in zip(self.template, self.given, strict=True)
        )
