"""The API reference shows every public name, and every field of every public class with a doc.

The reference pages (``docs/reference/*.md``) are built by mkdocstrings from the
docstrings, read statically by griffe with the project's extension
(``docs/_ext/griffe_lumbar.py``); these tests read them the same way.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import attrs
import griffe
import pytest

import lumbar

ROOT = Path(__file__).parent.parent
REFERENCE = ROOT / "docs" / "reference"
DIRECTIVE = re.compile(r"^::: (\S+)", re.MULTILINE)
SPHINX_ROLE = re.compile(r":(?:func|class|meth|attr|mod|data|exc|obj|ref):`")


def _extension() -> type[griffe.Extension]:
    spec = importlib.util.spec_from_file_location(
        "griffe_lumbar", ROOT / "docs" / "_ext" / "griffe_lumbar.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    extension: type[griffe.Extension] = module.AttrsFields
    return extension


@pytest.fixture(scope="module")
def package() -> griffe.Module:
    extensions = griffe.load_extensions(_extension()())
    loaded = griffe.load("lumbar", search_paths=[str(ROOT / "src")], extensions=extensions)
    assert isinstance(loaded, griffe.Module)
    return loaded


def documented() -> set[str]:
    return {path for page in REFERENCE.glob("*.md") for path in DIRECTIVE.findall(page.read_text())}


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


def public_path(name: str) -> str:
    """``lumbar.<layer>.<name>``: where the reference documents a public name."""
    layer = next(
        layer for layer in LAYERS if name in importlib.import_module(f"lumbar.{layer}").__all__
    )
    return f"lumbar.{layer}.{name}"


PUBLIC = sorted(name for name in lumbar.__all__ if name != "evidence")


def test_every_public_name_has_a_reference_entry():
    """Each name lumbar exports appears as ``::: lumbar.<layer>.<name>`` on a reference page."""
    missing = [public_path(name) for name in PUBLIC if public_path(name) not in documented()]
    assert missing == []


PUBLIC_ATTRS_CLASSES = sorted(
    {
        public_path(name)
        for name in PUBLIC
        if isinstance(getattr(lumbar, name), type) and attrs.has(getattr(lumbar, name))
    }
    | {"lumbar.evidence.Reference"}
)


@pytest.mark.parametrize("path", PUBLIC_ATTRS_CLASSES)
def test_every_field_has_a_line_of_doc_a_type_and_a_place_in_the_signature(package, path):
    """Each field shows with its type, its default and a doc; the signature lists it."""
    found = package[path.removeprefix("lumbar.")]
    module, name = path.rsplit(".", 1)
    runtime = getattr(importlib.import_module(module), name)
    init = found.members.get("__init__")
    assert init is not None, f"{path} shows no signature"
    parameters = {parameter.name: parameter for parameter in init.parameters}
    for field in attrs.fields(runtime):
        if field.name.startswith("_"):
            continue  # private state, not part of the public API
        member = found.members.get(field.name)
        assert member is not None, f"{path}.{field.name} is not in the reference"
        assert member.docstring is not None, f"{path}.{field.name} has no doc"
        assert member.docstring.value.strip(), f"{path}.{field.name} has an empty doc"
        assert member.annotation is not None, f"{path}.{field.name} shows no type"
        if field.init:
            parameter = parameters[field.alias or field.name]
            has_default = field.default is not attrs.NOTHING
            assert (parameter.default is not None) == has_default, f"{path}.{field.name}"


def test_defaults_show_as_values_not_as_field_calls(package):
    """A field shows its default, never the ``attrs.field(...)`` that declares it."""
    program = package["model.Program"]
    assert str(program.members["title"].value) == '""'
    assert str(program.members["phases"].value) == "()"
    assert program.members["weeks"].value is None
    assert str(package["model.Reps"].members["load_kg"].value) == "None"
    red_flags = package["safety.RedFlags"]
    assert str(red_flags.members["saddle_numbness"].value) == "False"
    assert "saddle" in red_flags.members["saddle_numbness"].docstring.value


def test_signatures_are_keyword_only_where_the_classes_are(package):
    init = package["model.Prescription"].members["__init__"]
    kinds = {p.name: p.kind for p in init.parameters if p.name != "self"}
    assert set(kinds.values()) == {griffe.ParameterKind.keyword_only}
    assert list(kinds) == ["exercise", "dose", "note"]


def test_doctests_render_as_code(package):
    docstring = package["model.Reps"].docstring.value
    assert (
        "```pycon\n>>> Reps(sets=3, reps=10)\nReps(sets=3, reps=10, load_kg=None)\n```" in docstring
    )


def test_no_sphinx_roles_are_left_in_docstrings():
    """Cross-references are Markdown links; ``:func:`` and friends would show as text."""
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "src").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if SPHINX_ROLE.search(line)
    ]
    assert found == []


@pytest.mark.parametrize(
    "page", sorted(p.name for p in REFERENCE.glob("*.md") if p.name != "strategies.md")
)
def test_each_reference_page_says_names_come_from_lumbar(page):
    """The pages use layer paths (griffe cannot follow the lazy top level) and say so."""
    text = (REFERENCE / page).read_text()
    assert "also importable from `lumbar`" in text or "`lumbar.evidence`" in text


def test_the_evidence_page_lists_the_whole_registry():
    spec = importlib.util.spec_from_file_location("hooks", ROOT / "docs" / "_ext" / "hooks.py")
    assert spec is not None
    assert spec.loader is not None
    hooks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hooks)
    page = (ROOT / "docs" / "evidence.md").read_text()
    assert hooks.REGISTRY in page
    listed = hooks.on_page_markdown(page)
    for ref_id in lumbar.evidence.references():
        assert f"- `{ref_id}`: " in listed


def test_the_tutorial_notebook_runs_on_every_docs_build():
    """The notebook is stored without outputs; the docs build runs it and fails on an error."""
    notebook = json.loads((ROOT / "docs" / "notebooks" / "tutorial.ipynb").read_text())
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    assert code
    assert all(not cell["outputs"] and cell["execution_count"] is None for cell in code)
    config = (ROOT / "mkdocs.yml").read_text()
    assert re.search(
        r"mkdocs-jupyter:\n\s+execute: true\n\s+allow_errors: false\n\s+cache: false", config
    )
