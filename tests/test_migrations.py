"""Versions: documents written by every earlier lumbar load, through the migration steps."""

import datetime
import json
from pathlib import Path

import pytest

import lumbar
from lumbar import ValidationError
from lumbar.formats._migrations import Migrations, built_in
from lumbar.formats._shapes import referenced

DOCUMENTS = Path(__file__).parent / "documents"
KINDS = {
    "program": lumbar.Program,
    "profile": lumbar.Profile,
    "session-log": lumbar.SessionLog,
    "simulated-program": lumbar.Program,
    "program-state": lumbar.ProgramState,
}
FILES = sorted(DOCUMENTS.glob("v*/*.json"))


def test_there_is_a_document_of_every_kind_for_every_version():
    """Each version folder keeps one document of each kind apps store."""
    versions = sorted({path.parent.name for path in FILES})
    assert versions == [f"v{n}" for n in range(1, len(versions) + 1)]
    assert versions[-1] == f"v{lumbar.SCHEMA_VERSION}"
    for version in versions:
        assert {p.stem for p in FILES if p.parent.name == version} == set(KINDS)


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_stored_documents_load(path):
    """A document written by an earlier (or this) lumbar loads with today's."""
    text = path.read_text(encoding="utf-8")
    cls = KINDS[path.stem]
    loaded = lumbar.from_json(text, cls, catalog=lumbar.default_catalog())
    assert type(loaded) is cls
    assert lumbar.from_dict(json.loads(text), cls) == loaded
    if json.loads(text)["schema"] == lumbar.SCHEMA_VERSION:
        assert json.loads(lumbar.to_json(loaded)) == json.loads(text)


def test_a_stored_program_and_state_go_on():
    """The stored state continues with today's engine (it names its program's next session)."""
    state = lumbar.from_json(
        (DOCUMENTS / f"v{lumbar.SCHEMA_VERSION}" / "program-state.json").read_text("utf-8"),
        lumbar.ProgramState,
    )
    assert not state.finished
    assert state.next_session is not None


def _holders() -> dict[str, tuple[str, ...]]:
    return {
        cls.__name__: tuple(held.__name__ for held in referenced(cls))
        for cls in lumbar.DOCUMENT_TYPES
    }


def test_the_built_in_steps_miss_nothing():
    """Every type that holds a migrated type has its own step at that version."""
    assert built_in().current == lumbar.SCHEMA_VERSION
    assert built_in().missing(_holders()) == []


# --- the mechanism, on a format 2 made up for the test ------------------------------------


def _compact(state: dict) -> dict:
    """A made-up version 2 state: the program named by its title, not held."""
    title = state["program"]["title"]
    return {**{k: v for k, v in state.items() if k != "program"}, "program_title": title}


def _future() -> Migrations:
    migrations = Migrations(current=2)
    migrations.register("ProgramState", 1)(_compact)

    @migrations.register("Step", 1)
    def _step(step: dict) -> dict:
        return {**step, "state": _compact(step["state"])}

    return migrations


def test_a_step_brings_a_stored_state_forward():
    """A version 1 state becomes the version 2 form; other types pass unchanged."""
    data = json.loads((DOCUMENTS / "v1" / "program-state.json").read_text("utf-8"))
    migrated = _future().migrate(data, "ProgramState")
    assert "program" not in migrated
    assert migrated["program_title"] == data["program"]["title"]
    assert "schema" not in migrated
    assert migrated["tracks"] == data["tracks"]
    program = json.loads((DOCUMENTS / "v1" / "program.json").read_text("utf-8"))
    assert _future().migrate(program, "Program") == {
        k: v for k, v in program.items() if k != "schema"
    }


def test_a_missing_step_for_a_holder_is_found():
    """A step for the state alone is not enough: a Step holds a state too."""
    migrations = Migrations(current=2)
    migrations.register("ProgramState", 1)(_compact)
    assert ("Step", 1) in migrations.missing(_holders())
    assert _future().missing(_holders()) == []


def test_steps_are_checked_when_registered():
    """One step per type and version, for a version before the current one."""
    migrations = _future()
    with pytest.raises(ValueError, match="already has a step"):
        migrations.register("ProgramState", 1)(_compact)
    with pytest.raises(ValueError, match="from 1 to 1"):
        migrations.register("Program", 2)(_compact)
    assert list(migrations) == [("ProgramState", 1), ("Step", 1)]


@pytest.mark.parametrize("version", [None, 0, -1, 3, True, "1", 1.0])
def test_versions_outside_the_known_ones_are_refused(version):
    """No version, a malformed one or one from a newer lumbar: a ValidationError at schema."""
    data = {} if version is None else {"schema": version}
    with pytest.raises(ValidationError) as caught:
        _future().migrate(data, "Program")
    assert [path for path, _ in caught.value.errors] == ["schema"]


def test_a_step_that_cannot_read_a_document_says_so():
    """A malformed old document fails as a ValidationError naming the version and type."""
    with pytest.raises(ValidationError, match="version 1 ProgramState"):
        _future().migrate({"schema": 1}, "ProgramState")


# --- version 2: the compact program state -------------------------------------------------


def _v1_state_and_program() -> tuple[dict, lumbar.Program]:
    data = json.loads((DOCUMENTS / "v1" / "program-state.json").read_text("utf-8"))
    program = lumbar.from_dict({**data["program"], "schema": 1}, lumbar.Program)
    return data, program


def test_a_version_1_state_becomes_compact_and_goes_on_as_it_would_have():
    """The stored state (which held its program) names it by fingerprint, keeps the same
    attempts, and advances exactly as a state begun today after the same session."""
    data, program = _v1_state_and_program()
    state = lumbar.from_dict(data, lumbar.ProgramState)
    assert state.fingerprint == program.fingerprint()
    assert state.title == program.title
    assert "program" not in lumbar.to_dict(state)
    assert len(lumbar.to_json(state)) < len(json.dumps(data, separators=(",", ":"))) / 2
    for old, new in zip(data["tracks"], state.tracks, strict=True):
        assert len(new.history) == len(old["history"])
        assert [lumbar.to_dict(a.prescription) for a in new.history.attempts()] == [
            {**a["prescription"], "schema": lumbar.SCHEMA_VERSION} for a in old["history"]
        ]
    first = lumbar.ProgramState.begin(program)
    results = tuple(
        lumbar.ExerciseResult(completed=True, rpe=4, pain_during=2, pain_next_day=2)
        for _ in first.next_session.prescriptions
    )
    log = lumbar.SessionLog(date=datetime.date(2024, 1, 1), results=results, pain_before=2)
    assert lumbar.advance(program, first, log).state == state
    again = lumbar.advance(program, first, log).state
    later = lumbar.SessionLog(
        date=datetime.date(2024, 1, 3), results=results[:1] * len(again.next_session.prescriptions)
    )
    assert lumbar.advance(program, state, later) == lumbar.advance(program, again, later)


def test_a_version_1_step_and_track_become_compact():
    """A stored Step (which holds a state) and a Track alone come forward too."""
    data, program = _v1_state_and_program()
    step = lumbar.from_dict({"state": data, "decisions": [], "schema": 1}, lumbar.Step)
    assert step.state.fingerprint == program.fingerprint()
    track = lumbar.from_dict({**data["tracks"][0], "schema": 1}, lumbar.Track)
    assert track == step.state.tracks[0]


def test_a_version_1_state_with_a_broken_program_is_refused_with_a_path():
    """A stored state whose program does not read is a ValidationError, not a crash."""
    data, _ = _v1_state_and_program()
    with pytest.raises(ValidationError):
        lumbar.from_dict({**data, "program": {"weeks": "no"}}, lumbar.ProgramState)
