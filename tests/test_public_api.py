"""The public surface: what is exported, documented, and cheap to import."""

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

import lumbar
from lumbar import strategies

# Every name lumbar exported before its layers became subpackages (0.1.0.dev0): each must
# stay importable from lumbar, whatever layer it lives in now.
EXPORTED_BEFORE_THE_LAYERS = [
    "SCHEMA_VERSION",
    "Action",
    "ActivityGoal",
    "Assessment",
    "Attempt",
    "Catalog",
    "Category",
    "Checklist",
    "ChecklistItem",
    "Constraints",
    "Coupling",
    "Decision",
    "DeloadRule",
    "DirectionalPreference",
    "Dose",
    "DoubleProgression",
    "Duration",
    "DurationProgression",
    "EducationTopic",
    "Equipment",
    "Exercise",
    "ExerciseResult",
    "FirstMatch",
    "FitnessLevel",
    "FlareUp",
    "Goal",
    "Hold",
    "HoldTimeProgression",
    "Intervals",
    "LadderProgression",
    "Ledger",
    "Lift",
    "LoadProgression",
    "LumbarError",
    "NioshMultipliers",
    "NonAdherent",
    "OdiBand",
    "OswestryResult",
    "Outcome",
    "PainGate",
    "Phase",
    "Plateau",
    "Position",
    "Prescription",
    "Profile",
    "Program",
    "ProgramState",
    "ProgressionRule",
    "RedFlagQuestion",
    "RedFlags",
    "ReferralRequired",
    "Reps",
    "Responder",
    "ReversePyramid",
    "Risk",
    "RuleContext",
    "RuleRef",
    "RuleRegistry",
    "Screening",
    "Session",
    "SessionLog",
    "SessionRecord",
    "Simulation",
    "SpinalLoading",
    "StartBackResult",
    "SteadyImprover",
    "Step",
    "Tier",
    "Track",
    "UnknownExerciseError",
    "ValidationError",
    "VirtualPatient",
    "WalkRunProgression",
    "Week",
    "WeekFigures",
    "WeeklyCap",
    "advance",
    "assess",
    "build_program",
    "check_against_catalog",
    "default_catalog",
    "default_checklists",
    "default_registry",
    "default_rule",
    "education_topics",
    "evidence",
    "from_dict",
    "from_json",
    "lifting_index",
    "lifting_multipliers",
    "load_catalog",
    "load_checklist",
    "next_program",
    "oswestry",
    "recommended_weight_limit",
    "red_flag_questions",
    "ref_of",
    "refs_of",
    "register_rule",
    "render_markdown",
    "render_text",
    "require_clear",
    "rule_from_ref",
    "rule_from_refs",
    "schedule_deloads",
    "screen",
    "simulate",
    "simulate_many",
    "start_back",
    "to_dict",
    "to_json",
]

LAYERS = (
    "errors",
    "model",
    "content",
    "progression",
    "safety",
    "simulation",
    "planning",
    "formats",
)


def test_every_name_exported_before_the_layers_still_is():
    """Nothing lumbar exported before the layered layout went missing from lumbar."""
    missing = sorted(set(EXPORTED_BEFORE_THE_LAYERS) - set(lumbar.__all__))
    assert missing == []


def test_all_is_the_union_of_the_layers():
    """lumbar.__all__ is every layer's __all__ (and the evidence module), each name once."""
    union = ["evidence"]
    for layer in LAYERS:
        union.extend(importlib.import_module(f"lumbar.{layer}").__all__)
    assert len(set(union)) == len(union), "a name is exported by two layers"
    assert lumbar.__all__ == sorted(union)


@pytest.mark.parametrize("layer", [layer for layer in LAYERS if layer != "errors"])
def test_each_layer_declares_its_names_once_for_type_checkers_and_for_lookup(layer):
    """A layer's TYPE_CHECKING imports name the same names, from the same modules, as its table."""
    package = importlib.import_module(f"lumbar.{layer}")
    tree = ast.parse(Path(package.__file__).read_text(encoding="utf-8"))
    branch = next(node for node in tree.body if isinstance(node, ast.If))
    static = {
        (node.module, alias.name)
        for node in branch.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
        if alias.asname == alias.name  # "X as X": re-exported for type checkers
    }
    lazy = {
        (f"lumbar.{layer}.{module}", name)
        for module, names in _lazy_table(branch.orelse).items()
        for name in names
    }
    assert static == lazy
    assert sorted(name for _, name in lazy) == package.__all__


def _lazy_table(nodes):
    call = next(
        node.value
        for node in nodes
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
    )
    return ast.literal_eval(call.args[1])


def test_a_layers_names_load_on_first_use():
    """Importing a layer imports none of its modules until a name is used."""
    loaded = _imported_after("import lumbar.safety")
    assert "lumbar.safety._lifting" not in loaded
    loaded = _imported_after("import lumbar.safety\nlumbar.safety.Lift")
    assert "lumbar.safety._lifting" in loaded
    assert "lumbar.safety._posture" not in loaded


@pytest.mark.parametrize("name", lumbar.__all__)
def test_every_public_name_resolves_and_is_documented(name):
    """Each exported name loads and has a docstring (the API reference is built from them)."""
    value = getattr(lumbar, name)
    if name in {"Dose", "SCHEMA_VERSION"}:
        return  # a type alias and a constant; documented in their modules
    assert (value.__doc__ or "").strip(), f"{name} has no docstring"


def test_unknown_attribute_is_attribute_error():
    """Misspelt names fail as for any module."""
    with pytest.raises(AttributeError, match="no attribute 'Programme'"):
        lumbar.Programme  # noqa: B018


def test_version_comes_from_metadata():
    """lumbar.__version__ is the installed distribution's version."""
    from importlib.metadata import version

    assert lumbar.__version__ == version("lumbar")


def test_strategies_all_is_complete():
    """lumbar.strategies exports every public strategy it defines, sorted."""
    public = {
        name
        for name, value in vars(strategies).items()
        if callable(value)
        and not name.startswith("_")
        and value.__module__.startswith("lumbar")
        and name not in {"Catalog", "Reference", "references"}
        and not isinstance(value, type)
    }
    assert set(strategies.__all__) == public
    assert len(set(strategies.__all__)) == len(strategies.__all__)


def _imported_after(code: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint(' '.join(sys.modules))"],
        check=True,
        capture_output=True,
        text=True,
    )
    return set(result.stdout.split())


# The extras (pandas, matplotlib, icalendar) are optional and the test-only packages are
# not installed with lumbar: neither may be needed, or loaded, by the library's core.
# (cattrs is a dependency like attrs: whether a feature loads it is a matter of start-up
# time, which benchmarks/bench_planner.py --check guards for `lumbar plan` in CI.)
OPTIONAL_OR_TEST_ONLY = ("pandas", "matplotlib", "icalendar", "hypothesis", "fastapi", "dask")

CORE_USE = """
import lumbar
program = lumbar.build_program(lumbar.Profile(screening=lumbar.screen(lumbar.RedFlags())))
assert lumbar.from_json(lumbar.to_json(program), lumbar.Program) == program
assert lumbar.render_text(program) and lumbar.render_markdown(program)
assert lumbar.simulate(program, lumbar.SteadyImprover(), seed=1).program.weeks
assert lumbar.assess("driving", dict.fromkeys(lumbar.default_checklists()["driving"].ids, True))
assert lumbar.evidence.cite(["who-2020-pa"])
"""


def test_import_lumbar_loads_no_optional_or_test_only_package():
    """import lumbar, and the first use of its core, load none of the optional packages."""
    for code in ("import lumbar", "import lumbar\nlumbar.Program\nlumbar.default_catalog()"):
        loaded = _imported_after(code)
        assert not [name for name in OPTIONAL_OR_TEST_ONLY if name in loaded]


def test_the_core_works_without_the_optional_and_test_only_packages():
    """Plan, JSON, render, simulate, checklists and evidence run where none is installed."""
    blocked = "".join(f"sys.modules[{name!r}] = None\n" for name in OPTIONAL_OR_TEST_ONLY)
    result = subprocess.run(
        [sys.executable, "-c", f"import sys\n{blocked}{CORE_USE}"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
