"""Hypothesis strategies for documents: a strategy for every document type, and runs.

Re-exported by `lumbar.strategies`; importing this module needs hypothesis.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

from lumbar.content._education import education_topics
from lumbar.model._log import ExerciseResult
from lumbar.progression._first_match import FirstMatch
from lumbar.progression._ladder import LadderProgression
from lumbar.progression._protocol import WeekFigures
from lumbar.safety._lifting import lifting_multipliers
from lumbar.strategies import (
    _model as model,
    _planning,
    _progression as progression,
    _rules as rules,
    _safety as safety,
    _simulation as simulation,
)
from lumbar.strategies._simulation import simulations


def week_figures() -> st.SearchStrategy[WeekFigures]:
    """What the weekly cap counts for one exercise in one week."""
    return st.builds(
        WeekFigures,
        exercise=model.exercise_ids(),
        week_index=st.integers(0, 520),
        volume=st.integers(0, 10**6),
        steps=st.integers(0, 10**5),
        sessions=st.integers(0, 50),
        load_kg=st.floats(0, 500),
    )


def _first_matches() -> st.SearchStrategy[FirstMatch]:
    return st.lists(rules.base_rules(), min_size=2, max_size=4).map(
        lambda rules: FirstMatch(rules=tuple(rules))
    )


def _results() -> st.SearchStrategy[ExerciseResult]:
    return model.doses().flatmap(progression.exercise_results)


def _strategies() -> dict[type, st.SearchStrategy[Any]]:
    import lumbar as d
    from lumbar.model._dose import DOSE_TYPES
    from lumbar.progression._defaults import default_registry

    def first_of(strategy: st.SearchStrategy[Any], pick: Callable[[Any], Any]) -> Any:
        return strategy.map(pick).filter(lambda value: value is not None)

    by_type: dict[type, st.SearchStrategy[Any]] = {
        dose_type: model.doses(dose_type.kind) for dose_type in DOSE_TYPES
    }
    sims = simulations(max_weeks=3)
    by_type.update(
        {
            d.Prescription: model.prescriptions(),
            d.Session: model.sessions(),
            d.Week: model.weeks(),
            d.Phase: model.phases(),
            d.Program: model.programs(),
            d.RuleRef: rules.rule_refs(),
            d.Constraints: model.constraints(),
            d.ActivityGoal: model.activity_goals(),
            d.Exercise: model.exercises(),
            d.ExerciseResult: _results(),
            d.SessionLog: progression.session_logs(),
            d.Catalog: model.catalogs(),
            d.Checklist: safety.checklists(),
            d.ChecklistItem: safety.checklists().flatmap(lambda c: st.sampled_from(c.items)),
            d.EducationTopic: st.sampled_from(tuple(education_topics().values())),
            d.evidence.Reference: model.evidence_references(),
            d.Decision: progression.decisions(),
            d.Attempt: model.prescriptions().flatmap(progression.attempts),
            d.WeekFigures: week_figures(),
            d.History: progression.histories(),
            d.Track: progression.program_states().flatmap(
                lambda state: st.sampled_from(state.tracks)
            ),
            d.ProgramState: progression.program_states(),
            d.Step: progression.steps(),
            d.FirstMatch: _first_matches(),
            d.RedFlags: safety.red_flags(),
            d.Screening: safety.screenings(),
            d.StartBackResult: safety.start_back_results(),
            d.OswestryResult: safety.oswestry_results(),
            d.RolandMorrisResult: safety.roland_morris_results(),
            d.FabqResult: safety.fabq_results(),
            d.PseqResult: safety.pseq_results(),
            d.ScoreChange: safety.score_changes(),
            d.Assessment: safety.assessments(),
            d.Lift: safety.lifts(),
            d.NioshMultipliers: safety.lifts().map(lifting_multipliers),
            d.Profile: _planning.profiles(),
            d.SessionRecord: first_of(sims, lambda sim: sim.records[0] if sim.records else None),
            d.Simulation: sims,
            d.Cohort: simulation.cohorts(),
            d.CohortSummary: simulation.cohort_summaries(),
        }
    )
    registry = default_registry()
    for name in registry:
        rule_type = registry.factory(name)
        by_type.setdefault(rule_type, _rules_of(rule_type))  # type: ignore[arg-type]
    return by_type


def _rules_of(rule_type: Any) -> st.SearchStrategy[Any]:
    """Rules of ``rule_type`` with varied parameters; a wrapper around a base rule or a stack."""
    wrapper = rules.WRAPPERS.get(rule_type.name)
    if wrapper is None:  # a base rule: one of several drawn, or its defaults
        return st.lists(rules.base_rules(), min_size=6, max_size=12).map(
            lambda rules: next((r for r in rules if type(r) is rule_type), rule_type())
        )
    inner = st.one_of(
        rules.base_rules(),
        _first_matches(),
        rules.base_rules().map(lambda rule: LadderProgression(inner=rule)),
    )
    return inner.flatmap(wrapper)


def documents(cls: type | None = None) -> st.SearchStrategy[Any]:
    """Documents of ``cls`` (see `lumbar.DOCUMENT_TYPES`), or of any document type."""
    by_type = _strategies()
    if cls is not None:
        return by_type[cls]
    return st.sampled_from(tuple(by_type)).flatmap(lambda chosen: by_type[chosen])
