"""Decisions: what a progression rule says happens next, and why."""

from __future__ import annotations

import enum
from typing import Any

import attrs

from lumbar._base import validators as check
from lumbar._base.display import Displayed
from lumbar.errors import ValidationError
from lumbar.model._program import Prescription


class Action(enum.Enum):
    """What happens to an exercise at the next session."""

    PROGRESS = "progress"
    """A harder dose, or the harder exercise on the ladder."""
    HOLD = "hold"
    """The same prescription again."""
    REGRESS = "regress"
    """An easier dose, or the easier exercise on the ladder."""
    DELOAD = "deload"
    """A lighter dose for a planned deload week."""
    STOP = "stop"
    """No more of this exercise; the reason says what to do instead."""


def _optional_prescription(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, Prescription):
        raise check.fail(attribute, f"must be a Prescription or None, got {check.type_name(value)}")


MAX_REASON_LENGTH = 2000
"""The longest reason a decision may give (a plausibility bound)."""

# Each named number below -> the registry ids behind it (docs/evidence.md; a test checks).
EVIDENCE = {"MAX_REASON_LENGTH": ("design-technical-limit",)}


@attrs.frozen(kw_only=True, init=False)
class Decision(Displayed):
    """The outcome of one rule for one exercise: the action, the next prescription, and why.

    ``exercise`` is the id of the exercise the decision is about (before any move
    on its ladder); ``prescription`` is the next one, or None when the action is
    ``STOP``. ``reason`` is a sentence for the person or their clinician;
    ``references`` are the evidence ids (see `lumbar.evidence`) it rests on.
    """

    action: Action
    """What happens to the exercise at its next session."""
    exercise: str
    """The id of the exercise decided about, before any move on its ladder."""
    prescription: Prescription | None
    """The next prescription, or None when the action is ``STOP``."""
    reason: str
    """Why, in a sentence for the person or their clinician."""
    references: tuple[str, ...]
    """Evidence registry ids the decision rests on."""

    def __init__(
        self,
        *,
        action: Action,
        exercise: str,
        prescription: Prescription | None,
        reason: str,
        references: tuple[str, ...] | list[str],
    ) -> None:
        # Checked here rather than by attrs, so that ``decided`` can build the decisions
        # of checked parts with attrs' plain ``__attrs_init__``.
        if isinstance(references, list):
            references = tuple(references)
        self.__attrs_init__(
            action=action,
            exercise=exercise,
            prescription=prescription,
            reason=reason,
            references=references,
        )
        check.every_field(self, _CHECKS)
        if (prescription is None) != (action is Action.STOP):
            raise ValidationError.single(
                "prescription",
                "must be None exactly when the action is 'stop', got "
                f"{'None' if prescription is None else 'a prescription'} for "
                f"{action.value!r}",
            )


_CHECKS = check.field_checks(
    Decision,
    {
        "action": check.member(Action),
        "exercise": check.slug,
        "prescription": _optional_prescription,
        "reason": check.text(1, MAX_REASON_LENGTH),
        "references": check.tuple_of(check.slug, min_length=1, unique=True),
    },
)
_new = object.__new__
_init_decision = Decision.__attrs_init__


def decided(
    action: Action,
    exercise: str,
    prescription: Prescription | None,
    reason: str,
    references: tuple[str, ...],
) -> Decision:
    """A `Decision` of parts already checked, as built-in rules and the engine make them.

    The caller vouches for every part but the reason: ``exercise`` is the id of a
    catalog entry, ``prescription`` a Prescription (None exactly for ``STOP``) and
    ``references`` a checked tuple. The reason's length is still checked, because a
    wrapper's reason grows with its inner rule's; a reason out of bounds gets the
    usual error from the class.
    """
    if not 0 < len(reason) <= MAX_REASON_LENGTH:
        return Decision(
            action=action,
            exercise=exercise,
            prescription=prescription,
            reason=reason,
            references=references,
        )
    decision: Decision = _new(Decision)
    _init_decision(
        decision,
        action=action,
        exercise=exercise,
        prescription=prescription,
        reason=reason,
        references=references,
    )
    return decision
