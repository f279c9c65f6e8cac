"""Hypothesis strategies for progression rules: references, base rules and whole stacks.

Re-exported by [lumbar.strategies][]; importing this module needs hypothesis.
"""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import strategies as st

from lumbar.model._program import RuleRef
from lumbar.progression._aerobic import DurationProgression, WalkRunProgression
from lumbar.progression._cap import WeeklyCap
from lumbar.progression._deload import DeloadRule
from lumbar.progression._first_match import FirstMatch
from lumbar.progression._holds import HoldTimeProgression, ReversePyramid
from lumbar.progression._ladder import LadderProgression
from lumbar.progression._pain_gate import PainGate
from lumbar.progression._protocol import ProgressionRule
from lumbar.progression._strength import DoubleProgression, LoadProgression
from lumbar.strategies._model import exercise_ids


def rule_refs() -> st.SearchStrategy[RuleRef]:
    """Valid rule references with arbitrary scalar parameters (names need not be registered)."""

    scalars = (
        st.integers(-1000, 1000)
        | st.floats(allow_nan=False, allow_infinity=False)
        | st.booleans()
        | st.text(max_size=10)
    )
    return st.builds(
        RuleRef,
        name=exercise_ids(),
        params=st.dictionaries(st.text(min_size=1, max_size=10), scalars, max_size=4),
    )


def base_rules() -> st.SearchStrategy[ProgressionRule]:
    """Built-in base rules with valid, varied parameters."""
    effort = st.integers(3, 10).map(float)
    return st.one_of(
        st.builds(
            lambda low, width, step, pct, kg, rpe: DoubleProgression(
                rep_low=low,
                rep_high=low + width,
                reps_step=step,
                load_percent=pct,
                load_step_kg=kg,
                max_rpe=rpe,
            ),
            st.integers(1, 12),
            st.integers(0, 8),
            st.integers(1, 3),
            st.sampled_from([2.0, 5.0, 10.0]),
            st.sampled_from([0.5, 1.0, 2.5]),
            effort,
        ),
        st.builds(
            LoadProgression,
            percent=st.sampled_from([0.0, 2.0, 5.0, 10.0]),
            step_kg=st.sampled_from([0.5, 1.0, 2.5]),
            max_rpe=effort,
        ),
        st.builds(
            HoldTimeProgression,
            seconds_step=st.integers(1, 10),
            max_seconds=st.integers(5, 60),
            reps_step=st.integers(1, 3),
            max_rpe=effort,
        ),
        st.builds(ReversePyramid, reps_step=st.integers(1, 3), max_rpe=effort),
        st.builds(
            DurationProgression,
            percent=st.sampled_from([5.0, 10.0, 20.0]),
            target_minutes=st.integers(10, 60),
            max_rpe=effort,
        ),
        st.builds(
            WalkRunProgression,
            sessions_per_stage=st.integers(1, 4),
            max_pain=st.integers(0, 5),
            max_rpe=effort,
        ),
    )


WRAPPERS: dict[str, Callable[[ProgressionRule], st.SearchStrategy[ProgressionRule]]] = {
    "weekly-cap": lambda inner: st.builds(
        WeeklyCap,
        inner=st.just(inner),
        percent=st.sampled_from([5.0, 10.0, 30.0]),
        load_percent=st.sampled_from([5.0, 10.0]),
        load_step_kg=st.sampled_from([0.5, 1.0, 2.0]),
    ),
    "pain-gate": lambda inner: st.builds(PainGate, inner=st.just(inner), limit=st.integers(2, 7)),
    "deload": lambda inner: st.builds(
        DeloadRule, inner=st.just(inner), volume_percent=st.integers(40, 90)
    ),
    "ladder": lambda inner: st.builds(
        LadderProgression,
        inner=st.just(inner),
        confirm_sessions=st.integers(1, 3),
        max_pain=st.integers(2, 5),
        start=st.sampled_from(["default", "min"]),
        enter_walk_run=st.booleans(),
        walk_run_confirm_sessions=st.integers(1, 8),
    ),
}


@st.composite
def rule_stacks(draw: st.DrawFn) -> ProgressionRule:
    """Built-in rule stacks: any wrappers, in any order, around one or more base rules."""
    bases = draw(st.lists(base_rules(), min_size=1, max_size=4))
    rule: ProgressionRule = bases[0] if len(bases) == 1 else FirstMatch(rules=tuple(bases))
    names = draw(st.lists(st.sampled_from(sorted(WRAPPERS)), unique=True, max_size=4))
    for name in names:
        rule = draw(WRAPPERS[name](rule))
    return rule
