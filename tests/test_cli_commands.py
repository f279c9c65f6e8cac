"""Commands and options: --version, score, lift, advance, --format json and plug-ins."""

import datetime
import io
import json
import subprocess
import sys
import textwrap
from importlib.metadata import version

import pytest
from hypothesis import given, strategies as st

import lumbar
from lumbar import strategies as lst
from lumbar.cli._main import main
from lumbar.cli._parser import COMMANDS, COUPLINGS, INSTRUMENTS


def run(*argv, stdin=None):
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), stdin=stdin or io.StringIO(), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def flat(text):
    return " ".join(text.split())


def test_choices_match_the_library():
    """The parser's plain-string choices are the library's values."""
    assert list(INSTRUMENTS) == list(lumbar.questionnaires())
    assert list(COUPLINGS) == [c.value for c in lumbar.Coupling]


# --- --version ----------------------------------------------------------------------------


def test_version(capsys):
    """--version prints the installed version and exits 0 (no 'COMMAND required')."""
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out == f"lumbar {version('lumbar')}\n"


# --- score --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["start-back", "1", "0", "1", "1", "0", "1", "1", "0", "3"], "total 6 of 9"),
        (["odi", "2", "1", "3", "2", "1", "2", "1", "2", "1", "1"], "32.0 % (moderate)"),
        (["rmdq", *["y"] * 9, *["n"] * 14, "x"], "9 of 24 (unanswered: item 24"),
        (
            [
                "fabq",
                "0",
                "3",
                "4",
                "2",
                "5",
                "6",
                "6",
                "0",
                "5",
                "4",
                "3",
                "2",
                "0",
                "0",
                "4",
                "0",
            ],
            "physical activity 14 of 24, work 30 of 42",
        ),
        (["pseq", "4", "5", "3", "4", "4", "5", "3", "2", "4", "x"], "total not scored"),
    ],
)
def test_score_prints_the_result(argv, expected):
    """Each instrument from its answers in form order, x for unanswered."""
    status, out, _ = run("score", *argv)
    assert status == 0
    assert expected in flat(out)
    assert "Sources:" in out


@pytest.mark.parametrize(
    ("instrument", "answers", "cls"),
    [
        ("odi", ["1"] * 9 + ["x"], lumbar.OswestryResult),
        ("rmdq", ["n"] * 24, lumbar.RolandMorrisResult),
        ("fabq", ["2"] * 16, lumbar.FabqResult),
        ("pseq", ["6"] * 10, lumbar.PseqResult),
        ("start-back", ["0"] * 9, lumbar.StartBackResult),
    ],
)
def test_score_json_is_the_result_document(instrument, answers, cls):
    """--format json writes the result as lumbar JSON, which loads back."""
    status, out, _ = run("score", instrument, *answers, "--format", "json")
    assert status == 0
    result = lumbar.from_json(out, cls)
    assert lumbar.to_json(result, indent=2) + "\n" == out


@pytest.mark.parametrize(
    ("argv", "where"),
    [
        (["rmdq", "1", *["n"] * 23], "answers[0]"),  # y or n, not 1/0
        (["pseq", "2.5", *["1"] * 9], "answers[0]"),
        (["pseq", *["1"] * 9], "answers: must have 10 answers"),
        (["fabq", *["1"] * 15, "7"], "answers[15]"),
        (["start-back", *["0"] * 8, "x"], "items[8]"),
        (["odi", *["x"] * 3, *["1"] * 7], "sections"),
    ],
)
def test_bad_answers_are_one_line_and_status_2(argv, where):
    """Wrong answers name the item; one line on stderr, status 2."""
    status, out, err = run("score", *argv)
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1
    assert where in err


# --- lift ---------------------------------------------------------------------------------

LIFT = [
    "--horizontal-cm", "40", "--vertical-cm", "30", "--distance-cm", "70",
    "--asymmetry-deg", "30", "--frequency-per-min", "4", "--duration-hours", "1",
    "--coupling", "fair",
]  # fmt: skip


def test_lift_prints_multipliers_limit_and_index():
    """Each multiplier, the recommended weight limit and the lifting index."""
    status, out, _ = run("lift", *LIFT, "--load-kg", "10")
    assert status == 0
    for symbol in ("LC", "HM", "VM", "DM", "AM", "FM", "CM"):
        assert f"  {symbol}  " in out
    assert "Recommended weight limit: 7.9 kg" in out
    assert "Lifting index for 10 kg: 1.26" in flat(out)


def test_lift_json_matches_the_library():
    """--format json: the same figures as lumbar.lifting_multipliers and lifting_index."""
    status, out, _ = run("lift", *LIFT, "--load-kg", "10", "--format", "json")
    assert status == 0
    document = json.loads(out)
    lift = lumbar.from_dict(document["lift"], lumbar.Lift)
    assert document["recommended_weight_limit_kg"] == lumbar.recommended_weight_limit(lift)
    assert document["lifting_index"] == lumbar.lifting_index(lift, 10.0)
    assert document["multipliers"]["fm"] == 0.84


def test_lift_with_a_zero_limit_says_why():
    """A load too far out gives a 0 kg limit, an infinite index (null in JSON) and the reason."""
    far = [*LIFT]
    far[1] = "70"
    status, out, _ = run("lift", *far, "--load-kg", "5")
    assert status == 0
    assert "infinite" in out
    assert "beyond 63 cm" in flat(out)
    status, out, _ = run("lift", *far, "--load-kg", "5", "--format", "json")
    assert json.loads(out)["lifting_index"] is None


@pytest.mark.parametrize(
    "argv",
    [
        [*LIFT[:-2], "--coupling", "sticky"],
        [*LIFT[:2], *LIFT[4:]],  # --vertical-cm missing
        [*LIFT, "--load-kg", "-3"],
        [*LIFT[:-4], "--duration-hours", "9", "--coupling", "fair"],
    ],
)
def test_lift_bad_options_are_one_line_and_status_2(argv, capsys):
    """Bad or missing options: one line, status 2."""
    try:
        status = main(["lift", *argv], stdout=io.StringIO(), stderr=sys.stderr)
    except SystemExit as caught:
        status = caught.code
    assert status == 2
    assert capsys.readouterr().err.count("\n") == 1


# --- advance ------------------------------------------------------------------------------


def _program(weeks=4):
    profile = lumbar.Profile(screening=lumbar.screen(lumbar.RedFlags()), weeks=weeks)
    return lumbar.build_program(profile)


def _log(session, day=1, pain=2):
    results = tuple(
        lumbar.ExerciseResult(completed=True, rpe=3, pain_during=pain, pain_next_day=pain)
        for _ in session.prescriptions
    )
    return lumbar.SessionLog(date=datetime.date(2024, 1, day), results=results)


@pytest.fixture
def saved(tmp_path):
    """A program and the log of its first session, saved as lumbar JSON."""
    program = _program()
    first = lumbar.ProgramState.begin(program)
    (tmp_path / "program.json").write_text(lumbar.to_json(program), encoding="utf-8")
    (tmp_path / "log.json").write_text(lumbar.to_json(_log(first.next_session)), encoding="utf-8")
    return tmp_path, first, program


def test_advance_prints_the_next_session_and_writes_the_state(saved):
    """Without --state: from the first session; the new state is what lumbar.advance gives."""
    folder, first, program = saved
    state_file = folder / "state.json"
    status, out, err = run(
        "advance", str(folder / "program.json"), str(folder / "log.json"),
        "--output", str(state_file),
    )  # fmt: skip
    assert status == 0, err
    expected = lumbar.advance(program, first, _log(first.next_session))
    assert lumbar.from_json(state_file.read_text(encoding="utf-8"), lumbar.ProgramState) == (
        expected.state
    )
    assert out.startswith("Next session: week 1, session 2")
    assert "Why:" in out
    assert str(state_file) in err


def test_advance_continues_from_a_state_read_on_stdin(saved):
    """--state -: the state from standard input; --format json describes the next session."""
    folder, first, program = saved
    second = lumbar.advance(program, first, _log(first.next_session)).state
    (folder / "log2.json").write_text(
        lumbar.to_json(_log(second.next_session, day=3)), encoding="utf-8"
    )
    status, out, _ = run(
        "advance", str(folder / "program.json"), str(folder / "log2.json"),
        "--state", "-", "--format", "json",
        stdin=io.StringIO(lumbar.to_json(second)),
    )  # fmt: skip
    assert status == 0
    document = json.loads(out)
    expected = lumbar.advance(program, second, _log(second.next_session, day=3))
    assert document["session_index"] == expected.state.session_index
    assert lumbar.from_dict(document["next_session"], lumbar.Session) == expected.session
    assert len(document["decisions"]) == len(expected.decisions)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("missing-program", "program: cannot read"),
        ("bad-log", "log.results"),
        ("not-json", "program: "),
        ("two-stdin", "only one of PROGRAM, LOG and --state"),
        ("other-state", "--state: this state belongs to another program"),
        ("latin-1", "is not UTF-8 text"),
    ],
)
def test_advance_bad_input_is_one_line_and_status_2(saved, change, message):
    """Unreadable, invalid or mismatched files: one line naming what is wrong, status 2."""
    folder = saved[0]
    args = [str(folder / "program.json"), str(folder / "log.json")]
    stdin = None
    if change == "missing-program":
        args[0] = str(folder / "nowhere.json")
    elif change == "bad-log":
        (folder / "log.json").write_text('{"schema": 1, "date": "2024-01-01", "results": []}')
    elif change == "not-json":
        (folder / "program.json").write_text("{not json")
    elif change == "two-stdin":
        args = ["-", "-"]
    elif change == "other-state":
        other = lumbar.ProgramState.begin(_program(weeks=5))
        (folder / "state.json").write_text(lumbar.to_json(other))
        args += ["--state", str(folder / "state.json")]
    else:
        (folder / "program.json").write_bytes("Mañana".encode("latin-1"))
    status, out, err = run("advance", *args, stdin=stdin)
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1
    assert message in err


# --- --format json everywhere -------------------------------------------------------------

JSON_COMMANDS = {
    "plan": ["plan", "--screened", "--weeks", "4"],
    "screen": ["screen", "--none"],
    "posture": ["posture"],
    "exercises": ["exercises", "--category", "aerobic"],
    "exercise": ["exercise", "bird-dog"],
    "simulate": ["simulate", "--weeks", "4"],
    "score": ["score", "pseq", *["3"] * 10],
    "lift": ["lift", *LIFT],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_offers_json(command, saved):
    """Every command takes --format json and then writes one valid JSON document."""
    if command == "advance":
        folder = saved[0]
        argv = ["advance", str(folder / "program.json"), str(folder / "log.json")]
    else:
        argv = JSON_COMMANDS[command]
    status, out, _ = run(*argv, "--format", "json")
    assert status == 0
    json.loads(out)


# --- plug-ins -----------------------------------------------------------------------------

PLUGIN = '''
from types import MappingProxyType

import lumbar


class SteadyHold:
    """A plug-in rule that keeps every dose as it is."""

    name = "steady-hold"
    params = MappingProxyType({})

    def decide(self, context):
        return lumbar.Decision(
            action=lumbar.Action.HOLD,
            exercise=context.exercise.id,
            prescription=context.prescription,
            reason="Held by the plug-in.",
            references=("borg-cr10",),
        )
'''


@pytest.fixture
def plugin_path(tmp_path):
    """A folder holding an installed distribution that offers a rule in lumbar.rules."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "lumbar_probe_rule.py").write_text(textwrap.dedent(PLUGIN))
    info = site / "lumbar_probe_rule-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: lumbar-probe-rule\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(
        "[lumbar.rules]\nsteady-hold = lumbar_probe_rule:SteadyHold\n"
    )
    return str(site)


def _lumbar(*args, path=None, **kwargs):
    import os

    env = dict(os.environ)
    if path:
        env["PYTHONPATH"] = path
    return subprocess.run(
        [sys.executable, "-m", "lumbar", *args],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        stdin=subprocess.DEVNULL,
        **kwargs,
    )


def test_simulate_runs_an_installed_plug_in_rule(plugin_path):
    """A rule installed in the lumbar.rules group runs by name."""
    result = _lumbar("simulate", "--weeks", "4", "--rules", "steady-hold", path=plugin_path)
    assert result.returncode == 0, result.stderr
    assert "hold" in result.stdout
    assert "progress" not in result.stdout.split("Decisions:")[1]


def test_unknown_rule_names_the_rule_and_the_plug_ins(plugin_path):
    """An unknown rule: one line naming it, the built-in rules and the installed plug-ins."""
    result = _lumbar("simulate", "--weeks", "4", "--rules", "cautious", path=plugin_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "unknown rule 'cautious'" in result.stderr
    assert "installed plug-ins (entry-point group lumbar.rules): steady-hold" in result.stderr
    without = _lumbar("simulate", "--weeks", "4", "--rules", "cautious")
    assert "installed plug-ins (entry-point group lumbar.rules): none" in without.stderr


def test_advance_loads_plug_ins_a_program_names(plugin_path, tmp_path):
    """A program whose rules name a plug-in advances with it installed, and says so without."""
    program = _program()
    program = lumbar.Program(
        **{f: getattr(program, f) for f in ("title", "weeks", "phases", "metadata")},
        rules=(lumbar.RuleRef(name="steady-hold"),),
        constraints=program.constraints,
    )
    first = lumbar.ProgramState.begin(program)
    (tmp_path / "p.json").write_text(lumbar.to_json(program))
    (tmp_path / "l.json").write_text(lumbar.to_json(_log(first.next_session)))
    files = (str(tmp_path / "p.json"), str(tmp_path / "l.json"))
    result = _lumbar("advance", *files, path=plugin_path)
    assert result.returncode == 0, result.stderr
    assert "Held by the plug-in." in " ".join(result.stdout.split())
    missing = _lumbar("advance", *files)
    assert missing.returncode == 2
    assert "program.rules[0]: unknown rule 'steady-hold'" in missing.stderr


# --- the command agrees with the library --------------------------------------------------


def _tokens(answers, yes_no=False):
    def token(value):
        if value is None:
            return "x"
        if yes_no:
            return "y" if value else "n"
        return str(value)

    return [token(value) for value in answers]


@given(st.data())
def test_score_agrees_with_the_library(data):
    """For any valid answers, lumbar score writes the result the library computes."""
    instrument, answers, score, yes_no = data.draw(
        st.sampled_from(
            [
                ("rmdq", lst.roland_morris_answers(), lumbar.roland_morris, True),
                ("fabq", lst.fabq_answers(), lumbar.fabq, False),
                ("pseq", lst.pseq_answers(), lumbar.pseq, False),
                ("odi", lst.oswestry_sections(), lumbar.oswestry, False),
                ("start-back", lst.start_back_items(), lumbar.start_back, False),
            ]
        ).flatmap(lambda row: st.tuples(st.just(row[0]), row[1], *map(st.just, row[2:])))
    )
    status, out, _ = run("score", instrument, *_tokens(answers, yes_no), "--format", "json")
    assert status == 0
    assert out == lumbar.to_json(score(answers), indent=2) + "\n"


@given(lst.lifts(), st.floats(0, 50))
def test_lift_agrees_with_the_library(lift, load):
    """For any lift, lumbar lift gives the library's limit and index."""
    argv = [
        "lift",
        *("--horizontal-cm", repr(lift.horizontal_cm), "--vertical-cm", repr(lift.vertical_cm)),
        *("--distance-cm", repr(lift.distance_cm), "--asymmetry-deg", repr(lift.asymmetry_deg)),
        *("--frequency-per-min", repr(lift.frequency_per_min)),
        *("--duration-hours", repr(lift.duration_hours), "--coupling", lift.coupling.value),
        *(("--origin-vertical-cm", repr(lift.origin_vertical_cm)) if lift.origin_vertical_cm
          is not None else ()),
        *("--load-kg", repr(load), "--format", "json"),
    ]  # fmt: skip
    status, out, _ = run(*argv)
    assert status == 0
    document = json.loads(out)
    assert document["recommended_weight_limit_kg"] == lumbar.recommended_weight_limit(lift)
    index = lumbar.lifting_index(lift, load)
    assert document["lifting_index"] == (None if index == float("inf") else index)


# --- plan for other systems --------------------------------------------------------------


def test_plan_as_fhir_reads_back_as_the_same_program():
    """`--format fhir` is a FHIR Bundle that holds the program `--format json` writes."""
    status, out, err = run("plan", "--screened", "--weeks", "6", "--format", "fhir")
    assert status == 0, err
    bundle = json.loads(out)
    assert bundle["resourceType"] == "Bundle"
    assert bundle["type"] == "collection"
    _, plain, _ = run("plan", "--screened", "--weeks", "6", "--format", "json")
    assert lumbar.from_fhir(bundle) == lumbar.from_json(plain, lumbar.Program)


def test_plan_as_ical_has_an_event_per_session_from_the_start_day():
    status, out, err = run(
        "plan", "--screened", "--weeks", "4", "--format", "ical", "--start", "2027-01-04"
    )
    assert status == 0, err
    _, plain, _ = run("plan", "--screened", "--weeks", "4", "--format", "json")
    program = lumbar.from_json(plain, lumbar.Program)
    assert out == lumbar.to_ical(program, start=datetime.date(2027, 1, 4))
    sessions = sum(len(week.sessions) for week in program.weeks)
    assert out.count("BEGIN:VEVENT") == sessions
    assert "DTSTART;VALUE=DATE:20270104" in out


def test_plan_writes_ical_to_a_file(tmp_path):
    target = tmp_path / "back.ics"
    status, out, err = run(
        "plan",
        "--screened",
        "--weeks",
        "4",
        "--format",
        "ical",
        "--start",
        "2027-01-04",
        "--output",
        str(target),
    )
    assert status == 0, err
    assert out == ""
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")


@pytest.mark.parametrize("start", ["2027-1-4", "20270104", "2027-W01-1", "tomorrow", "2027-02-30"])
def test_plan_refuses_a_start_that_is_not_a_date(start, capsys):
    with pytest.raises(SystemExit) as caught:
        run("plan", "--screened", "--format", "ical", "--start", start)
    assert caught.value.code == 2
    assert "--start" in capsys.readouterr().err
