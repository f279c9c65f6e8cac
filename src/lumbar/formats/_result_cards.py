"""The cards of results: simulations, decisions, screenings, scores and checklist assessments."""

from __future__ import annotations

import statistics
from collections import Counter

from lumbar.content._catalog import default_catalog
from lumbar.content._checklists import default_checklists
from lumbar.formats._card import (
    Badge,
    Block,
    Card,
    Cell,
    Folded,
    Items,
    Lines,
    Paragraph,
    Table,
    Tone,
)
from lumbar.formats._program_cards import program_card
from lumbar.formats._tidy import Ladders
from lumbar.model._dose import describe
from lumbar.model._person import Risk
from lumbar.progression._decision import Action, Decision
from lumbar.safety._posture import Assessment
from lumbar.safety._red_flags import Outcome, red_flag_questions
from lumbar.safety._scores import OdiBand, OswestryResult, StartBackResult
from lumbar.safety._screening import Screening
from lumbar.simulation._simulate import Simulation

ACTION_TONES = {
    Action.PROGRESS: Tone.GOOD,
    Action.HOLD: Tone.NEUTRAL,
    Action.REGRESS: Tone.CAUTION,
    Action.DELOAD: Tone.INFO,
    Action.STOP: Tone.ALERT,
}
OUTCOME_BADGES = {
    Outcome.CLEAR: Badge("clear", Tone.GOOD),
    Outcome.SEE_CLINICIAN: Badge("see a clinician", Tone.CAUTION),
    Outcome.URGENT: Badge("urgent", Tone.ALERT),
}
BAND_TONES = {OdiBand.MINIMAL: Tone.GOOD, OdiBand.MODERATE: Tone.CAUTION}
"""The ODI band's badge colour; the severe bands and above are alerts."""
RISK_TONES = {Risk.LOW: Tone.GOOD, Risk.MEDIUM: Tone.CAUTION, Risk.HIGH: Tone.ALERT}
_WEIGHTS = {3: "major", 2: "moderate", 1: "minor"}
_SETBACKS = (Action.REGRESS, Action.STOP)


def action_badge(action: Action, count: int | None = None) -> Badge:
    text = action.value if count is None else f"{action.value} {count}"
    return Badge(text, ACTION_TONES[action])


def simulation_card(simulation: Simulation) -> Card:
    ladders = Ladders(default_catalog())
    program = simulation.program
    results = [result for log in simulation.logs for result in log.results]
    by_action = Counter(d.action for d in simulation.decisions)
    moves = _moves(simulation, ladders)
    up = sum(harder for _, _, _, harder in moves)
    facts: list[tuple[str, Cell]] = [
        ("Weeks", f"{len(program.weeks)} ({len(simulation.records)} sessions)"),
        ("Completed", f"{sum(r.completed for r in results)} of {len(results)} prescriptions"),
        ("Decisions", tuple(action_badge(a, by_action[a]) for a in Action if by_action[a])),
        ("Rung changes", f"{up} up, {len(moves) - up} down"),
        ("Pain during", _pain(simulation, "pain_during")),
        ("Pain next morning", _pain(simulation, "pain_next_day")),
    ]
    # The decisions a clinician reviews: what eased off or stopped, and why.
    setbacks: list[tuple[int, int | None, Decision]] = [
        (record.week_index + 1, record.session_index + 1, decision)
        for record in simulation.records
        for decision in record.decisions
        if decision.action in _SETBACKS
    ]
    setbacks.extend(
        (len(program.weeks), None, d) for d in simulation.closing_decisions if d.action in _SETBACKS
    )
    blocks: list[Block] = [_ladder_summary(simulation, ladders)]
    if moves:
        blocks.append(
            Folded(
                f"Rung changes ({len(moves)})",
                (
                    Table(
                        header=("Week", "From", "To"),
                        rows=tuple(
                            (str(week), ladders.name(old), Lines((ladders.name(new), new)))
                            for week, old, new, _ in moves
                        ),
                    ),
                ),
            )
        )
    if setbacks:
        blocks.append(
            Folded(
                f"Regressions and stops ({len(setbacks)})", (_decision_table(setbacks, ladders),)
            )
        )
    blocks.append(Folded("The program as given", program_card(program).blocks))
    return Card(
        title=f"Simulation: {program.title}" if program.title else "Simulation",
        badges=(Badge("ended early", Tone.CAUTION),) if simulation.ended_early else (),
        facts=tuple(facts),
        blocks=tuple(blocks),
        hint="Every prescription, result and decision: lumbar.to_dataframe(sim); "
        "a figure: lumbar.plot(sim).",
    )


def _pain(simulation: Simulation, field: str) -> str:
    found = [
        (getattr(result, field), record.week_index + 1)
        for record in simulation.records
        for result in record.log.results
    ]
    highest, week = max(found, key=lambda item: item[0])
    mean = statistics.fmean(value for value, _ in found)
    return f"mean {mean:.1f}, highest {highest} (first in week {week})"


def _moves(simulation: Simulation, ladders: Ladders) -> list[tuple[int, str, str, bool]]:
    """(week, from, to, harder) for each decision that moved an exercise to another rung."""
    return [
        (record.week_index + 1, d.exercise, d.prescription.exercise, _harder(d, ladders))
        for record in simulation.records
        for d in record.decisions
        if d.prescription is not None and d.prescription.exercise != d.exercise
    ]


def _harder(decision: Decision, ladders: Ladders) -> bool:
    assert decision.prescription is not None
    return ladders.rung(decision.prescription.exercise) > ladders.rung(decision.exercise)


def _ladder_summary(simulation: Simulation, ladders: Ladders) -> Table:
    first: dict[str, tuple[str, str]] = {}
    last: dict[str, tuple[str, str]] = {}
    actions: dict[str, Counter[Action]] = {}
    for record in simulation.records:
        for rx in record.session.prescriptions:
            ladder = ladders.base(rx.exercise)
            first.setdefault(ladder, (rx.exercise, describe(rx.dose)))
            last[ladder] = (rx.exercise, describe(rx.dose))
        for d in record.decisions:
            actions.setdefault(ladders.base(d.exercise), Counter())[d.action] += 1
    for d in simulation.closing_decisions:
        actions.setdefault(ladders.base(d.exercise), Counter())[d.action] += 1
    rows = []
    for ladder, (exercise, dose) in first.items():
        end_exercise, end_dose = last[ladder]
        end: Cell = end_dose
        if end_exercise != exercise:
            end = Lines((end_dose, ladders.name(end_exercise)))
        counts = actions.get(ladder, Counter())
        badges = tuple(action_badge(a, counts[a]) for a in Action if counts[a])
        rows.append((ladders.name(exercise), dose, end, badges))
    return Table(
        header=("Exercise", "First dose", "Last dose", "Decisions"),
        rows=tuple(rows),
        text_columns=(0, 1, 2),  # the facts above count the decisions
    )


def _decision_table(decisions: list[tuple[int, int | None, Decision]], ladders: Ladders) -> Table:
    rows = tuple(
        (
            str(week),
            "after the last" if session is None else str(session),
            ladders.name(decision.exercise),
            action_badge(decision.action),
            _next(decision, ladders),
            decision.reason,
        )
        for week, session, decision in decisions
    )
    return Table(header=("Week", "Session", "Exercise", "Action", "Next", "Why"), rows=rows)


def _next(decision: Decision, ladders: Ladders) -> Cell:
    rx = decision.prescription
    if rx is None:
        return "stopped"
    if rx.exercise != decision.exercise:
        return Lines((describe(rx.dose), ladders.name(rx.exercise)))
    return describe(rx.dose)


def decision_facts(decision: Decision, ladders: Ladders) -> list[tuple[str, Cell]]:
    """A decision's facts, one line each (decision codes join here when they exist)."""
    return [
        ("Next", _next(decision, ladders)),
        ("Sources", ", ".join(decision.references)),
    ]


def decision_card(decision: Decision) -> Card:
    ladders = Ladders(default_catalog())
    return Card(
        title=ladders.name(decision.exercise),
        badges=(action_badge(decision.action),),
        facts=tuple(decision_facts(decision, ladders)),
        blocks=(Paragraph(decision.reason),),
    )


def screening_card(screening: Screening) -> Card:
    questions = {question.field: question for question in red_flag_questions()}
    blocks: list[Block] = [Paragraph(screening.advice, strong=True)]
    if screening.flags:
        rows = tuple(
            (
                Lines((flag.replace("_", " "), questions[flag].question)),
                questions[flag].tier.value,
                reason,
            )
            for flag, reason in zip(screening.flags, screening.reasons, strict=True)
        )
        blocks.append(Table(header=("Answered yes", "How soon", "Why it matters"), rows=rows))
    blocks.append(Folded("Sources", (Items(screening.references),)))
    return Card(
        title="Red-flag screening",
        badges=(OUTCOME_BADGES[screening.outcome],),
        facts=(("Warning signs", str(len(screening.flags))),),
        blocks=tuple(blocks),
    )


def start_back_card(result: StartBackResult) -> Card:
    return Card(
        title="STarT Back Screening Tool",
        badges=(Badge(f"{result.risk.value} risk", RISK_TONES[result.risk]),),
        facts=(
            ("Total", f"{result.total} of 9"),
            ("Psychosocial subscale", f"{result.psychosocial} of 5 (items 5-9)"),
            (
                "Risk groups",
                "high when the subscale is 4 or more; otherwise low when the total is "
                "3 or less; medium otherwise",
            ),
            ("Source", "hill-2008-sbst"),
        ),
    )


def oswestry_card(result: OswestryResult) -> Card:
    band = result.band
    lower = 0 if band is OdiBand.MINIMAL else band.upper_percent - 20
    tone = (
        Tone.GOOD if band is OdiBand.MINIMAL else Tone.CAUTION if band.severity == 1 else Tone.ALERT
    )
    return Card(
        title="Oswestry Disability Index",
        badges=(Badge(band.label, tone),),
        facts=(
            ("Score", f"{result.percent:.1f} %"),
            (
                "Band",
                f"{band.label}: over {lower} up to {band.upper_percent} %"
                if lower
                else f"{band.label}: 0 to {band.upper_percent} %",
            ),
            ("Sections answered", f"{result.answered} of 10"),
            ("Meaningful change", "10 points or 30 % from baseline (ostelo-2008-spine)"),
            ("Source", "fairbank-2000-odi"),
        ),
    )


def assessment_card(assessment: Assessment) -> Card:
    checklist = default_checklists().get(assessment.checklist)
    title = checklist.title if checklist is not None else assessment.checklist
    blocks: list[Block] = []
    if assessment.failed:
        blocks.append(
            Table(
                header=("To fix", "Priority", "What to do"),
                rows=tuple(
                    (item.question, _WEIGHTS[item.weight], item.fix) for item in assessment.failed
                ),
            )
        )
        blocks.append(
            Folded(
                "Why each matters",
                (Items(tuple(f"{item.question} {item.why}" for item in assessment.failed)),),
            )
        )
    else:
        blocks.append(Paragraph("Every item was answered yes: nothing to fix."))
    return Card(
        title=title,
        badges=(Badge(f"{assessment.score:.0f} %", Tone.INFO),),
        facts=(
            ("Score", f"{assessment.score:.0f} % of the checklist's weight answered yes"),
            ("Answered yes", str(len(assessment.passed))),
            ("To fix", str(len(assessment.failed))),
        ),
        blocks=tuple(blocks),
    )
