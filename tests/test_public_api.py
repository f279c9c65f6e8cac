"""The public surface: what is exported, documented, and cheap to import."""

import subprocess
import sys

import pytest

import lumbar
from lumbar import strategies


def test_all_matches_the_lazy_export_table():
    """__all__ lists exactly the names lumbar re-exports, each once."""
    assert sorted(lumbar.__all__) == sorted(lumbar._MODULE_OF)
    assert len(set(lumbar.__all__)) == len(lumbar.__all__)


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


def test_import_lumbar_is_light():
    """import lumbar loads no serializer, test or optional package, and reads no file."""
    loaded = _imported_after("import lumbar")
    for heavy in ("cattrs", "hypothesis", "tomllib", "pandas", "matplotlib", "json"):
        assert heavy not in loaded


def test_core_types_do_not_pull_in_cattrs():
    """Using the domain model and the catalog never imports cattrs."""
    loaded = _imported_after("import lumbar\nlumbar.Program\nlumbar.default_catalog()")
    assert "cattrs" not in loaded
    assert "lumbar._converter" not in loaded
