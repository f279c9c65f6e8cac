"""The stored program state: compact, bound to its program, and deciding exactly as simulate."""

import datetime
import json
from types import MappingProxyType

import attrs
import pytest
from hypothesis import given, settings, strategies as st

import lumbar
from lumbar import strategies as lst

CATALOG = lumbar.default_catalog()
DEFAULT_PROGRAM = lumbar.build_program(lumbar.Profile(screening=lumbar.screen(lumbar.RedFlags())))
STATE_LIMIT = 8 * 1024
"""The most a stored state may take as JSON, in bytes, at any point of the default program."""


def _walk(program, simulation, catalog=CATALOG):
    """Advance ``program`` through ``simulation``'s logs, the state stored as JSON between
    sessions: each step's decisions and the stored text of each state."""
    state = lumbar.ProgramState.begin(program, catalog=catalog)
    texts, decisions = [], []
    for record in simulation.records:
        assert state.next_session.prescriptions == record.session.prescriptions
        text = lumbar.to_json(state)
        texts.append(text)
        state = lumbar.from_json(text, lumbar.ProgramState)
        step = lumbar.advance(program, state, record.log, catalog=catalog)
        decisions.append(step.decisions)
        state = step.state
    texts.append(lumbar.to_json(state))
    return texts, decisions, state


@settings(max_examples=25, deadline=None)
@given(
    lst.catalogs(max_ladders=3).flatmap(
        lambda c: st.tuples(st.just(c), lst.program_templates(c, max_weeks=6))
    ),
    lst.virtual_patients(),
    st.integers(0, 2**16),
)
def test_advancing_through_stored_states_equals_simulate(catalog_and_program, patient, seed):
    """Session by session, through JSON round trips of the compact state, the decisions and
    sessions are simulate's own: the state keeps all the history the rules see."""
    catalog, program = catalog_and_program
    simulation = lumbar.simulate(program, patient, catalog=catalog, seed=seed)
    _, decisions, state = _walk(program, simulation, catalog)
    expected = [record.decisions for record in simulation.records[1:]]
    assert decisions[:-1] == expected
    assert decisions[-1] == simulation.closing_decisions or not state.finished
    assert state.finished or simulation.ended_early


@pytest.mark.parametrize(
    "patient",
    [
        lumbar.SteadyImprover(),
        lumbar.FlareUp(flare_week=5),
        lumbar.FlareUp(flare_week=10, flare_pain=6.0),
        lumbar.NonAdherent(),
        lumbar.Plateau(),
    ],
    ids=lambda p: type(p).__name__,
)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_every_state_of_the_default_program_stays_under_8_kb(patient, seed):
    """The default 26-week program, walked to its end: every stored state is at most 8 KB."""
    simulation = lumbar.simulate(DEFAULT_PROGRAM, patient, seed=seed)
    texts, _, _ = _walk(DEFAULT_PROGRAM, simulation)
    assert len(texts) == len(simulation.records) + 1
    sizes = [len(text.encode("utf-8")) for text in texts]
    assert max(sizes) <= STATE_LIMIT, max(sizes)


def test_a_state_of_another_program_is_refused_naming_its_program():
    """The state says which program it belongs to, and what to pass instead."""
    state = lumbar.ProgramState.begin(DEFAULT_PROGRAM)
    other = attrs.evolve(DEFAULT_PROGRAM, title="Another program")
    log = _log(state.next_session)
    with pytest.raises(lumbar.ValidationError) as caught:
        lumbar.advance(other, state, log)
    [(path, message)] = caught.value.errors
    assert path == "state.fingerprint"
    assert DEFAULT_PROGRAM.title in message
    assert DEFAULT_PROGRAM.fingerprint() in message
    assert "pass the program the state began with" in message
    with pytest.raises(lumbar.ValidationError, match="program: must be a Program"):
        lumbar.advance(lumbar.to_dict(DEFAULT_PROGRAM), state, log)


def test_the_state_names_its_program_and_holds_none_of_it():
    """A fingerprint and a title, not the program's weeks."""
    state = lumbar.ProgramState.begin(DEFAULT_PROGRAM)
    data = lumbar.to_dict(state)
    assert data["fingerprint"] == DEFAULT_PROGRAM.fingerprint()
    assert data["title"] == DEFAULT_PROGRAM.title
    assert "program" not in data
    assert '"weeks"' not in json.dumps(data)


def test_an_equal_program_read_again_continues_the_state():
    """The fingerprint is of the program's value: the same program read back from JSON fits."""
    state = lumbar.ProgramState.begin(DEFAULT_PROGRAM)
    again = lumbar.from_json(lumbar.to_json(DEFAULT_PROGRAM), lumbar.Program)
    assert again is not DEFAULT_PROGRAM
    assert again.fingerprint() == DEFAULT_PROGRAM.fingerprint()
    log = _log(state.next_session)
    assert lumbar.advance(again, state, log) == lumbar.advance(DEFAULT_PROGRAM, state, log)


@settings(max_examples=30, deadline=None)
@given(lst.programs(), lst.programs())
def test_fingerprints_tell_programs_apart(first, second):
    """Equal programs have equal fingerprints; different ones (almost surely) do not."""
    assert (first.fingerprint() == second.fingerprint()) == (first == second)
    assert (
        first.fingerprint() == lumbar.from_json(lumbar.to_json(first), lumbar.Program).fingerprint()
    )


def test_the_same_inputs_give_the_same_state_bytes():
    """Deterministic: the same program, state and log give byte-identical stored states."""
    simulation = lumbar.simulate(DEFAULT_PROGRAM, lumbar.FlareUp(flare_week=2), seed=9)
    assert _walk(DEFAULT_PROGRAM, simulation)[0] == _walk(DEFAULT_PROGRAM, simulation)[0]


def test_many_programs_in_turn_give_the_same_results():
    """What advance remembers per program never changes a result, however many it sees."""
    programs = [
        lumbar.build_program(lumbar.Profile(screening=lumbar.screen(lumbar.RedFlags()), weeks=w))
        for w in range(4, 24)
    ]
    states = [lumbar.ProgramState.begin(program) for program in programs]
    logs = [_log(state.next_session) for state in states]
    first = [lumbar.advance(p, s, log) for p, s, log in zip(programs, states, logs, strict=True)]
    again = [lumbar.advance(p, s, log) for p, s, log in zip(programs, states, logs, strict=True)]
    assert first == again


def test_result_notes_are_not_kept_in_the_history():
    """The history keeps what the rules read; the person's notes stay in the app's logs."""
    state = lumbar.ProgramState.begin(DEFAULT_PROGRAM)
    log = _log(state.next_session, note="sore after the stairs " * 80)
    after = lumbar.advance(DEFAULT_PROGRAM, state, log).state
    assert "stairs" not in lumbar.to_json(after)
    assert all(a.result.note == "" for t in after.tracks for a in t.history.attempts())


@settings(max_examples=50, deadline=None)
@given(lst.histories())
def test_a_history_gives_back_its_attempts(history):
    """Columns to attempts and back: the same history."""
    attempts = history.attempts()
    assert len(attempts) == len(history)
    assert lumbar.History.of(attempts) == history


def test_a_history_with_uneven_columns_is_refused_with_paths():
    """Every column has one entry per attempt; indices point into ``given``."""
    state = lumbar.ProgramState.begin(DEFAULT_PROGRAM)
    after = lumbar.advance(DEFAULT_PROGRAM, state, _log(state.next_session)).state
    data = lumbar.to_dict(after.tracks[0].history)
    with pytest.raises(lumbar.ValidationError) as caught:
        lumbar.from_dict({**data, "rpe": [], "dose": [3]}, lumbar.History)
    paths = {path for path, _ in caught.value.errors}
    assert {"rpe", "dose[0]"} <= paths
    with pytest.raises(lumbar.ValidationError, match="at most 12"):
        lumbar.from_dict({**data, "completed": [True] * 13}, lumbar.History)


def _log(session, *, note=""):
    result = lumbar.ExerciseResult(completed=True, rpe=4, pain_during=2, pain_next_day=2, note=note)
    return lumbar.SessionLog(
        date=datetime.date(2024, 1, 1),
        results=(result,) * len(session.prescriptions),
        pain_before=2,
    )


def _easy_log(session, day):
    easy = lumbar.ExerciseResult(completed=True, rpe=3, pain_during=1, pain_next_day=1)
    return lumbar.SessionLog(results=[easy] * len(session.prescriptions), date=day)


def test_a_finished_state_points_just_past_the_programs_last_week():
    """After the last session (the third of its week), the state has no next session and
    points at the first session of the week after the program: week_index the number of
    weeks, session_index 0."""
    bridge = lumbar.Prescription(exercise="glute-bridge", dose=lumbar.Reps(sets=2, reps=10))
    session = lumbar.Session(prescriptions=(bridge,))
    program = lumbar.Program(weeks=(lumbar.Week(sessions=(session,) * 3),) * 2)
    state = lumbar.ProgramState.begin(program, catalog=CATALOG)
    day = datetime.date(2026, 1, 5)
    while not state.finished:
        before = state
        state = lumbar.advance(program, state, _easy_log(state.next_session, day)).state
        day += datetime.timedelta(days=2)
    assert (before.week_index, before.session_index) == (1, 2)
    assert (state.week_index, state.session_index, state.next_session) == (2, 0, None)


def test_a_stored_state_or_log_that_does_not_fit_is_refused_with_every_path():
    """A state missing a track, with unknown exercises, past the end or finished, a log
    dated before the last session, or no state at all: ValidationErrors naming each field."""
    state = lumbar.ProgramState.begin(DEFAULT_PROGRAM, catalog=CATALOG)
    log = _easy_log(state.next_session, datetime.date(2026, 1, 5))

    def refused(state, log=log):
        with pytest.raises(lumbar.ValidationError) as caught:
            lumbar.advance(DEFAULT_PROGRAM, state, log, catalog=CATALOG)
        return caught.value.errors

    assert refused(attrs.evolve(state, tracks=state.tracks[1:])) == (
        ("tracks", "must hold one track per exercise ladder of the program"),
    )
    unknown = tuple(
        attrs.evolve(t, prescription=attrs.evolve(t.prescription, exercise="moon-walk"))
        for t in state.tracks[:2]
    )
    assert refused(attrs.evolve(state, tracks=unknown + state.tracks[2:])) == (
        ("tracks[0].prescription.exercise", "unknown exercise 'moon-walk'"),
        ("tracks[1].prescription.exercise", "unknown exercise 'moon-walk'"),
    )
    assert refused(attrs.evolve(state, session_index=99)) == (
        ("session_index", "points past the end of the program"),
    )
    assert refused(attrs.evolve(state, next_session=None)) == (
        ("state", "the program is over: no session is left to log"),
    )
    assert refused("state") == (("state", "must be a ProgramState, got str"),)
    after = lumbar.advance(DEFAULT_PROGRAM, state, log, catalog=CATALOG).state
    early = _easy_log(after.next_session, datetime.date(2026, 1, 1))
    assert refused(after, early) == (
        ("log.date", "must not be before the previous session (2026-01-05)"),
    )


class _Steady:
    """A plain-class rule that repeats every prescription."""

    name = "steady"
    params = MappingProxyType({})

    def decide(self, context):
        return lumbar.Decision(
            action=lumbar.Action.HOLD,
            exercise=context.exercise.id,
            prescription=context.prescription,
            reason="Steady.",
            references=("borg-cr10",),
        )


@pytest.mark.parametrize("registry", [None, lumbar.default_registry()])
def test_advance_follows_the_rule_it_is_given_with_or_without_a_registry(registry):
    """A rule passed to advance decides, not the program's rules nor the default stack."""
    state = lumbar.ProgramState.begin(DEFAULT_PROGRAM, catalog=CATALOG)
    log = _easy_log(state.next_session, datetime.date(2026, 1, 5))
    step = lumbar.advance(
        DEFAULT_PROGRAM, state, log, rule=_Steady(), catalog=CATALOG, registry=registry
    )
    assert {d.reason for d in step.decisions} == {"Steady."}


def test_a_bad_fingerprint_a_log_of_the_wrong_kind_or_an_unknown_rule_is_named():
    """Each is a ValidationError on its own field."""
    state = lumbar.ProgramState.begin(DEFAULT_PROGRAM, catalog=CATALOG)
    with pytest.raises(lumbar.ValidationError) as caught:
        attrs.evolve(state, fingerprint="x")
    assert caught.value.errors == (
        ("fingerprint", "must be a program fingerprint ('sha256:' and 64 hex digits), got 'x'"),
    )
    log = _easy_log(state.next_session, datetime.date(2026, 1, 5))
    walked = attrs.evolve(log.results[0], done=lumbar.Duration(minutes=5))
    wrong = attrs.evolve(log, results=(walked, *log.results[1:]))
    with pytest.raises(lumbar.ValidationError) as caught:
        lumbar.advance(DEFAULT_PROGRAM, state, wrong, catalog=CATALOG)
    assert caught.value.errors == (
        ("log.results[0].done", "must be a reps dose like the prescription, got duration"),
    )
    unknown = attrs.evolve(DEFAULT_PROGRAM, rules=(lumbar.RuleRef(name="no-such-rule"),))
    with pytest.raises(lumbar.ValidationError) as caught:
        lumbar.simulate(unknown, lambda rx, week: log.results[0], catalog=CATALOG)
    assert [path for path, _ in caught.value.errors] == ["program.rules[0].name"]
