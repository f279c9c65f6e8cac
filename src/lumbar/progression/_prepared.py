"""What `advance` works out once per program: its fingerprint, its checks, its plan.

An app keeps a person's program in memory and calls `advance` after each session with
the same program object. Working the program out again every time (its fingerprint,
its check against the catalog, the engine's `Plan`, the rule stack) would cost many
times the decision itself. So `advance` remembers it for the last `CACHE_SIZE`
program objects it was given, each by identity: the entry holds the program, so its
identity stays its own while remembered. Programs, catalogs and rule stacks are
immutable values, so what is remembered is exactly what would be worked out again: a
result never depends on what was seen before, only its cost does. Rule stacks are
remembered only when built from the built-in registry (``registry=None``), since an
app's registry may gain rules between calls; a ``rule`` given is used as given.
The cache is bounded and guarded by a lock (apps call `advance` from several threads).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

from lumbar.content._catalog import Catalog
from lumbar.content._program_check import check_against_catalog
from lumbar.model._program import Program
from lumbar.progression._engine import Stack
from lumbar.progression._plan import Plan

CACHE_SIZE = 16
"""How many program objects `advance` remembers what it worked out for."""

# Each named number above -> the registry ids behind it (docs/evidence.md; a test checks).
EVIDENCE = {"CACHE_SIZE": ("design-technical-limit",)}


class Prepared:
    """One program as `advance` uses it: its fingerprint, plans by catalog, default stack."""

    __slots__ = ("_plans", "fingerprint", "program", "stack")

    def __init__(self, program: Program) -> None:
        self.program = program
        self.fingerprint = program.fingerprint()
        # By catalog identity: the catalog (kept, so that its identity stays its own) and plan.
        self._plans: dict[int, tuple[Catalog, Plan]] = {}
        self.stack: Stack | None = None

    def plan(self, catalog: Catalog) -> Plan:
        """The engine's plan of the program on ``catalog``, after checking it against it."""
        found = self._plans.get(id(catalog))
        if found is not None and found[0] is catalog:
            return found[1]
        check_against_catalog(self.program, catalog)
        plan = Plan(self.program, catalog)
        self._plans[id(catalog)] = (catalog, plan)
        return plan

    def default_stack(self, build: Callable[[], Stack]) -> Stack:
        """The stack of the program's own rules (or the defaults), built once."""
        if self.stack is None:
            self.stack = build()
        return self.stack


_LOCK = threading.Lock()
_CACHE: OrderedDict[int, Prepared] = OrderedDict()


def prepared(program: Program) -> Prepared:
    """What `advance` worked out for ``program``, worked out now if it is not remembered."""
    key = id(program)
    with _LOCK:
        entry = _CACHE.get(key)
        if entry is not None and entry.program is program:
            _CACHE.move_to_end(key)
            return entry
    entry = Prepared(program)
    with _LOCK:
        _CACHE[key] = entry
        _CACHE.move_to_end(key)
        while len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)
    return entry
