"""Readable renderings of a program, by phase and week: plain text for terminals, and Markdown.

Days with the same exercises are shown together, and a week whose sessions repeat
the week before says so, so that a 26-week program stays short enough to read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from lumbar.content._catalog import Catalog, default_catalog
from lumbar.model._constraints import EVERY_LOADING
from lumbar.model._dose import Dose, Intervals, describe, dose_minutes
from lumbar.model._exercise import Category
from lumbar.model._program import Prescription, Program, Session, Week

PAIN_RULE = (
    "Pain rule: pain during an exercise up to 3/10 is fine and 4-5/10 acceptable; above "
    "5/10, or pain that has not settled by the next morning, means easing off "
    "(silbernagel-2007-ajsm; thresholds from summaries of the pain-monitoring model)."
)
SAFETY_NET = (
    "Stop and seek care straight away if you notice new numbness between your legs, new "
    "trouble with your bladder or bowels, or new weakness in your legs."
)


def _name(catalog: Catalog, exercise_id: str) -> str:
    return catalog[exercise_id].name if exercise_id in catalog else exercise_id


def _per_side(catalog: Catalog, exercise_id: str) -> bool:
    return exercise_id in catalog and catalog[exercise_id].per_side


def session_minutes(session: Session, catalog: Catalog) -> float:
    """Estimated minutes of a session (`lumbar.model._dose.dose_minutes` summed)."""
    return sum(dose_minutes(rx.dose, per_side=_per_side(catalog, rx.exercise)) for rx in session)


def _minutes_of(catalog: Catalog) -> Callable[[Session], float]:
    """`session_minutes`, worked out once for each distinct session (weeks repeat them)."""
    known: dict[tuple[Prescription, ...], float] = {}

    def minutes(session: Session) -> float:
        found = known.get(session.prescriptions)
        if found is None:
            found = known[session.prescriptions] = session_minutes(session, catalog)
        return found

    return minutes


def _days(week: Week) -> list[tuple[str, Session]]:
    """Sessions with the same exercises and doses grouped: ("Monday, Thursday", session).

    A session without a label is named by its place in the week ("Session 2").
    """
    groups: dict[tuple[Prescription, ...], tuple[Session, list[str]]] = {}
    for number, session in enumerate(week.sessions, 1):
        _, labels = groups.setdefault(session.prescriptions, (session, []))
        labels.append(session.label or f"Session {number}")
    return [(", ".join(labels), session) for session, labels in groups.values()]


def _sessions_a_week(program: Program) -> str:
    """``"3 sessions"``, or the range when weeks differ: ``"2-4 sessions"``."""
    counts = {len(week.sessions) for week in program.weeks}
    fewest, most = min(counts), max(counts)
    number = str(most) if fewest == most else f"{fewest}-{most}"
    return f"{number} session{'' if most == 1 else 's'}"


# What a session holds, as the summary names it: in plain text, and before "exercises".
_KINDS = (
    (Category.STRETCH, "mobility", "mobility"),
    (Category.STABILIZATION, "trunk control", "trunk-control"),
    (Category.STRENGTH, "strength", "strength"),
    (Category.AEROBIC, "aerobic exercise", "aerobic"),
)


def _in_every_session(program: Program, catalog: Catalog) -> list[tuple[str, str]]:
    """The kinds of exercise that every session of the program holds, as words."""
    common = {category for category, _, _ in _KINDS}
    for session in {s.prescriptions for week in program.weeks for s in week.sessions}:
        common &= {catalog[rx.exercise].category for rx in session if rx.exercise in catalog}
    return [(text, markdown) for category, text, markdown in _KINDS if category in common]


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _phase_ranges(program: Program) -> list[tuple[int, int, str, str]]:
    """(first week, last week, name, focus), 1-based; one untitled phase without phases."""
    if not program.phases:
        return [(1, len(program.weeks), "", "")]
    ranges = []
    start = 1
    for phase in program.phases:
        ranges.append((start, start + phase.weeks - 1, phase.name, phase.focus))
        start += phase.weeks
    return ranges


def _topic_line(topic_id: str | None) -> str | None:
    if topic_id is None:
        return None
    from lumbar.content._education import education_topics

    topic = education_topics().get(topic_id)
    if topic is None:
        return f"Topic: {topic_id}"
    return f"Topic: {topic.title}. {topic.summary}"


def _walk_line(week: Week, catalog: Catalog) -> str | None:
    goal = week.activity
    if goal is None:
        return None
    pace = "brisk walk" if goal.brisk else "walk"
    steps = f" (about {goal.steps:,} steps a day)" if goal.steps is not None else ""
    counts = any(
        rx.exercise in catalog and catalog[rx.exercise].category is Category.AEROBIC
        for session in week.sessions
        for rx in session
    )
    note = "; walking or running in a session counts toward it" if counts else ""
    return f"Daily {pace}: {goal.minutes} min on {goal.days} days a week{steps}{note}"


def _constraints_line(program: Program) -> str | None:
    """What the program's exercises were chosen to fit, when it is limited at all."""
    constraints = program.constraints
    parts = []
    if constraints.equipment is not None:
        have = ", ".join(item.value.replace("-", " ") for item in constraints.equipment)
        parts.append(f"{have} at hand" if have else "no equipment")
    avoided = [item.value for item in EVERY_LOADING if item not in constraints.loading]
    if avoided:
        parts.append(f"nothing that loads the spine in {' or '.join(avoided)}")
    if not parts:
        return None
    return f"Exercises chosen for: {'; '.join(parts)}."


def _name_width(program: Program, catalog: Catalog) -> int:
    """The width of the exercise-name column: the longest name, so that doses line up."""
    return max(len(_name(catalog, exercise_id)) for exercise_id in _exercise_ids(program))


def _dose_text(catalog: Catalog, exercise_id: str, dose: Dose) -> str:
    if isinstance(dose, Intervals):
        # Walk-run intervals: the work is the jog and the rest the walk between jogs.
        return (
            f"{dose.rounds} × ({_clock(dose.work_seconds)} jog, {_clock(dose.rest_seconds)} walk)"
        )
    side = ", each side" if _per_side(catalog, exercise_id) else ""
    return f"{describe(dose)}{side}"


def _clock(seconds: int) -> str:
    minutes, rest = divmod(seconds, 60)
    if not rest:
        return f"{minutes} min"
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min {rest} s"


TEXT_WIDTH = 87
"""The longest line of wrapped text [render_text][lumbar.formats.render_text] writes by default."""


def render_text(
    program: Program, *, catalog: Catalog | None = None, width: int = TEXT_WIDTH
) -> str:
    """The program as plain text for a terminal: phases, weeks, days and exercises.

    Paragraphs are wrapped at spaces to ``width`` characters (the command line passes
    the terminal's width); words are never broken.
    """
    chosen = default_catalog() if catalog is None else catalog
    return "\n".join(_text_lines(program, chosen, width)) + "\n"


def _text_lines(program: Program, catalog: Catalog, columns: int) -> Iterator[str]:
    yield program.title or "Exercise program"
    yield "=" * len(program.title or "Exercise program")
    minutes_of = _minutes_of(catalog)
    longest = max(minutes_of(s) for w in program.weeks for s in w.sessions)
    yield (
        f"{len(program.weeks)} weeks, {_sessions_a_week(program)} a week, at most about "
        f"{round(longest)} minutes each."
    )
    kinds = [text for text, _ in _in_every_session(program, catalog)]
    if kinds:
        yield f"Every session: {_and(kinds)}; lighter weeks are marked."
    else:
        yield "Lighter weeks are marked."
    fits = _constraints_line(program)
    if fits:
        yield from _wrap(fits, "", columns)
    yield ""
    width = _name_width(program, catalog)
    previous: Week | None = None
    for number, (start, end, name, focus) in enumerate(_phase_ranges(program), 1):
        if name:
            yield f"PHASE {number}: {name} (weeks {start}-{end})"
            if focus:
                yield from _wrap(focus, "  ", columns)
            yield ""
        for index in range(start - 1, end):
            week = program.weeks[index]
            lighter = " (lighter week)" if week.deload else ""
            yield f"  Week {index + 1}{lighter}"
            for line in (_walk_line(week, catalog), _topic_line(week.education)):
                if line:
                    yield from _wrap(line, "    ", columns)
            if previous is not None and previous.sessions == week.sessions:
                yield f"    Exercises as in week {index}."
            else:
                for days, session in _days(week):
                    minutes = round(minutes_of(session))
                    yield f"    {days} (about {minutes} min)"
                    for rx in session:
                        yield (
                            f"      {_name(catalog, rx.exercise):<{width}}  "
                            f"{_dose_text(catalog, rx.exercise, rx.dose)}"
                        )
            yield ""
            previous = week
    yield from _footer_text(program, catalog, width, columns)


def _footer_text(program: Program, catalog: Catalog, width: int, columns: int) -> Iterator[str]:
    yield "Exercises (run 'lumbar exercise ID' for how to do each one):"
    for exercise_id in _exercise_ids(program):
        yield f"  {_name(catalog, exercise_id):<{width}}  {exercise_id}"
    yield ""
    yield from _wrap(PAIN_RULE, "", columns)
    yield from _wrap(SAFETY_NET, "", columns)
    references = program.metadata.get("references", "")
    if references:
        yield ""
        yield from _wrap(f"Sources: {', '.join(references.split())}.", "", columns)


def _exercise_ids(program: Program) -> list[str]:
    return list(dict.fromkeys(rx.exercise for _, rx in program.prescriptions()))


def _wrap(text: str, indent: str, width: int = TEXT_WIDTH) -> Iterator[str]:
    line = indent
    for word in text.split():
        if len(line) + len(word) > width and line.strip():
            yield line.rstrip()
            line = indent
        line += word + " "
    if line.strip():
        yield line.rstrip()


def render_markdown(program: Program, *, catalog: Catalog | None = None) -> str:
    """The program as Markdown: a heading per phase and week, a table per group of days."""
    chosen = default_catalog() if catalog is None else catalog
    return "\n".join(_markdown_lines(program, chosen)) + "\n"


def _markdown_lines(program: Program, catalog: Catalog) -> Iterator[str]:
    yield f"# {program.title or 'Exercise program'}"
    yield ""
    kinds = [markdown for _, markdown in _in_every_session(program, catalog)]
    every = f" Every session has {_and(kinds)} exercises." if kinds else ""
    yield f"{len(program.weeks)} weeks, {_sessions_a_week(program)} a week.{every}"
    yield ""
    fits = _constraints_line(program)
    if fits:
        yield fits
        yield ""
    minutes_of = _minutes_of(catalog)
    previous: Week | None = None
    for number, (start, end, name, focus) in enumerate(_phase_ranges(program), 1):
        if name:
            yield f"## Phase {number}: {name} (weeks {start}-{end})"
            yield ""
            if focus:
                yield focus
                yield ""
        for index in range(start - 1, end):
            week = program.weeks[index]
            lighter = " (lighter week)" if week.deload else ""
            yield f"### Week {index + 1}{lighter}"
            yield ""
            for line in (_walk_line(week, catalog), _topic_line(week.education)):
                if line:
                    yield f"- {line}"
            yield ""
            if previous is not None and previous.sessions == week.sessions:
                yield f"Exercises as in week {index}."
                yield ""
            else:
                for days, session in _days(week):
                    minutes = round(minutes_of(session))
                    yield f"**{days}** (about {minutes} min)"
                    yield ""
                    yield "| Exercise | Dose |"
                    yield "|---|---|"
                    for rx in session:
                        yield (
                            f"| {_name(catalog, rx.exercise)} (`{rx.exercise}`) | "
                            f"{_dose_text(catalog, rx.exercise, rx.dose)} |"
                        )
                    yield ""
            previous = week
    yield "## How to go by pain"
    yield ""
    yield PAIN_RULE
    yield ""
    yield SAFETY_NET
    references = program.metadata.get("references", "")
    if references:
        yield ""
        yield "## Sources"
        yield ""
        from lumbar.evidence import references as registry

        known = registry()
        for ref in references.split():
            citation = known[ref].citation if ref in known else ref
            yield f"- `{ref}`: {citation}"
