"""``lumbar score``: score a questionnaire from its answers, in the order of the form."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import Any

from lumbar.cli._parser import INSTRUMENTS, add_format
from lumbar.cli._streams import Streams, UsageError

HELP = {
    "score": (
        "score a questionnaire: STarT Back, ODI, Roland-Morris, FABQ or PSEQ",
        "Score a questionnaire from its answers, given in the order of the form: numbers "
        "for start-back (0/1, item 9 0-4), odi (0-5), fabq and pseq (0-6); y or n for rmdq. "
        "Write x for an unanswered item. lumbar has the scoring only: show the form "
        "from its owner (see the docs for each licence).",
    )
}

UNANSWERED = "x"


def _score_options(score: argparse.ArgumentParser) -> None:
    score.add_argument("instrument", choices=INSTRUMENTS, help="the questionnaire")
    score.add_argument("answers", nargs="+", metavar="ANSWER", help="answers in form order")
    add_format(score)


OPTIONS = {"score": _score_options}


def _number(index: int, token: str) -> int | None:
    if token.lower() == UNANSWERED:
        return None
    if not token.isascii() or not token.isdigit():
        raise UsageError(
            f"answers[{index}]: {token!r} is not a whole number (write x for unanswered)"
        )
    return int(token)


def _yes_no(index: int, token: str) -> bool | None:
    answer = token.lower()
    if answer == UNANSWERED:
        return None
    if answer in ("y", "yes"):
        return True
    if answer in ("n", "no"):
        return False
    raise UsageError(f"answers[{index}]: {token!r} is not y, n or x (unanswered)")


def _start_back(result: Any) -> list[str]:
    return [
        f"STarT Back: total {result.total} of 9, psychosocial subscale "
        f"{result.psychosocial} of 5: {result.risk.value} risk."
    ]


def _odi(result: Any) -> list[str]:
    return [
        f"Oswestry Disability Index: {result.percent:.1f} % ({result.band.label}), "
        f"{result.answered} of 10 sections answered."
    ]


def _missing(unanswered: Sequence[int]) -> str:
    return f"unanswered: item {', '.join(map(str, unanswered))}" if unanswered else ""


def _rmdq(result: Any) -> list[str]:
    note = f" ({_missing(result.unanswered)}, scored as not ticked)" if result.unanswered else ""
    return [f"Roland-Morris Disability Questionnaire: {result.total} of 24{note}."]


def _scale(name: str, value: int | None, top: int) -> str:
    return f"{name} {value} of {top}" if value is not None else f"{name} not scored"


def _fabq(result: Any) -> list[str]:
    lines = [
        "Fear-Avoidance Beliefs Questionnaire: "
        f"{_scale('physical activity', result.physical_activity, 24)}, "
        f"{_scale('work', result.work, 42)}."
    ]
    if result.unanswered:
        lines.append(f"  {_missing(result.unanswered)}: a scale with one is not scored.")
    return lines


def _pseq(result: Any) -> list[str]:
    lines = [f"Pain Self-Efficacy Questionnaire: {_scale('total', result.total, 60)}."]
    if result.unanswered:
        lines.append(f"  {_missing(result.unanswered)}: no total without every item.")
    return lines


_SCORING: dict[str, tuple[str, Callable[[int, str], object], Callable[[Any], list[str]]]] = {
    "start-back": ("start_back", _number, _start_back),
    "odi": ("oswestry", _number, _odi),
    "rmdq": ("roland_morris", _yes_no, _rmdq),
    "fabq": ("fabq", _number, _fabq),
    "pseq": ("pseq", _number, _pseq),
}
"""Each instrument: its scoring function in lumbar, how one answer is read, the summary."""


def _score(arguments: argparse.Namespace, streams: Streams) -> int:
    import lumbar
    from lumbar.safety._questionnaires import questionnaire

    function, read, summary = _SCORING[arguments.instrument]
    answers = [read(index, token) for index, token in enumerate(arguments.answers)]
    result = getattr(lumbar, function)(answers)
    if arguments.format == "json":
        from lumbar.formats._json import to_json

        streams.document(to_json(result, indent=2) + "\n")
        return 0
    for line in summary(result):
        streams.out(line)
    streams.out(f"Sources: {', '.join(questionnaire(arguments.instrument).references)}.")
    return 0


RUN = {"score": _score}
