"""The cards of programs and what they are made of: programs, weeks, sessions, exercises, catalogs.

Exercise names come from the built-in catalog; an id it lacks is shown as it is.
"""

from __future__ import annotations

from collections.abc import Iterable

from lumbar.content._catalog import Catalog, default_catalog
from lumbar.formats._card import Badge, Block, Card, Cell, Folded, Items, Lines, Paragraph, Table
from lumbar.formats._render import _constraints_line, _phase_ranges
from lumbar.formats._tidy import Ladders
from lumbar.model._dose import Dose, describe
from lumbar.model._exercise import Category, Exercise
from lumbar.model._program import Prescription, Program, Session, Week

LIGHTER = Badge("lighter week")
_OPEN_WEEKS = 8  # a program this short shows every week at once


def program_card(program: Program) -> Card:
    ladders = Ladders(default_catalog())
    columns = _columns(program.weeks, ladders)
    per_week = sorted({len(week.sessions) for week in program.weeks})
    sessions = (
        f"{per_week[0]} a week" if len(per_week) == 1 else f"{per_week[0]}-{per_week[-1]} a week"
    )
    lighter = [str(n) for n, week in enumerate(program.weeks, 1) if week.deload]
    facts: list[tuple[str, Cell]] = [
        ("Weeks", _weeks_fact(program)),
        ("Sessions", sessions),
        ("Lighter weeks", ", ".join(lighter) if lighter else "none"),
        ("Exercises", f"{len(columns)} ladders"),
    ]
    fits = _constraints_line(program)
    if fits:
        facts.append(("Fits", fits.removeprefix("Exercises chosen for: ").rstrip(".")))
    if program.rules:
        facts.append(("Rules", ", ".join(ref.name for ref in program.rules)))
    short = len(program.weeks) <= _OPEN_WEEKS
    folds = tuple(
        Folded(
            summary=_phase_title(number, first, last, name),
            blocks=(
                *((Paragraph(focus),) if focus else ()),
                _week_table(program.weeks, first, last, columns, ladders),
            ),
            open=short,
        )
        for number, (first, last, name, focus) in enumerate(_phase_ranges(program), 1)
    )
    return Card(
        title=program.title or "Exercise program",
        facts=tuple(facts),
        blocks=(_ladder_table(program.weeks, columns, ladders), *folds),
        hint="Every week: lumbar.render_text(program); as a table: lumbar.to_dataframe(program).",
    )


def _weeks_fact(program: Program) -> str:
    count = len(program.weeks)
    if not program.phases:
        return str(count)
    return f"{count} in {len(program.phases)} phase{'s' if len(program.phases) > 1 else ''}"


def _phase_title(number: int, first: int, last: int, name: str) -> str:
    weeks = f"week {first}" if first == last else f"weeks {first}-{last}"
    return f"Phase {number}: {name} ({weeks})" if name else weeks.capitalize()


def _columns(weeks: Iterable[Week], ladders: Ladders) -> dict[str, str]:
    """Each ladder given, in order of first appearance, to the first exercise given on it."""
    found: dict[str, str] = {}
    for week in weeks:
        for session in week.sessions:
            for rx in session.prescriptions:
                found.setdefault(ladders.base(rx.exercise), rx.exercise)
    return found


def _given(week: Week, ladder: str, ladders: Ladders) -> list[Prescription]:
    return [
        rx
        for session in week.sessions
        for rx in session.prescriptions
        if ladders.base(rx.exercise) == ladder
    ]


def _doses(prescriptions: list[Prescription]) -> str:
    """The week's doses of one ladder: one dose, or the first and the last."""
    first, last = prescriptions[0].dose, prescriptions[-1].dose
    return describe(first) if first == last else f"{describe(first)} → {describe(last)}"


def _week_table(
    weeks: tuple[Week, ...], first: int, last: int, columns: dict[str, str], ladders: Ladders
) -> Table:
    rows: list[tuple[Cell, ...]] = []
    marked = set()
    for number in range(first, last + 1):
        week = weeks[number - 1]
        cells: list[Cell] = [Lines((f"{number}", "lighter")) if week.deload else f"{number}"]
        for ladder, shown in columns.items():
            given = _given(week, ladder, ladders)
            if not given:
                cells.append("–")
                continue
            names = list(dict.fromkeys(ladders.name(rx.exercise) for rx in given))
            notes = () if names == [ladders.name(shown)] else (" → ".join(names),)
            cells.append(Lines((_doses(given), *notes)) if notes else _doses(given))
        if week.deload:
            marked.add(len(rows))
        rows.append(tuple(cells))
    header = ("Week", *(ladders.name(shown) for shown in columns.values()))
    return Table(header=header, rows=tuple(rows), marked=frozenset(marked), wrap=False)


def _ladder_table(weeks: tuple[Week, ...], columns: dict[str, str], ladders: Ladders) -> Table:
    """Each ladder's weeks and its first and last dose: the program at a glance."""
    rows = []
    for ladder, shown in columns.items():
        numbers = [n for n, week in enumerate(weeks, 1) if _given(week, ladder, ladders)]
        first = _given(weeks[numbers[0] - 1], ladder, ladders)[0]
        last = _given(weeks[numbers[-1] - 1], ladder, ladders)[-1]
        end: Cell = describe(last.dose)
        if last.exercise != first.exercise:
            end = Lines((describe(last.dose), ladders.name(last.exercise)))
        span = f"{numbers[0]}-{numbers[-1]}" if len(numbers) > 1 else str(numbers[0])
        rows.append((ladders.name(shown), span, describe(first.dose), end))
    return Table(header=("Exercise", "Weeks", "First dose", "Last dose"), rows=tuple(rows))


def week_card(week: Week) -> Card:
    ladders = Ladders(default_catalog())
    facts: list[tuple[str, Cell]] = [("Sessions", str(len(week.sessions)))]
    if week.activity is not None:
        goal = week.activity
        steps = f", about {goal.steps:,} steps" if goal.steps is not None else ""
        pace = "brisk walk" if goal.brisk else "walk"
        facts.append(("Daily", f"{pace} {goal.minutes} min on {goal.days} days{steps}"))
    if week.education is not None:
        facts.append(("Topic", week.education))
    rows = [
        (session.label or f"Session {index}", ladders.name(rx.exercise), describe(rx.dose))
        for index, session in enumerate(week.sessions, 1)
        for rx in session.prescriptions
    ]
    return Card(
        title="Week",
        badges=(LIGHTER,) if week.deload else (),
        facts=tuple(facts),
        blocks=(Table(header=("Session", "Exercise", "Dose"), rows=tuple(rows)),),
    )


def session_card(session: Session) -> Card:
    ladders = Ladders(default_catalog())
    rows = tuple(
        (ladders.name(rx.exercise), _with_side(rx, ladders.catalog), rx.note)
        for rx in session.prescriptions
    )
    return Card(
        title=session.label or "Session",
        blocks=(Table(header=("Exercise", "Dose", "Note"), rows=rows),),
    )


def _with_side(rx: Prescription, catalog: Catalog) -> str:
    side = rx.exercise in catalog and catalog[rx.exercise].per_side
    return f"{describe(rx.dose)}, each side" if side else describe(rx.dose)


def exercise_card(exercise: Exercise) -> Card:
    ladders = Ladders(default_catalog())
    equipment = ", ".join(item.value.replace("-", " ") for item in exercise.equipment)
    facts: list[tuple[str, Cell]] = [
        ("Id", exercise.id),
        ("Level", f"{exercise.level} of 5"),
        ("Loads the spine in", exercise.loading.value),
        ("Position", exercise.position.value.replace("-", " ")),
        ("Equipment", equipment or "none"),
        ("Dose", _dose_range(exercise.default_dose, exercise.min_dose, exercise.max_dose)),
    ]
    if exercise.per_side:
        facts.append(("Sides", "each side"))
    for label, other in (("Easier", exercise.easier), ("Harder", exercise.harder)):
        if other is not None:
            facts.append((label, f"{ladders.name(other)} ({other})"))
    blocks: list[Block] = []
    if exercise.description:
        blocks.append(Paragraph(exercise.description))
    if exercise.cues:
        blocks.append(Folded("How to do it", (Items(exercise.cues),)))
    if exercise.contraindications:
        blocks.append(Folded("Not for", (Items(exercise.contraindications),)))
    blocks.append(Folded("Sources", (Items(exercise.references),)))
    return Card(
        title=exercise.name,
        badges=(Badge(exercise.category.value),),
        facts=tuple(facts),
        blocks=tuple(blocks),
    )


def _dose_range(start: Dose, low: Dose, high: Dose) -> Lines:
    return Lines((f"starts at {describe(start)}", f"from {describe(low)} to {describe(high)}"))


def catalog_card(catalog: Catalog) -> Card:
    ladders = Ladders(catalog)
    counts = {category: catalog.filter(category=category) for category in Category}
    facts: tuple[tuple[str, Cell], ...] = (
        ("Exercises", str(len(catalog))),
        ("Ladders", str(len(catalog.ladders()))),
        *((category.value.capitalize(), str(len(found))) for category, found in counts.items()),
    )
    folds = tuple(
        Folded(
            f"{category.value.capitalize()}: {len(found)} exercises",
            (
                Table(
                    header=("Exercise", "Id", "Level", "Ladder", "Starts at", "Equipment"),
                    rows=tuple(
                        (
                            exercise.name,
                            exercise.id,
                            str(exercise.level),
                            ladders.name(ladders.base(exercise.id)),
                            describe(exercise.default_dose),
                            ", ".join(item.value for item in exercise.equipment) or "none",
                        )
                        for exercise in found
                    ),
                ),
            ),
        )
        for category, found in counts.items()
        if found
    )
    return Card(
        title="Exercise catalog",
        facts=facts,
        blocks=folds,
        hint="One exercise: catalog['bird-dog']; as a table: lumbar.to_dataframe(catalog).",
    )
