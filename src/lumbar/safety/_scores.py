"""Scoring of two questionnaires: STarT Back (risk groups) and the Oswestry Disability Index.

lumbar ships the scoring rules only. The item wording of both questionnaires is
copyrighted (Keele University; Mapi Research Trust for the ODI): apps show their
licensed copy of the form and pass the answers here.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from lumbar._base import validators as check
from lumbar._base.display import Displayed
from lumbar._base.document import Document
from lumbar._base.ordering import OrderedEnum
from lumbar.errors import ValidationError
from lumbar.model._person import Risk
from lumbar.safety._answers import answer_list

# --- STarT Back ---------------------------------------------------------------------

START_BACK_ITEMS = 9
"""The STarT Back Screening Tool has nine items (`hill-2008-sbst`)."""
START_BACK_PSYCHOSOCIAL = range(4, 9)
"""Indexes (0-based) of the psychosocial items: items 5-9 of the Keele form (`hill-2008-sbst`)."""
_BOTHER_INDEX = 8
_BOTHER_MAX = 4  # item 9 is answered 0 (not at all) to 4 (extremely)
_BOTHER_SCORING_FROM = 3  # "very much" (3) and "extremely" (4) score 1 (hill-2008-sbst)
_LOW_RISK_MAX_TOTAL = 3  # total <= 3 -> low risk (hill-2008-sbst)
_HIGH_RISK_MIN_PSYCHOSOCIAL = 4  # subscale >= 4 -> high risk (hill-2008-sbst)


_PHYSICAL_ITEMS = START_BACK_ITEMS - len(START_BACK_PSYCHOSOCIAL)


def _start_back_risk(total: int, psychosocial: int) -> Risk:
    if psychosocial >= _HIGH_RISK_MIN_PSYCHOSOCIAL:
        return Risk.HIGH
    if total <= _LOW_RISK_MAX_TOTAL:
        return Risk.LOW
    return Risk.MEDIUM


@attrs.frozen(kw_only=True, repr=False)
class StartBackResult(Displayed, Document):
    """A scored STarT Back questionnaire (`hill-2008-sbst`).

    ``total`` is 0-9, ``psychosocial`` (the subscale of items 5-9) is 0-5, and
    ``risk`` follows the published cut-offs: high when the subscale is 4 or more,
    low when the total is 3 or less, medium otherwise.
    """

    total: int = attrs.field(validator=check.integer(0, 9))
    """The total score, 0-9."""
    psychosocial: int = attrs.field(validator=check.integer(0, 5))
    """The psychosocial subscale (items 5-9), 0-5."""
    risk: Risk = attrs.field(validator=check.member(Risk))
    """The risk group from the published cut-offs."""

    def __attrs_post_init__(self) -> None:
        physical = self.total - self.psychosocial
        if not 0 <= physical <= _PHYSICAL_ITEMS:
            raise ValidationError.single(
                "psychosocial",
                f"must be between {self.total - _PHYSICAL_ITEMS} and {self.total} for a "
                f"total of {self.total}, got {self.psychosocial}",
            )
        expected = _start_back_risk(self.total, self.psychosocial)
        if self.risk is not expected:
            raise ValidationError.single(
                "risk",
                f"must be {expected.value!r} for total {self.total} and "
                f"psychosocial {self.psychosocial}, got {self.risk.value!r}",
            )


def start_back(items: Sequence[int]) -> StartBackResult:
    """Score the nine STarT Back answers, in the order of the Keele form.

    Items 1-8 are 0 (disagree) or 1 (agree). Item 9, bothersomeness, is 0-4:
    0 not at all, 1 slightly, 2 moderately, 3 very much, 4 extremely; 3 and 4 score
    one point. Items 5-9 make the psychosocial subscale. (The 2012 JOSPT guideline
    numbers the items differently: reorder its answers to the Keele order first.)

    Wrong counts and values outside an item's scale raise
    [lumbar.ValidationError][lumbar.errors.ValidationError] naming each item, such as ``items[3]``.

    >>> start_back([1, 0, 1, 1, 0, 0, 0, 0, 2])
    StartBackResult(total=3, psychosocial=0, risk=<Risk.LOW: 'low'>)
    """
    answers = answer_list(items, "items", START_BACK_ITEMS)
    errors: list[tuple[str, str]] = []
    for index, value in enumerate(answers):
        path = f"items[{index}]"
        if type(value) is not int:
            errors.append((path, f"must be an integer, got {check.type_name(value)} {value!r}"))
        elif index == _BOTHER_INDEX and not 0 <= value <= _BOTHER_MAX:
            errors.append(
                (
                    path,
                    f"item 9 (bothersomeness) must be 0 (not at all) to 4 (extremely), got {value}",
                )
            )
        elif index != _BOTHER_INDEX and value not in (0, 1):
            errors.append(
                (path, f"item {index + 1} must be 0 (disagree) or 1 (agree), got {value}")
            )
    if errors:
        raise ValidationError(errors)
    points = [
        int(value >= _BOTHER_SCORING_FROM) if index == _BOTHER_INDEX else value
        for index, value in enumerate(answers)
    ]
    total = sum(points)
    psychosocial = sum(points[index] for index in START_BACK_PSYCHOSOCIAL)
    return StartBackResult(
        total=total, psychosocial=psychosocial, risk=_start_back_risk(total, psychosocial)
    )


# --- Oswestry Disability Index ----------------------------------------------------------

ODI_SECTIONS = 10
"""The ODI has ten sections, each scored 0-5 (`fairbank-2000-odi`)."""
ODI_MAX_UNANSWERED = 2
"""More unanswered sections make the score invalid. No source states a maximum:
a library design choice (see the scores page)."""
_SECTION_MAX = 5
_BAND_WIDTH_PERCENT = 20  # the developers' bands: 0-20, over 20-40, ... (fairbank-2000-odi)

# Each named number below -> the registry ids behind it (docs/evidence.md; a test checks).
EVIDENCE = {
    "START_BACK_ITEMS": ("hill-2008-sbst",),
    "START_BACK_PSYCHOSOCIAL": ("hill-2008-sbst",),
    "_BOTHER_INDEX": ("hill-2008-sbst",),
    "_BOTHER_MAX": ("hill-2008-sbst",),
    "_BOTHER_SCORING_FROM": ("hill-2008-sbst",),
    "_LOW_RISK_MAX_TOTAL": ("hill-2008-sbst",),
    "_HIGH_RISK_MIN_PSYCHOSOCIAL": ("hill-2008-sbst",),
    "ODI_SECTIONS": ("fairbank-2000-odi",),
    "ODI_MAX_UNANSWERED": ("design-odi-missing-sections",),
    "_SECTION_MAX": ("fairbank-2000-odi",),
    "_BAND_WIDTH_PERCENT": ("fairbank-2000-odi",),
}


class OdiBand(OrderedEnum):
    """The developers' descriptive disability bands for the ODI percentage, mildest first.

    The fourth band's original name is replaced by "very severe".
    """

    MINIMAL = "minimal"
    """0-20 %."""
    MODERATE = "moderate"
    """Over 20 up to 40 %."""
    SEVERE = "severe"
    """Over 40 up to 60 %."""
    VERY_SEVERE = "very-severe"
    """Over 60 up to 80 %."""
    BED_BOUND = "bed-bound"
    """Over 80 %: the developers read this as bed-bound, or as symptoms being overstated."""

    @property
    def label(self) -> str:
        """The band's name for display, such as ``"very severe"``."""
        return "bed-bound" if self is OdiBand.BED_BOUND else self.value.replace("-", " ")

    @property
    def upper_percent(self) -> int:
        """The highest percentage in the band (inclusive)."""
        return _BAND_WIDTH_PERCENT * (self.severity + 1)

    @classmethod
    def of(cls, percent: float) -> OdiBand:
        """The band of an ODI percentage (unrounded; bands end at 20, 40, 60, 80 inclusive)."""
        for band in cls:
            if percent <= band.upper_percent:
                return band
        raise ValidationError.single("percent", f"must be <= 100, got {percent}")


@attrs.frozen(kw_only=True, repr=False)
class OswestryResult(Displayed, Document):
    """A scored Oswestry Disability Index (`fairbank-2000-odi`).

    ``percent`` is the unrounded index, 0-100: the sum of the answered sections
    divided by 5 × ``answered``, times 100. ``band`` is its descriptive band.
    A change of 10 points or 30 % from baseline is the usual threshold for a
    meaningful change (`ostelo-2008-spine`).
    """

    percent: float = attrs.field(converter=check.exact_float, validator=check.number(0, 100))
    """The unrounded index, 0-100 (higher is more disability)."""
    band: OdiBand = attrs.field(validator=check.member(OdiBand))
    """The descriptive band of ``percent``."""
    answered: int = attrs.field(
        validator=check.integer(ODI_SECTIONS - ODI_MAX_UNANSWERED, ODI_SECTIONS)
    )
    """How many of the ten sections were answered (8-10)."""

    def __attrs_post_init__(self) -> None:
        expected = OdiBand.of(self.percent)
        if self.band is not expected:
            raise ValidationError.single(
                "band", f"must be {expected.value!r} for {self.percent} %, got {self.band.value!r}"
            )


def oswestry(sections: Sequence[int | None]) -> OswestryResult:
    """Score the ten ODI sections, each 0 (no disability) to 5, or None if unanswered.

    An unanswered (or not applicable) section is left out of the maximum, as the
    ODI instructions say: 16 points over all ten sections is 32 %, 16 points with
    one section unanswered is 16/45 = 35.6 %. More than two unanswered sections,
    wrong counts and values outside 0-5 raise
    [lumbar.ValidationError][lumbar.errors.ValidationError] naming each section, such as
    ``sections[4]``.

    >>> oswestry([2, 1, 3, 2, 1, 2, 1, 2, 1, 1]).percent
    32.0
    """
    answers = answer_list(sections, "sections", ODI_SECTIONS)
    errors: list[tuple[str, str]] = []
    for index, value in enumerate(answers):
        path = f"sections[{index}]"
        if value is None:
            continue
        if type(value) is not int:
            errors.append(
                (
                    path,
                    f"must be an integer 0-5 or null (unanswered), got "
                    f"{check.type_name(value)} {value!r}",
                )
            )
        elif not 0 <= value <= _SECTION_MAX:
            errors.append((path, f"must be between 0 and 5, got {value}"))
    unanswered = sum(value is None for value in answers)
    if unanswered > ODI_MAX_UNANSWERED:
        errors.append(
            (
                "sections",
                f"at most {ODI_MAX_UNANSWERED} sections may be unanswered, "
                f"got {unanswered}: the score would not be valid",
            )
        )
    if errors:
        raise ValidationError(errors)
    answered = ODI_SECTIONS - unanswered
    # Multiplying before dividing keeps band edges exact (9/45 gives exactly 20.0).
    percent = sum(value for value in answers if value is not None) * 100 / (_SECTION_MAX * answered)
    return OswestryResult(percent=percent, band=OdiBand.of(percent), answered=answered)
