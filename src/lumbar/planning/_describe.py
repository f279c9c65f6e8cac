"""What a planned program says about itself: its phases, title and metadata."""

from __future__ import annotations

from collections.abc import Sequence

from lumbar.model._person import Goal
from lumbar.model._program import Phase
from lumbar.planning._profile import Profile

FREQUENCY_REFERENCES = ("acsm-2009-rt", "acsm-garber-2011", "acsm-flex-2021", "who-2020-pa")
"""Strength and trunk-control work 2-3 days a week on non-consecutive days (`acsm-2009-rt`,
`acsm-garber-2011`), stretching at least 2-3 days a week, daily is best (`acsm-flex-2021`),
aerobic activity on most days (`who-2020-pa`)."""

PROGRAM_REFERENCES = (
    *FREQUENCY_REFERENCES,
    "hayden-2021-cochrane",
    "owen-2020-bjsm",
    "mcgill-1999-apmr",
    "pocovi-2024-lancet",
    "steffens-2016-jama-im",
    "silbernagel-2007-ajsm",
)

PHASE_NAMES = (
    "Foundation: trunk control and mobility",
    "Build: strength",
    "Capacity and maintenance",
)

_GOAL_TITLES = {
    Goal.GENERAL: "general back health",
    Goal.RETURN_TO_JOGGING: "return to jogging",
    Goal.DESK_WORKER: "desk work",
    Goal.MANUAL_WORK: "lifting and manual work",
}

_WALKING_FOCUS = (
    "Brisk walking three days a week grows toward 30 minutes; the walk-run starts once "
    "30 minutes has been comfortable (running notes §4, belavy-2017-scirep)."
)
_RUNNING_FOCUS = (
    "Walk-run 3 days a week on non-consecutive days: short jogs grow stage by stage "
    "toward continuous running, moving on only while pain stays at 3/10 or less and "
    "settles by the next morning (silbernagel-2007-ajsm, nielsen-2014-jospt)."
)


def _focus(index: int, groups: int) -> str:
    spread = (
        "every training day, which are never consecutive"
        if groups == 1
        else f"in {groups} alternating groups, so that none comes on consecutive days"
    )
    frequency = (
        f" Strength and trunk-control exercises {spread} (2-3 days a week each, acsm-2009-rt); "
        "stretches every session (acsm-flex-2021); the daily walk on 5 days (who-2020-pa)."
    )
    if index == 0:
        return (
            "Learn the trunk-control exercises (curl-up, side bridge, bird dog: "
            "mcgill-1999-apmr) and gentle mobility, with strength work at body weight." + frequency
        )
    if index == 1:
        return (
            "More strength exercises; 8-12 repetitions, then more sets or load (acsm-2009-rt). "
            "An exercise whose dose has reached its top moves to a harder variant." + frequency
        )
    return (
        "Build capacity and keep it: doses keep rising gently to the top of each exercise, "
        "walking reaches 30 minutes a day (who-2020-pa, pocovi-2024-lancet)." + frequency
    )


def phases(
    lengths: Sequence[int], running_from: int | None, goal: Goal, groups: int
) -> tuple[Phase, ...]:
    """The three phases; for the return to jogging the last is brisk walking, then walk-run.

    ``running_from`` is the first week of the walk-run in the forecast, if it comes.
    """
    first = [Phase(name=PHASE_NAMES[i], weeks=lengths[i], focus=_focus(i, groups)) for i in (0, 1)]
    last = lengths[2]
    if goal is not Goal.RETURN_TO_JOGGING:
        return (*first, Phase(name=PHASE_NAMES[2], weeks=last, focus=_focus(2, groups)))
    if running_from is None:
        focus = f"{_WALKING_FOCUS} Not reached within this program: the next program goes on."
        return (*first, Phase(name="Capacity: brisk walking", weeks=last, focus=focus))
    walking_weeks = max(0, running_from - lengths[0] - lengths[1])
    found = list(first)
    if walking_weeks:
        found.append(
            Phase(name="Capacity: brisk walking", weeks=walking_weeks, focus=_WALKING_FOCUS)
        )
    found.append(
        Phase(name="Return to running: walk-run", weeks=last - walking_weeks, focus=_RUNNING_FOCUS)
    )
    return tuple(found)


def title(profile: Profile, cycle: int) -> str:
    ordinal = "" if cycle == 1 else f" {cycle}"
    return f"Back program{ordinal}: {_GOAL_TITLES[profile.goal]}, {profile.weeks} weeks"


def metadata(profile: Profile, cycle: int) -> dict[str, str]:
    return {
        "generator": "lumbar.build_program",
        "cycle": str(cycle),
        "goal": profile.goal.value,
        "level": profile.level.value,
        "preference": profile.preference.value,
        "days": str(profile.days),
        "minutes": str(profile.minutes),
        "equipment": ",".join(item.value for item in profile.equipment),
        "risk": "" if profile.risk is None else profile.risk.value,
        "pain": str(profile.pain),
        "references": " ".join(PROGRAM_REFERENCES),
    }
