"""Screening: from the answers to the red-flag questions to an outcome and what to do next."""

from __future__ import annotations

import attrs

from lumbar._base import validators as check
from lumbar._base.display import Displayed
from lumbar._base.document import Document
from lumbar.errors import ReferralRequired, ValidationError
from lumbar.safety._red_flags import (
    BASE_REFERENCES,
    FIELD_NAMES,
    Outcome,
    RedFlags,
    Tier,
    reason_of,
    tier_of,
)

_SAFETY_NET = (
    "If you notice new numbness between your legs, or new problems with your bladder or "
    "bowels, go to an emergency department straight away."
)
_NOT_A_DIAGNOSIS = "These questions do not diagnose anything; they only say how soon to seek care."

_ADVICE: dict[Tier | None, str] = {
    Tier.EMERGENCY: (
        "Go to an emergency department now, or call emergency services. Do not wait for a "
        "routine appointment, and do not start or continue the exercise program until a "
        "clinician has seen you."
    ),
    Tier.SAME_DAY: (
        "Seek medical care today: contact your doctor or an urgent care service now and "
        "say it cannot wait. If you cannot be seen today, go to an emergency department "
        "now. Do not start the exercise program until a clinician has seen you. " + _SAFETY_NET
    ),
    Tier.SOON: (
        "Book an appointment with your doctor or physiotherapist within the next few days "
        "(sooner if things get worse) and take these answers with you. Wait for their "
        "advice before starting the exercise program. " + _SAFETY_NET
    ),
    Tier.ROUTINE: (
        "Ask your doctor to review your back pain at a routine appointment and show them "
        "these answers. Keep moving meanwhile: gentle activity is safe and helps. The "
        "self-guided program waits for that review so that it can be fitted to you. " + _SAFETY_NET
    ),
    None: (
        "None of the warning signs was reported, so a self-guided exercise program can "
        "start. Answer these questions again if your symptoms change. " + _SAFETY_NET
    ),
}


_flags_validator = check.tuple_of(
    check.one_of(FIELD_NAMES, message="unknown red-flag question"), unique=True
)


@attrs.frozen(kw_only=True, repr=False)
class Screening(Displayed, Document):
    """The result of [screen][lumbar.safety.screen]: the outcome, why, and what to do, in plain
    words.

    ``flags`` names the [RedFlags][lumbar.safety.RedFlags] fields answered "yes", and ``reasons``
    explains each one, in the same order. ``advice`` follows the most urgent flag.
    """

    outcome: Outcome = attrs.field(validator=check.member(Outcome))
    """What the screening found: clear, see a clinician, or urgent."""
    reasons: tuple[str, ...] = attrs.field(
        converter=check.to_tuple, validator=check.tuple_of(check.text(1))
    )
    """One plain-words explanation per flag, in the order of ``flags``."""
    advice: str = attrs.field(validator=check.text(1))
    """What to do next; for ``URGENT`` it names the emergency department."""
    flags: tuple[str, ...] = attrs.field(converter=check.to_tuple, validator=_flags_validator)
    """The red-flag fields answered "yes", in question order."""
    references: tuple[str, ...] = attrs.field(
        converter=check.to_tuple, validator=check.tuple_of(check.slug, unique=True)
    )
    """Evidence registry ids behind the questions that were flagged."""

    def __attrs_post_init__(self) -> None:
        expected = _outcome_of(self.flags)
        if self.outcome is not expected:
            raise ValidationError.single(
                "outcome",
                f"must be {expected.value!r} for flags {list(self.flags)}, "
                f"got {self.outcome.value!r}",
            )
        if len(self.reasons) != len(self.flags):
            raise ValidationError.single(
                "reasons",
                f"must give one reason per flag ({len(self.flags)}), got {len(self.reasons)}",
            )

    @property
    def is_clear(self) -> bool:
        """True when no warning sign was reported."""
        return self.outcome is Outcome.CLEAR


def _worst_tier(flags: tuple[str, ...]) -> Tier | None:
    return max((tier_of(name) for name in flags), default=None)


def _outcome_of(flags: tuple[str, ...]) -> Outcome:
    tier = _worst_tier(tuple(name for name in flags if name in FIELD_NAMES))
    return Outcome.CLEAR if tier is None else tier.outcome


def screen(red_flags: RedFlags) -> Screening:
    """Screen a person's red-flag answers.

    Any "yes" makes the outcome something other than ``CLEAR``: ``URGENT`` when a
    sign needs care now or today (the nerve signs, a serious injury, worsening
    weakness, fever), otherwise ``SEE_CLINICIAN``. Adding a "yes" never makes the
    outcome milder.

    >>> screen(RedFlags()).outcome
    <Outcome.CLEAR: 'clear'>
    >>> screen(RedFlags(bladder_change=True)).outcome
    <Outcome.URGENT: 'urgent'>
    """
    if not isinstance(red_flags, RedFlags):
        raise ValidationError.single(
            "red_flags", f"must be a RedFlags, got {check.type_name(red_flags)}"
        )
    flags = red_flags.flagged
    references = list(BASE_REFERENCES)
    for name in flags:
        references.extend(attrs.fields_dict(RedFlags)[name].metadata["references"])
    advice = _ADVICE[_worst_tier(flags)]
    return Screening(
        outcome=_outcome_of(flags),
        reasons=tuple(reason_of(name) for name in flags),
        advice=f"{advice} {_NOT_A_DIAGNOSIS}",
        flags=flags,
        references=tuple(dict.fromkeys(references)),
    )


def require_clear(screening: Screening) -> Screening:
    """Return ``screening`` if it is clear; raise a referral otherwise.

    The referral is a [lumbar.ReferralRequired][lumbar.errors.ReferralRequired] error.

    Program builders call this first: no self-guided program is built for a person
    with a warning sign.
    """
    if not isinstance(screening, Screening):
        raise ValidationError.single(
            "screening", f"must be a Screening, got {check.type_name(screening)}"
        )
    if screening.outcome is not Outcome.CLEAR:
        raise ReferralRequired(screening)
    return screening
