"""Three more outcome questionnaires: Roland-Morris disability, FABQ and PSEQ.

lumbar ships the scoring rules only, never the item wording (see
[lumbar.questionnaires][lumbar.safety.questionnaires] for each form's copyright and
licence): apps show their own licensed copy of the form and pass the answers here,
in the order of the form.
Answers are strict: a Roland-Morris answer is ``True``, ``False`` or ``None``; a FABQ
or PSEQ answer a whole number 0-6 or ``None``. ``None`` means unanswered.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from lumbar._base import validators as check
from lumbar._base.document import Document
from lumbar.errors import ValidationError
from lumbar.safety._answers import checked_answers, unanswered_items, whole_number_or_none

RMDQ_ITEMS = 24
"""The Roland-Morris Disability Questionnaire has 24 statements (`roland-morris-1983-spine`)."""
FABQ_ITEMS = 16
"""The Fear-Avoidance Beliefs Questionnaire has 16 items (`waddell-1993-pain`)."""
FABQ_PHYSICAL_ACTIVITY = (2, 3, 4, 5)
"""Item numbers of the physical activity scale, 0-24 (`waddell-1993-pain`, `delitto-2012-jospt`)."""
FABQ_WORK = (6, 7, 9, 10, 11, 12, 15)
"""Item numbers of the work scale, 0-42 (`waddell-1993-pain`, `delitto-2012-jospt`)."""
PSEQ_ITEMS = 10
"""The Pain Self-Efficacy Questionnaire has 10 items (`nicholas-2007-ejp`)."""
ITEM_MAX = 6
"""FABQ and PSEQ items are rated 0-6 (`waddell-1993-pain`, `nicholas-2007-ejp`)."""

# Each named number below -> the registry ids behind it (docs/evidence.md; a test checks).
EVIDENCE = {
    "RMDQ_ITEMS": ("roland-morris-1983-spine", "roland-fairbank-2000-spine"),
    "FABQ_ITEMS": ("waddell-1993-pain",),
    "FABQ_PHYSICAL_ACTIVITY": ("waddell-1993-pain", "delitto-2012-jospt"),
    "FABQ_WORK": ("waddell-1993-pain", "delitto-2012-jospt"),
    "PSEQ_ITEMS": ("nicholas-2007-ejp",),
    "ITEM_MAX": ("waddell-1993-pain", "nicholas-2007-ejp"),
}


def _item_numbers(count: int) -> check.Validator:
    """Item numbers from 1 to ``count``, each once, in form order."""
    return check.tuple_of(check.integer(1, count), unique=True, ordered=True, noun="item number")


def _scale_of(
    name: str, score: int | None, items: Sequence[int], unanswered: Sequence[int]
) -> list[tuple[str, str]]:
    """A scale has a score exactly when none of its items is unanswered."""
    missing = [item for item in items if item in unanswered]
    if missing and score is not None:
        return [(name, f"must be None when items {missing} are unanswered, got {score}")]
    if not missing and score is None:
        return [(name, "must be a score when all its items are answered, got None")]
    return []


# --- Roland-Morris ----------------------------------------------------------------------


@attrs.frozen(kw_only=True, repr=False)
class RolandMorrisResult(Document):
    """A scored Roland-Morris Disability Questionnaire (`roland-morris-1983-spine`).

    ``total`` (0-24) is the number of statements the person ticked as true of them
    today; higher means more disability. ``unanswered`` lists the item numbers left as
    None: the published scoring counts ticked statements only, so an unanswered one
    scores 0 as an unticked one does on paper, and is listed here for you to judge.
    """

    total: int = attrs.field(validator=check.integer(0, RMDQ_ITEMS))
    """How many statements apply today, 0-24; higher is more disability."""
    unanswered: tuple[int, ...] = attrs.field(
        default=(), converter=check.to_tuple, validator=_item_numbers(RMDQ_ITEMS)
    )
    """Numbers (from 1, in form order) of the statements left unanswered."""

    def __attrs_post_init__(self) -> None:
        answered = RMDQ_ITEMS - len(self.unanswered)
        if self.total > answered:
            raise ValidationError.single(
                "total", f"must be at most the {answered} statements answered, got {self.total}"
            )

    @property
    def answered(self) -> int:
        """How many of the 24 statements were answered."""
        return RMDQ_ITEMS - len(self.unanswered)


def _true_false_or_none(index: int, value: object) -> str | None:
    if value is None or type(value) is bool:
        return None
    return (
        f"item {index + 1} must be True (applies to me today), False or None (unanswered), "
        f"got {check.type_name(value)} {value!r}"
    )


def roland_morris(answers: Sequence[bool | None]) -> RolandMorrisResult:
    """Score the 24 Roland-Morris statements, in the order of the form.

    Each answer is ``True`` (the statement applies today), ``False`` or ``None``
    (unanswered). Only booleans are accepted: ``1`` and ``0`` are refused, so that a
    0-6 answer from another form cannot pass for one. Wrong counts and values raise
    [lumbar.ValidationError][lumbar.errors.ValidationError] naming ``answers`` or each item,
    such as ``answers[3]``.

    >>> roland_morris([True] * 6 + [False] * 18).total
    6
    """
    checked = checked_answers(answers, "answers", RMDQ_ITEMS, _true_false_or_none)
    return RolandMorrisResult(
        total=sum(value is True for value in checked), unanswered=unanswered_items(checked)
    )


# --- FABQ -------------------------------------------------------------------------------


@attrs.frozen(kw_only=True, repr=False)
class FabqResult(Document):
    """A scored Fear-Avoidance Beliefs Questionnaire (`waddell-1993-pain`).

    ``physical_activity`` (items 2-5, 0-24) and ``work`` (items 6, 7, 9, 10, 11, 12
    and 15, 0-42): higher means stronger fear-avoidance beliefs. No published rule
    for unanswered items was found, so none is filled in (`design-no-imputation`): a
    scale with an unanswered item is None, for example the work scale of someone not
    in work. Items 1, 8, 13, 14 and 16 belong to neither scale.
    """

    physical_activity: int | None = attrs.field(
        validator=check.optional(check.integer(0, len(FABQ_PHYSICAL_ACTIVITY) * ITEM_MAX))
    )
    """The physical activity scale, items 2-5, 0-24; None when one of them is unanswered."""
    work: int | None = attrs.field(
        validator=check.optional(check.integer(0, len(FABQ_WORK) * ITEM_MAX))
    )
    """The work scale, items 6, 7, 9-12 and 15, 0-42; None when one of them is unanswered."""
    unanswered: tuple[int, ...] = attrs.field(
        default=(), converter=check.to_tuple, validator=_item_numbers(FABQ_ITEMS)
    )
    """Numbers (from 1, in form order) of the items left unanswered."""

    def __attrs_post_init__(self) -> None:
        errors = _scale_of(
            "physical_activity", self.physical_activity, FABQ_PHYSICAL_ACTIVITY, self.unanswered
        ) + _scale_of("work", self.work, FABQ_WORK, self.unanswered)
        if errors:
            raise ValidationError(errors)


def _subscale(answers: Sequence[int | None], items: Sequence[int]) -> int | None:
    values = [answers[item - 1] for item in items]
    return None if None in values else sum(v for v in values if v is not None)


def fabq(answers: Sequence[int | None]) -> FabqResult:
    """Score the 16 FABQ items, in the order of the form.

    Each answer is a whole number from 0 (completely disagree) to 6 (completely
    agree), or ``None`` (unanswered). ``True``, ``2.5`` and ``"3"`` are refused.
    Wrong counts and values raise
    [lumbar.ValidationError][lumbar.errors.ValidationError] naming ``answers`` or each item,
    such as ``answers[3]``.

    >>> result = fabq([0, 3, 4, 2, 5, 6, 6, 0, 5, 4, 3, 2, 0, 0, 4, 0])
    >>> result.physical_activity, result.work
    (14, 30)
    """
    checked = checked_answers(
        answers,
        "answers",
        FABQ_ITEMS,
        whole_number_or_none(0, ITEM_MAX, "0 completely disagree to 6 completely agree"),
    )
    return FabqResult(
        physical_activity=_subscale(checked, FABQ_PHYSICAL_ACTIVITY),
        work=_subscale(checked, FABQ_WORK),
        unanswered=unanswered_items(checked),
    )


# --- PSEQ -------------------------------------------------------------------------------


@attrs.frozen(kw_only=True, repr=False)
class PseqResult(Document):
    """A scored Pain Self-Efficacy Questionnaire (`nicholas-2007-ejp`).

    ``total`` is 0-60: higher means more confidence in doing things despite the pain.
    No published rule for unanswered items was found, so none is filled in
    (`design-no-imputation`): with any item unanswered, ``total`` is None and
    ``unanswered`` says which.
    """

    total: int | None = attrs.field(
        validator=check.optional(check.integer(0, PSEQ_ITEMS * ITEM_MAX))
    )
    """The sum of the ten items, 0-60; None when any item is unanswered."""
    unanswered: tuple[int, ...] = attrs.field(
        default=(), converter=check.to_tuple, validator=_item_numbers(PSEQ_ITEMS)
    )
    """Numbers (from 1, in form order) of the items left unanswered."""

    def __attrs_post_init__(self) -> None:
        errors = _scale_of("total", self.total, range(1, PSEQ_ITEMS + 1), self.unanswered)
        if errors:
            raise ValidationError(errors)


def pseq(answers: Sequence[int | None]) -> PseqResult:
    """Score the 10 PSEQ items, in the order of the form.

    Each answer is a whole number from 0 (not at all confident) to 6 (completely
    confident), or ``None`` (unanswered). ``True``, ``2.5`` and ``"3"`` are refused.
    Wrong counts and values raise
    [lumbar.ValidationError][lumbar.errors.ValidationError] naming ``answers`` or each item,
    such as ``answers[3]``.

    >>> pseq([4] * 10).total
    40
    """
    checked = checked_answers(
        answers,
        "answers",
        PSEQ_ITEMS,
        whole_number_or_none(0, ITEM_MAX, "0 not at all confident to 6 completely confident"),
    )
    return PseqResult(
        total=_subscale(checked, range(1, PSEQ_ITEMS + 1)), unanswered=unanswered_items(checked)
    )
