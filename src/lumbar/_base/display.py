"""Notebook display for lumbar's value types: the hooks IPython looks for, drawn by ``formats``.

IPython and Jupyter find ``_repr_html_`` and ``_repr_pretty_`` on an object's type,
so the hooks have to be methods of the classes, which live in the low layers
(model, content, progression, safety, simulation). Drawing them is the formats
layer's job. `Displayed` bridges the two in this one place: its methods
import ``lumbar.formats._display`` when IPython calls them, never at import time.
That is the one import that runs from a lower layer up; the layers contract in
``pyproject.toml`` lists it as its only exception.
"""

from __future__ import annotations

from collections.abc import Callable
from types import MethodType
from typing import Any, Protocol

import attrs


class _Printer(Protocol):
    """The part of IPython's ``RepresentationPrinter`` the pretty hook uses."""

    def text(self, obj: str) -> None: ...


class Shown:
    """Mixin: the repr attrs writes, ``Name(field=value, ...)``, one method for every class.

    A class that inherits it is declared with ``repr=False``: attrs would otherwise
    compile a ``__repr__`` for each class at import, about a third of what making the
    class costs, and the command line makes some fifty of them at every start.
    It adds no state (empty ``__slots__``), so attrs' slotted classes stay slotted.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{field.name}={getattr(self, field.name)!r}"
            for field in attrs.fields(type(self))  # type: ignore[arg-type]  # an attrs class
            if field.repr
        )
        return f"{type(self).__qualname__.rsplit('>.', 1)[-1]}({shown})"


class _PrettyHook:
    """``_repr_pretty_`` for the pretty printers that look it up on the object itself.

    IPython looks the hook up on the type and passes the object (three arguments).
    Hypothesis's printer (which prints the arguments of a failing example) asks the
    object itself, so for a class passed as an argument it found the class's plain
    function and called it with two, which failed and hid the example. Asked on the
    class, this hook takes both forms; given no object, it prints the class.
    """

    __slots__ = ("method",)

    def __init__(self, method: Callable[[Any, _Printer, bool], None]) -> None:
        self.method = method

    def __get__(self, instance: object, owner: type | None = None) -> Callable[..., None]:
        if instance is not None:
            return MethodType(self.method, instance)
        method = self.method

        def hook(*arguments: Any) -> None:
            if len(arguments) == 3:  # IPython: (the object, printer, cycle)
                method(*arguments)
            else:  # a printer printing the class itself: (printer, cycle)
                arguments[0].text(repr(owner))

        return hook


class Displayed(Shown):
    """Mixin for a class with a rich display in notebooks and a compact one in IPython.

    It adds no state (empty ``__slots__``), so attrs' slotted classes stay slotted;
    ``repr()`` is attrs' own (`Shown`).
    """

    __slots__ = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # IPython's pretty printer walks the MRO and stops at the first class that
        # defines _repr_pretty_ or __repr__; attrs may write a __repr__ into a class,
        # so the hook must be in each class's own namespace, not only inherited.
        cls._repr_pretty_ = vars(Displayed)["_repr_pretty_"]  # type: ignore[method-assign]

    def _repr_html_(self) -> str:
        """HTML for Jupyter: a summary with the details folded (``<details>``), no JavaScript."""
        from lumbar.formats._display import html_of

        return html_of(self)

    @_PrettyHook
    def _repr_pretty_(self, printer: _Printer, cycle: bool) -> None:
        """A compact plain text for IPython terminals: a few thousand characters at most."""
        if cycle:  # only reachable through a container that holds itself
            printer.text(f"{type(self).__name__}(...)")
            return
        from lumbar.formats._display import text_of

        printer.text(text_of(self))
