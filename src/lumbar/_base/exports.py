"""Lazy public names: each package's one table of what it exports and where each name lives.

``import lumbar`` stays as cheap as ``import attrs`` because no public name is
imported until it is first used (PEP 562). Each package keeps one table, mapping
its private modules (or subpackages) to the names they export; `lazy_exports`
turns it into the package's ``__getattr__``, ``__dir__`` and ``__all__``. Type
checkers read the package's ``TYPE_CHECKING`` imports instead, and a test keeps
those equal to the table.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

Exports = Mapping[str, Sequence[str]]
"""Module name (relative to the package, such as ``"_dose"``) to the names it exports."""


def lazy_exports(
    package: str, table: Exports
) -> tuple[Callable[[str], object], Callable[[], list[str]], list[str]]:
    """``(__getattr__, __dir__, __all__)`` for ``package`` from its export ``table``.

    A module listed under its own name (``{"evidence": ("evidence",)}``) is exported
    as the module itself. Names must be unique across the table.
    """
    home: dict[str, str] = {}
    for module, names in table.items():
        for name in names:
            if name in home:
                raise ValueError(f"{package}: {name!r} is exported by {home[name]} and {module}")
            home[name] = module
    everything = sorted(home)

    def get_attribute(name: str) -> object:
        module = home.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        import importlib
        import sys

        loaded = importlib.import_module(f"{package}.{module}")
        value = loaded if module == name else getattr(loaded, name)
        # Later lookups find the name in the package's namespace, at dict speed.
        setattr(sys.modules[package], name, value)
        return value

    def list_names() -> list[str]:
        import sys

        return sorted({*vars(sys.modules[package]), *everything})

    return get_attribute, list_names, everything


def reexports(
    package: str, *, layers: Sequence[str], modules: Sequence[str] = ()
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """``(__getattr__, __dir__)`` for a package that re-exports every public name of ``layers``.

    Each layer is a module or subpackage of ``package`` with an ``__all__``; ``modules``
    are exported as themselves. The package's ``__all__`` is their union, worked out
    (by importing each layer's cheap ``__init__``) on the first lookup of any name.
    ``__version__`` reads the installed distribution's metadata.
    """
    home: dict[str, str] = {}

    def table() -> dict[str, str]:
        if not home:
            import importlib

            found: dict[str, str] = {name: name for name in modules}
            for layer in layers:
                for name in importlib.import_module(f"{package}.{layer}").__all__:
                    if name in found:
                        raise ValueError(
                            f"{package}: {name!r} is exported by {found[name]} and {layer}"
                        )
                    found[name] = layer
            home.update(found)
        return home

    def get_attribute(name: str) -> object:
        if name == "__version__":
            # Reading installed metadata costs more than importing lumbar itself.
            from importlib.metadata import version

            return version(package)
        if name == "__all__":
            return sorted(table())
        if name.startswith("__"):
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        layer = table().get(name)
        if layer is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        import importlib
        import sys

        loaded = importlib.import_module(f"{package}.{layer}")
        value = loaded if layer == name else getattr(loaded, name)
        setattr(sys.modules[package], name, value)
        return value

    def list_names() -> list[str]:
        import sys

        return sorted({*vars(sys.modules[package]), *table()})

    return get_attribute, list_names
