"""Hypothesis strategies for every public lumbar type.

Use them to test code built on lumbar, such as your own progression rules:

```python
from hypothesis import given
from lumbar import strategies

@given(strategies.programs(catalog=lumbar.default_catalog()))
def test_my_rule_never_raises(program): ...
```

Importing this module needs ``hypothesis`` (the library itself does not).
Every strategy generates valid objects only; invalid input is covered by the
strategies of raw JSON-like values, such as [json_values][lumbar.strategies.json_values].
"""

from __future__ import annotations

from lumbar.strategies._documents import documents, week_figures
from lumbar.strategies._model import (
    activity_goals,
    catalogs,
    constraints,
    dose_between,
    doses,
    durations,
    evidence_references,
    exercise_ids,
    exercises,
    holds,
    intervals,
    json_values,
    ladders,
    metadata,
    phases,
    prescriptions,
    programs,
    reference_ids,
    reps,
    sessions,
    texts,
    weeks,
)
from lumbar.strategies._planning import profiles
from lumbar.strategies._progression import (
    attempts,
    decisions,
    exercise_results,
    histories,
    program_states,
    program_templates,
    rule_contexts,
    session_logs,
    steps,
)
from lumbar.strategies._responders import responders
from lumbar.strategies._rules import base_rules, rule_refs, rule_stacks
from lumbar.strategies._safety import (
    assessments,
    checklist_answers,
    checklists,
    comparable_scores,
    fabq_answers,
    fabq_results,
    lifts,
    oswestry_results,
    oswestry_sections,
    pain_ratings,
    pseq_answers,
    pseq_results,
    red_flags,
    roland_morris_answers,
    roland_morris_results,
    score_changes,
    screenings,
    start_back_items,
    start_back_results,
)
from lumbar.strategies._simulation import (
    cohort_summaries,
    cohorts,
    simulations,
    virtual_patients,
)

__all__ = [
    "activity_goals",
    "assessments",
    "attempts",
    "base_rules",
    "catalogs",
    "checklist_answers",
    "checklists",
    "cohort_summaries",
    "cohorts",
    "comparable_scores",
    "constraints",
    "decisions",
    "documents",
    "dose_between",
    "doses",
    "durations",
    "evidence_references",
    "exercise_ids",
    "exercise_results",
    "exercises",
    "fabq_answers",
    "fabq_results",
    "histories",
    "holds",
    "intervals",
    "json_values",
    "ladders",
    "lifts",
    "metadata",
    "oswestry_results",
    "oswestry_sections",
    "pain_ratings",
    "phases",
    "prescriptions",
    "profiles",
    "program_states",
    "program_templates",
    "programs",
    "pseq_answers",
    "pseq_results",
    "red_flags",
    "reference_ids",
    "reps",
    "responders",
    "roland_morris_answers",
    "roland_morris_results",
    "rule_contexts",
    "rule_refs",
    "rule_stacks",
    "score_changes",
    "screenings",
    "session_logs",
    "sessions",
    "simulations",
    "start_back_items",
    "start_back_results",
    "steps",
    "texts",
    "virtual_patients",
    "week_figures",
    "weeks",
]
