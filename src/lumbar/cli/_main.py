"""The ``lumbar`` command line.

Built on the standard library's argparse, so that it starts fast: the parser is
built from plain strings, and each command imports only what it needs when it
runs (the JSON converter only for ``--format json``). Usage errors print one line
and exit with status 2; a red flag stops ``lumbar plan`` with status 1.

Questions are asked only when standard input is a terminal, and prompts go to
standard error, so that ``lumbar plan --format json > plan.json`` stays valid JSON.
Every answer can also be given as an option, for scripts and tests.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import IO, TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from lumbar.content._catalog import Catalog
    from lumbar.model._exercise import Exercise
    from lumbar.model._program import Program
    from lumbar.planning._profile import Profile
    from lumbar.safety._screening import Screening

# The closed sets as plain strings, so that building the parser imports nothing of
# lumbar; tests check that they match the enums.
CATEGORIES = ("stabilization", "stretch", "strength", "aerobic")
LEVELS = ("beginner", "intermediate", "advanced")
PREFERENCES = ("none", "flexion-intolerant", "extension-intolerant")
GOALS = ("general", "return-to-jogging", "desk-worker", "manual-work")
RISKS = ("low", "medium", "high")
EQUIPMENT = (
    "mat",
    "chair",
    "step",
    "bench",
    "dumbbell",
    "kettlebell",
    "barbell",
    "resistance-band",
    "stability-ball",
    "extension-bench",
    "stationary-bike",
    "treadmill",
    "pool",
)
FORMATS = ("text", "markdown", "json")
PATIENTS = ("steady", "plateau", "flare-up", "non-adherent")


class UsageError(Exception):
    """A bad option value found after parsing: one line, exit status 2."""


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout, at the width argparse itself would choose.

    argparse makes a formatter for every option it adds (to check the option), and
    without a width each one asks ``shutil``, whose import (bz2, lzma, ...) took
    longer than building the whole parser.
    """

    def __init__(self, prog: str, **options: Any) -> None:
        options.setdefault("width", _terminal_columns() - 2)  # argparse's own margin
        super().__init__(prog, **options)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        # One line and status 2, as the command line promises; never a traceback.
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _terminal_columns() -> int:
    """The terminal's width as ``shutil.get_terminal_size`` reports it (80 without one)."""
    import os

    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    stdout = sys.__stdout__
    if columns <= 0 and stdout is not None:
        try:
            columns = os.get_terminal_size(stdout.fileno()).columns
        except (AttributeError, ValueError, OSError):  # not a terminal, or no file behind it
            columns = 0
    return columns if columns > 0 else 80


class _Streams:
    """Where a command reads answers and writes output; injectable for tests."""

    def __init__(self, stdin: IO[str], stdout: IO[str], stderr: IO[str]) -> None:
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr

    @property
    def interactive(self) -> bool:
        isatty: Callable[[], bool] | None = getattr(self.stdin, "isatty", None)
        return bool(isatty and isatty())

    def out(self, text: str = "") -> None:
        print(text, file=self.stdout)

    def err(self, text: str = "") -> None:
        print(text, file=self.stderr)

    def ask(self, question: str) -> bool:
        """A yes/no question on standard error; the answer from standard input."""
        while True:
            self.stderr.write(f"{question} [y/n] ")
            self.stderr.flush()
            line = self.stdin.readline()
            if not line:
                raise UsageError("no answer (end of input)")
            answer = line.strip().lower()
            if answer in ("y", "yes"):
                return True
            if answer in ("n", "no"):
                return False
            self.err("Please answer y (yes) or n (no).")


# --- option types ----------------------------------------------------------------------


def _equipment(value: str) -> tuple[str, ...]:
    items = tuple(part.strip() for part in value.split(",") if part.strip())
    if items in ((), ("none",)):
        return ()
    unknown = [item for item in items if item not in EQUIPMENT]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown equipment {', '.join(map(repr, unknown))}; choose from {', '.join(EQUIPMENT)}"
        )
    return tuple(dict.fromkeys(items))


def _names(value: str) -> list[str]:
    return [part.strip().replace("-", "_") for part in value.split(",") if part.strip()]


def _ids(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


# --- the parser ------------------------------------------------------------------------


def _profile_options() -> _Parser:
    options = _Parser(add_help=False)
    group = options.add_argument_group("the person and the program")
    group.add_argument("--days", type=int, help="training days a week, 2-7 (default 3)")
    group.add_argument(
        "--minutes",
        type=int,
        help="minutes per session, 10-120 (default 30; 45 for return-to-jogging)",
    )
    group.add_argument("--weeks", type=int, help="program length in weeks, 4-52 (default 26)")
    group.add_argument("--level", choices=LEVELS, help="fitness level (default beginner)")
    group.add_argument(
        "--preference",
        choices=PREFERENCES,
        help="a loading direction your back does not tolerate (default none)",
    )
    group.add_argument(
        "--equipment",
        type=_equipment,
        metavar="LIST",
        help="equipment at hand, comma-separated, or 'none' (default mat,chair); "
        f"choices: {', '.join(EQUIPMENT)}",
    )
    group.add_argument("--goal", choices=GOALS, help="what the program is for (default general)")
    group.add_argument("--pain", type=int, help="back pain now, 0-10 (default 3)")
    group.add_argument("--risk", choices=RISKS, help="STarT Back risk group, if known")
    group.add_argument(
        "--walking-minutes",
        type=int,
        dest="walking_minutes",
        help="minutes you walk a day now, the start of the walking goal (default 10)",
    )
    group.add_argument("--steps", type=int, help="steps a day now, if you count them")
    return options


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The ``lumbar`` parser with every command, or with only the command named ``only``.

    `main` passes the first argument: every valid command line starts with
    its command, and building only that one saves most of the parser's start-up.
    Anything else there (``--help``, a mistyped command) gets every command.
    """
    parser = _Parser(
        prog="lumbar",
        description="Evidence-based exercise programs for chronic low back pain.",
        epilog="lumbar does not diagnose. Red-flag symptoms need medical care before any "
        "self-guided program: run 'lumbar screen' first.",
    )
    # prog given, as argparse would work it out (by formatting a usage line) otherwise.
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=_Parser, prog="lumbar"
    )
    for name, (summary, description, options) in _SPECS.items():
        if only in _SPECS and name != only:
            continue
        parents = [_profile_options()] if name in ("plan", "simulate") else []
        options(commands.add_parser(name, parents=parents, help=summary, description=description))
    return parser


def _plan_options(plan: argparse.ArgumentParser) -> None:
    plan.add_argument("--format", choices=FORMATS, default="text", help="output format")
    plan.add_argument("--output", metavar="FILE", help="write the program to FILE")
    plan.add_argument(
        "--screened",
        action="store_true",
        help="you have answered the red-flag questions and none applies: skip them",
    )


def _screen_options(screen: argparse.ArgumentParser) -> None:
    screen.add_argument(
        "--yes",
        action="append",
        type=_names,
        default=[],
        metavar="FIELDS",
        help="questions answered yes, by field name (comma-separated; see --list)",
    )
    screen.add_argument("--none", action="store_true", help="every answer is no")
    screen.add_argument("--list", action="store_true", help="list the questions and exit")


def _posture_options(posture: argparse.ArgumentParser) -> None:
    posture.add_argument("checklist", nargs="?", help="checklist id, e.g. sitting-workstation")
    posture.add_argument(
        "--yes", action="append", type=_ids, default=[], metavar="IDS", help="items answered yes"
    )
    posture.add_argument(
        "--no", action="append", type=_ids, default=[], metavar="IDS", help="items answered no"
    )


def _exercises_options(browse: argparse.ArgumentParser) -> None:
    browse.add_argument("--category", choices=CATEGORIES, help="only this category")


def _exercise_options(show: argparse.ArgumentParser) -> None:
    show.add_argument("id", help="exercise id, as listed by 'lumbar exercises'")


def _simulate_options(simulate: argparse.ArgumentParser) -> None:
    simulate.add_argument(
        "--patient", choices=PATIENTS, default="steady", help="the virtual patient"
    )
    simulate.add_argument("--seed", type=int, default=0, help="random seed (default 0)")


_SPECS: dict[str, tuple[str, str, Callable[[argparse.ArgumentParser], None]]] = {
    "plan": (
        "build your exercise program and print it by phase and week",
        "Build a personal program (sensible defaults: bare 'lumbar plan' works). On a "
        "terminal it first asks the red-flag questions; without one it prints them on "
        "standard error before the plan.",
        _plan_options,
    ),
    "screen": (
        "answer the red-flag questions and see whether to seek care first",
        "Ask the red-flag questions (on a terminal) or take the answers as options. Exit "
        "status 0 when no warning sign is reported, 1 otherwise.",
        _screen_options,
    ),
    "posture": (
        "run a posture or ergonomics checklist and print the findings",
        "Answer a checklist's yes/no items (on a terminal, or with --yes and --no) and "
        "print what to change, most important first. Without CHECKLIST, list them.",
        _posture_options,
    ),
    "exercises": (
        "list the built-in exercises",
        "List the built-in exercises by category, with level and starting dose.",
        _exercises_options,
    ),
    "exercise": (
        "show one exercise with its cues and ladder",
        "Show one exercise: how to do it, cautions, its ladder and sources.",
        _exercise_options,
    ),
    "simulate": (
        "run a program against a virtual patient and show how doses moved",
        "Build a program from the options, run it against a built-in virtual patient "
        "under its progression rules, and print how each exercise's dose moved.",
        _simulate_options,
    ),
}


def main(
    argv: Sequence[str] | None = None,
    *,
    stdin: IO[str] | None = None,
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
) -> int:
    """Run the command line; returns the exit status.

    The streams default to the process's own; tests pass their own to answer
    questions and read the output.
    """
    streams = _Streams(
        sys.stdin if stdin is None else stdin,
        sys.stdout if stdout is None else stdout,
        sys.stderr if stderr is None else stderr,
    )
    args = sys.argv[1:] if argv is None else list(argv)
    arguments = build_parser(args[0] if args else None).parse_args(args)
    command: Callable[[argparse.Namespace, _Streams], int] = _COMMANDS[arguments.command]
    from lumbar.errors import LumbarError, ValidationError

    try:
        return command(arguments, streams)
    except (UsageError, ValidationError) as error:
        message = "; ".join(str(error).splitlines())
        streams.err(f"lumbar {arguments.command}: error: {message}")
        return 2
    except LumbarError as error:
        streams.err(f"lumbar {arguments.command}: error: {error}")
        return 1
    except KeyboardInterrupt:
        streams.err("")
        return 130  # the shell's convention for a run stopped with Ctrl-C
    except BrokenPipeError:
        # The reader went away (``lumbar plan | head``): nothing more to say to it.
        _silence_stdout()
        return 1
    except OSError as error:
        streams.err(f"lumbar {arguments.command}: error: {error}")
        return 1


def _silence_stdout() -> None:
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file behind stdout (tests)
        pass


# --- plan ------------------------------------------------------------------------------


def _profile(arguments: argparse.Namespace, screening: Screening) -> Profile:
    from lumbar.model._exercise import Equipment
    from lumbar.model._person import Goal, Risk
    from lumbar.planning._profile import DirectionalPreference, FitnessLevel, Profile

    given: dict[str, Any] = {"screening": screening}
    for name in ("days", "minutes", "weeks", "pain", "walking_minutes", "steps"):
        value = getattr(arguments, name)
        if value is not None:
            given[name] = value
    if arguments.level is not None:
        given["level"] = FitnessLevel(arguments.level)
    if arguments.preference is not None:
        given["preference"] = DirectionalPreference(arguments.preference)
    if arguments.goal is not None:
        given["goal"] = Goal(arguments.goal)
    if arguments.risk is not None:
        given["risk"] = Risk(arguments.risk)
    if arguments.equipment is not None:
        given["equipment"] = tuple(Equipment(item) for item in arguments.equipment)
    return Profile(**given)


_TIER_HEADINGS = {
    "emergency": "A yes to any of these: go to an emergency department now.",
    "same-day": "A yes to any of these: get medical care today.",
    "soon": "A yes to any of these: see a doctor or physiotherapist within a few days, "
    "before starting.",
    "routine": "A yes to this: ask your doctor to review your back pain at a routine "
    "appointment before starting.",
}


def _red_flag_notice(streams: _Streams) -> None:
    from lumbar.safety._screening import red_flag_questions

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


def _ask_red_flags(streams: _Streams) -> Screening:
    from lumbar.safety._screening import RedFlags, red_flag_questions, screen

    streams.err("Red-flag questions: answer y (yes) or n (no).")
    answers = {q.field: streams.ask(q.question) for q in red_flag_questions()}
    return screen(RedFlags(**answers))


def _print_screening(screening: Screening, write: Callable[[str], None]) -> None:
    write(f"Outcome: {screening.outcome.value}")
    for reason in screening.reasons:
        write(f"  - {reason}")
    write(screening.advice)


def _plan(arguments: argparse.Namespace, streams: _Streams) -> int:
    import attrs

    from lumbar.safety._screening import RedFlags, screen

    # Check the options before asking anything: a typo should not cost 15 questions.
    profile = _profile(arguments, screen(RedFlags()))
    if not arguments.screened and streams.interactive:
        screening = _ask_red_flags(streams)
        if not screening.is_clear:
            _print_screening(screening, streams.err)
            return 1
        streams.err("")
        profile = attrs.evolve(profile, screening=screening)
    elif not arguments.screened:
        _red_flag_notice(streams)
    from lumbar.planning._builder import build_program

    program = build_program(profile)
    text = _render(program, arguments.format)
    if arguments.output:
        with open(arguments.output, "w", encoding="utf-8") as handle:
            handle.write(text)
        streams.err(f"Wrote the program to {arguments.output}.")
    else:
        streams.stdout.write(text)
    return 0


def _render(program: Program, format_: str) -> str:
    if format_ == "json":
        from lumbar.formats._json import to_json

        return to_json(program, indent=2) + "\n"
    if format_ == "markdown":
        from lumbar.formats._render import render_markdown

        return render_markdown(program)
    from lumbar.formats._render import render_text

    return render_text(program)


# --- screen ----------------------------------------------------------------------------


def _screen(arguments: argparse.Namespace, streams: _Streams) -> int:
    from lumbar.safety._screening import RedFlags, red_flag_questions, screen

    questions = red_flag_questions()
    if arguments.list:
        for question in questions:
            streams.out(f"{question.field} ({question.tier.value}): {question.question}")
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
        screening = _ask_red_flags(streams)
    else:
        raise UsageError(
            "no terminal to ask on: pass the answers with --yes FIELDS or --none "
            "(see lumbar screen --list)"
        )
    _print_screening(screening, streams.out)
    return 0 if screening.is_clear else 1


# --- posture ---------------------------------------------------------------------------


def _posture(arguments: argparse.Namespace, streams: _Streams) -> int:
    from lumbar.content._checklists import default_checklists
    from lumbar.safety._posture import assess

    checklists = default_checklists()
    if arguments.checklist is None:
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
    for ids, value in ((arguments.yes, True), (arguments.no, False)):
        for item_id in (i for group in ids for i in group):
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
    streams.out(f"{checklist.title}: {assessment.score:.0f} out of 100")
    if not assessment.failed:
        streams.out("Nothing to change.")
    for item in assessment.failed:
        streams.out(f"- {item.question}")
        streams.out(f"  Why: {item.why}")
        streams.out(f"  What to do: {item.fix}")
        streams.out(f"  Sources: {', '.join(item.references)}")
    return 0


# --- exercises -------------------------------------------------------------------------


def _describe_dose(exercise: Exercise) -> str:
    from lumbar.model._dose import describe

    side = ", each side" if exercise.per_side else ""
    return f"{describe(exercise.default_dose)}{side}"


def _list_exercises(arguments: argparse.Namespace, streams: _Streams) -> int:
    from lumbar.content._catalog import default_catalog
    from lumbar.model._exercise import Category

    catalog = default_catalog()
    for group in Category:
        if arguments.category is not None and group.value != arguments.category:
            continue
        streams.out(group.value.upper())
        for exercise in catalog.filter(category=group):
            streams.out(f"  {exercise.id:30s} L{exercise.level}  {_describe_dose(exercise)}")
    return 0


def _show_exercise(arguments: argparse.Namespace, streams: _Streams) -> int:
    from lumbar.content._catalog import default_catalog

    catalog = default_catalog()
    if arguments.id not in catalog:
        raise UsageError(f"no exercise {arguments.id!r} (see lumbar exercises)")
    exercise = catalog[arguments.id]
    streams.out(f"{exercise.name} ({exercise.id})")
    streams.out(
        f"  {exercise.category.value}, level {exercise.level}, "
        f"{exercise.loading.value} loading, {exercise.position.value}"
    )
    equipment = ", ".join(item.value for item in exercise.equipment) or "none"
    streams.out(f"  equipment: {equipment}")
    streams.out(f"  start: {_describe_dose(exercise)}")
    if exercise.description:
        streams.out(f"  {exercise.description}")
    for cue in exercise.cues:
        streams.out(f"  - {cue}")
    for warning in exercise.contraindications:
        streams.out(f"  ! {warning}")
    ladder = " -> ".join(
        f"[{rung.id}]" if rung.id == exercise.id else rung.id
        for rung in catalog.ladder(exercise.id)
    )
    streams.out(f"  ladder: {ladder}")
    streams.out(f"  sources: {', '.join(exercise.references)}")
    return 0


# --- simulate --------------------------------------------------------------------------


def _patient(name: str) -> Any:
    from lumbar.simulation._patients import FlareUp, NonAdherent, Plateau, SteadyImprover

    return {
        "steady": SteadyImprover,
        "plateau": Plateau,
        "flare-up": FlareUp,
        "non-adherent": NonAdherent,
    }[name]()


def _simulate(arguments: argparse.Namespace, streams: _Streams) -> int:
    from lumbar.content._catalog import default_catalog
    from lumbar.planning._builder import build_program
    from lumbar.safety._screening import RedFlags, screen
    from lumbar.simulation._simulate import simulate

    # A virtual patient has no red flags to screen.
    program = build_program(_profile(arguments, screen(RedFlags())))
    catalog = default_catalog()
    result = simulate(program, _patient(arguments.patient), catalog=catalog, seed=arguments.seed)
    streams.out(
        f"{program.title}: a {arguments.patient} virtual patient (seed {arguments.seed}), "
        f"{len(result.records)} sessions over {len(result.program.weeks)} weeks."
    )
    streams.out("How each exercise's dose moved (its first session of each week, when changed):")
    for key, changes in _changes(result.records, catalog).items():
        streams.out(f"  {catalog[key].name} ladder")
        for week, exercise_id, dose in changes:
            name = catalog[exercise_id].name
            streams.out(f"    week {week + 1:>2}  {name:<34} {dose}")
    counts: dict[str, int] = {}
    for decision in result.decisions:
        counts[decision.action.value] = counts.get(decision.action.value, 0) + 1
    summary = ", ".join(f"{count} {action}" for action, count in sorted(counts.items()))
    streams.out(f"Decisions: {summary}.")
    if result.ended_early:
        streams.out("Every exercise was stopped before the end: the patient needs a clinician.")
    return 0


def _changes(records: Iterable[Any], catalog: Catalog) -> dict[str, list[tuple[int, str, str]]]:
    from lumbar.model._dose import describe

    base: dict[str, str] = {}
    last: dict[str, object] = {}
    seen: dict[str, int] = {}
    changes: dict[str, list[tuple[int, str, str]]] = {}
    for record in records:
        for prescription in record.session:
            exercise_id = prescription.exercise
            key = base.get(exercise_id)
            if key is None:
                key = base[exercise_id] = catalog.ladder(exercise_id)[0].id
            if last.get(key) != prescription and seen.get(key) != record.week_index:
                seen[key] = record.week_index
                last[key] = prescription
                changes.setdefault(key, []).append(
                    (record.week_index, exercise_id, describe(prescription.dose))
                )
    return changes


_COMMANDS: dict[str, Callable[[argparse.Namespace, _Streams], int]] = {
    "plan": _plan,
    "screen": _screen,
    "posture": _posture,
    "exercises": _list_exercises,
    "exercise": _show_exercise,
    "simulate": _simulate,
}
