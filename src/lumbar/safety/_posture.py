"""Scoring a person's answers to a posture or ergonomics checklist."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from lumbar._base import validators as check
from lumbar._base.display import Displayed
from lumbar._base.document import Document
from lumbar.content._checklists import Checklist, ChecklistItem, default_checklists
from lumbar.errors import ValidationError


@attrs.frozen(kw_only=True, repr=False)
class Assessment(Displayed, Document):
    """The result of [assess][lumbar.safety.assess]: a score, what failed, and the fixes."""

    checklist: str = attrs.field(validator=check.slug)
    """The id of the checklist assessed."""
    score: float = attrs.field(converter=check.exact_float, validator=check.number(0, 100))
    """Percentage of the checklist's total weight answered "yes" (100 = nothing to fix)."""
    passed: tuple[str, ...] = attrs.field(
        converter=check.to_tuple, validator=check.tuple_of(check.slug, unique=True)
    )
    """Ids of the items answered "yes", in checklist order."""
    failed: tuple[ChecklistItem, ...] = attrs.field(
        converter=check.to_tuple, validator=check.tuple_of(check.instance_of(ChecklistItem))
    )
    """Items answered "no", heaviest weight first, then in checklist order."""

    @property
    def recommendations(self) -> tuple[str, ...]:
        """What to do, one fix per failed item, most important first."""
        return tuple(item.fix for item in self.failed)


def assess(checklist: Checklist | str, answers: Mapping[str, bool]) -> Assessment:
    """Score a person's answers to a checklist: ``True`` means "yes" (all is well).

    ``checklist`` is a [Checklist][lumbar.content.Checklist] or the id of a built-in one. Every item
    must be answered; unknown item ids, missing answers and answers other than
    ``True``/``False`` raise [lumbar.ValidationError][lumbar.errors.ValidationError] naming each one
    (``answers.<item id>``).

    >>> result = assess("sleeping", {"mattress-firmness": True, "mattress-support": True,
    ...                              "position-for-comfort": True, "night-pain-eases": False})
    >>> result.failed[0].id
    'night-pain-eases'
    """
    if isinstance(checklist, str):
        built_in = default_checklists()
        if checklist not in built_in:
            known = check.one_of_names(sorted(built_in))
            raise ValidationError.single(
                "checklist", f"no built-in checklist {checklist!r}; built-in: {known}"
            )
        checklist = built_in[checklist]
    elif not isinstance(checklist, Checklist):
        raise ValidationError.single(
            "checklist", f"must be a Checklist or a checklist id, got {check.type_name(checklist)}"
        )
    if not isinstance(answers, Mapping):
        raise ValidationError.single(
            "answers", f"must be a mapping of item id to true/false, got {check.type_name(answers)}"
        )
    errors: list[tuple[str, str]] = []
    known_ids = set(checklist.ids)
    for key, value in answers.items():
        if key not in known_ids:
            errors.append((f"answers.{key}", f"unknown item of checklist {checklist.id!r}"))
        elif type(value) is not bool:
            errors.append(
                (f"answers.{key}", f"must be true or false, got {check.type_name(value)} {value!r}")
            )
    errors.extend(
        (f"answers.{item_id}", "is required (answer true or false)")
        for item_id in checklist.ids
        if item_id not in answers
    )
    if errors:
        raise ValidationError(errors)
    total = sum(item.weight for item in checklist.items)
    passed = tuple(item for item in checklist.items if answers[item.id])
    failed = [item for item in checklist.items if not answers[item.id]]
    failed.sort(key=lambda item: -item.weight)  # stable: ties stay in checklist order
    return Assessment(
        checklist=checklist.id,
        score=100 * sum(item.weight for item in passed) / total,
        passed=tuple(item.id for item in passed),
        failed=tuple(failed),
    )
