"""When things happen: training days, rotation groups, walk-run days, phases and deload weeks."""

from __future__ import annotations

from collections.abc import Sequence

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

DELOAD_EVERY = 4
"""Every fourth week is lighter (design choice; ACSM describes varied, periodized training,
`acsm-2009-rt`, and the running notes an easier week every 3-4 weeks). The planner marks
the weeks; the deload rule decides how much lighter."""

PHASE_SHARES = (4, 8, 14)
"""Foundation, build, and capacity/maintenance weeks out of 26: about 4, 8 and 14 (domain
notes §5, a design choice informed by `nice-cg88-2009` and `pocovi-2024-lancet`)."""

WALK_RUN_DAYS = 3  # walk-run 3 days a week, non-consecutive (running notes §4)

MAX_SESSION_KINDS = 3
"""At most three rotation groups (kinds of session) a week: with seven days, three
groups keep every strength and trunk-control exercise off consecutive days."""

MAX_DAYS_PER_SESSION_KIND = 3
"""Each group on at most three days a week: 2-3 days a week per exercise (`acsm-2009-rt`)."""


# Each named number below -> the registry ids behind it (docs/evidence.md; a test checks).
EVIDENCE = {
    "DELOAD_EVERY": ("acsm-2009-rt", "design-deload"),
    "PHASE_SHARES": ("nice-cg88-2009", "design-program-length"),
    "WALK_RUN_DAYS": ("design-walk-run-stages",),
    "MAX_SESSION_KINDS": ("design-session-layout",),
    "MAX_DAYS_PER_SESSION_KIND": ("design-session-layout",),
}


def weekdays(days: int) -> tuple[int, ...]:
    """Training days spread over the week (0 = Monday)."""
    return tuple(index * 7 // days for index in range(days))


def groups(days: Sequence[int]) -> tuple[int, ...]:
    """Rotation groups so that no group falls on consecutive days, 2-3 times a week each.

    Consecutive includes Sunday to the next Monday. The fewest groups that work.
    """
    for count in range(1, MAX_SESSION_KINDS + 1):
        found = _try_groups(days, count)
        if found is not None:
            return found
    raise AssertionError("three groups always fit seven days")  # pragma: no cover


def _try_groups(days: Sequence[int], count: int) -> tuple[int, ...] | None:
    by_day: dict[int, int] = {}
    uses = [0] * count
    for day in days:
        banned = {by_day.get((day - 1) % 7), by_day.get((day + 1) % 7)}
        choices = [
            g for g in range(count) if g not in banned and uses[g] < MAX_DAYS_PER_SESSION_KIND
        ]
        if not choices:
            return None
        group = min(choices, key=lambda g: (uses[g], g))
        by_day[day] = group
        uses[group] += 1
    return tuple(by_day[day] for day in days)


def run_days(days: Sequence[int]) -> frozenset[int]:
    """Three session indexes on non-consecutive days (Sunday to Monday counts), for walk-run."""
    chosen: list[int] = []
    for index, day in enumerate(days):
        # Not the day after or the day before another (Sunday to Monday counts).
        if all((day - days[c]) % 7 not in (1, 7 - 1) for c in chosen):
            chosen.append(index)
        if len(chosen) == WALK_RUN_DAYS:
            break
    return frozenset(chosen)


def phase_lengths(weeks: int) -> tuple[int, int, int]:
    """The weeks of the foundation, build and capacity phases, scaled to the program."""
    total = sum(PHASE_SHARES)
    first = max(1, round(weeks * PHASE_SHARES[0] / total))
    second = max(1, round(weeks * PHASE_SHARES[1] / total))
    return first, second, weeks - first - second


def phase_starts(lengths: Sequence[int]) -> tuple[int, ...]:
    """The index of each phase's first week."""
    starts = []
    week = 0
    for length in lengths:
        starts.append(week)
        week += length
    return tuple(starts)


def deload_weeks(weeks: int, starts: Sequence[int]) -> tuple[bool, ...]:
    """Every fourth week lighter, except a week that opens a phase (new exercises join then)."""
    return tuple((index + 1) % DELOAD_EVERY == 0 and index not in starts for index in range(weeks))
