"""The built-in data compiled from TOML (lumbar/_builtin_data.py) and the tool that makes it."""

import datetime
import math
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

import lumbar
from lumbar import _compile_data
from lumbar._compile_data import COMPILED, check_plain, module_source, same, stale
from lumbar.content import _builtin_data
from lumbar.content._education import education_topics, parse_topics
from lumbar.evidence import parse_references, references, unknown_ids

DATA = Path(lumbar.__file__).parent / "content" / "data"
REGENERATE = f"lumbar/_builtin_data.py is out of date: run `uv run {_compile_data.COMMAND}`"


def toml_of(name):
    return tomllib.loads((DATA / f"{name}.toml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", COMPILED)
def test_compiled_data_is_what_the_toml_parses_to(name):
    """Each compiled function returns exactly what tomllib gives for its TOML file."""
    assert same(getattr(_builtin_data, name)(), toml_of(name)), f"{name}.toml: {REGENERATE}"


def test_every_compiled_name_has_a_toml_file_and_a_function():
    """COMPILED names real data files, and the generated module has nothing else."""
    for name in COMPILED:
        assert (DATA / f"{name}.toml").is_file()
    functions = {n for n, v in vars(_builtin_data).items() if callable(v) and n != "Any"}
    assert functions == set(COMPILED)


def test_the_check_command_passes_on_the_shipped_module(capsys):
    """`python -m lumbar._compile_data --check` exits 0 when nothing needs regenerating."""
    assert _compile_data.main(["--check"]) == 0, REGENERATE
    assert "up to date" in capsys.readouterr().out


def test_builtin_objects_equal_those_read_from_the_toml():
    """The catalog, registry and topics loaded from the compiled data are those of the TOML."""
    text = (DATA / "catalog.toml").read_text(encoding="utf-8")
    assert list(lumbar.default_catalog()) == list(lumbar.Catalog.from_toml(text))
    registry = parse_references((DATA / "references.toml").read_text(encoding="utf-8"))
    assert list(references().items()) == list(registry.items())
    topics = parse_topics((DATA / "education.toml").read_text(encoding="utf-8"))
    assert list(education_topics().items()) == list(topics.items())


def test_builtin_catalog_and_topics_cite_only_known_references():
    """Why loading them may skip that one check: every reference id they cite resolves."""
    cited = [ref for exercise in lumbar.default_catalog() for ref in exercise.references]
    cited += [ref for topic in education_topics().values() for ref in topic.references]
    assert cited
    assert unknown_ids(cited) == []
    assert list(lumbar.Catalog(lumbar.default_catalog())) == list(lumbar.default_catalog())


@pytest.mark.parametrize("name", COMPILED)
def test_each_call_builds_new_objects(name):
    """Changing what one call returned cannot change the next: no shared mutable state."""
    first = getattr(_builtin_data, name)()
    first.clear()
    assert getattr(_builtin_data, name)()


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
