"""A program as an iCalendar (RFC 5545) calendar: one event per session.

Written with the ``icalendar`` package, the optional extra ``lumbar[calendar]``,
imported when a calendar is made.
"""

from __future__ import annotations

import datetime
import hashlib
import uuid
from collections.abc import Sequence
from typing import Any

from lumbar.content._catalog import Catalog, default_catalog
from lumbar.errors import ValidationError
from lumbar.model._dose import describe
from lumbar.model._program import Program, Week
from lumbar.planning._calendar import WEEKDAYS, weekdays

PRODUCT = "-//lumbar//exercise program//EN"
_NAMESPACE = uuid.UUID("a8f1c1f4-6a57-4d7c-8e1b-6c756d626172")


def to_ical(
    program: Program,
    *,
    start: datetime.date,
    weekdays: Sequence[int] | None = None,
    catalog: Catalog | None = None,
) -> str:
    """``program`` as iCalendar text: one all-day event per session, from ``start``.

    Week ``n`` of the program is the ``n``-th seven days from ``start``. Its
    sessions fall, in order, on ``weekdays`` (0 = Monday) as they come from the
    week's first day; by default on the days the program names in its session
    labels (as [lumbar.build_program][lumbar.planning.build_program] writes them),
    else spread over the week. Each
    event's UID is made from the program and the session's place in it, so that
    writing the calendar again (even from another start) updates the same events.
    The description lists the session's exercises and doses. Needs the ``calendar``
    extra (``pip install lumbar[calendar]``).
    """
    try:
        import icalendar
    except ImportError as error:  # pragma: no cover - the extra is installed for the tests
        raise ImportError("to_ical needs icalendar: pip install 'lumbar[calendar]'") from error
    from lumbar.formats._json import to_json

    if not isinstance(program, Program):
        raise TypeError(f"to_ical takes a lumbar.Program, got {type(program).__name__}")
    if not isinstance(start, datetime.date) or isinstance(start, datetime.datetime):
        raise ValidationError.single("start", f"must be a datetime.date, got {start!r}")
    chosen = None if weekdays is None else _checked_weekdays(weekdays)
    catalog = default_catalog() if catalog is None else catalog
    fingerprint = hashlib.sha256(to_json(program).encode("utf-8")).hexdigest()
    stamp = datetime.datetime.combine(start, datetime.time(), tzinfo=datetime.UTC)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", program.title or "Exercise program")
    for week_index, week in enumerate(program.weeks):
        days = chosen if chosen is not None else _days_of(week)
        if len(days) < len(week.sessions):
            raise ValidationError.single(
                "weekdays",
                f"has {len(days)} days but week {week_index + 1} has {len(week.sessions)} sessions",
            )
        # Days counted from the week's first day, so that the sessions keep their order.
        offsets = sorted((day - start.weekday()) % 7 for day in days)
        first_day = start + datetime.timedelta(weeks=week_index)
        for session_index, session in enumerate(week.sessions):
            day = first_day + datetime.timedelta(days=offsets[session_index])
            event = icalendar.Event()
            place = f"{fingerprint}/{week_index}/{session_index}"
            event.add("uid", f"{uuid.uuid5(_NAMESPACE, place)}@lumbar")
            event.add("dtstamp", stamp)
            event.add("dtstart", day)
            event.add("dtend", day + datetime.timedelta(days=1))
            event.add("summary", _summary(program, week, week_index, session_index))
            event.add("description", _description(session.prescriptions, week, catalog))
            event.add("categories", ["Exercise"])
            calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")  # type: ignore[no-any-return]


def _checked_weekdays(weekdays: Sequence[int]) -> tuple[int, ...]:
    days = tuple(weekdays)
    if (
        not days
        or any(type(day) is not int or not 0 <= day <= 6 for day in days)
        or len(set(days)) != len(days)
    ):
        raise ValidationError.single(
            "weekdays", f"must be distinct days from 0 (Monday) to 6 (Sunday), got {weekdays!r}"
        )
    return tuple(sorted(days))


def _days_of(week: Week) -> tuple[int, ...]:
    """The days a week's session labels name, or the sessions spread over the week."""
    names = [session.label.strip().capitalize() for session in week.sessions]
    if all(name in WEEKDAYS for name in names) and len(set(names)) == len(names):
        return tuple(sorted(WEEKDAYS.index(name) for name in names))
    return weekdays(len(week.sessions))


def _summary(program: Program, week: Week, week_index: int, session_index: int) -> str:
    what = program.title or "Exercise program"
    deload = ", a lighter week" if week.deload else ""
    session = f"session {session_index + 1} of {len(week.sessions)}"
    return f"{what}: week {week_index + 1}, {session}{deload}"


def _description(prescriptions: Sequence[Any], week: Week, catalog: Catalog) -> str:
    lines = []
    for rx in prescriptions:
        name = catalog[rx.exercise].name if rx.exercise in catalog else rx.exercise
        line = f"- {name}: {describe(rx.dose)}"
        lines.append(f"{line} ({rx.note})" if rx.note else line)
    if week.activity is not None:
        goal = week.activity
        lines.append(f"Walking: {goal.minutes} min a day on {goal.days} days this week")
    return "\n".join(lines)
