"""``lumbar plan``: build a personal program and print it (text, Markdown, JSON, FHIR, iCal)."""

from __future__ import annotations

import argparse
import datetime
from collections.abc import Callable
from typing import TYPE_CHECKING

from lumbar.cli._parser import PLAN_FORMATS, add_format, add_profile_options
from lumbar.cli._profile import profile_of
from lumbar.cli._streams import Streams, UsageError

if TYPE_CHECKING:
    from lumbar.model._program import Program

HELP = {
    "plan": (
        "build your exercise program and print it by phase and week",
        "Build a personal program (sensible defaults: bare 'lumbar plan' works). On a "
        "terminal it first asks the red-flag questions; without one it prints them on "
        "standard error before the plan.",
    )
}


def _plan_options(plan: argparse.ArgumentParser) -> None:
    add_profile_options(plan)
    add_format(plan, PLAN_FORMATS)
    plan.add_argument("--output", metavar="FILE", help="write the program to FILE")
    plan.add_argument(
        "--start",
        metavar="YYYY-MM-DD",
        type=_start_date,
        help="the day the program starts, for --format ical (default today) and fhir",
    )
    plan.add_argument(
        "--screened",
        action="store_true",
        help="you have answered the red-flag questions and none applies: skip them",
    )


OPTIONS = {"plan": _plan_options}


def _start_date(text: str) -> datetime.date:
    from lumbar.formats._converter import ISO_DATE  # dates as the JSON documents write them

    try:
        if not ISO_DATE.fullmatch(text):
            raise ValueError
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date as YYYY-MM-DD: {text!r}") from None


def _text(program: Program, width: int | None) -> str:
    from lumbar.formats._render import render_text

    return render_text(program) if width is None else render_text(program, width=width)


def _markdown(program: Program, width: int | None) -> str:
    from lumbar.formats._render import render_markdown

    return render_markdown(program)


def _json(program: Program, width: int | None) -> str:
    from lumbar.formats._json import to_json

    return to_json(program, indent=2) + "\n"


def _fhir(program: Program, start: datetime.date | None) -> str:
    import json

    from lumbar.formats._fhir import to_fhir

    return json.dumps(to_fhir(program, start=start), indent=2, ensure_ascii=False) + "\n"


def _ical(program: Program, start: datetime.date | None) -> str:
    from lumbar.formats._ical import to_ical

    try:
        return to_ical(program, start=start or datetime.date.today())
    except ImportError as error:
        raise UsageError(f"{error} (or choose another --format)") from None


RENDERERS: dict[str, Callable[[Program, int | None], str]] = {
    "text": _text,
    "markdown": _markdown,
    "json": _json,
}
"""How ``--format`` writes a program, given the terminal's width (None for a file): one
entry per format, so that offering another format is one more entry here and in
``PLAN_FORMATS``."""

EXCHANGE_RENDERERS: dict[str, Callable[[Program, datetime.date | None], str]] = {
    "fhir": _fhir,
    "ical": _ical,
}
"""The formats for other systems (a FHIR R4 Bundle as JSON, an iCalendar file), given the
``--start`` day."""


def _plan(arguments: argparse.Namespace, streams: Streams) -> int:
    import attrs

    from lumbar.safety._red_flags import RedFlags
    from lumbar.safety._screening import screen

    # Check the options before asking anything: a typo should not cost 15 questions.
    profile = profile_of(arguments, screen(RedFlags()))
    if not arguments.screened:
        from lumbar.cli._safety import ask_red_flags, print_screening, red_flag_notice

        if streams.interactive:
            screening = ask_red_flags(streams)
            if not screening.is_clear:
                print_screening(screening, streams.err)
                return 1
            streams.err("")
            profile = attrs.evolve(profile, screening=screening)
        else:
            red_flag_notice(streams)
    from lumbar.planning._builder import build_program

    program = build_program(profile)
    if arguments.format in EXCHANGE_RENDERERS:
        text = EXCHANGE_RENDERERS[arguments.format](program, arguments.start)
        if arguments.output:
            with open(arguments.output, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
            streams.err(f"Wrote the program to {arguments.output}.")
        elif arguments.format == "fhir":
            streams.document(text)
        else:
            streams.raw(text)
        return 0
    render = RENDERERS[arguments.format]
    if arguments.output:
        text = render(program, None)
        with open(arguments.output, "w", encoding="utf-8") as handle:
            handle.write(text)
        streams.err(f"Wrote the program to {arguments.output}.")
    elif arguments.format == "json":
        streams.document(render(program, None))
    elif arguments.format == "text":
        streams.out(render(program, streams.width).removesuffix("\n"))
    else:
        streams.raw(render(program, None))
    return 0


RUN = {"plan": _plan}
