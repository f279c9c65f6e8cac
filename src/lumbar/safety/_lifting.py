"""The revised NIOSH lifting equation, metric (`waters-1993-ergonomics`, `niosh-1994-manual`).

``RWL = LC × HM × VM × DM × AM × FM × CM`` and ``LI = load / RWL``. HM, VM, DM and
AM are computed from their formulas at full precision (the manual's printed
tables round them, and three printed cells differ from the formulas by 0.01);
FM and CM come from the manual's tables 5 and 7.
"""

from __future__ import annotations

import enum
import math
from typing import Any

import attrs

from lumbar._base import validators as check
from lumbar._base.document import Document
from lumbar.errors import ValidationError

LOAD_CONSTANT_KG = 23.0
"""LC, the load limit under ideal conditions (`niosh-1994-manual`; 51 lb in US units)."""

_H_MIN_CM, _H_MAX_CM = 25.0, 63.0  # niosh-1994-manual: H < 25 -> HM 1; H > 63 -> 0
_V_BEST_CM, _V_MAX_CM = 75.0, 175.0  # niosh-1994-manual: VM peaks at 75; V > 175 -> 0
_D_MIN_CM, _D_MAX_CM = 25.0, 175.0  # niosh-1994-manual: D < 25 -> DM 1; D > 175 -> 0
_A_MAX_DEG = 135.0  # niosh-1994-manual: A > 135 -> AM 0
_F_MIN_PER_MIN = 0.2  # niosh-1994-manual: less often than 1 lift / 5 min counts as 0.2
MAX_DURATION_HOURS = 8.0
"""The equation does not apply to lifting for more than 8 hours (`niosh-1994-manual`)."""
_ANGLE_MAX_DEG = 180.0  # asymmetry is measured from straight ahead, 0-180 degrees
_VM_PER_CM = 0.003  # VM = 1 - 0.003 |V - 75| (waters-1993-ergonomics)
_DM_BASE, _DM_CM = 0.82, 4.5  # DM = 0.82 + 4.5/D (waters-1993-ergonomics)
_AM_PER_DEG = 0.0032  # AM = 1 - 0.0032 A (waters-1993-ergonomics)
_CM_FAIR_LOW, _CM_POOR = 0.95, 0.90  # coupling multipliers, table 7 (niosh-1994-manual)
_SHORT_HOURS, _MODERATE_HOURS, _LONG_HOURS = 1, 2, 8  # duration bands of table 5


class Coupling(enum.Enum):
    """How well the hands can grip the load (`niosh-1994-manual`, table 6).

    If unsure, take the worse class.
    """

    GOOD = "good"
    """A container of good design with handles or hand-hold cut-outs, or a loose
    object the hand can wrap around easily."""
    FAIR = "fair"
    """A container of good design without good handles, where the fingers can still
    curl about 90° under it."""
    POOR = "poor"
    """A container of poor design (large, rough or slippery, unstable contents, gloves
    needed) or a bulky loose object."""


# Frequency multiplier, niosh-1994-manual table 5 (two independent transcriptions
# agree). Rows: lifts per minute. Columns: work duration x origin height band.
_FREQUENCY_ROWS = (0.2, 0.5, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
# fmt: off
_FM_TABLE: dict[tuple[int, bool], tuple[float, ...]] = {
    # (duration band, V >= 75 cm): one value per row of _FREQUENCY_ROWS
    (1, False): (1.00, .97, .94, .91, .88, .84, .80, .75, .70, .60, .52, .45, .41, .37,
                 0, 0, 0),
    (1, True): (1.00, .97, .94, .91, .88, .84, .80, .75, .70, .60, .52, .45, .41, .37,
                .34, .31, .28),
    (2, False): (.95, .92, .88, .84, .79, .72, .60, .50, .42, .35, .30, .26, 0, 0,
                 0, 0, 0),
    (2, True): (.95, .92, .88, .84, .79, .72, .60, .50, .42, .35, .30, .26, .23, .21,
                0, 0, 0),
    (8, False): (.85, .81, .75, .65, .55, .45, .35, .27, .22, .18, 0, 0, 0, 0,
                 0, 0, 0),
    (8, True): (.85, .81, .75, .65, .55, .45, .35, .27, .22, .18, .15, .13, 0, 0,
                0, 0, 0),
}
# fmt: on


# Each named number below -> the registry ids behind it (docs/evidence.md; a test checks).
EVIDENCE = {
    "LOAD_CONSTANT_KG": ("niosh-1994-manual", "waters-1993-ergonomics"),
    "_H_MIN_CM": ("niosh-1994-manual", "waters-1993-ergonomics"),
    "_H_MAX_CM": ("niosh-1994-manual", "waters-1993-ergonomics"),
    "_V_BEST_CM": ("niosh-1994-manual", "waters-1993-ergonomics"),
    "_V_MAX_CM": ("niosh-1994-manual", "waters-1993-ergonomics"),
    "_D_MIN_CM": ("niosh-1994-manual", "waters-1993-ergonomics"),
    "_D_MAX_CM": ("niosh-1994-manual", "waters-1993-ergonomics"),
    "_A_MAX_DEG": ("niosh-1994-manual", "waters-1993-ergonomics"),
    "_F_MIN_PER_MIN": ("niosh-1994-manual",),
    "MAX_DURATION_HOURS": ("niosh-1994-manual",),
    "_ANGLE_MAX_DEG": ("niosh-1994-manual",),
    "_VM_PER_CM": ("waters-1993-ergonomics", "niosh-1994-manual"),
    "_DM_BASE": ("waters-1993-ergonomics", "niosh-1994-manual"),
    "_DM_CM": ("waters-1993-ergonomics", "niosh-1994-manual"),
    "_AM_PER_DEG": ("waters-1993-ergonomics", "niosh-1994-manual"),
    "_CM_FAIR_LOW": ("niosh-1994-manual",),
    "_CM_POOR": ("niosh-1994-manual",),
    "_SHORT_HOURS": ("niosh-1994-manual",),
    "_MODERATE_HOURS": ("niosh-1994-manual",),
    "_LONG_HOURS": ("niosh-1994-manual",),
    "_FREQUENCY_ROWS": ("niosh-1994-manual",),
    "_FM_TABLE": ("niosh-1994-manual",),
}


def _positive(unit: str, maximum: float | None = None, why: str = "") -> check.Validator:
    upper = "" if maximum is None else f" and <= {maximum:g}"
    return check.number(
        0, maximum, exclusive_minimum=True, message=f"must be > 0{upper} {unit}{why}"
    )


_distance = check.number(0, message="must be >= 0 cm")
_angle = check.number(
    0, _ANGLE_MAX_DEG, message="must be between 0 and 180 degrees from straight ahead"
)


def _distance_field() -> Any:
    return attrs.field(converter=check.exact_float, validator=_distance)


@attrs.frozen(kw_only=True, repr=False)
class Lift(Document):
    """One lifting task, described at its origin, in metric units.

    - ``horizontal_cm`` (H): from the midpoint between the ankles to the midpoint
      between the hands, measured along the floor.
    - ``vertical_cm`` (V): height of the hands above the floor.
    - ``distance_cm`` (D): vertical travel, ``|V destination - V origin|``.
    - ``asymmetry_deg`` (A): angle of the load from straight ahead of the body
      (0-180), taken from the load's position, not the feet.
    - ``frequency_per_min`` (F): average lifts per minute over a 15-minute spell.
    - ``duration_hours``: how long the lifting goes on (up to 8 hours): up to 1 hour
      needs at least as long again of lighter work afterwards, over 1 to 2 hours at
      least 0.3 times as long; longer spells count as up to 8 hours.
    - ``coupling``: the grip class.
    - ``origin_vertical_cm``: only when this ``Lift`` describes the *destination*
      of a lift (where the load must be placed with control): V at the origin, which
      picks the column of the frequency table. ``None`` means this is the origin.
    """

    horizontal_cm: float = _distance_field()
    """H: from the midpoint between the ankles to the midpoint between the hands, along the
    floor."""
    vertical_cm: float = _distance_field()
    """V: height of the hands above the floor."""
    distance_cm: float = _distance_field()
    """D: vertical travel of the load."""
    asymmetry_deg: float = attrs.field(converter=check.exact_float, validator=_angle)
    """A: angle of the load from straight ahead of the body, 0-180 degrees."""
    frequency_per_min: float = attrs.field(
        converter=check.exact_float, validator=_positive("lifts per minute")
    )
    """F: average lifts per minute over a 15-minute spell."""
    duration_hours: float = attrs.field(
        converter=check.exact_float,
        validator=_positive(
            "hours", MAX_DURATION_HOURS, " (the equation does not apply beyond 8 hours)"
        ),
    )
    """How long the lifting goes on, up to 8 hours."""
    coupling: Coupling = attrs.field(validator=check.member(Coupling))
    """The grip class."""
    origin_vertical_cm: float | None = attrs.field(
        default=None, converter=check.exact_float, validator=check.optional(_distance)
    )
    """V at the origin, when this lift describes the destination; None when it is the origin."""


@attrs.frozen(kw_only=True, repr=False)
class NioshMultipliers(Document):
    """The terms of the equation for one lift, each 0-1 except ``lc_kg``.

    ``rwl_kg`` is their product. ``zero_reasons`` says, in plain words, why a
    multiplier is zero (and so the limit is 0 kg), one line per zero multiplier.
    """

    lc_kg: float = attrs.field(validator=check.number(0))
    """LC, the load constant: the limit under ideal conditions, in kilograms."""
    hm: float = attrs.field(validator=check.number(0, 1))
    """Horizontal multiplier: 25/H, 1 when H <= 25 cm, 0 beyond 63 cm."""
    vm: float = attrs.field(validator=check.number(0, 1))
    """Vertical multiplier: 1 - 0.003 × |V - 75|, 0 above 175 cm."""
    dm: float = attrs.field(validator=check.number(0, 1))
    """Distance multiplier: 0.82 + 4.5/D, 1 when D <= 25 cm, 0 beyond 175 cm."""
    am: float = attrs.field(validator=check.number(0, 1))
    """Asymmetry multiplier: 1 - 0.0032 × A, 0 beyond 135°."""
    fm: float = attrs.field(validator=check.number(0, 1))
    """Frequency multiplier from table 5, interpolated between its rows."""
    cm: float = attrs.field(validator=check.number(0, 1))
    """Coupling multiplier from table 7."""
    zero_reasons: tuple[str, ...] = attrs.field(
        default=(), converter=check.to_tuple, validator=check.tuple_of(check.text(1))
    )
    """Why a multiplier is zero, one line per zero multiplier."""

    @property
    def rwl_kg(self) -> float:
        """The recommended weight limit, kg: the product of all the terms."""
        return self.lc_kg * self.hm * self.vm * self.dm * self.am * self.fm * self.cm


def horizontal_multiplier(horizontal_cm: float) -> float:
    """HM = 25/H, with H under 25 cm counted as 25 and H over 63 cm giving 0."""
    if horizontal_cm > _H_MAX_CM:
        return 0.0
    return _H_MIN_CM / max(horizontal_cm, _H_MIN_CM)


def vertical_multiplier(vertical_cm: float) -> float:
    """VM = 1 - 0.003 × |V - 75|, and 0 above 175 cm."""
    if vertical_cm > _V_MAX_CM:
        return 0.0
    return 1 - _VM_PER_CM * abs(vertical_cm - _V_BEST_CM)


def distance_multiplier(distance_cm: float) -> float:
    """DM = 0.82 + 4.5/D, with D under 25 cm counted as 25 and D over 175 cm giving 0."""
    if distance_cm > _D_MAX_CM:
        return 0.0
    return _DM_BASE + _DM_CM / max(distance_cm, _D_MIN_CM)


def asymmetry_multiplier(asymmetry_deg: float) -> float:
    """AM = 1 - 0.0032 × A, and 0 above 135°."""
    if asymmetry_deg > _A_MAX_DEG:
        return 0.0
    return 1 - _AM_PER_DEG * asymmetry_deg


def _duration_band(duration_hours: float) -> int:
    if duration_hours <= _SHORT_HOURS:
        return _SHORT_HOURS
    if duration_hours <= _MODERATE_HOURS:
        return _MODERATE_HOURS
    return _LONG_HOURS


def frequency_multiplier(
    frequency_per_min: float, duration_hours: float, origin_vertical_cm: float
) -> float:
    """FM from table 5 of the manual.

    The column is chosen by the duration band (up to 1, 2 or 8 hours) and by V at
    the origin (under 75 cm, or 75 cm and over). Frequencies under 0.2 per minute
    use the 0.2 row. Between two non-zero rows the value is interpolated linearly.
    Above the column's last non-zero row FM is 0: the manual sets FM to 0 beyond a
    column's maximum frequency, and interpolating toward the 0 row would credit
    rates the manual rules out (the conservative choice).
    """
    column = _FM_TABLE[(_duration_band(duration_hours), origin_vertical_cm >= _V_BEST_CM)]
    rate = max(frequency_per_min, _F_MIN_PER_MIN)
    last = max(index for index, value in enumerate(column) if value > 0)
    if rate > _FREQUENCY_ROWS[last]:
        return 0.0
    for index in range(last):
        low, high = _FREQUENCY_ROWS[index], _FREQUENCY_ROWS[index + 1]
        if rate <= high:
            share = (rate - low) / (high - low)
            return column[index] + share * (column[index + 1] - column[index])
    return column[last]


def coupling_multiplier(coupling: Coupling, vertical_cm: float) -> float:
    """CM from table 7: good 1.00; fair 0.95 below 75 cm, else 1.00; poor 0.90."""
    if coupling is Coupling.GOOD:
        return 1.0
    if coupling is Coupling.FAIR:
        return _CM_FAIR_LOW if vertical_cm < _V_BEST_CM else 1.0
    return _CM_POOR


def _check_lift(lift: object) -> Lift:
    if not isinstance(lift, Lift):
        raise ValidationError.single("lift", f"must be a Lift, got {check.type_name(lift)}")
    return lift


def lifting_multipliers(lift: Lift) -> NioshMultipliers:
    """Every term of the equation for ``lift``, so that an app can show each one.

    >>> m = lifting_multipliers(Lift(horizontal_cm=40, vertical_cm=30, distance_cm=70,
    ...     asymmetry_deg=30, frequency_per_min=4, duration_hours=1, coupling=Coupling.FAIR))
    >>> round(m.hm, 3), round(m.vm, 3), m.fm, m.cm
    (0.625, 0.865, 0.84, 0.95)
    """
    lift = _check_lift(lift)
    origin_v = lift.vertical_cm if lift.origin_vertical_cm is None else lift.origin_vertical_cm
    terms = {
        "hm": horizontal_multiplier(lift.horizontal_cm),
        "vm": vertical_multiplier(lift.vertical_cm),
        "dm": distance_multiplier(lift.distance_cm),
        "am": asymmetry_multiplier(lift.asymmetry_deg),
        "fm": frequency_multiplier(lift.frequency_per_min, lift.duration_hours, origin_v),
        "cm": coupling_multiplier(lift.coupling, lift.vertical_cm),
    }
    return NioshMultipliers(
        lc_kg=LOAD_CONSTANT_KG, zero_reasons=_zero_reasons(lift, terms), **terms
    )


def _zero_reasons(lift: Lift, terms: dict[str, float]) -> tuple[str, ...]:
    reasons = {
        "hm": f"the hands are {lift.horizontal_cm:g} cm out from the ankles; beyond 63 cm "
        "the load is too far from the body for the equation to allow any weight",
        "vm": f"the hands are {lift.vertical_cm:g} cm high; above 175 cm is out of reach "
        "for most people",
        "dm": f"the load travels {lift.distance_cm:g} cm vertically; the equation allows "
        "at most 175 cm",
        "am": f"the load is {lift.asymmetry_deg:g}° to the side; beyond 135° of twist the "
        "equation allows no weight",
        "fm": f"{lift.frequency_per_min:g} lifts a minute is more than the equation allows "
        f"for {lift.duration_hours:g} hour(s) of lifting at this height",
    }
    return tuple(reasons[name] for name, value in terms.items() if value == 0)


def recommended_weight_limit(lift: Lift) -> float:
    """The recommended weight limit (RWL) for ``lift``, in kg.

    The limit nearly all healthy workers could lift over the stated duration without
    a raised risk of back pain. It is 0 kg when any multiplier is 0 (the load is too
    far out, too high, travels too far, is twisted too far, or is lifted too often);
    [lifting_multipliers][lumbar.safety.lifting_multipliers] says which.

    >>> round(recommended_weight_limit(Lift(horizontal_cm=40, vertical_cm=30,
    ...     distance_cm=70, asymmetry_deg=30, frequency_per_min=4, duration_hours=1,
    ...     coupling=Coupling.FAIR)), 2)
    7.93
    """
    return lifting_multipliers(lift).rwl_kg


def lifting_index(lift: Lift, load_kg: float) -> float:
    """The lifting index: ``load_kg`` divided by the recommended weight limit.

    1.0 or less is the design goal; above 1.0 the task carries a raised risk for some
    workers and should be changed. When the limit is 0 kg any load gives an
    infinite index (``math.inf``); a load of 0 kg gives 0.
    """
    lift = _check_lift(lift)
    if type(load_kg) is int:
        load_kg = float(load_kg)
    if type(load_kg) is not float or not math.isfinite(load_kg) or load_kg < 0:
        raise ValidationError.single(
            "load_kg", f"must be a number >= 0 kg, got {check.type_name(load_kg)} {load_kg!r}"
        )
    if load_kg == 0:
        return 0.0
    limit = recommended_weight_limit(lift)
    return math.inf if limit == 0 else load_kg / limit
