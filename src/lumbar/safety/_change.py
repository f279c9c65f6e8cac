"""Change that matters: two scores of the same measure, and whether the change is important.

Thresholds are the minimal important changes of the international consensus of
Ostelo et al. 2008 (`ostelo-2008-spine`): an improvement counts when it reaches the
measure's points *or* 30 % of the earlier score. Arithmetic is exact (fractions), so a
change exactly at a threshold counts: an ODI of 20 % falling to 14 % is exactly 30 %.
"""

from __future__ import annotations

from fractions import Fraction

import attrs

from lumbar._base import validators as check
from lumbar._base.document import Document
from lumbar.errors import ValidationError
from lumbar.model._log import PAIN_SCALE_MAX
from lumbar.safety._instruments import RMDQ_ITEMS, RolandMorrisResult
from lumbar.safety._questionnaires import Instrument
from lumbar.safety._scores import OswestryResult

IMPORTANT_POINTS = {Instrument.ODI: 10, Instrument.RMDQ: 5, Instrument.PAIN: 2}
"""Minimal important improvement in points: ODI 0-100, Roland-Morris 0-24, pain 0-10."""
IMPORTANT_PERCENT = 30
"""Minimal important improvement relative to the earlier score, for each measure."""
_SCALE_MAX = {Instrument.ODI: 100, Instrument.RMDQ: RMDQ_ITEMS, Instrument.PAIN: PAIN_SCALE_MAX}
_DENOMINATORS = 1000
"""Scores are read as the fractions they are (an ODI over 9 sections is a multiple of
20/9), recovered from their floats with denominators up to this."""

# Each named number below -> the registry ids behind it (docs/evidence.md; a test checks).
EVIDENCE = {
    "IMPORTANT_POINTS": ("ostelo-2008-spine", "farrar-2001-pain"),
    "IMPORTANT_PERCENT": ("ostelo-2008-spine", "farrar-2001-pain"),
    "_DENOMINATORS": ("design-technical-limit",),
    "_SCALE_MAX": ("fairbank-2000-odi", "roland-morris-1983-spine", "farrar-2001-pain"),
}

_COMPARABLE = tuple(IMPORTANT_POINTS)


def _exact(value: float) -> Fraction:
    return Fraction(value).limit_denominator(_DENOMINATORS)


_score = check.number(0)


@attrs.frozen(kw_only=True, repr=False)
class ScoreChange(Document):
    """The change from an earlier to a later score of the same measure.

    Made by [compare][lumbar.safety.compare].

    ``points`` is later minus earlier, so an improvement is negative (every measure
    here scores worse as it rises). ``percent`` is the same relative to the earlier
    score (None when that was 0). ``important`` is True for an improvement of at
    least ``threshold_points`` or ``threshold_percent`` %; a worsening never is.
    Both are computed exactly from ``earlier`` and ``later``.
    """

    instrument: Instrument = attrs.field(validator=check.member(Instrument))
    """The measure: `ODI`, `RMDQ` or `PAIN`."""
    earlier: float = attrs.field(converter=check.exact_float, validator=_score)
    """The earlier score (the baseline)."""
    later: float = attrs.field(converter=check.exact_float, validator=_score)
    """The later score."""
    points: float = attrs.field(init=False)
    """Later minus earlier: negative for an improvement."""
    percent: float | None = attrs.field(init=False)
    """The change relative to the earlier score, per cent; None when that was 0."""
    important: bool = attrs.field(init=False)
    """True for an improvement of at least `threshold_points` or `threshold_percent` %."""

    def __attrs_post_init__(self) -> None:
        if self.instrument not in IMPORTANT_POINTS:
            allowed = ", ".join(repr(i.value) for i in _COMPARABLE)
            raise ValidationError.single(
                "instrument",
                f"must be one with a minimal important change ({allowed}), "
                f"got {self.instrument.value!r}",
            )
        top = _SCALE_MAX[self.instrument]
        errors = [
            (name, f"must be at most {top} on the {self.instrument.value} scale, got {value:g}")
            for name, value in (("earlier", self.earlier), ("later", self.later))
            if value > top
        ]
        if errors:
            raise ValidationError(errors)
        earlier, later = _exact(self.earlier), _exact(self.later)
        points = later - earlier
        percent = None if earlier == 0 else points * 100 / earlier
        important = points < 0 and (
            -points >= IMPORTANT_POINTS[self.instrument]
            or (percent is not None and -percent >= IMPORTANT_PERCENT)
        )
        object.__setattr__(self, "points", float(points))
        object.__setattr__(self, "percent", None if percent is None else float(percent))
        object.__setattr__(self, "important", important)

    @property
    def threshold_points(self) -> int:
        """The smallest important improvement in points for this measure."""
        return IMPORTANT_POINTS[self.instrument]

    @property
    def threshold_percent(self) -> int:
        """The smallest important improvement relative to the earlier score, per cent."""
        return IMPORTANT_PERCENT

    @property
    def references(self) -> tuple[str, ...]:
        """Evidence registry ids behind the thresholds."""
        if self.instrument is Instrument.PAIN:
            return ("ostelo-2008-spine", "farrar-2001-pain")
        return ("ostelo-2008-spine",)


def _measure(value: object, name: str) -> tuple[Instrument, float]:
    if isinstance(value, OswestryResult):
        return Instrument.ODI, value.percent
    if isinstance(value, RolandMorrisResult):
        return Instrument.RMDQ, float(value.total)
    if type(value) is int and 0 <= value <= PAIN_SCALE_MAX:
        return Instrument.PAIN, float(value)
    raise ValidationError.single(
        name,
        "must be an OswestryResult, a RolandMorrisResult or a pain rating 0-10 (a whole "
        f"number), got {check.type_name(value)} {value!r}",
    )


def compare(earlier: object, later: object) -> ScoreChange:
    """The change between two results of the same measure, and whether it matters.

    Takes two ODI results ([lumbar.oswestry][lumbar.safety.oswestry]), two
    Roland-Morris results ([lumbar.roland_morris][lumbar.safety.roland_morris]) or two
    pain ratings 0-10. Anything else, or two different measures, raises
    [lumbar.ValidationError][lumbar.errors.ValidationError] naming ``earlier`` or ``later``.

    >>> change = compare(6, 4)
    >>> change.points, change.percent, change.important
    (-2.0, -33.333333333333336, True)
    """
    instrument, before = _measure(earlier, "earlier")
    other, after = _measure(later, "later")
    if other is not instrument:
        raise ValidationError.single(
            "later", f"must be a {instrument.value} result like earlier, got a {other.value} one"
        )
    return ScoreChange(instrument=instrument, earlier=before, later=after)
