"""The person a program is for, from the options ``plan`` and ``simulate`` share."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lumbar.planning._profile import Profile
    from lumbar.safety._screening import Screening


def profile_of(arguments: argparse.Namespace, screening: Screening) -> Profile:
    """A profile from the options given; the planner's defaults for the rest."""
    from lumbar.model._exercise import Equipment
    from lumbar.model._person import Goal, Risk
    from lumbar.planning._profile import DirectionalPreference, FitnessLevel, Profile

    given: dict[str, Any] = {"screening": screening}
    for name in ("days", "minutes", "weeks", "pain", "walking_minutes", "steps"):
        value = getattr(arguments, name)
        if value is not None:
            given[name] = value
    if arguments.level is not None:
        given["level"] = FitnessLevel(arguments.level)
    if arguments.preference is not None:
        given["preference"] = DirectionalPreference(arguments.preference)
    if arguments.goal is not None:
        given["goal"] = Goal(arguments.goal)
    if arguments.risk is not None:
        given["risk"] = Risk(arguments.risk)
    if arguments.equipment is not None:
        given["equipment"] = tuple(Equipment(item) for item in arguments.equipment)
    return Profile(**given)
