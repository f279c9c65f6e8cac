"""The questionnaires lumbar scores: their size, who holds the copyright, and what may ship.

lumbar ships a questionnaire's item wording only where its licence allows that in a
library anyone may use, commercially too. For none of the five was that confirmed, so
lumbar ships item numbers and scoring only; apps show their own licensed copy of each
form. ``questionnaires()`` records the status found for each, with its sources.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

from lumbar._base import validators as check
from lumbar.errors import ValidationError
from lumbar.safety._instruments import FABQ_ITEMS, PSEQ_ITEMS, RMDQ_ITEMS
from lumbar.safety._scores import ODI_SECTIONS, START_BACK_ITEMS


class Instrument(enum.Enum):
    """The measures lumbar scores; ``PAIN`` is the 0-10 numeric pain rating scale."""

    START_BACK = "start-back"
    ODI = "odi"
    RMDQ = "rmdq"
    FABQ = "fabq"
    PSEQ = "pseq"
    PAIN = "pain"


class CommercialUse(enum.Enum):
    """What the sources found say about using a questionnaire in a commercial product."""

    FREE = "free"
    """Free, commercially too, as its owner states."""
    LICENCE_NEEDED = "licence-needed"
    """The owner asks commercial users to obtain a licence (fees possible)."""
    NOT_VERIFIED = "not-verified"
    """No statement from the owner was found; ask the owner before any commercial use."""


_ITEM_TEXT = check.text(1, 500)

# Each named number below -> the registry ids behind it (docs/evidence.md; a test checks).
EVIDENCE = {"_ITEM_TEXT": ("design-technical-limit",)}


def _texts(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    check.tuple_of(_ITEM_TEXT)(instance, attribute, value)
    texts: tuple[str, ...] = value  # type: ignore[assignment]  # checked just above
    if texts and not instance.item_texts_may_ship:
        raise check.fail(attribute, "must be empty unless the licence lets the texts ship")
    if texts and len(texts) != instance.items:
        raise check.fail(attribute, f"must have one text per item ({instance.items})")


@attrs.frozen(kw_only=True)
class Questionnaire:
    """One questionnaire lumbar scores, with its copyright and licence status."""

    instrument: Instrument = attrs.field(validator=check.member(Instrument))
    """Which questionnaire; its value is the id `lumbar score` takes."""
    name: str = attrs.field(validator=check.text(1, 200))
    """The questionnaire's name."""
    items: int = attrs.field(validator=check.integer(1, 100))
    """How many items (or sections) the form has; answers are passed in this order."""
    answers: str = attrs.field(validator=check.text(1, 500))
    """What one answer is, as the scoring function takes it."""
    copyright: str = attrs.field(validator=check.text(1, 500))
    """Who holds the copyright, as far as the sources say."""
    commercial_use: CommercialUse = attrs.field(validator=check.member(CommercialUse))
    """What the sources found say about commercial use."""
    item_texts_may_ship: bool = attrs.field(validator=check.boolean)
    """True only where the licence is confirmed to let a library anyone may use ship
    the item wording."""
    terms: str = attrs.field(validator=check.text(1, 2000))
    """The licence terms found, in plain words."""
    references: tuple[str, ...] = attrs.field(
        converter=check.to_tuple, validator=check.tuple_of(check.slug, min_length=1)
    )
    """Evidence registry ids behind the scoring and the licence status."""
    item_texts: tuple[str, ...] = attrs.field(
        default=(), converter=check.to_tuple, validator=_texts
    )
    """The item wording, only where it may ship; empty otherwise."""

    @property
    def item_ids(self) -> tuple[str, ...]:
        """Stable ids of the items, such as ``"rmdq-1"``, for forms and stored answers."""
        return tuple(f"{self.instrument.value}-{n}" for n in range(1, self.items + 1))


_NOT_SHIPPED = "lumbar ships item numbers and scoring only."


@functools.cache
def _all() -> Mapping[str, Questionnaire]:
    found = (
        Questionnaire(
            instrument=Instrument.START_BACK,
            name="Keele STarT Back Screening Tool",
            items=START_BACK_ITEMS,
            answers="items 1-8: 0 (disagree) or 1 (agree); item 9: 0-4",
            copyright="Keele University",
            commercial_use=CommercialUse.LICENCE_NEEDED,
            item_texts_may_ship=False,
            terms="No licence is needed for non-commercial use; to build the tool into a "
            "commercial product, Keele University asks to be contacted. " + _NOT_SHIPPED,
            references=("hill-2008-sbst", "keele-sbst-licence"),
        ),
        Questionnaire(
            instrument=Instrument.ODI,
            name="Oswestry Disability Index",
            items=ODI_SECTIONS,
            answers="each section 0-5, or None if unanswered",
            copyright="Its developers (Fairbank JCT et al.); licensed through the Mapi "
            "Research Trust",
            commercial_use=CommercialUse.LICENCE_NEEDED,
            item_texts_may_ship=False,
            terms="Licensed through the Mapi Research Trust: free for students, clinicians "
            "and unfunded academics, fees possible for commercial and software use (seen in "
            "a secondary source). The form printed in Roland and Fairbank 2000 may be used "
            "without permission; that does not cover shipping its wording in software. "
            + _NOT_SHIPPED,
            references=("fairbank-2000-odi", "roland-fairbank-2000-spine", "mapi-odi"),
        ),
        Questionnaire(
            instrument=Instrument.RMDQ,
            name="Roland-Morris Disability Questionnaire",
            items=RMDQ_ITEMS,
            answers="True (applies to me today), False, or None if unanswered",
            copyright="Its authors, Martin Roland and Richard Morris",
            commercial_use=CommercialUse.NOT_VERIFIED,
            item_texts_may_ship=False,
            terms="The form printed in Roland and Fairbank 2000 may be used without "
            "permission from the authors or from Spine; terms for building its wording "
            "into software, commercial or not, were not found. " + _NOT_SHIPPED,
            references=("roland-morris-1983-spine", "roland-fairbank-2000-spine"),
        ),
        Questionnaire(
            instrument=Instrument.FABQ,
            name="Fear-Avoidance Beliefs Questionnaire",
            items=FABQ_ITEMS,
            answers="each item 0 (completely disagree) to 6 (completely agree), or None",
            copyright="Not stated in the sources checked (Waddell et al., published in Pain)",
            commercial_use=CommercialUse.NOT_VERIFIED,
            item_texts_may_ship=False,
            terms="Listed as free of charge by a clinical measures database; no statement "
            "from the authors or the publisher was found. " + _NOT_SHIPPED,
            references=("waddell-1993-pain", "delitto-2012-jospt"),
        ),
        Questionnaire(
            instrument=Instrument.PSEQ,
            name="Pain Self-Efficacy Questionnaire",
            items=PSEQ_ITEMS,
            answers="each item 0 (not at all confident) to 6 (completely confident), or None",
            copyright="Its author, Michael K. Nicholas",
            commercial_use=CommercialUse.NOT_VERIFIED,
            item_texts_may_ship=False,
            terms="Described as usable without formal permission by secondary sources; no "
            "statement from the author was found. " + _NOT_SHIPPED,
            references=("nicholas-2007-ejp",),
        ),
    )
    return MappingProxyType({q.instrument.value: q for q in found})


def questionnaires() -> Mapping[str, Questionnaire]:
    """The questionnaires lumbar scores, by id (``"start-back"``, ``"odi"``, ``"rmdq"``,
    ``"fabq"``, ``"pseq"``), with their copyright and licence status.

    >>> questionnaires()["rmdq"].items
    24
    """
    return _all()


def questionnaire(instrument: str | Instrument) -> Questionnaire:
    """One questionnaire by id or [Instrument][lumbar.safety.Instrument].

    An unknown one raises [lumbar.ValidationError][lumbar.errors.ValidationError] naming the
    ids there are.
    """
    key = instrument.value if isinstance(instrument, Instrument) else instrument
    found = _all().get(key) if isinstance(key, str) else None
    if found is None:
        raise ValidationError.single(
            "instrument",
            f"unknown questionnaire {instrument!r}; choose from {', '.join(map(repr, _all()))}",
        )
    return found
