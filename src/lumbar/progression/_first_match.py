"""FirstMatch: several base rules, the first that applies to an exercise decides."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, ClassVar

import attrs

from lumbar._base import validators as check
from lumbar.errors import ValidationError
from lumbar.model._dose import Duration, Hold, Intervals, Reps
from lumbar.progression._aerobic import DurationProgression, WalkRunProgression
from lumbar.progression._decision import Decision
from lumbar.progression._holds import HoldTimeProgression, ReversePyramid
from lumbar.progression._protocol import ProgressionRule, RuleContext
from lumbar.progression._rule_kit import (
    EFFORT_REFS,
    ParamValue,
    hold_decision,
)
from lumbar.progression._strength import DoubleProgression, LoadProgression


def _prepared(rules: tuple[ProgressionRule, ...]) -> tuple[tuple[ProgressionRule, Any], ...]:
    return tuple((rule, getattr(rule, "applies_to", None)) for rule in rules)


_PYRAMID = "pyramid"
"""The dispatch key of a hold dose that drops repetitions from set to set."""


# The doses each built-in base rule's ``applies_to`` accepts, by dispatch key (the dose
# type, or _PYRAMID): the keys say exactly what those methods test, nothing else.
_APPLIES_TO: dict[type, frozenset[object]] = {
    ReversePyramid: frozenset({_PYRAMID}),
    HoldTimeProgression: frozenset({Hold, _PYRAMID}),
    DoubleProgression: frozenset({Reps}),
    LoadProgression: frozenset({Reps}),
    DurationProgression: frozenset({Duration}),
    WalkRunProgression: frozenset({Intervals}),
}


def _dispatch(rules: tuple[ProgressionRule, ...]) -> dict[object, ProgressionRule | None] | None:
    """For built-in base rules only: the first rule that applies, per dispatch key."""
    if not all(type(rule) in _APPLIES_TO for rule in rules):
        return None  # another rule's applies_to may look at anything: ask each one
    return {
        key: next((rule for rule in rules if key in _APPLIES_TO[type(rule)]), None)
        for key in (Reps, Hold, _PYRAMID, Duration, Intervals)
    }


@attrs.frozen(kw_only=True)
class FirstMatch:
    """Several base rules; for each exercise the first that applies decides.

    A rule applies when it has no ``applies_to(context)`` method or that method
    returns True. When none applies the exercise holds.
    """

    name: ClassVar[str] = "first-match"
    rules: tuple[ProgressionRule, ...] = attrs.field(converter=check.to_tuple)
    """The base rules, in order; for each exercise the first that applies decides."""
    _choices: tuple[tuple[ProgressionRule, Any], ...] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )
    _table: dict[object, ProgressionRule | None] | None = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )

    @rules.validator
    def _check_rules(self, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
        if len(value) < 2:
            raise check.fail(attribute, f"must hold at least 2 rules, got {len(value)}")
        bad = [
            (f"rules[{index}]", "must be a progression rule (name, params, decide)")
            for index, rule in enumerate(value)
            if not isinstance(rule, ProgressionRule)
        ]
        if bad:
            raise ValidationError(bad)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_choices", _prepared(self.rules))
        object.__setattr__(self, "_table", _dispatch(self.rules))

    @property
    def params(self) -> Mapping[str, ParamValue]:
        """None: the member rules carry their own."""
        return MappingProxyType({})

    def decide(self, context: RuleContext) -> Decision:
        """The decision of the first rule that applies."""
        table = self._table
        if table is not None:
            dose = context.prescription.dose
            if type(dose) is Hold and dose.reps_drop > 0:
                chosen = table.get(_PYRAMID)
            else:
                chosen = table.get(type(dose))
            if chosen is not None:
                return chosen.decide(context)
        else:
            for rule, applies in self._choices:
                if applies is None or applies(context):
                    return rule.decide(context)
        return hold_decision(
            context,
            f"No rule here progresses {context.prescription.dose.kind} doses: the same again.",
            EFFORT_REFS,
        )
