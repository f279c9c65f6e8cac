"""Reading the package's own data files that are not compiled (the checklists)."""

from __future__ import annotations


def read_text(name: str) -> str:
    """The UTF-8 text of ``lumbar/content/data/<name>``.

    ``pkgutil.get_data`` rather than ``importlib.resources``: it reads the same file
    through the package's loader but imports far less, which the command line feels
    on every start.
    """
    import pkgutil

    data = pkgutil.get_data("lumbar", f"content/data/{name}")
    if data is None:  # only for loaders that cannot read files; not the case for wheels
        raise FileNotFoundError(f"lumbar/content/data/{name}")
    return data.decode("utf-8")
