"""Rules by name: the registry, the decorator, entry points, and rules saved with programs."""

import datetime
import sys
from types import MappingProxyType

import pytest
from hypothesis import given

import lumbar
from _progression import CATALOG, program
from lumbar import (
    Action,
    Decision,
    DoubleProgression,
    PainGate,
    RuleRef,
    RuleRegistry,
    rule_from_ref,
    rule_from_refs,
)
from lumbar.strategies import rule_refs, rule_stacks

BUILT_IN = {
    "weekly-cap",
    "pain-gate",
    "deload",
    "ladder",
    "double-progression",
    "load-progression",
    "hold-time",
    "reverse-pyramid",
    "duration",
    "walk-run",
}


class Steady:
    """A plain-class rule that always holds."""

    name = "steady"
    params = MappingProxyType({"note": "hold"})

    def __init__(self, note="hold"):
        self.note = note

    def decide(self, context):
        return Decision(
            action=Action.HOLD,
            exercise=context.exercise.id,
            prescription=context.prescription,
            reason=f"Steady: {self.note}.",
            references=("borg-cr10",),
        )


def test_the_default_registry_holds_the_built_in_rules_and_is_fresh():
    """Each call gives a new registry: adding to one leaves the others alone."""
    first, second = lumbar.default_registry(), lumbar.default_registry()
    assert set(first) == BUILT_IN
    assert len(first) == len(BUILT_IN)
    first.register(Steady)
    assert "steady" in first
    assert "steady" not in second
    assert "steady" not in lumbar.default_registry()


def test_the_decorator_registers_and_returns_the_class():
    """@register_rule(registry) adds the class under its name."""
    registry = lumbar.default_registry()

    @lumbar.register_rule(registry)
    class Patient(Steady):
        name = "patient"

    assert registry.factory("patient") is Patient
    assert isinstance(rule_from_ref(RuleRef(name="patient"), registry), Patient)


class NoDecide:
    name = "no-decide"
    params = MappingProxyType({})


class NeedsArgument(Steady):
    name = "needs-argument"

    def __init__(self, level):
        super().__init__()
        self.level = level


class WrongName(Steady):
    name = "wrong-name"


class ListParams(Steady):
    name = "list-params"
    params = MappingProxyType({"levels": [1, 2]})


class RefusesOwnParams(Steady):
    name = "refuses-own-params"
    params = MappingProxyType({"unknown": 1})


@pytest.mark.parametrize(
    ("factory", "name", "message"),
    [
        (DoubleProgression, None, "already registered"),
        (NoDecide, None, "must build an object with name, params and decide"),
        (NeedsArgument, None, "must build a rule from its defaults"),
        (WrongName, "other-name", "builds a rule named 'wrong-name'"),
        (ListParams, None, "params must map names to int, float, str or bool"),
        (RefusesOwnParams, None, "must accept its own params back"),
        (Steady, "Not A Slug", "a rule needs a slug name"),
        (object(), "thing", "must be a class or callable"),
    ],
)
def test_register_rejects_what_does_not_meet_the_protocol(factory, name, message):
    """Problems show at registration, not at first use."""
    registry = lumbar.default_registry()
    with pytest.raises(lumbar.ValidationError, match=message):
        registry.register(factory, name=name)


def test_unknown_names_and_misplaced_wrappers_are_reported_by_position():
    """Errors name the reference: rules[1].name, rules[1], rules[0].params."""
    with pytest.raises(lumbar.ValidationError, match=r"rules\[1\]\.name: no rule named 'nope'"):
        rule_from_refs((RuleRef(name="pain-gate"), RuleRef(name="nope")))
    with pytest.raises(lumbar.ValidationError, match=r"rules\[1\]: 'pain-gate' wraps other rules"):
        rule_from_refs((RuleRef(name="duration"), RuleRef(name="pain-gate")))
    with pytest.raises(lumbar.ValidationError, match="must end with at least one base rule"):
        rule_from_refs((RuleRef(name="pain-gate"),))
    with pytest.raises(lumbar.ValidationError, match=r"rules\[0\]\.params\.rep_low: must be >= 1"):
        rule_from_refs((RuleRef(name="double-progression", params={"rep_low": 0}),))
    with pytest.raises(lumbar.ValidationError, match="wraps another rule"):
        rule_from_ref(RuleRef(name="pain-gate"))


def test_a_stack_of_references_rebuilds_the_default_rule():
    """The default stack written as references builds back equal."""
    refs = lumbar.refs_of(lumbar.default_rule())
    assert [ref.name for ref in refs] == [
        "weekly-cap",
        "pain-gate",
        "deload",
        "ladder",
        "reverse-pyramid",
        "hold-time",
        "double-progression",
        "duration",
        "walk-run",
    ]
    assert rule_from_refs(refs) == lumbar.default_rule()


@given(rule_stacks())
def test_every_built_in_stack_round_trips_through_references(rule):
    """refs_of and rule_from_refs are inverses, parameters and their types included."""
    refs = lumbar.refs_of(rule)
    assert rule_from_refs(refs) == rule
    for ref in refs:
        assert all(type(value) in (int, float, str, bool) for value in ref.params.values())


@given(rule_stacks())
def test_a_program_that_names_its_rules_loads_back_with_them(rule):
    """The rules survive JSON with the program and build the same stack."""
    named = lumbar.Program(weeks=program(weeks=1).weeks, rules=lumbar.refs_of(rule))
    loaded = lumbar.from_json(lumbar.to_json(named), lumbar.Program, catalog=CATALOG)
    assert loaded == named
    assert rule_from_refs(loaded.rules) == rule


@given(rule_refs())
def test_rule_references_round_trip_through_json(ref):
    """Parameters keep their types: a bool stays a bool, an int an int."""
    again = lumbar.from_json(lumbar.to_json(ref), RuleRef)
    assert again == ref
    assert [type(v) for v in again.params.values()] == [type(v) for v in ref.params.values()]


def test_rule_references_validate_their_parameters():
    """Only int, float, str and bool parameters, finite numbers, string keys."""
    with pytest.raises(lumbar.ValidationError, match=r"params\.levels: must be an int"):
        RuleRef(name="x", params={"levels": [1]})
    with pytest.raises(lumbar.ValidationError, match="must be a finite number"):
        RuleRef(name="x", params={"percent": float("inf")})
    with pytest.raises(lumbar.ValidationError, match="name: must be a lower-case slug"):
        RuleRef(name="Pain Gate")


def test_a_custom_rule_runs_from_a_program_that_names_it():
    """Register, name it in the program, and simulate: the engine builds it from the registry."""
    registry = lumbar.default_registry()
    registry.register(Steady)
    refs = (RuleRef(name="pain-gate"), RuleRef(name="steady", params={"note": "slow"}))
    rule = rule_from_refs(refs, registry)
    assert isinstance(rule, PainGate)
    assert rule.inner.note == "slow"
    sim = lumbar.simulate(program(weeks=2), lumbar.SteadyImprover(), rule=rule, catalog=CATALOG)
    assert all(d.action in (Action.HOLD, Action.REGRESS, Action.STOP) for d in sim.decisions)


def test_advance_builds_the_rules_a_program_names_from_the_registry_it_is_given():
    """Given a registry and no rule, advance builds the program's named rules from it: a rule
    only that registry holds decides (with its saved parameters)."""
    registry = lumbar.default_registry()
    registry.register(Steady)
    named = lumbar.Program(
        weeks=program(weeks=2).weeks, rules=(RuleRef(name="steady", params={"note": "saved"}),)
    )
    state = lumbar.ProgramState.begin(named, catalog=CATALOG)
    easy = lumbar.ExerciseResult(completed=True, rpe=3, pain_during=1, pain_next_day=1)
    log = lumbar.SessionLog(
        results=[easy] * len(state.next_session.prescriptions), date=datetime.date(2026, 1, 5)
    )
    step = lumbar.advance(named, state, log, catalog=CATALOG, registry=registry)
    assert {d.reason for d in step.decisions} == {"Steady: saved."}


ENTRY_POINTS = """\
[lumbar.rules]
gentle = lumbar_gentle_plugin:Gentle
"""

PLUGIN = """\
from types import MappingProxyType

from lumbar import Action, Decision


class Gentle:
    name = "gentle"
    params = MappingProxyType({})

    def decide(self, context):
        return Decision(
            action=Action.HOLD,
            exercise=context.exercise.id,
            prescription=context.prescription,
            reason="Gently.",
            references=("borg-cr10",),
        )
"""


def test_installed_plugins_register_by_entry_point_on_request(tmp_path, monkeypatch):
    """An installed package's lumbar.rules entry point registers when asked, not at import."""
    info = tmp_path / "lumbar_gentle_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: lumbar-gentle-plugin\nVersion: 1.0\n"
    )
    (info / "entry_points.txt").write_text(ENTRY_POINTS)
    (tmp_path / "lumbar_gentle_plugin.py").write_text(PLUGIN)
    monkeypatch.syspath_prepend(str(tmp_path))
    registry = RuleRegistry()
    assert "gentle" not in lumbar.default_registry()
    assert registry.load_entry_points() == ("gentle",)
    assert "gentle" in registry
    with pytest.raises(lumbar.ValidationError, match="already registered"):
        registry.load_entry_points()
    sys.modules.pop("lumbar_gentle_plugin", None)


def test_a_broken_plugin_fails_with_its_name(tmp_path, monkeypatch):
    """An entry point that cannot load is reported under its name."""
    info = tmp_path / "broken_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: broken-plugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[lumbar.rules]\nbroken = no_such_module:Rule\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(lumbar.ValidationError, match="broken: entry point"):
        RuleRegistry().load_entry_points()


def test_import_lumbar_loads_no_plugin_machinery():
    """Entry points are read only on request: importing lumbar does not touch them."""
    import subprocess

    code = "import sys, lumbar; lumbar.default_rule(); print('importlib.metadata' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


class _Loop:
    """An app's wrapper whose ``inner`` is set later, by mistake to a stack holding itself."""

    name = "loop"
    params = MappingProxyType({})

    def __init__(self) -> None:
        self.inner: object = None

    def decide(self, context):
        return self.inner.decide(context)


@pytest.mark.parametrize("depth", [0, 1])
def test_a_rule_stack_that_wraps_itself_is_refused_not_run_for_ever(depth):
    """refs_of and simulate refuse a stack whose wrappers lead back to one of them."""
    loop = _Loop()
    loop.inner = loop if depth == 0 else PainGate(inner=loop)
    with pytest.raises(lumbar.ValidationError, match="wraps 'loop' inside itself"):
        lumbar.refs_of(loop)
    with pytest.raises(lumbar.ValidationError, match="wraps 'loop' inside itself"):
        lumbar.simulate(program(weeks=1), lumbar.SteadyImprover(), rule=loop, catalog=CATALOG)
