"""Red-flag screening: warning signs that mean "get medical care before exercising".

The questions follow the red flags of current low back pain guidance, grouped the
way UK acute back-pain pathways triage them (`finucane-2020-jospt`,
`verhagen-2016-esj`, `lavy-2009-bmj`, `nice-ng65-2017`). The tiers simplify that
practice (`design-red-flag-tiers`); they are not a validated triage tool, so the
wording is cautious and never names a diagnosis. ``EVIDENCE`` below names what backs
each question's tier.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any, NamedTuple

import attrs

from lumbar._base import validators as check
from lumbar._base.display import Displayed
from lumbar._base.ordering import OrderedEnum
from lumbar.errors import ReferralRequired, ValidationError


class Outcome(OrderedEnum):
    """What a screening found, mildest first; outcomes compare by severity.

    >>> Outcome.CLEAR < Outcome.SEE_CLINICIAN < Outcome.URGENT
    True
    """

    CLEAR = "clear"
    """No warning sign: a self-guided program may start."""
    SEE_CLINICIAN = "see-clinician"
    """See a doctor or physiotherapist (within days, or at a routine appointment) first."""
    URGENT = "urgent"
    """Get medical care now or today; the advice names the emergency department."""


class Tier(OrderedEnum):
    """How soon a single warning sign needs care, mildest first.

    ``EMERGENCY`` and ``SAME_DAY`` give the outcome ``URGENT``; ``SOON`` and
    ``ROUTINE`` give ``SEE_CLINICIAN``.
    """

    ROUTINE = "routine"
    """A routine appointment; gentle activity may go on meanwhile."""
    SOON = "soon"
    """An appointment within the next few days."""
    SAME_DAY = "same-day"
    """Medical care today."""
    EMERGENCY = "emergency"
    """An emergency department now."""

    @property
    def outcome(self) -> Outcome:
        """The screening outcome this tier leads to."""
        return Outcome.URGENT if self >= Tier.SAME_DAY else Outcome.SEE_CLINICIAN


class RedFlagQuestion(NamedTuple):
    """One red-flag question, as [red_flag_questions][lumbar.safety.red_flag_questions] lists it."""

    field: str
    """The [RedFlags][lumbar.safety.RedFlags] field that records the answer."""
    question: str
    """The question in plain words; "yes" means the warning sign is present."""
    tier: Tier
    """How soon a "yes" needs care."""
    references: tuple[str, ...]
    """Evidence registry ids behind the question and its tier."""


_BASE_REFERENCES = ("finucane-2020-jospt", "verhagen-2016-esj")

# Nerves at the base of the spine: emergency (lavy-2009-bmj, greenhalgh-2018-msksp; the
# bmj-bp-ces copy could not be found again; finucane-2020-jospt).
_NERVE_REFS = ("lavy-2009-bmj", "greenhalgh-2018-msksp", "bmj-bp-ces", "finucane-2020-jospt")
# Tiers below emergency follow UK acute back-pain pathways, seen only in secondary
# summaries (see the project's domain notes); the flags themselves are in these reviews.
_FLAG_REFS = ("finucane-2020-jospt", "verhagen-2016-esj")


def _flag(question: str, tier: Tier, reason: str, *references: str) -> Any:
    return attrs.field(
        default=False,
        validator=check.boolean,
        metadata={"question": question, "tier": tier, "reason": reason, "references": references},
    )


_NERVE_REASON = (
    "can mean the nerves at the bottom of the spine are being squeezed, which needs "
    "checking in hospital straight away."
)


@attrs.frozen(kw_only=True)
class RedFlags:
    """A person's answers to the red-flag questions; ``True`` means "yes, I have this".

    Every answer defaults to ``False``. [red_flag_questions][lumbar.safety.red_flag_questions]
    lists the question behind each field, with its tier and references, for forms and command lines.

    >>> RedFlags(fever_or_unwell=True).flagged
    ('fever_or_unwell',)
    """

    saddle_numbness: bool = _flag(
        "Have you recently noticed numbness, tingling or less feeling between your legs: "
        "around your genitals, your back passage or your inner thighs (where a saddle "
        "would touch)?",
        Tier.EMERGENCY,
        f"New numbness or less feeling between the legs {_NERVE_REASON}",
        *_NERVE_REFS,
    )
    bladder_change: bool = _flag(
        "Have you recently had new trouble with passing urine: difficulty starting or "
        "stopping, not feeling when your bladder is full or when urine passes, or leaking "
        "without meaning to?",
        Tier.EMERGENCY,
        f"New trouble controlling or feeling your bladder {_NERVE_REASON}",
        *_NERVE_REFS,
    )
    bowel_change: bool = _flag(
        "Have you recently lost control of your bowels, or the feeling that you need to "
        "open them or are passing a stool?",
        Tier.EMERGENCY,
        f"New loss of bowel control or feeling {_NERVE_REASON}",
        *_NERVE_REFS,
    )
    sexual_change: bool = _flag(
        "Have you recently noticed new loss of feeling in your genitals, or new problems "
        "with sexual function such as getting an erection or reaching orgasm?",
        Tier.EMERGENCY,
        f"New loss of genital feeling or sexual function {_NERVE_REASON}",
        *_NERVE_REFS,
    )
    both_legs: bool = _flag(
        "Have pain, numbness, tingling or weakness recently spread to both of your legs?",
        Tier.EMERGENCY,
        f"Symptoms that have spread to both legs {_NERVE_REASON}",
        *_NERVE_REFS,
    )
    major_trauma: bool = _flag(
        "Did your back pain start, or get much worse, after a recent serious injury such "
        "as a road accident, a fall from a height or a heavy blow to the back?",
        Tier.EMERGENCY,
        "Back pain after a serious injury needs the spine examined straight away: some "
        "injuries cannot be ruled out without a clinician's examination.",
        # Major trauma -> emergency: checked in secondary summaries only.
        *_FLAG_REFS,
    )
    worsening_weakness: bool = _flag(
        "Is weakness in a leg or foot getting worse (for example your foot catching or "
        "dragging when you walk), or is numbness in a leg spreading?",
        Tier.SAME_DAY,
        "Weakness or numbness that is getting worse can mean a nerve is under increasing "
        "pressure; it needs to be examined today.",
        *_FLAG_REFS,
    )
    fever_or_unwell: bool = _flag(
        "Along with your back pain, do you have a fever, chills or shivering fits, or do "
        "you feel generally unwell?",
        Tier.SAME_DAY,
        "Back pain together with a fever or feeling unwell can come from an illness "
        "rather than from the back itself; a clinician should see you today.",
        *_FLAG_REFS,
    )
    infection_risk: bool = _flag(
        "Did this back pain start or change after injecting drugs, after a recent "
        "bacterial illness (for example of the skin or urine), after an operation or "
        "injection near the spine, or while you take medicines that lower your body's "
        "defences against germs?",
        Tier.SAME_DAY,
        "When germs may have entered the blood or the body's defences are lowered, new "
        "back pain needs checking by a clinician today.",
        *_FLAG_REFS,
    )
    cancer_history: bool = _flag(
        "Have you ever had cancer?",
        Tier.SOON,
        # A past history of cancer is the most useful single flag (finucane-2020-jospt).
        "A medical history like yours is the most telling of these warning signs, so "
        "back pain should be checked by a clinician who knows that history.",
        *_FLAG_REFS,
    )
    weight_loss: bool = _flag(
        "Have you lost weight over the last few months without trying to?",
        Tier.SOON,
        "Losing weight without trying, together with back pain, should be checked by a clinician.",
        *_FLAG_REFS,
    )
    night_pain: bool = _flag(
        "Is your back pain there all the time, and at night does it stay bad whatever "
        "position you lie in?",
        Tier.SOON,
        "Pain that no change of position eases, even at night, behaves differently from "
        "everyday back pain and should be checked by a clinician.",
        *_FLAG_REFS,
    )
    bone_weakness: bool = _flag(
        "Do you have thin bones (osteoporosis), or have you taken steroid tablets (such "
        "as prednisolone) for several months, and did this back pain start or get worse "
        "after a minor fall, lift or strain?",
        Tier.SOON,
        "When bones may be weaker than usual, back pain after a minor fall or strain "
        "should be checked by a clinician.",
        *_FLAG_REFS,
    )
    sudden_severe_pain: bool = _flag(
        "Have you had sudden, severe pain in the middle of your back that eases when you "
        "lie down, or has the shape of your spine changed recently?",
        Tier.SOON,
        "Sudden severe pain that eases lying down, or a change in the shape of the spine, "
        "should be checked by a clinician.",
        *_FLAG_REFS,
    )
    inflammatory_pattern: bool = _flag(
        # The NICE NG65 referral criteria (not the ASAS set): pain > 3 months, onset
        # before 45, and 4 of 9 features (exactly 3 -> a blood test). Both need a
        # clinician, so three or more features count as "yes" here.
        "Has your back pain lasted more than 3 months and did it start before you were "
        "45, and do at least three of these apply: it started before you were 35; it "
        "wakes you in the second half of the night; you also have pain in your buttocks; "
        "it gets better when you move; it gets better within 2 days of taking "
        "anti-inflammatory painkillers such as ibuprofen; a parent, brother, sister or "
        "child has spondyloarthritis; you have or have had arthritis, pain where a tendon "
        "joins a bone (such as the heel), or psoriasis?",
        Tier.ROUTINE,
        "Back pain with this pattern sometimes has an inflammatory cause that specific "
        "treatment helps, so a clinician should review it; staying active is good for it.",
        "nice-ng65-2017",
    )

    @property
    def flagged(self) -> tuple[str, ...]:
        """The names of the fields answered ``True``, in question order."""
        return tuple(name for name in _FIELD_NAMES if getattr(self, name))

    @classmethod
    def from_answers(cls, answers: Mapping[str, object]) -> RedFlags:
        """Build from a mapping of field name to answer, such as a submitted form.

        Unknown names, and answers that are not ``True`` or ``False``, raise
        [lumbar.ValidationError][lumbar.errors.ValidationError] naming each one; missing names
        mean "no".
        """
        if not isinstance(answers, Mapping):
            raise ValidationError.single(
                "answers",
                f"must be a mapping of question to true/false, got {check.type_name(answers)}",
            )
        errors: list[tuple[str, str]] = []
        for name, answer in answers.items():
            if name not in _FIELD_NAMES:
                errors.append((f"answers.{name}", "unknown red-flag question"))
            elif type(answer) is not bool:
                errors.append(
                    (
                        f"answers.{name}",
                        f"must be true or false, got {check.type_name(answer)} {answer!r}",
                    )
                )
        if errors:
            raise ValidationError(errors)
        fields: dict[str, Any] = dict(answers)
        return cls(**fields)


_FIELD_NAMES = tuple(a.name for a in attrs.fields(RedFlags))

_NERVE_TIER = ("lavy-2009-bmj", "greenhalgh-2018-msksp", "finucane-2020-jospt")
_PATHWAY_TIER = ("finucane-2020-jospt", "verhagen-2016-esj", "design-red-flag-tiers")

# Each question's tier (how soon a "yes" needs care) -> the registry ids behind it
# (docs/evidence.md; a test checks that every RedFlags field is here).
EVIDENCE = {
    "RedFlags.saddle_numbness": _NERVE_TIER,
    "RedFlags.bladder_change": _NERVE_TIER,
    "RedFlags.bowel_change": _NERVE_TIER,
    "RedFlags.sexual_change": _NERVE_TIER,
    "RedFlags.both_legs": _NERVE_TIER,
    "RedFlags.major_trauma": _PATHWAY_TIER,
    "RedFlags.worsening_weakness": _PATHWAY_TIER,
    "RedFlags.fever_or_unwell": _PATHWAY_TIER,
    "RedFlags.infection_risk": _PATHWAY_TIER,
    "RedFlags.cancer_history": _PATHWAY_TIER,
    "RedFlags.weight_loss": _PATHWAY_TIER,
    "RedFlags.night_pain": _PATHWAY_TIER,
    "RedFlags.bone_weakness": _PATHWAY_TIER,
    "RedFlags.sudden_severe_pain": _PATHWAY_TIER,
    "RedFlags.inflammatory_pattern": ("nice-ng65-2017", "design-red-flag-tiers"),
}


@functools.cache
def red_flag_questions() -> tuple[RedFlagQuestion, ...]:
    """Every red-flag question in asking order: the nerve (emergency) signs first.

    Each item unpacks as ``(field, question, tier, references)``.

    >>> red_flag_questions()[0].field
    'saddle_numbness'
    """
    return tuple(
        RedFlagQuestion(
            field=a.name,
            question=a.metadata["question"],
            tier=a.metadata["tier"],
            references=a.metadata["references"],
        )
        for a in attrs.fields(RedFlags)
    )


def _reason(field: str) -> str:
    reason: str = attrs.fields_dict(RedFlags)[field].metadata["reason"]
    return reason


def _tier(field: str) -> Tier:
    tier: Tier = attrs.fields_dict(RedFlags)[field].metadata["tier"]
    return tier


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


def _flags_validator(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    check.tuple_of(check.text(1), unique=True)(_, attribute, value)
    names: tuple[str, ...] = value  # type: ignore[assignment]  # checked just above
    errors = [
        (f"{attribute.name}[{index}]", f"unknown red-flag question {name!r}")
        for index, name in enumerate(names)
        if name not in _FIELD_NAMES
    ]
    if errors:
        raise ValidationError(errors)


@attrs.frozen(kw_only=True)
class Screening(Displayed):
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
    return max((_tier(name) for name in flags), default=None)


def _outcome_of(flags: tuple[str, ...]) -> Outcome:
    tier = _worst_tier(tuple(name for name in flags if name in _FIELD_NAMES))
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
    references = list(_BASE_REFERENCES)
    for name in flags:
        references.extend(attrs.fields_dict(RedFlags)[name].metadata["references"])
    advice = _ADVICE[_worst_tier(flags)]
    return Screening(
        outcome=_outcome_of(flags),
        reasons=tuple(_reason(name) for name in flags),
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
