"""The daily walking goal week by week: from where a person starts toward 30 minutes on 5 days."""

from __future__ import annotations

from collections.abc import Sequence

from lumbar.model._activity import MAX_DAILY_MINUTES, MAX_DAILY_STEPS, ActivityGoal

TARGET_MINUTES = 30
"""The daily walking goal to build toward: 30 minutes on 5 days is the WHO minimum of
150 minutes of moderate activity a week (`who-2020-pa`) and the WalkBack goal of
30 minutes 5 times a week (`pocovi-2024-lancet`)."""


WEEKLY_RISE_PERCENT = 10
"""How much the daily minutes may rise from one week to the next, at least one minute.
A design choice: the same conservative figure as the progression engine's weekly cap."""


LOWEST_START_MINUTES = 5
"""A person who walks less than this starts here (design choice: a short daily walk that
anyone cleared to exercise can do)."""


STEPS_PER_MINUTE = 100
"""About 100 steps a minute is walking at moderate intensity in adults (`tudor-locke-2018-bjsm`);
used to turn extra walking minutes into extra steps."""


REFERENCES = ("who-2020-pa", "pocovi-2024-lancet", "acsm-garber-2011")
"""The sources behind the walking goal."""

# Each named number below -> the registry ids behind it (docs/evidence.md; a test checks).
EVIDENCE = {
    "TARGET_MINUTES": ("who-2020-pa", "pocovi-2024-lancet"),
    "WEEKLY_RISE_PERCENT": ("design-weekly-cap",),
    "LOWEST_START_MINUTES": ("design-walking-doses",),
    "STEPS_PER_MINUTE": ("tudor-locke-2018-bjsm",),
}


def next_minutes(minutes: int, target: int = TARGET_MINUTES) -> int:
    """One week's rise toward ``target``: 10% more (rounded down), at least one minute."""
    if minutes >= target:
        return minutes
    return min(target, minutes + max(1, minutes * WEEKLY_RISE_PERCENT // 100))


def activity_schedule(
    baseline_minutes: int,
    deload: Sequence[bool],
    *,
    baseline_steps: int | None = None,
    brisk: Sequence[bool] | None = None,
) -> tuple[ActivityGoal, ...]:
    """One goal per week, from the baseline toward 30 minutes a day on 5 days.

    ``deload`` marks the lighter weeks, in which the goal holds instead of rising.
    Someone who already walks 30 minutes or more keeps their own figure. Steps, when
    the person counts them, rise by about 100 steps for each extra minute.
    """
    start = min(MAX_DAILY_MINUTES, max(LOWEST_START_MINUTES, baseline_minutes))
    goals: list[ActivityGoal] = []
    made: dict[tuple[int, int | None, bool], ActivityGoal] = {}
    minutes = start
    for index, lighter in enumerate(deload):
        if index and not lighter:
            minutes = next_minutes(minutes)
        steps = (
            None
            if baseline_steps is None
            else min(MAX_DAILY_STEPS, baseline_steps + (minutes - start) * STEPS_PER_MINUTE)
        )
        fast = bool(brisk[index]) if brisk is not None else False
        key = (minutes, steps, fast)
        goal = made.get(key)
        if goal is None:
            goal = made[key] = ActivityGoal(minutes=minutes, steps=steps, brisk=fast)
        goals.append(goal)
    return tuple(goals)
