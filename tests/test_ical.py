"""iCalendar: one event per session, on the program's days, with stable UIDs."""

import datetime

import icalendar
import pytest

import lumbar

CLEAR = lumbar.screen(lumbar.RedFlags())
PROGRAM = lumbar.build_program(lumbar.Profile(screening=CLEAR, weeks=4, days=3))
MONDAY = datetime.date(2024, 1, 1)


def _events(text):
    calendar = icalendar.Calendar.from_ical(text)
    return [c for c in calendar.walk() if c.name == "VEVENT"]


def test_one_event_per_session_on_the_programs_days():
    """3 sessions a week for 4 weeks, on the days the program names (Monday, Wednesday, Friday)."""
    events = _events(lumbar.to_ical(PROGRAM, start=MONDAY))
    assert len(events) == sum(len(week.sessions) for week in PROGRAM.weeks)
    days = [event.decoded("dtstart") for event in events]
    assert days[:3] == [MONDAY, MONDAY.replace(day=3), MONDAY.replace(day=5)]
    assert days[3] == MONDAY + datetime.timedelta(weeks=1)
    assert [day.weekday() for day in days] == [0, 2, 4] * 4


def test_given_weekdays_from_any_start():
    """weekdays= places the sessions, in order, from the start day on."""
    events = _events(lumbar.to_ical(PROGRAM, start=datetime.date(2024, 1, 3), weekdays=[1, 3, 5]))
    days = [event.decoded("dtstart") for event in events]
    assert [d.isoformat() for d in days[:3]] == ["2024-01-04", "2024-01-06", "2024-01-09"]
    assert days == sorted(days)
    assert all(d >= datetime.date(2024, 1, 3) for d in days)


def test_descriptions_list_the_exercises_and_doses():
    """Each event lists its session's exercises by name, with their doses."""
    event = _events(lumbar.to_ical(PROGRAM, start=MONDAY))[0]
    description = str(event.get("description"))
    catalog = lumbar.default_catalog()
    for rx in PROGRAM.weeks[0].sessions[0].prescriptions:
        assert catalog[rx.exercise].name in description


def test_uids_are_stable_and_distinct():
    """The same program gives the same UIDs, whatever the start; each session its own."""
    first = [str(e.get("uid")) for e in _events(lumbar.to_ical(PROGRAM, start=MONDAY))]
    again = lumbar.to_ical(PROGRAM, start=MONDAY + datetime.timedelta(weeks=2))
    assert first == [str(e.get("uid")) for e in _events(again)]
    assert len(set(first)) == len(first)
    assert lumbar.to_ical(PROGRAM, start=MONDAY) == lumbar.to_ical(PROGRAM, start=MONDAY)


def test_the_calendar_is_rfc_5545():
    """VERSION 2.0, a PRODID, CRLF line ends, and each event a UID, DTSTAMP and DTSTART."""
    text = lumbar.to_ical(PROGRAM, start=MONDAY)
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    assert "VERSION:2.0\r\n" in text
    assert "PRODID:" in text
    for event in _events(text):
        for key in ("uid", "dtstamp", "dtstart", "summary"):
            assert event.get(key) is not None


@pytest.mark.parametrize("weekdays", [[], [7], [0, 0, 1], [-1], ["monday"], [0, 1]])
def test_bad_weekdays_are_validation_errors(weekdays):
    """Days outside 0-6, repeated, or fewer than a week's sessions: a ValidationError."""
    with pytest.raises(lumbar.ValidationError, match="weekdays"):
        lumbar.to_ical(PROGRAM, start=MONDAY, weekdays=weekdays)
