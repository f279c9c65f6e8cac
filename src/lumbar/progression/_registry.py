"""Rules by name: a registry, a decorator, plug-ins by entry point, and rule references.

A registry maps names to rule factories (usually classes) that accept their
parameters as keyword arguments, plus ``inner`` for rules that wrap another.
This module knows no rule by name: nothing is registered at import, the
built-in rules and the default registry are in ``_defaults``, and plug-ins load
only when asked.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

import attrs

from lumbar._base.display import Shown
from lumbar._base.validators import SLUG
from lumbar.errors import ValidationError
from lumbar.model._program import RuleRef
from lumbar.progression._decision import Action, Decision
from lumbar.progression._first_match import FirstMatch
from lumbar.progression._protocol import ProgressionRule, RuleContext

ENTRY_POINT_GROUP = "lumbar.rules"
"""The entry-point group installed packages use to offer rules."""

RuleFactory = Callable[..., ProgressionRule]
F = TypeVar("F", bound=Callable[..., Any])


class _Probe:
    """A stand-in inner rule used to check wrapper factories at registration."""

    name = "probe"
    params: Mapping[str, int] = {}

    def decide(self, context: RuleContext) -> Decision:
        return Decision(
            action=Action.HOLD,
            exercise=context.exercise.id,
            prescription=context.prescription,
            reason="Probe.",
            references=("borg-cr10",),
        )


def _takes_inner(factory: Callable[..., Any]) -> bool:
    try:
        parameters = inspect.signature(factory).parameters
    except (TypeError, ValueError):
        return False
    return "inner" in parameters


@attrs.frozen(repr=False)
class _Entry(Shown):
    factory: RuleFactory
    wraps: bool


@attrs.define(repr=False)
class RuleRegistry(Shown):
    """Rule factories by name.

    ``register`` checks a factory when it is registered: it must build a rule from
    its defaults (with ``inner=`` when it takes one), that rule must have a
    ``name`` equal to the registered name, a ``params`` mapping of int, float, str
    or bool values that the factory accepts back, and a ``decide`` method. Names
    are unique. ``name in registry``, ``len(registry)`` and iteration (over the
    names, in registration order) work as for a read-only set.
    """

    _entries: dict[str, _Entry] = attrs.field(factory=dict, init=False)

    def register(self, factory: RuleFactory, *, name: str | None = None) -> None:
        """Add a rule factory under ``name`` (default: the factory's ``name`` attribute)."""
        chosen = getattr(factory, "name", None) if name is None else name
        label = chosen if isinstance(chosen, str) else repr(factory)
        if not isinstance(chosen, str) or not SLUG.fullmatch(chosen):
            raise ValidationError.single(
                label, f"a rule needs a slug name such as 'my-rule', got {chosen!r}"
            )
        if chosen in self._entries:
            raise ValidationError.single(chosen, "a rule of this name is already registered")
        if not callable(factory):
            raise ValidationError.single(chosen, f"must be a class or callable, got {factory!r}")
        wraps = _takes_inner(factory)
        problem = _probe_problem(factory, chosen, wraps)
        if problem:
            raise ValidationError.single(chosen, problem)
        self._entries[chosen] = _Entry(factory, wraps)

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def factory(self, name: str) -> RuleFactory:
        """The factory registered under ``name``."""
        return self._entry(name).factory

    def wraps(self, name: str) -> bool:
        """True when the rule registered under ``name`` wraps another (takes ``inner``)."""
        return self._entry(name).wraps

    def create(self, ref: RuleRef, *, inner: ProgressionRule | None = None) -> ProgressionRule:
        """Build the rule ``ref`` names, with its parameters (and ``inner`` for a wrapper)."""
        entry = self._entry(ref.name)
        if entry.wraps and inner is None:
            raise ValidationError.single(
                "name", f"{ref.name!r} wraps another rule: build it with rule_from_refs"
            )
        if not entry.wraps and inner is not None:
            raise ValidationError.single("name", f"{ref.name!r} does not wrap another rule")
        kwargs: dict[str, Any] = dict(ref.params)
        if inner is not None:
            kwargs["inner"] = inner
        try:
            rule = entry.factory(**kwargs)
        except ValidationError as error:
            raise error.prefixed("params") from None
        except TypeError as error:
            raise ValidationError.single(
                "params", f"{ref.name!r} does not accept them: {error}"
            ) from None
        if not isinstance(rule, ProgressionRule):
            raise ValidationError.single("name", f"{ref.name!r} did not build a progression rule")
        return rule

    def copy(self) -> RuleRegistry:
        """A new registry with the same entries, to extend without touching this one."""
        other = RuleRegistry()
        other._entries.update(self._entries)
        return other

    def load_entry_points(self, group: str = ENTRY_POINT_GROUP) -> tuple[str, ...]:
        """Register the rules installed packages offer in the entry-point ``group``.

        Each entry point's name is the rule's name; its object is the factory.
        Returns the names registered. Reads the installed packages' metadata, so it
        runs only when called, never at import.
        """
        from importlib.metadata import entry_points

        added: list[str] = []
        for point in sorted(entry_points(group=group), key=lambda p: p.name):
            try:
                factory = point.load()
            except Exception as error:
                raise ValidationError.single(
                    point.name, f"entry point {point.value!r} failed to load: {error}"
                ) from error
            self.register(factory, name=point.name)
            added.append(point.name)
        return tuple(added)

    def _entry(self, name: str) -> _Entry:
        entry = self._entries.get(name)
        if entry is None:
            known = ", ".join(sorted(self._entries)) or "none"
            raise ValidationError.single("name", f"no rule named {name!r} (registered: {known})")
        return entry


def _probe_problem(factory: RuleFactory, name: str, wraps: bool) -> str:
    """Why the factory does not give a usable rule from its defaults, or ''."""
    try:
        rule = factory(inner=_Probe()) if wraps else factory()
    except Exception as error:
        return f"must build a rule from its defaults, but raised {type(error).__name__}: {error}"
    if not isinstance(rule, ProgressionRule) or not callable(getattr(rule, "decide", None)):
        return "must build an object with name, params and decide(context)"
    if rule.name != name:
        return f"builds a rule named {rule.name!r}; its name must be the registered one"
    params = rule.params
    if not isinstance(params, Mapping):
        return f"params must be a mapping, got {type(params).__name__}"
    if "inner" in params:
        return "params must not hold 'inner' (the wrapped rule is referenced on its own)"
    try:
        RuleRef(name=name, params=params)
    except ValidationError as error:
        return f"params must map names to int, float, str or bool: {error}"
    kwargs: dict[str, Any] = dict(params)
    if wraps:
        kwargs["inner"] = _Probe()
    try:
        factory(**kwargs)
    except Exception as error:
        return f"must accept its own params back, but raised {type(error).__name__}: {error}"
    return ""


def register_rule(registry: RuleRegistry, *, name: str | None = None) -> Callable[[F], F]:
    """Decorator: register the decorated rule class (or factory) in ``registry``.

    ```python
    registry = lumbar.default_registry()

    @lumbar.register_rule(registry)
    class Cautious:
        name = "cautious"
        ...
    ```
    """

    def decorate(factory: F) -> F:
        registry.register(factory, name=name)
        return factory

    return decorate


def ref_of(rule: ProgressionRule) -> RuleRef:
    """The reference to one rule: its name and parameters (a wrapped rule not included)."""
    try:
        return RuleRef(name=rule.name, params=rule.params)
    except ValidationError as error:
        raise error.prefixed(rule.name if isinstance(rule.name, str) else "rule") from None


def refs_of(rule: ProgressionRule) -> tuple[RuleRef, ...]:
    """The references that rebuild a rule stack, outermost first.

    Wrappers come first, each followed by what it wraps; several base rules chosen
    per exercise (a [lumbar.FirstMatch][lumbar.progression.FirstMatch]) come last, in order.
    """
    refs: list[RuleRef] = []
    current: object = rule
    seen: set[int] = set()
    while True:
        if id(current) in seen:  # an app's rule whose inner is itself, or wraps back to it
            raise ValidationError.single(
                ".".join(["inner"] * len(refs)),
                f"the rule stack wraps {getattr(current, 'name', current)!r} inside itself",
            )
        seen.add(id(current))
        if isinstance(current, FirstMatch):
            for index, member in enumerate(current.rules):
                if hasattr(member, "inner") or isinstance(member, FirstMatch):
                    raise ValidationError.single(
                        f"rules[{index}]",
                        "a rule chosen per exercise cannot itself wrap rules when written as "
                        "references",
                    )
                refs.append(ref_of(member))
            return tuple(refs)
        refs.append(ref_of(current))  # type: ignore[arg-type]
        inner = getattr(current, "inner", None)
        if inner is None:
            return tuple(refs)
        current = inner


def rule_stack(refs: Sequence[RuleRef], registry: RuleRegistry) -> ProgressionRule:
    """The rule stack ``refs`` name, built from ``registry``: see ``lumbar.rule_from_refs``."""
    chosen = registry
    refs = tuple(refs)
    if not refs:
        raise ValidationError.single("rules", "must name at least one rule")
    errors: list[tuple[str, str]] = []
    wrappers: list[tuple[int, RuleRef]] = []
    bases: list[tuple[int, RuleRef]] = []
    for index, ref in enumerate(refs):
        if not isinstance(ref, RuleRef):
            errors.append((f"rules[{index}]", f"must be a RuleRef, got {type(ref).__name__}"))
            continue
        if ref.name not in chosen:
            known = ", ".join(sorted(chosen))
            errors.append((f"rules[{index}].name", f"no rule named {ref.name!r} (known: {known})"))
            continue
        if chosen.wraps(ref.name):
            if bases:
                errors.append(
                    (
                        f"rules[{index}]",
                        f"{ref.name!r} wraps other rules, so it must come before the base rules",
                    )
                )
            wrappers.append((index, ref))
        else:
            bases.append((index, ref))
    if not errors and not bases:
        errors.append(("rules", "must end with at least one base rule (the wrappers wrap it)"))
    if errors:
        raise ValidationError(errors)
    built: list[ProgressionRule] = []
    for index, ref in bases:
        try:
            built.append(chosen.create(ref))
        except ValidationError as error:
            errors.extend(error.prefixed(f"rules[{index}]").errors)
    if errors:
        raise ValidationError(errors)
    rule: ProgressionRule = built[0] if len(built) == 1 else FirstMatch(rules=tuple(built))
    for index, ref in reversed(wrappers):
        try:
            rule = chosen.create(ref, inner=rule)
        except ValidationError as error:
            raise error.prefixed(f"rules[{index}]") from None
    return rule
