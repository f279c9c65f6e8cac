"""The lumbar command line: every command, its errors, and a real process."""

import io
import json
import subprocess
import sys

import pytest

import lumbar
from lumbar import (
    Category,
    DirectionalPreference,
    Equipment,
    FitnessLevel,
    Goal,
    Program,
    Risk,
)
from lumbar.cli._main import (
    CATEGORIES,
    EQUIPMENT,
    GOALS,
    LEVELS,
    PREFERENCES,
    RISKS,
    build_parser,
    main,
)
from lumbar.cli._parser import COMMANDS as COMMAND_MODULES
from lumbar.safety._red_flags import red_flag_questions

COMMANDS = tuple(COMMAND_MODULES)


class Terminal(io.StringIO):
    """Standard input that says it is a terminal, with the answers already typed."""

    def isatty(self) -> bool:
        return True


def run(*argv, stdin=None):
    """Run main with captured streams; returns (status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), stdin=stdin or io.StringIO(), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def flat(text):
    """The words of wrapped text on one line, to look for a sentence in it."""
    return " ".join(text.split())


def test_choices_match_the_enums():
    """The parser's plain-string choices are exactly the enum values."""
    assert [c.value for c in Category] == list(CATEGORIES)
    assert [e.value for e in Equipment] == list(EQUIPMENT)
    assert [g.value for g in Goal] == list(GOALS)
    assert [level.value for level in FitnessLevel] == list(LEVELS)
    assert [p.value for p in DirectionalPreference] == list(PREFERENCES)
    assert [r.value for r in Risk] == list(RISKS)


# --- plan -----------------------------------------------------------------------------


def test_bare_plan_without_a_terminal_shows_red_flags_then_the_plan():
    """No terminal: the red-flag list goes to stderr and the plan to stdout."""
    status, out, err = run("plan")
    assert status == 0
    assert out.startswith("Back program: general back health, 26 weeks")
    assert "PHASE 1" in out
    assert "Week 26" in out
    for question in red_flag_questions():
        assert question.question in flat(err)
    assert "emergency department" in flat(err)


def test_screened_plan_skips_the_questions():
    """--screened: nothing on stderr, the plan on stdout."""
    status, out, err = run("plan", "--screened", "--weeks", "4")
    assert status == 0
    assert err == ""
    assert "Week 4" in out


def test_plan_json_is_a_valid_program():
    """--format json prints a program document that loads back."""
    status, out, _ = run("plan", "--format", "json", "--days", "4", "--weeks", "8")
    assert status == 0
    program = lumbar.from_json(out, Program, catalog=lumbar.default_catalog())
    assert len(program.weeks) == 8
    assert len(program.weeks[0].sessions) == 4


def test_plan_markdown_has_headings_by_phase_and_week():
    """--format markdown: a title, phase and week headings, and sources."""
    status, out, _ = run("plan", "--screened", "--format", "markdown", "--weeks", "6")
    assert status == 0
    assert out.startswith("# Back program")
    assert "## Phase 1" in out
    assert "### Week 6" in out
    assert "## Sources" in out


def test_plan_options_shape_the_program():
    """Goal, preference, equipment and level reach the profile."""
    status, out, _ = run(
        "plan",
        "--screened",
        "--format",
        "json",
        "--goal",
        "return-to-jogging",
        "--preference",
        "flexion-intolerant",
        "--equipment",
        "mat,dumbbell",
        "--level",
        "intermediate",
        "--risk",
        "medium",
        "--pain",
        "4",
        "--walking-minutes",
        "20",
        "--steps",
        "5000",
    )
    assert status == 0
    program = lumbar.from_json(out, Program)
    assert program.metadata["goal"] == "return-to-jogging"
    assert program.metadata["preference"] == "flexion-intolerant"
    assert program.metadata["equipment"] == "mat,dumbbell"
    assert program.weeks[0].activity.minutes == 20
    assert program.weeks[0].activity.steps == 5000


def test_plan_output_file(tmp_path):
    """--output writes the program to the file and says so on stderr."""
    target = tmp_path / "plan.md"
    status, out, err = run("plan", "--screened", "--format", "markdown", "--output", str(target))
    assert status == 0
    assert out == ""
    assert str(target) in err
    assert target.read_text(encoding="utf-8").startswith("# Back program")


def test_plan_on_a_terminal_asks_the_red_flag_questions():
    """On a terminal every question is asked (on stderr); all no: the plan follows."""
    answers = Terminal("n\n" * len(red_flag_questions()))
    status, out, err = run("plan", "--weeks", "4", stdin=answers)
    assert status == 0
    assert err.count("[y/n]") == len(red_flag_questions())
    assert out.startswith("Back program")


def test_plan_stops_with_the_advice_when_a_red_flag_is_reported():
    """A yes stops the plan: exit status 1, outcome and advice, no program."""
    answers = Terminal("maybe\n" + "y\n" + "n\n" * 20)
    status, out, err = run("plan", stdin=answers)
    assert status == 1
    assert out == ""
    assert "Please answer y" in err
    assert "Outcome: urgent" in err
    assert "emergency department" in err


class Interrupted(Terminal):
    """A terminal where the person presses Ctrl-C at the first question."""

    def readline(self, *args) -> str:
        raise KeyboardInterrupt


def test_ctrl_c_at_a_question_stops_quietly():
    """Ctrl-C while asking: status 130, no traceback."""
    status, out, _ = run("screen", stdin=Interrupted())
    assert status == 130
    assert out == ""


def test_plan_on_a_terminal_with_no_answers_is_an_error():
    """Input that ends before the questions do is a usage error, not a traceback."""
    status, _, err = run("plan", stdin=Terminal(""))
    assert status == 2
    assert "no answer" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["plan", "--days", "1"],
        ["plan", "--minutes", "5"],
        ["plan", "--weeks", "100"],
        ["plan", "--goal", "return-to-jogging", "--minutes", "20"],
        ["plan", "--equipment", "none"],
        ["plan", "--pain", "11"],
    ],
)
def test_bad_values_are_one_line_and_status_2(argv):
    """Values the profile refuses: one line on stderr naming the field, status 2."""
    status, out, err = run(*argv, "--screened")
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("lumbar plan: error: ")


@pytest.mark.parametrize(
    "argv",
    [
        ["plan", "--days", "three"],
        ["plan", "--level", "expert"],
        ["plan", "--equipment", "mat,sofa"],
        ["plan", "--format", "pdf"],
        ["plan", "--bogus"],
        ["exercises", "--category", "yoga"],
        [],
        ["dance"],
    ],
)
def test_bad_options_are_one_line_and_status_2(argv, capsys):
    """Options argparse refuses: one line, status 2, no traceback."""
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "error:" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_on_every_command(command, capsys):
    """--help prints usage and exits 0 for the program and for each command."""
    argv = ["--help"] if command is None else [command, "--help"]
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 0
    assert "usage: lumbar" in capsys.readouterr().out


def test_parser_lists_every_command():
    """The top-level help names every command."""
    text = build_parser().format_help()
    for command in COMMANDS:
        assert command in text


# --- screen ---------------------------------------------------------------------------


def test_screen_all_no_is_clear():
    """--none: outcome clear, status 0."""
    status, out, _ = run("screen", "--none")
    assert status == 0
    assert out.startswith("Outcome: clear")


def test_screen_yes_answers_give_the_advice():
    """--yes with field names (hyphens or underscores): the outcome, reasons and advice."""
    status, out, _ = run("screen", "--yes", "fever-or-unwell,cancer_history")
    assert status == 1
    assert out.startswith("Outcome: urgent")
    assert out.count("\n  - ") == 2


def test_screen_unknown_question_is_a_usage_error():
    """An unknown field: status 2 and a pointer to --list."""
    status, _, err = run("screen", "--yes", "headache")
    assert status == 2
    assert "--list" in err


def test_screen_without_answers_or_terminal_is_a_usage_error():
    """Nothing to ask on and nothing given: status 2, never a hang."""
    status, _, err = run("screen")
    assert status == 2
    assert "no terminal" in err


def test_screen_lists_the_questions():
    """--list prints every field with its tier and question."""
    status, out, _ = run("screen", "--list")
    assert status == 0
    entries = [line for line in out.splitlines() if not line.startswith(" ")]
    assert entries == [f"{q.field} ({q.tier.value})" for q in red_flag_questions()]


def test_screen_asks_on_a_terminal():
    """On a terminal the questions are asked one by one."""
    status, out, _ = run("screen", stdin=Terminal("n\n" * len(red_flag_questions())))
    assert status == 0
    assert "Outcome: clear" in out


# --- posture --------------------------------------------------------------------------


def test_posture_lists_the_checklists():
    """Without a checklist id: the list of checklists."""
    status, out, _ = run("posture")
    assert status == 0
    for checklist_id in lumbar.default_checklists():
        assert checklist_id in out


def test_posture_with_answers_prints_the_findings():
    """Answers as options: the score and what to change, with sources."""
    checklist = lumbar.default_checklists()["sleeping"]
    first, *rest = checklist.ids
    status, out, _ = run("posture", "sleeping", "--no", first, "--yes", ",".join(rest))
    assert status == 0
    assert out.startswith(f"{checklist.title}:")
    assert "What to do:" in out


def test_posture_asks_missing_items_on_a_terminal():
    """On a terminal, items not given as options are asked."""
    checklist = lumbar.default_checklists()["driving"]
    answers = Terminal("y\n" * len(checklist.ids))
    status, out, _ = run("posture", "driving", stdin=answers)
    assert status == 0
    assert "Nothing to change." in out


@pytest.mark.parametrize(
    "argv", [["posture", "kitchen"], ["posture", "sleeping"], ["posture", "sleeping", "--yes", "x"]]
)
def test_posture_errors_are_usage_errors(argv):
    """Unknown checklists or items, or missing answers without a terminal: status 2."""
    status, _, err = run(*argv)
    assert status == 2
    assert err.count("\n") == 1


# --- exercises ------------------------------------------------------------------------


def test_exercises_lists_the_catalog_by_category():
    """Every exercise appears under its category."""
    status, out, _ = run("exercises")
    assert status == 0
    for exercise in lumbar.default_catalog():
        assert exercise.id in out


def test_exercises_filters_by_category():
    """--category shows that category only."""
    status, out, _ = run("exercises", "--category", "aerobic")
    assert status == 0
    assert "walk-run" in out
    assert "curl-up" not in out


def test_exercise_shows_cues_and_ladder():
    """One exercise: its cues, its ladder with itself marked, and its sources."""
    status, out, _ = run("exercise", "side-bridge")
    assert status == 0
    assert "[side-bridge]" in out
    assert "ladder:" in out
    assert "sources:" in out


def test_unknown_exercise_is_a_usage_error():
    """An unknown id: status 2, one line."""
    status, _, err = run("exercise", "handstand")
    assert status == 2
    assert err.count("\n") == 1


# --- simulate -------------------------------------------------------------------------


@pytest.mark.parametrize("patient", ["steady", "flare-up"])
def test_simulate_prints_how_doses_moved(patient):
    """A short program against a virtual patient: dose changes and decision counts."""
    status, out, _ = run("simulate", "--weeks", "4", "--patient", patient, "--seed", "2")
    assert status == 0
    assert "ladder" in out
    assert "week  1" in out
    assert "Decisions:" in out


# --- a real process -------------------------------------------------------------------


def _process(*args):
    return subprocess.run(
        [sys.executable, "-m", "lumbar", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )


def test_python_m_lumbar_plan_in_a_pipe():
    """python -m lumbar plan with no terminal: plan on stdout, red flags on stderr; JSON parses."""
    text = _process("plan", "--weeks", "4")
    assert text.returncode == 0
    assert text.stdout.startswith("Back program")
    assert "emergency department" in text.stderr
    data = _process("plan", "--format", "json", "--weeks", "4")
    assert data.returncode == 0
    assert json.loads(data.stdout)["schema"] == lumbar.SCHEMA_VERSION
    assert "emergency department" in data.stderr


def test_python_m_lumbar_bad_option_exits_2_with_one_line():
    """A bad option in a real process: status 2, one line, no traceback."""
    result = _process("plan", "--days", "1")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
