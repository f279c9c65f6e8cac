"""Decisions: what a progression rule says happens next, and why."""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Mapping
from typing import Any

import attrs

from lumbar._base import validators as check
from lumbar._base.constraints import Entries, Number, Text
from lumbar._base.display import Displayed
from lumbar._base.document import Document
from lumbar._base.frozen import FrozenDict
from lumbar._base.trusted import maker, slot_setters
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
    PAUSE = "pause"
    """The exercise sits out for now; the prescription is the one it comes back with."""


# The actions as module names, for the engine's inner loops: on Python 3.11 reading a member
# off an Enum class goes through the metaclass's ``__getattr__`` hook, about five times the
# cost of reading a global (3.12 dropped the hook).
PROGRESS, HOLD, REGRESS, DELOAD, STOP, PAUSE = (
    Action.PROGRESS,
    Action.HOLD,
    Action.REGRESS,
    Action.DELOAD,
    Action.STOP,
    Action.PAUSE,
)

_optional_prescription = check.optional(check.instance_of(Prescription))


MAX_REASON_LENGTH = 2000
"""The longest reason a decision may give (a plausibility bound)."""

MAX_VALUES = 8
"""The most numbers a decision's ``values`` may hold (a plausibility bound)."""

# Each named number below -> the registry ids behind it (docs/evidence.md; a test checks).
EVIDENCE = {
    "MAX_REASON_LENGTH": ("design-technical-limit",),
    "MAX_VALUES": ("design-technical-limit",),
}

NO_VALUES: FrozenDict[str, int | float] = FrozenDict()
"""The values of a decision whose sentence uses no numbers."""

_VALUE_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def _values(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, FrozenDict):
        raise check.fail(
            attribute, f"must be a mapping of names to numbers, got {check.type_name(value)}"
        )
    if len(value) > MAX_VALUES:
        raise check.fail(attribute, f"must hold at most {MAX_VALUES} numbers, got {len(value)}")
    errors = []
    for key, item in value.items():
        if type(key) is not str or not _VALUE_NAME.match(key):
            errors.append(("values", f"names must be lower-case words joined by '_', got {key!r}"))
        elif type(item) is not float or not math.isfinite(item):  # ints are floats by now
            errors.append((f"values.{key}", f"must be a finite number, got {check.shown(item)}"))
    if errors:
        raise ValidationError(errors)


_check_values = check.declared(
    _values,
    Entries(Text(1, check.SLUG_MAX_LENGTH, _VALUE_NAME.pattern), Number(), MAX_VALUES),
)


def _as_floats(value: Any) -> Any:
    # Every value a float, so that a decision reads back from JSON as it was written (JSON
    # does not tell 30 from 30.0); bools and other types are left for the check to refuse.
    if type(value) is FrozenDict:
        for item in value.values():
            if type(item) is not float:
                break
        else:
            return value  # the common case: a decision's own numbers, or another's
    elif not isinstance(value, Mapping):
        return value
    return FrozenDict({key: _float(item) for key, item in value.items()})


def _float(item: object) -> object:
    if type(item) is int:
        try:
            return float(item)
        except OverflowError:  # beyond any float: left for the check to refuse
            return item
    return item


@attrs.frozen(kw_only=True, init=False, repr=False)
class Decision(Displayed, Document):
    """The outcome of one rule for one exercise: the action, the next prescription, and why.

    ``exercise`` is the id of the exercise the decision is about (before any move
    on its ladder); ``prescription`` is the next one, or None when the action is
    ``STOP`` (for ``PAUSE``, the one the exercise comes back with). ``reason`` is a
    sentence for the person or their clinician; ``references`` are the evidence ids
    (see `lumbar.evidence`) it rests on. ``code`` names the kind of decision and
    ``values`` hold the numbers its sentence uses, so that an app can word it in any
    language (the codes lumbar gives: [decision_codes][lumbar.progression.decision_codes]);
    without a code a decision gets its action's value.
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
    code: str = ""
    """The kind of decision, a stable slug such as ``"pain-over-limit"``; the action's value
    when a rule gives none."""
    values: Mapping[str, int | float] = attrs.field(default=NO_VALUES, converter=_as_floats)
    """The numbers the reason uses, by name (such as ``pain`` and ``limit``), as floats."""

    def __init__(
        self,
        *,
        action: Action,
        exercise: str,
        prescription: Prescription | None,
        reason: str,
        references: tuple[str, ...] | list[str],
        code: str | None = None,
        values: Mapping[str, int | float] = NO_VALUES,
    ) -> None:
        # Every field checked here, each error reported (values made of checked parts skip
        # this: ``_base.trusted.maker``).
        if isinstance(references, list):
            references = tuple(references)
        if code is None or code == "":
            code = action.value if isinstance(action, Action) else ""
        # Set slot by slot, unchecked, then checked all at once (attrs' __attrs_init__ would
        # run the check across fields below before the checks of each field, which report
        # every bad one).
        _SET["set_action"](self, action)
        _SET["set_exercise"](self, exercise)
        _SET["set_prescription"](self, prescription)
        _SET["set_reason"](self, reason)
        _SET["set_references"](self, references)
        _SET["set_code"](self, code)
        _SET["set_values"](self, _as_floats(values))
        check.every_field(self, _CHECKS)
        self.__attrs_post_init__()

    def __attrs_post_init__(self) -> None:
        # Across fields, so here: values made of checked parts (`maker`) and documents read
        # from JSON text (which build them as `maker` does) are held to it too.
        if (self.prescription is None) != (self.action is Action.STOP):
            raise ValidationError.single(
                "prescription",
                "must be None exactly when the action is 'stop', got "
                f"{'None' if self.prescription is None else 'a prescription'} for "
                f"{self.action.value!r}",
            )


_CHECKS = check.field_checks(
    Decision,
    {
        "action": check.member(Action),
        "exercise": check.slug,
        "prescription": _optional_prescription,
        "reason": check.text(1, MAX_REASON_LENGTH),
        "references": check.tuple_of(check.slug, min_length=1, unique=True),
        "code": check.slug,
        "values": _check_values,
    },
)
_make_decision = maker(Decision)
_SET = slot_setters(Decision)


def decided(
    action: Action,
    exercise: str,
    prescription: Prescription | None,
    reason: str,
    references: tuple[str, ...],
    code: str,
    values: Mapping[str, int | float] = NO_VALUES,
) -> Decision:
    """A `Decision` of parts already checked, as built-in rules and the engine make them.

    The caller vouches for every part but the reason: ``exercise`` is the id of a
    catalog entry, ``prescription`` a Prescription (None exactly for ``STOP``),
    ``references`` a checked tuple, ``code`` a slug from `DECISION_CODES` and
    ``values`` a FrozenDict of finite numbers. The reason's length is still checked,
    because a wrapper's reason grows with its inner rule's; a reason out of bounds
    gets the usual error from the class.
    """
    if not 0 < len(reason) <= MAX_REASON_LENGTH:
        return Decision(
            action=action,
            exercise=exercise,
            prescription=prescription,
            reason=reason,
            references=references,
            code=code,
            values=values,
        )
    return _make_decision(
        action=action,
        exercise=exercise,
        prescription=prescription,
        reason=reason,
        references=references,
        code=code,
        values=values,
    )


def numbers(**values: int | float) -> FrozenDict[str, int | float]:
    """The ``values`` of a decision, for `decided`: the numbers its sentence uses."""
    # Built here rather than by the converter: these are small ints and floats, always.
    return FrozenDict({key: float(item) for key, item in values.items()})


def values_under(decision: Decision, code: str) -> Mapping[str, int | float]:
    """The numbers a decision changed to ``code`` keeps: its own under the same code, none
    under another (another code's sentence names other numbers, or none)."""
    return decision.values if code == decision.code else NO_VALUES
