"""Every clinical number in lumbar names its evidence: a reference or a registered design choice.

How a number names its evidence (docs/evidence.md, "Citing a number"):

* In code, a number lives in a named module constant or in the default of an attrs
  field, and the module's ``EVIDENCE`` table maps that name (``"NAME"`` or
  ``"Class.field"``) to registry ids. Inside functions only units and arithmetic
  (0, 1, 2, 7 days, 60 seconds, 100 per cent, a float tolerance) may be written out.
* In data, each catalog exercise names ``dose_evidence`` for its three doses and each
  checklist item its ``references``.

This test walks the source of the clinical layers and fails on any number that does
neither, on any id the registry does not hold, and on any declaration left behind by a
renamed or deleted constant.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import attrs
import pytest

import lumbar
from lumbar import evidence
from lumbar.safety._red_flags import RedFlags

SOURCE = Path(lumbar.__file__).parent
CLINICAL_LAYERS = ("model", "content", "progression", "safety", "planning")
GENERATED = {"_builtin_data.py"}

UNITS_AND_ARITHMETIC = {0, 1, 2, 7, 60, 100, 1e-9}
"""Numbers a function body may write out: none of them is a clinical choice."""


def clinical_modules() -> list[str]:
    names = []
    for layer in CLINICAL_LAYERS:
        for path in sorted((SOURCE / layer).glob("*.py")):
            if path.name not in GENERATED:
                names.append(f"lumbar.{layer}.{path.stem}".removesuffix(".__init__"))
    return names


def _numbers(node: ast.AST) -> list[ast.Constant]:
    """The int and float literals in ``node`` (bools excluded), indexes left out."""
    found = []
    skip: set[int] = set()
    for child in ast.walk(node):
        if isinstance(child, ast.Subscript):
            skip.update(id(inner) for inner in ast.walk(child.slice))
        if (
            isinstance(child, ast.Constant)
            and type(child.value) in (int, float)
            and id(child) not in skip
        ):
            found.append(child)
    return found


def _counts(number: ast.Constant) -> bool:
    """Whether a named number needs evidence: all but the whole numbers 0 and 1 (none, one
    more), which say how many rather than how much; 1.0 kg is a quantity and counts."""
    return not (type(number.value) is int and number.value in (0, 1))


def _field_value(value: ast.expr) -> ast.expr | None:
    """What a class attribute's number lives in: an attrs field's default, else the value."""
    if isinstance(value, ast.Call) and getattr(
        value.func, "attr", getattr(value.func, "id", "")
    ) in (
        "field",
        "ib",
    ):
        for keyword in value.keywords:
            if keyword.arg in ("default", "factory"):
                return keyword.value
        return None  # validator bounds say what a value may be, not what lumbar recommends
    return value


def _targets(statement: ast.stmt) -> list[str]:
    """The names a statement assigns, ``A, B = ...`` included."""
    if isinstance(statement, ast.Assign):
        targets = statement.targets
    elif isinstance(statement, ast.AnnAssign):
        targets = [statement.target]
    else:
        return []
    return [
        node.id for target in targets for node in ast.walk(target) if isinstance(node, ast.Name)
    ]


def module_path(module: str) -> Path:
    path = SOURCE.joinpath(*module.split(".")[1:]).with_suffix(".py")
    return path if path.exists() else SOURCE.joinpath(*module.split(".")[1:], "__init__.py")


def walk(source: str, filename: str = "<source>") -> tuple[dict[str, int], list[str]]:
    """(name -> line) of every named number, and the bare numbers inside functions."""
    tree = ast.parse(source)
    named: dict[str, int] = {}
    bare: list[str] = []

    def in_function(function: ast.FunctionDef | ast.AsyncFunctionDef, owner: str) -> None:
        where = f"{owner}{function.name}"
        arguments = function.args
        defaults = [*arguments.defaults, *(d for d in arguments.kw_defaults if d is not None)]
        for node in [*defaults, *function.body]:
            for number in _numbers(node):
                if number.value not in UNITS_AND_ARITHMETIC:
                    bare.append(f"{filename}:{number.lineno}: {number.value!r} in {where}()")

    for statement in tree.body:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
            in_function(statement, "")
        elif isinstance(statement, ast.ClassDef):
            for member in statement.body:
                if isinstance(member, ast.FunctionDef | ast.AsyncFunctionDef):
                    in_function(member, f"{statement.name}.")
                    continue
                value = getattr(member, "value", None)
                inner = None if value is None else _field_value(value)
                if inner is not None and any(map(_counts, _numbers(inner))):
                    for name in _targets(member):
                        named[f"{statement.name}.{name}"] = member.lineno
        elif _targets(statement):
            value = getattr(statement, "value", None)
            if value is not None and any(map(_counts, _numbers(value))):
                for name in _targets(statement):
                    named[name] = statement.lineno
    return named, bare


def numbers_needing_evidence(module: str) -> tuple[dict[str, int], list[str]]:
    path = module_path(module)
    return walk(path.read_text(encoding="utf-8"), path.name)


def declared(module: str) -> dict[str, tuple[str, ...]]:
    table = getattr(importlib.import_module(module), "EVIDENCE", {})
    assert isinstance(table, dict), f"{module}.EVIDENCE must be a dict"
    return table


def _resolves(module: str, key: str) -> bool:
    """The declared name still exists: a module global, or a class attribute or field."""
    owner: object = importlib.import_module(module)
    for part in key.split("."):
        if attrs.has(owner) and part in attrs.fields_dict(owner):  # type: ignore[arg-type]
            return True
        if not hasattr(owner, part):
            return False
        owner = getattr(owner, part)
    return True


MODULES = clinical_modules()


def test_the_walk_covers_the_clinical_layers():
    """The walk finds the modules that hold the rules, the planner, the scores and the data code."""
    for expected in (
        "lumbar.progression._pain_gate",
        "lumbar.planning._builder",
        "lumbar.safety._scores",
        "lumbar.safety._lifting",
        "lumbar.content._checklists",
        "lumbar.model._activity",
    ):
        assert expected in MODULES


@pytest.mark.parametrize("module", MODULES)
def test_every_number_in_code_names_its_evidence(module):
    """Named numbers are declared in EVIDENCE with known ids; no bare clinical numbers."""
    named, bare = numbers_needing_evidence(module)
    table = declared(module)
    problems = [f"bare number, name it and declare it: {where}" for where in bare]
    problems += [
        f"{module}.{name} (line {line}) is not in {module}.EVIDENCE"
        for name, line in named.items()
        if name not in table
    ]
    registry = evidence.references()
    for name, ids in table.items():
        if not ids or not isinstance(ids, tuple):
            problems.append(f"{module}.EVIDENCE[{name!r}] must be a non-empty tuple of ids")
            continue
        problems += [
            f"{module}.EVIDENCE[{name!r}] cites unknown id {ref!r}"
            for ref in ids
            if ref not in registry
        ]
        if not _resolves(module, name):
            problems.append(f"{module}.EVIDENCE[{name!r}] names nothing in the module")
    assert not problems, "\n".join(problems)


def test_the_walk_catches_undeclared_numbers():
    """Constants and field defaults are found by name; a bare number in a function is refused."""
    source = (
        "import attrs\n"
        "LIMIT = 5\n"
        "LOW, HIGH = 1, 9\n"
        "NOTHING = 0\n"
        "@attrs.frozen\n"
        "class Rule:\n"
        "    step: int = attrs.field(default=3, validator=check.integer(1, 10))\n"
        "    bounded: int = attrs.field(validator=check.integer(1, 10))\n"
        "def decide(pain, limit=LIMIT, days=9):\n"
        "    return pain > 6 and history[-4] and pain * 100 // 7\n"
    )
    named, bare = walk(source, "probe.py")
    assert set(named) == {"LIMIT", "LOW", "HIGH", "Rule.step"}
    assert bare == ["probe.py:9: 9 in decide()", "probe.py:10: 6 in decide()"]


def test_every_red_flag_tier_names_its_evidence():
    """Each question's tier (how soon to seek care) is a clinical assignment with evidence."""
    table = declared("lumbar.safety._red_flags")
    missing = [
        f"RedFlags.{f.name}" for f in attrs.fields(RedFlags) if f"RedFlags.{f.name}" not in table
    ]
    assert not missing, f"tiers without evidence: {missing}"


def test_every_catalog_dose_names_its_evidence():
    """Every built-in exercise names the evidence behind its three doses, all known ids."""
    registry = evidence.references()
    problems = []
    for exercise in lumbar.default_catalog():
        if not exercise.dose_evidence:
            problems.append(f"{exercise.id}: no dose_evidence")
        problems += [
            f"{exercise.id}: unknown id {ref!r}"
            for ref in exercise.dose_evidence
            if ref not in registry
        ]
        problems += [
            f"{exercise.id}.references names design choice {ref!r}: a reason to include an "
            "exercise must be a source"
            for ref in exercise.references
            if registry[ref].is_design_choice
        ]
    assert not problems, "\n".join(problems)


def test_every_checklist_item_cites_a_source():
    """Checklist items (whose texts carry numbers) cite at least one published source."""
    registry = evidence.references()
    for checklist in lumbar.default_checklists().values():
        for item in checklist.items:
            assert any(not registry[ref].is_design_choice for ref in item.references), (
                f"{checklist.id}.{item.id} cites no published source"
            )
