"""The card of a cohort: its summary, as a notebook shows it and a command line prints it."""

from __future__ import annotations

import math

from lumbar.content._catalog import default_catalog
from lumbar.formats._card import Badge, Card, Cell, Lines, Table, Tone
from lumbar.formats._result_cards import action_badge
from lumbar.formats._tidy import Ladders
from lumbar.model._exercise import Exercise
from lumbar.progression._decision import Action
from lumbar.simulation._cohort import Cohort
from lumbar.simulation._summaries import Spread


def _number(value: float) -> str:
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


def spread_text(spread: Spread, *, percent: bool = False) -> str:
    """``median 2 (middle half 1-3)``; shares as percentages."""
    scale, unit = (100, "%") if percent else (1, "")
    low, middle, high = (_number(scale * value) for value in (spread.q1, spread.median, spread.q3))
    if low == high:
        return f"{middle}{unit} for at least half the patients"
    return f"median {middle}{unit} (middle half {low}-{high}{unit})"


def _rung(rungs: tuple[Exercise, ...], place: float) -> str:
    """The rung at a place on the ladder; a quartile between two rungs names both."""
    lower, upper = math.floor(place), math.ceil(place)
    if lower == upper:
        return rungs[lower].name
    return f"{rungs[lower].name} or {rungs[upper].name}"


def _share(count: int, total: int) -> str:
    return f"{count} of {total} ({100 * count / total:.0f}%)"


def cohort_card(cohort: Cohort) -> Card:
    summary = cohort.summary()
    total = summary.patients
    names = Ladders(default_catalog())
    facts: list[tuple[str, Cell]] = [
        ("Patients", f"{total:,}, {summary.weeks} weeks planned"),
        ("Weeks done", spread_text(summary.weeks_done)),
        ("Ended early", _share(summary.ended_early, total)),
        ("Exercise stopped", _share(summary.stopped, total)),
        (f"Weeks over {summary.pain_limit}/10", spread_text(summary.weeks_over_limit)),
        ("Highest pain", spread_text(summary.peak_pain)),
        ("Mean pain", spread_text(summary.mean_pain)),
        ("Completed", spread_text(summary.adherence, percent=True)),
        (
            "Decisions",
            tuple(
                action_badge(action, summary.decisions[action.value])
                for action in Action
                if summary.decisions[action.value]
            ),
        ),
    ]
    if "pause" in summary.decisions:  # once lumbar.Action has PAUSE
        facts.insert(4, ("Exercise paused", _share(summary.paused, total)))
    stopped: dict[str, int] = {}
    for patient in cohort.patients:
        for end in patient.ladders:
            stopped[end.ladder] = stopped.get(end.ladder, 0) + end.stopped
    rows = []
    for ladder, spread in summary.final_rungs.items():
        rungs = names.catalog.ladder(ladder) if ladder in names.catalog else ()
        where: Cell = spread_text(spread)
        if len(rungs) == len(cohort.weeks[0].rungs[ladder]):
            low, middle, high = (
                _rung(rungs, value) for value in (spread.q1, spread.median, spread.q3)
            )
            where = Lines((middle,) if low == high else (middle, f"middle half: {low} to {high}"))
        rows.append((names.name(ladder), where, str(stopped.get(ladder, 0))))
    table = Table(
        header=("Ladder", "Rung given last", "Stopped"),
        rows=tuple(rows),
        caption="Where each ladder ended (median patient, and the middle half)",
    )
    title = f"Cohort: {cohort.program.title}" if cohort.program.title else "Cohort"
    badges = (Badge(f"{summary.ended_early} ended early", Tone.CAUTION),) * (
        summary.ended_early > 0
    )
    return Card(
        title=title,
        badges=badges,
        facts=tuple(facts),
        blocks=(table,),
        hint="A row per patient: lumbar.to_dataframe(cohort); a figure: lumbar.plot(cohort).",
    )
