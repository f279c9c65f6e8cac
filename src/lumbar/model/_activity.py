"""Daily activity goals: walking a day, on most days, rising gently from where a person starts.

Besides exercise sessions, self-management programs for back pain ask people to
stay active. lumbar expresses that as a daily walking goal carried by each week
of a program: minutes of walking (and, for people who count them, steps) on a
number of days a week. This module is part of the core data model: it imports
nothing above the core, so that `lumbar.model._program` can carry the goal.
"""

from __future__ import annotations

import attrs

from lumbar._base import validators as check
from lumbar._base.document import Document

DAYS_PER_WEEK = 5
"""Walking on "most days": 5 days a week (`who-2020-pa`, `acsm-garber-2011`,
`pocovi-2024-lancet`)."""

MAX_DAILY_MINUTES = 300
"""The most walking minutes a daily goal may ask for (a plausibility bound)."""

MAX_DAILY_STEPS = 50_000
"""The most steps a daily goal may ask for (a plausibility bound)."""

# Each named number below -> the registry ids behind it (docs/evidence.md; a test checks).
EVIDENCE = {
    "DAYS_PER_WEEK": ("who-2020-pa", "acsm-garber-2011", "pocovi-2024-lancet"),
    "MAX_DAILY_MINUTES": ("design-technical-limit",),
    "MAX_DAILY_STEPS": ("design-technical-limit",),
}


@attrs.frozen(kw_only=True, cache_hash=True, repr=False)
class ActivityGoal(Document):
    """A daily walking goal: ``minutes`` a day on ``days`` days of the week.

    ``steps`` is a daily step goal for people who count steps (None otherwise);
    ``brisk`` asks for a brisk pace, quick enough to breathe harder but still talk
    (moderate intensity, `who-2020-pa`). A session's walk counts toward the day's goal.

    >>> ActivityGoal(minutes=20)
    ActivityGoal(minutes=20, days=5, steps=None, brisk=False)
    """

    minutes: int = attrs.field(validator=check.integer(1, MAX_DAILY_MINUTES))
    """Minutes of walking a day."""
    days: int = attrs.field(default=DAYS_PER_WEEK, validator=check.integer(1, 7))
    """Days of the week with that walk."""
    steps: int | None = attrs.field(
        default=None, validator=check.optional(check.integer(0, MAX_DAILY_STEPS))
    )
    """Steps a day, for people who count them; None when steps are not tracked."""
    brisk: bool = attrs.field(default=False, validator=check.boolean)
    """True when the walk is at a brisk pace rather than a comfortable one."""

    @property
    def weekly_minutes(self) -> int:
        """Minutes of walking in the week: ``minutes`` × ``days``."""
        return self.minutes * self.days
