"""Simulation: run a program against a responder for its whole length."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from itertools import repeat
from typing import Any

import attrs

from lumbar._base import validators as check
from lumbar._base.display import Displayed
from lumbar._base.document import Document
from lumbar._base.trusted import maker
from lumbar.content._catalog import Catalog, default_catalog
from lumbar.content._program_check import check_against_catalog
from lumbar.errors import ValidationError
from lumbar.model._dose import Reps
from lumbar.model._log import ExerciseResult, SessionLog, logged
from lumbar.model._program import Phase, Prescription, Program, RuleRef, Session, scheduled
from lumbar.progression._decision import Decision
from lumbar.progression._defaults import engine_stack, resolve_rule
from lumbar.progression._engine import Run, Stack
from lumbar.progression._plan import Plan
from lumbar.progression._protocol import ProgressionRule
from lumbar.progression._registry import RuleRegistry, refs_of
from lumbar.simulation._dates import session_dates
from lumbar.simulation._patients import Individual, Responder, VirtualPatient


@attrs.frozen(kw_only=True, init=False, repr=False)
class SessionRecord(Document):
    """One simulated session: what was given, what came back, and the decisions behind it."""

    week_index: int
    """The session's week, from 0."""
    session_index: int
    """The session's index in the template week."""
    session: Session
    """The session as given."""
    log: SessionLog
    """The responder's results for it."""
    decisions: tuple[Decision, ...]
    """The decisions that set this session's prescriptions (none for first prescriptions)."""

    def __init__(
        self,
        *,
        week_index: int,
        session_index: int,
        session: Session,
        log: SessionLog,
        decisions: tuple[Decision, ...] | list[Decision],
    ) -> None:
        # Simulate makes one per session without the checks (``_base.trusted.maker``):
        # it holds what simulate made. A record made by anyone else (or read from JSON)
        # is checked.
        if isinstance(decisions, list):
            decisions = tuple(decisions)
        self.__attrs_init__(
            week_index=week_index,
            session_index=session_index,
            session=session,
            log=log,
            decisions=decisions,
        )
        check.every_field(self, _RECORD_CHECKS)


_RECORD_CHECKS = check.field_checks(
    SessionRecord,
    {
        "week_index": check.integer(0),
        "session_index": check.integer(0),
        "session": check.instance_of(Session),
        "log": check.instance_of(SessionLog),
        "decisions": check.tuple_of(check.instance_of(Decision)),
    },
)


# Simulate makes its records of parts already checked (the engine's sessions and logs,
# its decisions) without a second check.
_make_record = maker(SessionRecord)


@attrs.frozen(kw_only=True, repr=False)
class Simulation(Displayed, Document):
    """The outcome of [lumbar.simulate][lumbar.simulation.simulate].

    ``program`` holds the prescriptions actually given, week by week (a
    [lumbar.Program][lumbar.model.Program] with the template's deload marks, activity goals,
    education topics, title, metadata and constraints, phases cut to its length,
    and the rules used, as references). ``records``
    hold every session with its log and decisions.
    ``ended_early`` is True when every exercise of the coming weeks was stopped, or when
    a whole week had nothing to give (every exercise paused), which a program cannot hold.
    """

    program: Program = attrs.field(validator=check.instance_of(Program))
    """The prescriptions actually given, week by week, as a program."""
    records: tuple[SessionRecord, ...] = attrs.field(
        converter=check.to_tuple, validator=check.tuple_of(check.instance_of(SessionRecord))
    )
    """Every session given, in order, with its log and decisions."""
    ended_early: bool = attrs.field(default=False, validator=check.boolean)
    """True when every exercise of the coming weeks was stopped, or a week had none to give."""
    closing_decisions: tuple[Decision, ...] = attrs.field(
        default=(), converter=check.to_tuple, validator=check.tuple_of(check.instance_of(Decision))
    )
    """Decisions made after the last session given, such as the stops that ended the run."""

    @property
    def logs(self) -> tuple[SessionLog, ...]:
        """Every session log, in order."""
        return tuple(record.log for record in self.records)

    @property
    def decisions(self) -> tuple[Decision, ...]:
        """Every decision, in the order made, the closing ones included."""
        return (
            *(d for record in self.records for d in record.decisions),
            *self.closing_decisions,
        )

    def rows(self) -> list[dict[str, Any]]:
        """One flat row per prescription given, for ``pandas.DataFrame(sim.rows())``.

        Columns: week, session, exercise, kind, dose (readable), volume, load_kg,
        completed, rpe, pain_during, pain_next_day, and action (the decision that
        set this prescription, or ``"start"``).
        """
        from lumbar.model._dose import describe

        rows: list[dict[str, Any]] = []
        for record in self.records:
            actions = {d.prescription: d.action.value for d in record.decisions}
            for prescription, result in zip(
                record.session.prescriptions, record.log.results, strict=True
            ):
                dose = prescription.dose
                rows.append(
                    {
                        "week": record.week_index,
                        "session": record.session_index,
                        "exercise": prescription.exercise,
                        "kind": dose.kind,
                        "dose": describe(dose),
                        "volume": dose.volume,
                        "load_kg": dose.load_kg if isinstance(dose, Reps) else None,
                        "completed": result.completed,
                        "rpe": result.rpe,
                        "pain_during": result.pain_during,
                        "pain_next_day": result.pain_next_day,
                        "action": actions.get(
                            prescription, "hold" if record.decisions else "start"
                        ),
                    }
                )
        return rows


def _check_seed(seed: object) -> int:
    if type(seed) is not int:
        raise ValidationError.single("seed", f"must be an integer, got {type(seed).__name__}")
    return seed


def _rules_as_refs(program: Program, rule: ProgressionRule | None) -> tuple[RuleRef, ...]:
    """The rules a simulation records: the program's, or the references of the rule given.

    An empty tuple would mean "the default rules", so a rule that cannot be written
    as references is refused rather than recorded as that.
    """
    if rule is None:
        return program.rules
    try:
        return refs_of(rule)
    except ValidationError as error:
        raise ValidationError(
            (
                (
                    "rule",
                    "must be writable as rule references (see lumbar.refs_of): the "
                    "simulated program records the rules it ran",
                ),
                *error.prefixed("rule").errors,
            )
        ) from None


def simulate(
    program: Program,
    responder: Responder | VirtualPatient,
    *,
    rule: ProgressionRule | None = None,
    catalog: Catalog | None = None,
    seed: int = 0,
    registry: RuleRegistry | None = None,
) -> Simulation:
    """Run ``program`` for its own length against ``responder``; deterministic.

    ``responder`` is a callable ``(prescription, week_index) -> ExerciseResult``,
    or a virtual patient (such as [lumbar.SteadyImprover][lumbar.simulation.SteadyImprover]) whose
    ``responder(seed)`` gives the individual for this run. ``rule`` defaults to
    the program's named rules (built from ``registry``, by default the built-in
    rules), else the default stack. A ``rule`` given must be writable as rule
    references ([lumbar.refs_of][lumbar.progression.refs_of]), because the simulated
    program records the rules it ran; one that is not raises
    [lumbar.ValidationError][lumbar.errors.ValidationError] at the call. The run ends
    early only when no exercise of the coming weeks is left (all stopped).
    """
    return next(
        simulate_many(program, responder, (seed,), rule=rule, catalog=catalog, registry=registry)
    )


def simulate_many(
    program: Program,
    responder: Responder | VirtualPatient,
    seeds: Iterable[int],
    *,
    rule: ProgressionRule | None = None,
    catalog: Catalog | None = None,
    registry: RuleRegistry | None = None,
) -> Iterator[Simulation]:
    """`simulate` once per seed, checking and planning the program only once.

    The program, catalog and rules are checked at the call; the simulations are
    made one at a time as the result is iterated. With a virtual patient each
    seed is a different individual; a plain responder is called as it is, run
    after run.
    """
    catalog = default_catalog() if catalog is None else catalog
    check_against_catalog(program, catalog)
    stack = engine_stack(resolve_rule(program, rule, registry))
    refs = _rules_as_refs(program, rule)
    plan = Plan(program, catalog)
    dates = session_dates(program)

    def runs() -> Iterator[Simulation]:
        for seed in seeds:
            _check_seed(seed)
            individual = (
                responder.responder(seed) if isinstance(responder, VirtualPatient) else responder
            )
            yield _run(plan, stack, individual, refs, dates)

    return runs()


def _run(
    plan: Plan,
    stack: Stack,
    responder: Responder,
    refs: tuple[RuleRef, ...],
    dates: tuple[tuple[datetime.date, ...], ...],
) -> Simulation:
    run = Run.begin(plan)
    # lumbar's own virtual individuals answer with results it made; anyone else's are checked.
    trusted = type(responder) is Individual
    program = plan.program
    template = program.weeks
    labels = plan.labels
    given: list[list[Session]] = [[] for _ in template]
    records: list[SessionRecord] = []
    decisions: tuple[Decision, ...] = ()
    while run.slots:
        week, index = run.week, run.session
        if week > 0 and not given[week - 1]:
            break  # a whole week had nothing left to give: the given weeks stay a prefix
        prescriptions = tuple([rx for _, rx in run.slots])
        results = tuple(map(responder, prescriptions, repeat(week)))
        if not trusted:
            _check_results(prescriptions, results)
        # Prescriptions the engine gave, the template's labels and dates, results checked
        # just above (or made by lumbar's own individual): made without checking them again.
        session = scheduled(prescriptions=prescriptions, label=labels[week][index])
        log = logged(date=dates[week][index], results=results, pain_before=None)
        run.record(log)
        record = _make_record(
            week_index=week,
            session_index=index,
            session=session,
            log=log,
            decisions=decisions,
        )
        records.append(record)
        given[week].append(session)
        decisions = tuple(run.prepare(stack))
    ended_early = any(not sessions for sessions in given)
    # Each week keeps its template's deload mark, activity goal and education topic.
    weeks = tuple(
        attrs.evolve(template[i], sessions=tuple(sessions))
        for i, sessions in enumerate(given)
        if sessions
    )
    return Simulation(
        program=Program(
            weeks=weeks,
            phases=_cut(program.phases, len(weeks)),
            title=program.title,
            metadata=program.metadata,
            rules=refs,
            constraints=program.constraints,
        ),
        records=tuple(records),
        ended_early=ended_early,
        closing_decisions=decisions,
    )


def _check_results(
    prescriptions: tuple[Prescription, ...], results: tuple[ExerciseResult, ...]
) -> None:
    """A responder's results: one ExerciseResult per prescription, any dose done of its kind."""
    for position, result in enumerate(results):
        if type(result) is not ExerciseResult:
            raise TypeError(
                f"the responder returned {type(result).__name__} for prescription "
                f"{position}, not an ExerciseResult"
            )
        done = result.done
        if done is not None and type(done) is not type(prescriptions[position].dose):
            raise TypeError(
                f"the responder's result {position} is a {done.kind} dose for a "
                f"{prescriptions[position].dose.kind} prescription"
            )


def _cut(phases: tuple[Phase, ...], weeks: int) -> tuple[Phase, ...]:
    """The phases that cover the first ``weeks`` weeks, the last one shortened."""
    kept: list[Phase] = []
    left = weeks
    for phase in phases:
        if left <= 0:
            break
        kept.append(phase if phase.weeks <= left else attrs.evolve(phase, weeks=left))
        left -= phase.weeks
    return tuple(kept)
