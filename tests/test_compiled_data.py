"""Each layer's built-in data compiled from TOML (_builtin_data.py), and the tool that makes it."""

import datetime
import importlib
import importlib.util
import math
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

import lumbar
from lumbar.content._education import education_topics, parse_topics
from lumbar.evidence import parse_references, references, unknown_ids

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = Path(lumbar.__file__).parent
TOOL = ROOT / "tools" / "compile_data.py"


def _load_tool():
    """tools/compile_data.py, a development tool outside the package, loaded from its file."""
    spec = importlib.util.spec_from_file_location("compile_data", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


tool = _load_tool()
check_plain, module_source, same, stale = (
    tool.check_plain,
    tool.module_source,
    tool.same,
    tool.stale,
)
REGENERATE = f"out of date: run `{tool.COMMAND}`"
FUNCTIONS = [
    (target, name, path) for target, files in tool.COMPILED.items() for name, path in files.items()
]


def toml_of(path):
    return tomllib.loads((PACKAGE / path).read_text(encoding="utf-8"))


def compiled(target):
    return importlib.import_module(tool.module_name(target))


@pytest.mark.parametrize(("target", "name", "path"), FUNCTIONS)
def test_compiled_data_is_what_the_toml_parses_to(target, name, path):
    """Each compiled function returns exactly what tomllib gives for its TOML file."""
    assert same(getattr(compiled(target), name)(), toml_of(path)), f"{target}: {REGENERATE}"


@pytest.mark.parametrize("target", tool.COMPILED)
def test_every_compiled_name_has_a_toml_file_and_a_function(target):
    """COMPILED names real data files, and each generated module has nothing else."""
    files = tool.COMPILED[target]
    for path in files.values():
        assert (PACKAGE / path).is_file()
    module = compiled(target)
    functions = {n for n, v in vars(module).items() if callable(v) and n != "Any"}
    assert functions == set(files)


def test_the_check_command_passes_on_the_shipped_modules():
    """`uv run python tools/compile_data.py --check` exits 0 when nothing needs regenerating."""
    result = subprocess.run(
        [sys.executable, str(TOOL), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("up to date") == len(tool.COMPILED)


def test_each_layer_reads_only_its_own_compiled_data():
    """The evidence registry's data is in the evidence layer: it never needs the content."""
    for target, files in tool.COMPILED.items():
        layer = target.split("/")[0]
        assert all(path.startswith(f"{layer}/") for path in files.values())


def test_the_compiler_is_not_part_of_the_package():
    """The package never writes into itself: no compiler module ships with it."""
    assert not list(PACKAGE.rglob("*compile*"))


def test_builtin_objects_equal_those_read_from_the_toml():
    """The catalog, registry and topics loaded from the compiled data are those of the TOML."""
    text = (PACKAGE / "content/data/catalog.toml").read_text(encoding="utf-8")
    assert list(lumbar.default_catalog()) == list(lumbar.Catalog.from_toml(text))
    registry = parse_references(
        (PACKAGE / "evidence/data/references.toml").read_text(encoding="utf-8")
    )
    assert list(references().items()) == list(registry.items())
    topics = parse_topics((PACKAGE / "content/data/education.toml").read_text(encoding="utf-8"))
    assert list(education_topics().items()) == list(topics.items())


def test_builtin_catalog_and_topics_cite_only_known_references():
    """Why loading them may skip that one check: every reference id they cite resolves."""
    cited = [ref for exercise in lumbar.default_catalog() for ref in exercise.references]
    cited += [ref for topic in education_topics().values() for ref in topic.references]
    assert cited
    assert unknown_ids(cited) == []
    assert list(lumbar.Catalog(lumbar.default_catalog())) == list(lumbar.default_catalog())


@pytest.mark.parametrize(("target", "name", "path"), FUNCTIONS)
def test_each_call_builds_new_objects(target, name, path):
    """Changing what one call returned cannot change the next: no shared mutable state."""
    first = getattr(compiled(target), name)()
    first.clear()
    assert getattr(compiled(target), name)()


# --- the compiler ----------------------------------------------------------------------

KEYS = st.text(max_size=12)
# Everything TOML can hold except dates, times and non-finite floats.
SCALARS = (
    st.text() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.booleans()
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=20,
)
DOCUMENTS = st.dictionaries(KEYS, VALUES, max_size=5)
NAMES = st.lists(st.sampled_from(["catalog", "references", "education", "extra"]), unique=True)


def load(source):
    namespace = {}
    exec(compile(source, "<generated>", "exec"), namespace)
    return namespace


@given(st.data(), NAMES)
def test_module_source_keeps_every_value_type_and_order(data, names):
    """The generated functions return equal documents: same types (1 is not 1.0), same order."""
    documents = {name: data.draw(DOCUMENTS) for name in names}
    namespace = load(module_source(documents))
    for name, document in documents.items():
        assert same(namespace[name](), document)


@given(DOCUMENTS)
def test_same_tells_ints_from_floats_and_key_order(document):
    """same() is equality plus types and key order, so that a lossy copy cannot pass."""
    assert same(document, document)
    assert not same({"x": 1}, {"x": 1.0})
    assert not same({"a": 1, "b": 2}, {"b": 2, "a": 1})
    assert not same([True], [1])
    if len(document) > 1:
        assert not same(document, dict(reversed(document.items())))


@given(
    st.sampled_from(
        [math.inf, -math.inf, math.nan, datetime.date(2024, 1, 1), datetime.time(8, 30), None]
    ),
    st.lists(KEYS, min_size=1, max_size=3),
)
def test_values_without_an_exact_literal_are_refused(value, path):
    """Non-finite floats, dates, times and other types stop the compiler, with a path."""
    document = value
    for key in reversed(path):
        document = {key: document}
    message = r"(?s)root\..*(cannot be compiled|has no Python literal)"
    with pytest.raises(ValueError, match=message):
        check_plain({"root": document})
    with pytest.raises(ValueError, match=message):
        module_source({"catalog": {"root": document}})


def test_stale_compares_contents_not_text(tmp_path):
    """A module whose functions return the documents is up to date whatever its layout."""
    documents = {"catalog": {"a": [1, 2.0, "x"]}, "references": {}}
    target = tmp_path / "_builtin_data.py"
    assert stale(documents, target) == ["catalog", "references"]  # no file yet
    target.write_text(module_source(documents), encoding="utf-8")
    assert stale(documents, target) == []
    target.write_text(
        "def catalog():\n    return {'a': [1, 2.0, 'x']}\n\ndef references():\n    return {}\n",
        encoding="utf-8",
    )
    assert stale(documents, target) == []
    assert stale({**documents, "catalog": {"a": [1, 2, "x"]}}, target) == ["catalog"]
    assert stale({**documents, "education": {}}, target) == ["education"]
    assert stale({"catalog": documents["catalog"]}, target) == ["references"]  # one too many


def test_a_stale_module_fails_the_check(tmp_path, monkeypatch, capsys):
    """--check exits 1 and names the file and the command when a TOML file has changed."""
    target = "content/_builtin_data.py"
    monkeypatch.setattr(tool, "PACKAGE", tmp_path)
    monkeypatch.setattr(tool, "COMPILED", {target: {"catalog": "content/data/catalog.toml"}})
    (tmp_path / "content/data").mkdir(parents=True)
    (tmp_path / "content/data/catalog.toml").write_text("a = 1\n", encoding="utf-8")
    assert tool.main([]) == 0  # writes the module
    assert tool.main(["--check"]) == 0
    (tmp_path / "content/data/catalog.toml").write_text("a = 2\n", encoding="utf-8")
    assert tool.main(["--check"]) == 1
    assert "content/data/catalog.toml: run uv run python tools/compile_data.py" in (
        capsys.readouterr().err
    )
