"""FirstMatch: several base rules, the first that applies to an exercise decides."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, ClassVar, cast

import attrs

from lumbar._base import validators as check
from lumbar._base.document import Document
from lumbar.model._dose import Duration, Hold, Intervals, Reps
from lumbar.progression._decision import Decision
from lumbar.progression._protocol import ProgressionRule, RuleContext
from lumbar.progression._rule_kit import (
    EFFORT_REFS,
    PYRAMID,
    DoseKind,
    ForDoses,
    ParamValue,
    check_inner,
    hold_decision,
)

_KINDS: tuple[DoseKind, ...] = (Reps, Hold, PYRAMID, Duration, Intervals)


def _prepared(rules: tuple[ProgressionRule, ...]) -> tuple[tuple[ProgressionRule, Any], ...]:
    return tuple((rule, getattr(rule, "applies_to", None)) for rule in rules)


def _dispatch(
    choices: tuple[tuple[ProgressionRule, Any], ...],
) -> dict[DoseKind, ProgressionRule | None] | None:
    """The first rule for each kind of dose, when every rule's ``applies_to`` tests only that.

    That holds for rules whose ``applies_to`` is the one `ForDoses` gives,
    which tests the dose's kind against the rule's ``doses`` and nothing else.
    """
    if not all(getattr(applies, "__func__", None) is ForDoses.applies_to for _, applies in choices):
        return None  # another rule's applies_to may look at anything: ask each one
    rules = [rule for rule, _ in choices]
    return {
        kind: next((rule for rule in rules if kind in cast(ForDoses, rule).doses), None)
        for kind in _KINDS
    }


@attrs.frozen(kw_only=True, repr=False)
class FirstMatch(Document):
    """Several base rules; for each exercise the first that applies decides.

    A rule applies when it has no ``applies_to(context)`` method or that method
    returns True. When none applies the exercise holds.
    """

    name: ClassVar[str] = "first-match"
    rules: tuple[ProgressionRule, ...] = attrs.field(
        converter=check.to_tuple,
        validator=check.tuple_of(check_inner, min_length=2, noun="rule"),
    )
    """The base rules, in order; for each exercise the first that applies decides."""
    _choices: tuple[tuple[ProgressionRule, Any], ...] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )
    _table: dict[DoseKind, ProgressionRule | None] | None = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        choices = _prepared(self.rules)
        object.__setattr__(self, "_choices", choices)
        object.__setattr__(self, "_table", _dispatch(choices))

    @property
    def params(self) -> Mapping[str, ParamValue]:
        """None: the member rules carry their own."""
        return MappingProxyType({})

    def decide(self, context: RuleContext) -> Decision:
        """The decision of the first rule that applies."""
        table = self._table
        if table is not None:
            # dose_kind(dose), written out: this runs for every decision.
            dose = context.prescription.dose
            chosen = table.get(PYRAMID if type(dose) is Hold and dose.reps_drop > 0 else type(dose))
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
            "no-rule",
        )
