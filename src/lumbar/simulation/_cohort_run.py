"""simulate_cohort: many patients, in chunks, on any ``concurrent.futures.Executor``.

Each chunk of seeds runs [lumbar.simulate_many][lumbar.simulation.simulate_many] and
keeps only a summary of each simulation, so memory stays flat whatever the number of
patients, and a faster engine makes cohorts faster with no change here. A chunk is
a plain, picklable value sent to a module-level function, so a process pool or a
Dask cluster runs it as it is; lumbar never imports Dask.
"""

from __future__ import annotations

import collections
import itertools
import math
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor, Future

import attrs

from lumbar._base.frozen import FrozenDict
from lumbar.content._catalog import Catalog, default_catalog
from lumbar.content._program_check import check_against_catalog
from lumbar.errors import ValidationError
from lumbar.model._dose import Dose
from lumbar.model._program import Program
from lumbar.progression._decision import Action
from lumbar.progression._defaults import resolve_rule
from lumbar.progression._first_match import FirstMatch
from lumbar.progression._pain_gate import PainGate
from lumbar.progression._protocol import ProgressionRule
from lumbar.progression._rule_kit import DEFAULT_PAIN_LIMIT
from lumbar.simulation._cohort import Cohort
from lumbar.simulation._patients import VirtualPatient
from lumbar.simulation._simulate import Simulation, _rules_as_refs, simulate_many
from lumbar.simulation._summaries import (
    PAIN_LEVELS,
    CohortWeek,
    LadderEnd,
    PatientSummary,
    action_names,
)

CHUNK_SIZE = 250
"""Patients per chunk at most, by default: a second or two of work, worth sending."""
CHUNKS_PER_COHORT = 16
"""A small cohort is cut into about this many chunks, so that several workers share it."""
IN_FLIGHT = 256
"""Chunks handed to an executor ahead of the one awaited: enough to keep a cluster busy,
few enough that a huge cohort's pending work stays small."""


def simulate_cohort(
    program: Program,
    patient: VirtualPatient,
    seeds: Iterable[int],
    *,
    executor: Executor | None = None,
    rule: ProgressionRule | None = None,
    catalog: Catalog | None = None,
    chunk_size: int | None = None,
) -> Cohort:
    """Simulate ``program`` for one ``patient`` per seed and keep a summary of each.

    ``patient`` is a virtual patient, such as
    [lumbar.SteadyImprover][lumbar.simulation.SteadyImprover]: ``patient.responder(seed)``
    is the individual of each seed. The seeds are cut into chunks of ``chunk_size``
    (by default at most 250, fewer for small cohorts) and each chunk runs
    [lumbar.simulate_many][lumbar.simulation.simulate_many] in this process
    (``executor=None``) or on ``executor``, any ``concurrent.futures.Executor``: a
    ``ProcessPoolExecutor``, or a Dask cluster's ``client.get_executor()``. Whatever
    runs it, in chunks of whatever size, the cohort is the same (``==``).

    ``rule`` and ``catalog`` are as for [lumbar.simulate][lumbar.simulation.simulate] (for
    rules from your own registry, pass ``rule=lumbar.rule_from_refs(program.rules,
    registry)``); the program, catalog, rules and seeds are checked here, before any
    chunk is sent. Rules, patients and catalogs travel to workers by ``pickle``.
    """
    if not isinstance(patient, VirtualPatient):
        raise TypeError(
            "patient must be a virtual patient (with responder(seed)), such as "
            f"lumbar.SteadyImprover(), got {type(patient).__name__}"
        )
    catalog = default_catalog() if catalog is None else catalog
    check_against_catalog(program, catalog)
    used = resolve_rule(program, rule, None)
    chosen = _checked_seeds(seeds)
    size = _chunk_size(chunk_size, len(chosen))
    ladders = _ladders(program, catalog)
    limit = pain_limit_of(used)
    chunks = (
        _Chunk(
            program=program,
            patient=patient,
            rule=used,
            catalog=catalog,
            pain_limit=limit,
            ladders=ladders,
            seeds=chosen[start : start + size],
        )
        for start in range(0, len(chosen), size)
    )
    weeks = len(program.weeks)
    patients: list[PatientSummary] = []
    pain = [[0] * PAIN_LEVELS for _ in range(weeks)]
    rungs = [{ladder: [0] * len(ids) for ladder, ids in ladders} for _ in range(weeks)]
    for done in _run(chunks, executor):
        patients.extend(done.patients)
        for week, counts in enumerate(done.pain):
            _add(pain[week], counts)
        for week, by_ladder in enumerate(done.rungs):
            for (ladder, _), counts in zip(ladders, by_ladder, strict=True):
                _add(rungs[week][ladder], counts)
    return Cohort(
        program=attrs.evolve(program, rules=_rules_as_refs(program, rule)),
        pain_limit=limit,
        patients=tuple(patients),
        weeks=tuple(
            CohortWeek(
                pain=tuple(pain[week]),
                rungs={ladder: tuple(counts) for ladder, counts in rungs[week].items()},
            )
            for week in range(weeks)
        ),
    )


def pain_limit_of(rule: ProgressionRule) -> int:
    """The strictest limit of the stack's pain gates, else the pain gate's default (5/10).

    The stack is walked through each wrapper's ``inner`` rule and each
    [lumbar.FirstMatch][lumbar.progression.FirstMatch]'s rules, as the registry writes
    stacks; a custom rule that judges pain its own way is not seen, and the default
    applies.
    """
    limits: list[int] = []
    pending: list[object] = [rule]
    seen: set[int] = set()
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, PainGate):
            limits.append(current.limit)
        if isinstance(current, FirstMatch):
            pending.extend(current.rules)
        inner = getattr(current, "inner", None)
        if inner is not None:
            pending.append(inner)
    return min(limits, default=DEFAULT_PAIN_LIMIT)


def _checked_seeds(seeds: Iterable[int]) -> tuple[int, ...]:
    if isinstance(seeds, str | bytes) or not isinstance(seeds, Iterable):
        raise ValidationError.single(
            "seeds", f"must be an iterable of integers, got {type(seeds).__name__}"
        )
    chosen = tuple(seeds)
    errors = [
        (f"seeds[{index}]", f"must be an integer, got {type(seed).__name__}")
        for index, seed in enumerate(chosen)
        if type(seed) is not int
    ]
    if errors:
        raise ValidationError(errors)
    if not chosen:
        raise ValidationError.single("seeds", "must hold at least one seed")
    return chosen


def _chunk_size(chunk_size: int | None, patients: int) -> int:
    if chunk_size is None:
        return min(CHUNK_SIZE, math.ceil(patients / CHUNKS_PER_COHORT))
    if type(chunk_size) is not int or chunk_size < 1:
        raise ValidationError.single(
            "chunk_size", f"must be a whole number >= 1 or None, got {chunk_size!r}"
        )
    return chunk_size


def _ladders(program: Program, catalog: Catalog) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each ladder of the program, in order of first appearance: its key and its rungs' ids."""
    found: dict[str, tuple[str, ...]] = {}
    for _, prescription in program.prescriptions():
        ladder = catalog.ladder(prescription.exercise)
        found.setdefault(ladder[0].id, tuple(exercise.id for exercise in ladder))
    return tuple(found.items())


def _add(total: list[int], counts: tuple[int, ...]) -> None:
    for index, count in enumerate(counts):
        total[index] += count


@attrs.frozen(kw_only=True)
class _Chunk:
    """What a worker needs for some seeds: plain values, pickled with the standard pickle."""

    program: Program
    patient: VirtualPatient
    rule: ProgressionRule
    catalog: Catalog
    pain_limit: int
    ladders: tuple[tuple[str, tuple[str, ...]], ...]
    seeds: tuple[int, ...]


@attrs.frozen(kw_only=True)
class _Done:
    """A chunk's summaries, and its weekly counts by pain level and by ladder and rung."""

    patients: tuple[PatientSummary, ...]
    pain: tuple[tuple[int, ...], ...]
    rungs: tuple[tuple[tuple[int, ...], ...], ...]


def _run(chunks: Iterator[_Chunk], executor: Executor | None) -> Iterator[_Done]:
    """Each chunk's result, in the chunks' order, with at most `IN_FLIGHT` chunks pending."""
    if executor is None:
        yield from map(run_chunk, chunks)
        return
    pending: collections.deque[Future[_Done]] = collections.deque(
        executor.submit(run_chunk, chunk) for chunk in itertools.islice(chunks, IN_FLIGHT)
    )
    try:
        while pending:
            done = pending.popleft().result()
            for chunk in itertools.islice(chunks, 1):
                pending.append(executor.submit(run_chunk, chunk))
            yield done
    finally:
        for future in pending:  # after a failure, what has not started need not run
            future.cancel()


def run_chunk(chunk: _Chunk) -> _Done:
    """Simulate a chunk's seeds with simulate_many and summarize each simulation.

    Module-level, so that executors pickle it by name. Equal parts of the summaries
    (decision counts, ladder ends) are shared within the chunk, which keeps a big
    cohort small in memory and in transit.
    """
    weeks = len(chunk.program.weeks)
    summary = _Summarizer(chunk.pain_limit, chunk.ladders, weeks)
    simulations = simulate_many(
        chunk.program, chunk.patient, chunk.seeds, rule=chunk.rule, catalog=chunk.catalog
    )
    patients = tuple(
        summary.patient(seed, simulation)
        for seed, simulation in zip(chunk.seeds, simulations, strict=True)
    )
    return _Done(
        patients=patients,
        pain=tuple(tuple(counts) for counts in summary.pain),
        rungs=tuple(
            tuple(tuple(by_ladder[ladder]) for ladder, _ in chunk.ladders)
            for by_ladder in summary.rungs
        ),
    )


class _Summarizer:
    """Summarizes simulations one at a time, adding to the chunk's weekly counts."""

    def __init__(
        self, limit: int, ladders: tuple[tuple[str, tuple[str, ...]], ...], weeks: int
    ) -> None:
        self.limit = limit
        self.place = {
            exercise: (ladder, rung) for ladder, ids in ladders for rung, exercise in enumerate(ids)
        }
        self.pain = [[0] * PAIN_LEVELS for _ in range(weeks)]
        self.rungs = [{ladder: [0] * len(ids) for ladder, ids in ladders} for _ in range(weeks)]
        self.names = action_names()
        self.order = tuple(ladder for ladder, _ in ladders)
        # Equal parts of different patients' summaries, made once and shared.
        self.counts: dict[tuple[int, ...], FrozenDict[str, int]] = {}
        self.ends: dict[tuple[object, ...], LadderEnd] = {}
        self.end_tuples: dict[tuple[LadderEnd, ...], tuple[LadderEnd, ...]] = {}

    def patient(self, seed: int, simulation: Simulation) -> PatientSummary:
        place = self.place
        worst: dict[int, int] = {}
        week_rungs: dict[tuple[int, str], int] = {}
        last: dict[str, tuple[str, int, Dose]] = {}
        given = completed = total_pain = peak = 0
        for record in simulation.records:
            week = record.week_index
            highest = worst.get(week, 0)
            for prescription, result in zip(
                record.session.prescriptions, record.log.results, strict=True
            ):
                pain = max(result.pain_during, result.pain_next_day)
                highest = max(highest, pain)
                total_pain += pain
                given += 1
                completed += result.completed
                ladder, rung = place[prescription.exercise]
                week_rungs[week, ladder] = rung
                last[ladder] = (prescription.exercise, rung, prescription.dose)
            worst[week] = highest
            peak = max(peak, highest)
        for week, highest in worst.items():
            self.pain[week][highest] += 1
        for (week, ladder), rung in week_rungs.items():
            self.rungs[week][ladder][rung] += 1
        counts = dict.fromkeys(self.names, 0)
        stopped: set[str] = set()
        for decision in simulation.decisions:
            counts[decision.action.value] += 1
            if decision.action is Action.STOP:
                stopped.add(place[decision.exercise][0])
        ends = tuple(
            self._ladder_end(ladder, *last[ladder], ladder in stopped)
            for ladder in self.order
            if ladder in last
        )
        key = tuple(counts.values())
        decisions = self.counts.get(key)
        if decisions is None:
            decisions = self.counts[key] = FrozenDict(counts)
        return PatientSummary(
            seed=seed,
            weeks_done=len(simulation.program.weeks),
            ended_early=simulation.ended_early,
            decisions=decisions,
            weeks_over_limit=sum(highest > self.limit for highest in worst.values()),
            peak_pain=peak,
            mean_pain=total_pain / given,
            adherence=completed / given,
            ladders=self.end_tuples.setdefault(ends, ends),
        )

    def _ladder_end(
        self, ladder: str, exercise: str, rung: int, dose: Dose, stopped: bool
    ) -> LadderEnd:
        key = (ladder, exercise, rung, dose, stopped)
        found = self.ends.get(key)
        if found is None:
            found = self.ends[key] = LadderEnd(
                ladder=ladder, exercise=exercise, rung=rung, dose=dose, stopped=stopped
            )
        return found
