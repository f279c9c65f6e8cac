"""The default rule stack: the built-in wrappers around a base rule per dose type."""

from __future__ import annotations

from collections.abc import Callable

from lumbar.progression._aerobic import DurationProgression, WalkRunProgression
from lumbar.progression._cap import WeeklyCap
from lumbar.progression._deload import DeloadRule
from lumbar.progression._first_match import FirstMatch
from lumbar.progression._holds import HoldTimeProgression, ReversePyramid
from lumbar.progression._ladder import LadderProgression
from lumbar.progression._pain_gate import PainGate
from lumbar.progression._protocol import ProgressionRule
from lumbar.progression._strength import DoubleProgression

BASE_RULES: tuple[Callable[[], ProgressionRule], ...] = (
    ReversePyramid,
    HoldTimeProgression,
    DoubleProgression,
    DurationProgression,
    WalkRunProgression,
)


def default_rule() -> ProgressionRule:
    """The default rule stack.

    The weekly cap around the pain gate around deloads around the ladder, around
    the right base rule for each dose type: the reverse pyramid for pyramid holds,
    hold-time progression for other holds, double progression for repetitions,
    duration progression for continuous activity and walk-run progression for
    intervals.
    """
    bases = FirstMatch(rules=tuple(factory() for factory in BASE_RULES))
    return WeeklyCap(inner=PainGate(inner=DeloadRule(inner=LadderProgression(inner=bases))))
