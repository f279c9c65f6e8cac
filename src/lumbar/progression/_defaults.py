"""The built-in policy: the rules lumbar ships, and the public functions that fall back on them.

The mechanism (``_engine``, ``_advance``, ``_registry``, ``_protocol``) knows no
rule by name; this module does. It lists the built-in rules, builds the default
registry and the default stack from them, picks the weekly cap the engine
applies, and holds the public functions whose defaults are these rules:
[advance][lumbar.progression.advance], [rule_from_ref][lumbar.progression.rule_from_ref]
and [rule_from_refs][lumbar.progression.rule_from_refs].
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

from lumbar.content._catalog import Catalog, default_catalog
from lumbar.errors import ValidationError
from lumbar.model._log import SessionLog
from lumbar.model._program import Program, RuleRef
from lumbar.progression._aerobic import DurationProgression, WalkRunProgression
from lumbar.progression._cap import WeeklyCap
from lumbar.progression._deload import DELOAD_PERCENT, DeloadRule
from lumbar.progression._engine import Stack
from lumbar.progression._first_match import FirstMatch
from lumbar.progression._holds import HoldTimeProgression, ReversePyramid
from lumbar.progression._ladder import LadderProgression
from lumbar.progression._pain_gate import PainGate
from lumbar.progression._protocol import ProgressionRule
from lumbar.progression._registry import RuleFactory, RuleRegistry, rule_stack
from lumbar.progression._rule_kit import DEFAULT_PAIN_LIMIT, DELOAD_REFS, PAIN_REFS
from lumbar.progression._strength import DoubleProgression, LoadProgression

if TYPE_CHECKING:
    from lumbar.progression._advance import ProgramState, Step

T = TypeVar("T")

BUILT_IN_RULES: tuple[RuleFactory, ...] = (
    WeeklyCap,
    PainGate,
    DeloadRule,
    LadderProgression,
    DoubleProgression,
    LoadProgression,
    HoldTimeProgression,
    ReversePyramid,
    DurationProgression,
    WalkRunProgression,
)
"""Every rule lumbar ships, in the order `default_registry` registers them."""

BASE_RULES: tuple[Callable[[], ProgressionRule], ...] = (
    ReversePyramid,
    HoldTimeProgression,
    DoubleProgression,
    DurationProgression,
    WalkRunProgression,
)
"""The default stack's base rules, one per kind of dose, in the order they are asked."""


def default_rule() -> ProgressionRule:
    """The default rule stack.

    The weekly cap around the pain gate around deloads around the ladder, around
    the right base rule for each dose type: the reverse pyramid for pyramid holds,
    hold-time progression for other holds, double progression for repetitions,
    duration progression for continuous activity and walk-run progression for
    intervals.
    """
    bases = FirstMatch(rules=tuple(factory() for factory in BASE_RULES))
    return WeeklyCap(inner=PainGate(inner=DeloadRule(inner=LadderProgression(inner=bases))))


@functools.cache
def _built_in() -> RuleRegistry:
    # Built on first use, never at import; never handed out, so never changed.
    registry = RuleRegistry()
    for factory in BUILT_IN_RULES:
        registry.register(factory)
    return registry


def default_registry() -> RuleRegistry:
    """A fresh registry holding the built-in rules; extend it freely."""
    return _built_in().copy()


def _registry(registry: RuleRegistry | None) -> RuleRegistry:
    return _built_in() if registry is None else registry


def rule_from_ref(ref: RuleRef, registry: RuleRegistry | None = None) -> ProgressionRule:
    """Build the base rule ``ref`` names.

    Wrappers need [rule_from_refs][lumbar.progression.rule_from_refs].
    """
    return _registry(registry).create(ref)


def rule_from_refs(
    refs: Sequence[RuleRef], registry: RuleRegistry | None = None
) -> ProgressionRule:
    """Build a rule stack from references, outermost first.

    The inverse of [refs_of][lumbar.progression.refs_of].

    Wrapper rules come first; the rest are base rules. One base rule is used as
    it is; several become a [lumbar.FirstMatch][lumbar.progression.FirstMatch].
    ``registry`` defaults to the built-in rules.
    """
    return rule_stack(refs, _registry(registry))


def resolve_rule(
    program: Program, rule: ProgressionRule | None, registry: RuleRegistry | None
) -> ProgressionRule:
    """The rule given, else the rules the program names, else the default stack."""
    if rule is not None:
        if not isinstance(rule, ProgressionRule):
            raise TypeError(
                f"rule must be a progression rule (name, params, decide), got {type(rule).__name__}"
            )
        return rule
    if program.rules:
        try:
            return rule_from_refs(program.rules, registry)
        except ValidationError as error:
            raise error.prefixed("program") from None
    return default_rule()


def engine_stack(rule: ProgressionRule) -> Stack:
    """``rule`` as the engine runs it, with the limits the engine enforces around any stack.

    Whatever the rules, the engine applies a weekly cap, keeps nothing from rising
    after a session whose pain failed the pain-monitoring check, and starts each
    deload week lighter: with the parameters of the outermost `WeeklyCap`,
    `PainGate` and `DeloadRule` of the stack (searching through its wrappers), else
    with their defaults.
    """
    gate = _find(rule, PainGate)
    deload = _find(rule, DeloadRule)
    return Stack(
        rule,
        _find(rule, WeeklyCap) or WeeklyCap(inner=rule),
        pain_limit=DEFAULT_PAIN_LIMIT if gate is None else gate.limit,
        pain_references=PAIN_REFS,
        deload_percent=DELOAD_PERCENT if deload is None else deload.volume_percent,
        deload_references=DELOAD_REFS,
    )


def _find(rule: object, kind: type[T]) -> T | None:
    """The outermost rule of type ``kind`` in a stack, searching through its wrappers."""
    seen = 0
    while rule is not None and seen < 100:
        if isinstance(rule, kind):
            return rule
        rule = getattr(rule, "inner", None)
        seen += 1
    return None


def advance(
    program: Program,
    state: ProgramState,
    log: SessionLog,
    *,
    rule: ProgressionRule | None = None,
    catalog: Catalog | None = None,
    registry: RuleRegistry | None = None,
) -> Step:
    """The next session's prescriptions, from the program, the current state and the log.

    ``program`` is the program the state began with
    ([ProgramState.begin][lumbar.progression.ProgramState.begin]); a state of another
    program is refused. ``log`` holds one result per prescription of
    ``state.next_session``, in order. ``rule`` defaults to the rules the program names
    (``program.rules``, built from ``registry``, by default the built-in rules) or else
    to the default stack. Whatever the rule, the engine keeps every dose inside its
    exercise's bounds, lets nothing rise in a deload week and applies the weekly cap.

    What it works out from a program (its fingerprint, its check against the catalog,
    the engine's plan, the rule stack of the built-in registry) is remembered for the
    last 16 program objects it was given, by identity, so that an app that keeps its
    programs in memory pays for it once; programs are immutable, so this changes the
    cost of a call, never its result.
    Raises [lumbar.ValidationError][lumbar.errors.ValidationError] for a state of another
    program, a finished program, or a log that does not fit the state.
    """
    # Imported here: the planner and `lumbar plan` use this module's stacks, not the app's
    # per-session path (its state, history and fingerprints).
    from lumbar.progression._advance import check_state, next_step
    from lumbar.progression._prepared import prepared

    if not isinstance(program, Program):
        raise ValidationError.single("program", f"must be a Program, got {type(program).__name__}")
    entry = prepared(program)
    check_state(state, entry.fingerprint, program)
    plan = entry.plan(default_catalog() if catalog is None else catalog)
    if rule is None and registry is None:
        stack = entry.default_stack(lambda: engine_stack(resolve_rule(program, None, None)))
    else:
        stack = engine_stack(resolve_rule(program, rule, registry))
    return next_step(state, log, stack, plan, entry.fingerprint)
