"""The person a program is built for: screening, risk, pain, fitness, preferences and time."""

from __future__ import annotations

import enum
from typing import Any

import attrs

from lumbar._base import validators as check
from lumbar._base.document import Document
from lumbar._base.ordering import OrderedEnum
from lumbar.errors import ValidationError
from lumbar.model._constraints import EVERY_LOADING, Constraints
from lumbar.model._exercise import Equipment, SpinalLoading
from lumbar.model._person import Goal, Risk
from lumbar.safety._screening import Screening


class FitnessLevel(OrderedEnum):
    """How used to exercise the person is, least first; it sets the starting rung of each ladder."""

    BEGINNER = "beginner"
    """New to exercise, or returning after a long break: the easiest variants (level 1)."""
    INTERMEDIATE = "intermediate"
    """Exercises now and then: variants up to level 2."""
    ADVANCED = "advanced"
    """Trains regularly: variants up to level 3."""


class DirectionalPreference(enum.Enum):
    """A movement direction that the person's back does not tolerate under load.

    Matching exercise to the direction a person tolerates is one way trials have
    individualized programs (`long-2004-spine`); the planner leaves out every
    exercise that loads the spine in the direction named.
    """

    NONE = "none"
    """Every direction is fine."""
    FLEXION_INTOLERANT = "flexion-intolerant"
    """Bending forward under load aggravates the pain: no flexion-loading exercise."""
    EXTENSION_INTOLERANT = "extension-intolerant"
    """Arching backward under load aggravates the pain: no extension-loading exercise."""


MIN_DAYS = 2
"""The fewest training days a week the planner accepts.

Once a week is below every guideline dose: strength and motor-control work 2-3
days a week for beginners (`acsm-2009-rt`, `acsm-garber-2011`), muscle strengthening
on 2 or more days and aerobic activity of 150-300 minutes a week (`who-2020-pa`). A
profile asking for 1 day is refused with this explanation. Twice a week meets the
lower end of the strength guidance, so 2 days are accepted; the daily walking goal
carries the aerobic dose.
"""

JOGGING_MIN_DAYS = 3
"""The walk-run progression runs 3 sessions a week on non-consecutive days (running notes §4)."""

JOGGING_MIN_MINUTES = 40
"""A walk-run session takes about 30-33 minutes on feet (5 × 6 min, up to 3 × 11 min), so a
return-to-jogging session needs room for that plus a few minutes of the other three kinds."""

DEFAULT_MINUTES = 30
JOGGING_DEFAULT_MINUTES = 45

# Each named number below -> the registry ids behind it (docs/evidence.md; a test checks).
EVIDENCE = {
    "MIN_DAYS": ("acsm-2009-rt", "acsm-garber-2011", "who-2020-pa"),
    "JOGGING_MIN_DAYS": ("design-walk-run-stages",),
    "JOGGING_MIN_MINUTES": ("design-walk-run-stages", "design-profile-defaults"),
    "DEFAULT_MINUTES": ("who-2020-pa", "design-profile-defaults"),
    "JOGGING_DEFAULT_MINUTES": ("design-profile-defaults",),
    "Profile.pain": ("design-profile-defaults",),
    "Profile.days": ("acsm-2009-rt", "design-profile-defaults"),
    "Profile.weeks": ("design-program-length",),
    "Profile.walking_minutes": ("design-walking-doses",),
}

_DAYS_REASON = (
    "once a week is below every guideline dose: strength and motor-control work "
    "2-3 days a week (acsm-2009-rt), muscle strengthening on 2 or more days and "
    "aerobic activity on most days (who-2020-pa)"
)


def _default_minutes(profile: Any) -> int:
    return JOGGING_DEFAULT_MINUTES if profile.goal is Goal.RETURN_TO_JOGGING else DEFAULT_MINUTES


_screening = check.instance_of(Screening, hint="from lumbar.screen")


def _days_validator() -> check.Validator:
    return check.integer(MIN_DAYS, 7, why=_DAYS_REASON)  # 7: the days of a week


_days = _days_validator()


@attrs.frozen(kw_only=True, repr=False)
class Profile(Document):
    """Everything the planner needs to know about a person; only ``screening`` is required.

    ``screening`` is the result of [lumbar.screen][lumbar.safety.screen];
    [lumbar.build_program][lumbar.planning.build_program] refuses to plan unless it is clear.
    The other fields default to a beginner with mild pain, a mat and a chair, training 3 days a
    week for 30 minutes (45 for the return-to-jogging goal) over 26 weeks, walking 10 minutes a day.

    >>> import lumbar
    >>> profile = Profile(screening=lumbar.screen(lumbar.RedFlags()), days=4)
    >>> profile.minutes, profile.weeks
    (30, 26)
    """

    screening: Screening = attrs.field(validator=_screening)
    """The red-flag screening; must be clear for a program to be built."""
    risk: Risk | None = attrs.field(default=None, validator=check.optional(check.member(Risk)))
    """The STarT Back risk group (`hill-2008-sbst`), if known; higher risk starts gentler and
    brings the pain-science topics forward."""
    pain: int = attrs.field(default=3, validator=check.integer(0, 10))
    """Current back pain on the 0-10 scale (`farrar-2001-pain`)."""
    level: FitnessLevel = attrs.field(
        default=FitnessLevel.BEGINNER, validator=check.member(FitnessLevel)
    )
    """How used to exercise the person is; it sets the starting rung of each ladder."""
    preference: DirectionalPreference = attrs.field(
        default=DirectionalPreference.NONE, validator=check.member(DirectionalPreference)
    )
    """A loading direction to avoid, if any."""
    equipment: tuple[Equipment, ...] = attrs.field(
        default=(Equipment.MAT, Equipment.CHAIR),
        converter=check.to_tuple,
        validator=check.tuple_of(check.member(Equipment), unique=True),
    )
    """Equipment at hand; floor exercises need a mat (or a towel on a carpet)."""
    goal: Goal = attrs.field(default=Goal.GENERAL, validator=check.member(Goal))
    """What the person wants from the program; it sets emphases and education topics."""
    days: int = attrs.field(default=3, validator=_days)
    """Training days a week, 2 to 7."""
    minutes: int = attrs.field(
        default=attrs.Factory(_default_minutes, takes_self=True),
        validator=check.integer(10, 120),
    )
    """Minutes available per session, 10 to 120."""
    weeks: int = attrs.field(default=26, validator=check.integer(4, 52))
    """Program length in weeks, 4 to 52."""
    walking_minutes: int = attrs.field(default=10, validator=check.integer(0, 300))
    """How many minutes a day the person walks now: the start of the daily walking goal."""
    steps: int | None = attrs.field(
        default=None, validator=check.optional(check.integer(0, 50_000))
    )
    """Steps a day now, for people who count them (None otherwise)."""

    def __attrs_post_init__(self) -> None:
        if self.goal is Goal.RETURN_TO_JOGGING:
            errors = []
            if self.days < JOGGING_MIN_DAYS:
                errors.append(
                    (
                        "days",
                        f"must be >= {JOGGING_MIN_DAYS} for the return-to-jogging goal, "
                        f"got {self.days}: walk-run sessions run 3 days a week",
                    )
                )
            if self.minutes < JOGGING_MIN_MINUTES:
                errors.append(
                    (
                        "minutes",
                        f"must be >= {JOGGING_MIN_MINUTES} for the return-to-jogging goal, "
                        f"got {self.minutes}: a walk-run session alone takes about 30 minutes",
                    )
                )
            if errors:
                raise ValidationError(errors)

    @property
    def constraints(self) -> Constraints:
        """The equipment at hand, the loading directions tolerated and the minutes per session.

        As a program keeps them. A flexion-intolerant person tolerates neutral and
        extension loading, an extension-intolerant one neutral and flexion
        (`long-2004-spine`); no session may take longer than ``minutes``.
        """
        loading: tuple[SpinalLoading, ...] = EVERY_LOADING
        if self.preference is DirectionalPreference.FLEXION_INTOLERANT:
            loading = (SpinalLoading.NEUTRAL, SpinalLoading.EXTENSION)
        elif self.preference is DirectionalPreference.EXTENSION_INTOLERANT:
            loading = (SpinalLoading.FLEXION, SpinalLoading.NEUTRAL)
        return Constraints(equipment=self.equipment, loading=loading, session_minutes=self.minutes)
