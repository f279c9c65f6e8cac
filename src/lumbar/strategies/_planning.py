"""Hypothesis strategies for the program builder: profiles and activity goals.

Meant to be re-exported by [lumbar.strategies][]; importing this module needs hypothesis.
"""

from __future__ import annotations

from hypothesis import strategies as st

from lumbar.model._exercise import Equipment
from lumbar.model._person import Goal, Risk
from lumbar.planning._profile import (
    JOGGING_MIN_DAYS,
    JOGGING_MIN_MINUTES,
    MIN_DAYS,
    DirectionalPreference,
    FitnessLevel,
    Profile,
)
from lumbar.safety._red_flags import RedFlags
from lumbar.safety._screening import screen

_OTHER_EQUIPMENT = tuple(item for item in Equipment if item is not Equipment.MAT)


@st.composite
def profiles(
    draw: st.DrawFn,
    *,
    goals: tuple[Goal, ...] = tuple(Goal),
    weeks: st.SearchStrategy[int] | None = None,
) -> Profile:
    """Valid profiles with a clear screening, every field varied.

    The equipment always includes a mat (floor exercises need one, and a program
    cannot be balanced without them); the return-to-jogging goal gets at least 3
    days and 40 minutes, as [lumbar.Profile][lumbar.planning.Profile] requires. ``weeks`` defaults
    to 4-52.
    """
    goal = draw(st.sampled_from(goals))
    jogging = goal is Goal.RETURN_TO_JOGGING
    others = draw(st.lists(st.sampled_from(_OTHER_EQUIPMENT), unique=True, max_size=6))
    return Profile(
        screening=screen(RedFlags()),
        risk=draw(st.none() | st.sampled_from(Risk)),
        pain=draw(st.integers(0, 10)),
        level=draw(st.sampled_from(FitnessLevel)),
        preference=draw(st.sampled_from(DirectionalPreference)),
        equipment=(Equipment.MAT, *others),
        goal=goal,
        days=draw(st.integers(JOGGING_MIN_DAYS if jogging else MIN_DAYS, 7)),
        minutes=draw(st.integers(JOGGING_MIN_MINUTES if jogging else 10, 120)),
        weeks=draw(st.integers(4, 52) if weeks is None else weeks),
        walking_minutes=draw(st.integers(0, 60)),
        steps=draw(st.none() | st.integers(0, 20_000)),
    )
