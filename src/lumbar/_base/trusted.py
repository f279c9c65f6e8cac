"""Values made of parts already checked: how lumbar's own code builds them, without checks.

Public constructors check every field. The engine, the simulator and the readers
build many values of parts they have checked already (an attempt of a checked log,
a decision of a catalog entry and its own numbers); checking those again would cost
more than the work itself. `maker` gives, for a frozen, slotted attrs class, a
function that takes the fields by keyword and sets them: no validator and no
converter runs, so the caller vouches for every value, converted as the class would.
`Assembly` is how such generated code builds a value; `maker` and the JSON reader's
builders both use it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TypeVar

import attrs

T = TypeVar("T")


def hash_cache_slot(cls: type) -> str | None:
    """The slot where attrs caches the hash of a ``cache_hash=True`` class, if any.

    Found, not named: a slotted attrs class has a slot per field, ``__weakref__``,
    and this one more slot when it caches its hash (which ``__init__`` sets to None).
    """
    slots = {slot for klass in cls.__mro__ for slot in getattr(klass, "__slots__", ())}
    extra = slots - {a.name for a in attrs.fields(cls)} - {"__weakref__"}
    if len(extra) > 1:
        raise TypeError(f"{cls.__name__} has unexpected slots {sorted(extra)}")
    return next(iter(extra), None)


def slot_setters(cls: type) -> dict[str, Callable[[Any, Any], None]]:
    """How lumbar sets the fields of a value it has checked: a setter per slot, unchecked.

    ``set_<field>`` for each field of the frozen, slotted attrs class ``cls`` and, when
    it caches its hash, ``set_hash`` (for None, as attrs' ``__init__`` does). Setting a
    slot through its descriptor is what attrs' own ``__init__`` does by name, minus the
    lookups. An `Assembly` uses these where it cannot use a twin (see `_SWAP_CLASS`);
    a hand-written ``__init__`` that checks its fields may too.
    """
    if not attrs.has(cls) or "__slots__" not in vars(cls):
        raise TypeError(f"{cls.__name__} is not a slotted attrs class")
    setters = {f"set_{field.name}": _slot(cls, field.name).__set__ for field in attrs.fields(cls)}
    slot = hash_cache_slot(cls)
    if slot is not None:
        if "set_hash" in setters:
            raise TypeError(f"{cls.__name__} has a field named 'hash'")
        setters["set_hash"] = _slot(cls, slot).__set__
    return setters


class Assembly:
    """How generated code builds a ``cls`` of checked parts: lines of Python, and the
    names they need (``namespace``, to add to the generated function's globals).

    ``start(var)`` makes an empty value in ``var``, ``set(var, name, value)`` sets a
    field to the expression ``value`` and ``finish(var)`` makes the value whole: the
    cached hash cleared, the class's ``__attrs_post_init__`` run (what spans fields,
    as attrs does). Between ``start`` and ``finish`` the value is a private mutable
    twin of ``cls`` (`builder_class`), which becomes a ``cls`` in ``finish``; code in
    between may read the fields set so far (a default made of other fields).
    """

    __slots__ = ("cls", "hash_slot", "namespace", "twin")

    def __init__(self, cls: type) -> None:
        self.cls = cls
        self.hash_slot = hash_cache_slot(cls)
        self.twin = builder_class(cls) if _SWAP_CLASS else None
        self.namespace: dict[str, Any] = {"trusted_cls": cls}
        if self.twin is not None:
            self.namespace["trusted_twin"] = self.twin
        else:
            self.namespace["trusted_new"] = object.__new__
            self.namespace.update(
                {f"trusted_{name}": setter for name, setter in slot_setters(cls).items()}
            )

    def start(self, var: str) -> str:
        if self.twin is not None:
            return f"{var} = trusted_twin()"
        return f"{var} = trusted_new(trusted_cls)"

    def set(self, var: str, name: str, value: str) -> str:
        if self.twin is not None:
            return f"{var}.{name} = {value}"
        return f"trusted_set_{name}({var}, {value})"

    def finish(self, var: str) -> list[str]:
        lines = []
        if self.hash_slot is not None:
            lines.append(
                f"{var}.{self.hash_slot} = None"
                if self.twin is not None
                else f"trusted_set_hash({var}, None)"
            )
        if self.twin is not None:
            lines.append(f"{var}.__class__ = trusted_cls")
        if hasattr(self.cls, "__attrs_post_init__"):
            lines.append(f"{var}.__attrs_post_init__()")
        return lines


def maker(cls: type[T]) -> Callable[..., T]:
    """A function making a ``cls`` of its fields, given by keyword, checking nothing.

    Every field is required (defaults are the public constructor's business), by
    keyword, or in declaration order where a loop makes many; a class's
    ``__attrs_post_init__`` still runs (see `Assembly`).
    """
    names = _field_names(cls)
    assembly = Assembly(cls)
    lines = [f"def make_{cls.__name__}({', '.join(names)}):", f"    {assembly.start('made')}"]
    lines += [f"    {assembly.set('made', name, name)}" for name in names]
    lines += [f"    {line}" for line in assembly.finish("made")]
    lines.append("    return made")
    namespace = dict(assembly.namespace)
    exec("\n".join(lines), namespace)  # the source holds the class's field names only
    made: Callable[..., T] = namespace[f"make_{cls.__name__}"]
    return made


# Why a twin: a frozen class's `__setattr__` raises, so attrs' own `__init__` (and the slot
# setters) set each slot through a descriptor call, about 800 machine instructions a field
# on CPython 3.11. On a subclass that adds no slots and sets attributes as `object` does,
# each field is a plain attribute store (about a tenth of that), and a class assignment
# then makes the value a `cls`: for the engine's values of 4 to 9 fields, half the cost or
# less. A free-threaded CPython stops every thread for a class assignment, so there (GIL
# disabled) the slot setters are used instead.
_SWAP_CLASS = getattr(sys, "_is_gil_enabled", lambda: True)()


def builder_class(cls: type) -> type:
    """A private, mutable twin of the frozen slotted attrs class ``cls``, for `Assembly`.

    It adds no slots, so a twin becomes a ``cls`` by assigning ``__class__``; it sets
    attributes as ``object`` does (both ``__setattr__`` and ``__delattr__``: they share
    one type slot, and a Python-level one left on either makes every store a call); and
    ``twin()`` makes an empty one (``object.__init__``, cheaper than ``object.__new__``
    called by hand).
    """
    if not attrs.has(cls) or "__slots__" not in vars(cls):
        raise TypeError(f"{cls.__name__} is not a slotted attrs class")
    return type(
        f"{cls.__name__}Builder",
        (cls,),
        {
            "__slots__": (),
            "__setattr__": object.__setattr__,
            "__delattr__": object.__delattr__,
            "__init__": object.__init__,
            "__module__": cls.__module__,
            "__doc__": f"Builds a {cls.__name__} of checked parts (lumbar._base.trusted).",
        },
    )


def _field_names(cls: type) -> list[str]:
    return [field.name for field in attrs.fields(cls)]


def _slot(cls: type, name: str) -> Any:
    """The member descriptor of slot ``name``, from the class in ``cls``'s MRO that has it."""
    for klass in cls.__mro__:
        if name in vars(klass).get("__slots__", ()):
            return vars(klass)[name]
    raise TypeError(f"{cls.__name__} has no slot {name!r}")
