"""The red-flag questions: warning signs that mean "get medical care before exercising".

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
from lumbar._base.document import Document
from lumbar._base.ordering import OrderedEnum
from lumbar.errors import ValidationError


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


BASE_REFERENCES = ("finucane-2020-jospt", "verhagen-2016-esj")


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


@attrs.frozen(kw_only=True, repr=False)
class RedFlags(Document):
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
        return tuple(name for name in FIELD_NAMES if getattr(self, name))

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
            if name not in FIELD_NAMES:
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


FIELD_NAMES = tuple(a.name for a in attrs.fields(RedFlags))


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


def reason_of(field: str) -> str:
    reason: str = attrs.fields_dict(RedFlags)[field].metadata["reason"]
    return reason


def tier_of(field: str) -> Tier:
    tier: Tier = attrs.fields_dict(RedFlags)[field].metadata["tier"]
    return tier
