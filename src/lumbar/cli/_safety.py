"""``lumbar screen`` and ``lumbar posture``: the red-flag questions and the posture checklists."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

from lumbar.cli._parser import add_format, field_names, ids
from lumbar.cli._streams import Streams, UsageError

if TYPE_CHECKING:
    from lumbar.safety._screening import Screening

HELP = {
    "screen": (
        "answer the red-flag questions and see whether to seek care first",
        "Ask the red-flag questions (on a terminal) or take the answers as options. Exit "
        "status 0 when no warning sign is reported, 1 otherwise.",
    ),
    "posture": (
        "run a posture or ergonomics checklist and print the findings",
        "Answer a checklist's yes/no items (on a terminal, or with --yes and --no) and "
        "print what to change, most important first. Without CHECKLIST, list them.",
    ),
}


def _screen_options(screen: argparse.ArgumentParser) -> None:
    screen.add_argument(
        "--yes",
        action="append",
        type=field_names,
        default=[],
        metavar="FIELDS",
        help="questions answered yes, by field name (comma-separated; see --list)",
    )
    screen.add_argument("--none", action="store_true", help="every answer is no")
    screen.add_argument("--list", action="store_true", help="list the questions and exit")
    add_format(screen)


def _posture_options(posture: argparse.ArgumentParser) -> None:
    posture.add_argument("checklist", nargs="?", help="checklist id, e.g. sitting-workstation")
    posture.add_argument(
        "--yes", action="append", type=ids, default=[], metavar="IDS", help="items answered yes"
    )
    posture.add_argument(
        "--no", action="append", type=ids, default=[], metavar="IDS", help="items answered no"
    )
    add_format(posture)


OPTIONS = {"screen": _screen_options, "posture": _posture_options}

# --- red flags, shared with lumbar plan ------------------------------------------------

_TIER_HEADINGS = {
    "emergency": "A yes to any of these: go to an emergency department now.",
    "same-day": "A yes to any of these: get medical care today.",
    "soon": "A yes to any of these: see a doctor or physiotherapist within a few days, "
    "before starting.",
    "routine": "A yes to this: ask your doctor to review your back pain at a routine "
    "appointment before starting.",
}


def red_flag_notice(streams: Streams) -> None:
    """Every red-flag question by tier, on standard error, for runs without a terminal."""
    from lumbar.safety._red_flags import red_flag_questions

    streams.err("Before you start: this program is only for back pain without warning signs.")
    by_tier: dict[str, list[str]] = {}
    for question in red_flag_questions():
        by_tier.setdefault(question.tier.value, []).append(question.question)
    for tier in ("emergency", "same-day", "soon", "routine"):
        if tier in by_tier:
            streams.err(_TIER_HEADINGS[tier])
            for text in by_tier[tier]:
                streams.err(f"  - {text}")
    streams.err(
        "If any of these applies, do not start the program: seek care as above. "
        "Run 'lumbar screen' in a terminal to answer them one by one; "
        "'lumbar plan --screened' skips this list."
    )
    streams.err("")


def ask_red_flags(streams: Streams) -> Screening:
    """Ask every red-flag question on the terminal and screen the answers."""
    from lumbar.safety._red_flags import RedFlags, red_flag_questions
    from lumbar.safety._screening import screen

    streams.err("Red-flag questions: answer y (yes) or n (no).")
    answers = {q.field: streams.ask(q.question) for q in red_flag_questions()}
    return screen(RedFlags(**answers))


def print_screening(screening: Screening, write: Callable[..., None]) -> None:
    """The outcome, the reason for each yes, and the advice."""
    urgent = screening.outcome.value == "urgent"
    write(f"Outcome: {screening.outcome.value}", alert=urgent, bold=True)
    for reason in screening.reasons:
        write(f"  - {reason}")
    write(screening.advice)


# --- screen ----------------------------------------------------------------------------


def _screen(arguments: argparse.Namespace, streams: Streams) -> int:
    from lumbar.safety._red_flags import RedFlags, red_flag_questions
    from lumbar.safety._screening import screen

    questions = red_flag_questions()
    if arguments.list:
        if arguments.format == "json":
            import json

            rows = [
                {"field": q.field, "tier": q.tier.value, "question": q.question} for q in questions
            ]
            streams.document(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
            return 0
        for question in questions:
            streams.out(f"{question.field} ({question.tier.value})")
            streams.out(f"  {question.question}")
        return 0
    yes = [name for names in arguments.yes for name in names]
    known = {question.field for question in questions}
    unknown = [name for name in yes if name not in known]
    if unknown:
        raise UsageError(
            f"unknown red-flag question {', '.join(map(repr, unknown))} (see lumbar screen --list)"
        )
    if yes or arguments.none:
        screening = screen(RedFlags(**dict.fromkeys(yes, True)))
    elif streams.interactive:
        screening = ask_red_flags(streams)
    else:
        raise UsageError(
            "no terminal to ask on: pass the answers with --yes FIELDS or --none "
            "(see lumbar screen --list)"
        )
    if arguments.format == "json":
        from lumbar.formats._json import to_json

        streams.document(to_json(screening, indent=2) + "\n")
    else:
        print_screening(screening, streams.out)
    return 0 if screening.is_clear else 1


# --- posture ---------------------------------------------------------------------------


def _posture(arguments: argparse.Namespace, streams: Streams) -> int:
    from lumbar.content._checklists import default_checklists
    from lumbar.safety._posture import assess

    checklists = default_checklists()
    if arguments.checklist is None:
        if arguments.format == "json":
            import json

            rows = [{"id": c.id, "title": c.title} for c in checklists.values()]
            streams.document(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
            return 0
        streams.out("Checklists (run 'lumbar posture ID'):")
        for listed in checklists.values():
            streams.out(f"  {listed.id:24s} {listed.title}")
        return 0
    checklist = checklists.get(arguments.checklist)
    if checklist is None:
        raise UsageError(
            f"no checklist {arguments.checklist!r}; choose from {', '.join(checklists)}"
        )
    answers: dict[str, bool] = {}
    for given, value in ((arguments.yes, True), (arguments.no, False)):
        for item_id in (i for group in given for i in group):
            if item_id not in checklist.ids:
                raise UsageError(
                    f"no item {item_id!r} in {checklist.id}; items: {', '.join(checklist.ids)}"
                )
            answers[item_id] = value
    missing = [item for item in checklist.items if item.id not in answers]
    if missing and not streams.interactive:
        raise UsageError(
            "no terminal to ask on: answer every item with --yes IDS and --no IDS "
            f"(missing: {', '.join(item.id for item in missing)})"
        )
    if missing:
        streams.err(f"{checklist.title}: answer y (yes) or n (no).")
    for item in missing:
        answers[item.id] = streams.ask(item.question)
    assessment = assess(checklist, answers)
    if arguments.format == "json":
        from lumbar.formats._json import to_json

        streams.document(to_json(assessment, indent=2) + "\n")
        return 0
    streams.out(f"{checklist.title}: {assessment.score:.0f} out of 100", bold=True)
    if not assessment.failed:
        streams.out("Nothing to change.")
    for item in assessment.failed:
        streams.out(f"- {item.question}")
        streams.out(f"  Why: {item.why}")
        streams.out(f"  What to do: {item.fix}")
        streams.out(f"  Sources: {', '.join(item.references)}")
    return 0


RUN = {"screen": _screen, "posture": _posture}
