"""Red-flag screening: outcomes, monotonicity, advice wording and input checking."""

import re

import attrs
import pytest
from hypothesis import given, strategies as st

import lumbar
from lumbar import evidence
from lumbar.safety._red_flags import Outcome, RedFlags, Tier, red_flag_questions
from lumbar.safety._screening import Screening, require_clear, screen
from lumbar.strategies import json_values, red_flags, screenings

FIELDS = tuple(a.name for a in attrs.fields(RedFlags))
NERVE_SIGNS = ("saddle_numbness", "bladder_change", "bowel_change", "sexual_change", "both_legs")
# Words that would name a diagnosis; advice and reasons must only say how soon to seek care.
DIAGNOSES = re.compile(
    r"cauda|equina|tumou?r|malignan|metasta|cancer|fracture|spondyl|abscess|osteomyel|"
    r"discitis|infection|arthritis",
    re.IGNORECASE,
)


def test_questions_cover_at_least_eight_flags_each_with_text_tier_and_sources():
    """Every RedFlags field has a question, a tier and known references."""
    questions = red_flag_questions()
    assert len(questions) >= 8
    assert tuple(q.field for q in questions) == FIELDS
    for _field, question, tier, references in questions:
        assert question.endswith("?")
        assert isinstance(tier, Tier)
        assert references
        assert not evidence.unknown_ids(references)


def test_all_answers_default_to_no():
    """A fresh RedFlags has no flag, and screens clear."""
    flags = RedFlags()
    assert flags.flagged == ()
    assert all(getattr(flags, name) is False for name in FIELDS)
    assert screen(flags).outcome is Outcome.CLEAR


def test_questions_start_with_the_emergency_signs():
    """The nerve (emergency) questions are asked first, as the screening order says."""
    tiers = [q.tier for q in red_flag_questions()]
    assert tiers[: len(NERVE_SIGNS)] == [Tier.EMERGENCY] * len(NERVE_SIGNS)


@given(red_flags(any_flag=True))
def test_any_red_flag_blocks_a_program(flags):
    """Any "yes" gives a non-clear outcome, and require_clear refuses it."""
    screening = screen(flags)
    assert screening.outcome is not Outcome.CLEAR
    assert not screening.is_clear
    with pytest.raises(lumbar.ReferralRequired) as raised:
        require_clear(screening)
    assert raised.value.screening is screening
    assert isinstance(raised.value, lumbar.LumbarError)
    assert screening.outcome.value in str(raised.value)


def test_no_flag_passes_require_clear():
    """A clear screening comes back unchanged."""
    screening = screen(RedFlags())
    assert require_clear(screening) is screening


@given(red_flags(), st.sampled_from(FIELDS))
def test_adding_a_flag_never_makes_the_outcome_milder(flags, field):
    """Outcomes are monotone in the answers."""
    before = screen(flags).outcome
    after = screen(attrs.evolve(flags, **{field: True})).outcome
    assert after >= before


@given(red_flags())
def test_outcome_follows_the_most_urgent_tier(flags):
    """URGENT when any emergency or same-day sign is present, else SEE_CLINICIAN or CLEAR."""
    tiers = {q.field: q.tier for q in red_flag_questions()}
    flagged = [tiers[name] for name in flags.flagged]
    screening = screen(flags)
    if not flagged:
        assert screening.outcome is Outcome.CLEAR
    elif max(flagged) >= Tier.SAME_DAY:
        assert screening.outcome is Outcome.URGENT
    else:
        assert screening.outcome is Outcome.SEE_CLINICIAN
    assert screening.flags == flags.flagged
    assert len(screening.reasons) == len(screening.flags)


@pytest.mark.parametrize("field", NERVE_SIGNS)
def test_nerve_signs_send_to_the_emergency_department_now(field):
    """Each cauda-equina-type sign alone is URGENT with emergency-department advice."""
    screening = screen(RedFlags(**{field: True}))
    assert screening.outcome is Outcome.URGENT
    assert "emergency department now" in screening.advice
    assert "bmj-bp-ces" in screening.references


def test_inflammatory_pattern_is_a_routine_review():
    """The NG65 pattern asks for a clinician review, not urgent care, and keeps people moving."""
    screening = screen(RedFlags(inflammatory_pattern=True))
    assert screening.outcome is Outcome.SEE_CLINICIAN
    assert "routine appointment" in screening.advice
    assert "Keep moving" in screening.advice
    assert "nice-ng65-2017" in screening.references


@given(screenings())
def test_urgent_advice_always_names_the_emergency_department(screening):
    """Every URGENT outcome tells the person to go to an emergency department."""
    if screening.outcome is Outcome.URGENT:
        assert "emergency department" in screening.advice
        assert "now" in screening.advice


@given(screenings())
def test_advice_and_reasons_never_name_a_diagnosis(screening):
    """The wording says how soon to seek care and never what the illness might be."""
    for text in (screening.advice, *screening.reasons):
        assert not DIAGNOSES.search(text), text


@given(screenings())
def test_every_screening_cites_known_sources(screening):
    """References are registry ids, without repeats."""
    assert screening.references
    assert not evidence.unknown_ids(screening.references)
    assert len(set(screening.references)) == len(screening.references)


def test_outcomes_and_tiers_are_ordered_by_severity():
    """CLEAR < SEE_CLINICIAN < URGENT; tiers likewise; max() picks the most severe."""
    assert sorted(Outcome, reverse=True) == [Outcome.URGENT, Outcome.SEE_CLINICIAN, Outcome.CLEAR]
    assert [o.severity for o in Outcome] == [0, 1, 2]
    assert max(Outcome.CLEAR, Outcome.URGENT) is Outcome.URGENT
    assert Tier.ROUTINE < Tier.SOON < Tier.SAME_DAY < Tier.EMERGENCY
    assert Tier.SAME_DAY.outcome is Outcome.URGENT
    assert Tier.SOON.outcome is Outcome.SEE_CLINICIAN
    assert [o.value for o in Outcome] == ["clear", "see-clinician", "urgent"]


def test_outcomes_do_not_compare_with_other_enums():
    """Ordering is within one enum only."""
    with pytest.raises(TypeError):
        Outcome.CLEAR < Tier.ROUTINE  # noqa: B015


@given(screenings())
def test_screenings_round_trip_through_json(screening):
    """A screening saved as JSON loads back equal."""
    assert lumbar.from_json(lumbar.to_json(screening), Screening) == screening


@given(red_flags())
def test_red_flags_round_trip_through_json(flags):
    """Red-flag answers saved as JSON load back equal."""
    assert lumbar.from_json(lumbar.to_json(flags), RedFlags) == flags


def test_a_screening_cannot_be_forged_clear():
    """A Screening whose outcome does not match its flags is rejected."""
    real = screen(RedFlags(bladder_change=True))
    with pytest.raises(lumbar.ValidationError, match="outcome: must be 'urgent'"):
        attrs.evolve(real, outcome=Outcome.CLEAR)
    with pytest.raises(lumbar.ValidationError, match="reasons: must give one reason per flag"):
        attrs.evolve(real, reasons=())
    with pytest.raises(lumbar.ValidationError, match=r"flags\[0\]: unknown red-flag question"):
        attrs.evolve(real, flags=("made_up",), outcome=Outcome.CLEAR)


def test_answers_must_be_booleans():
    """A non-boolean answer is a validation error naming the field."""
    with pytest.raises(lumbar.ValidationError, match="saddle_numbness: must be true or false"):
        RedFlags(saddle_numbness=1)


def test_from_answers_builds_and_names_bad_entries():
    """Form answers by name: missing means no; unknown or non-boolean answers are named."""
    assert RedFlags.from_answers({"weight_loss": True}).flagged == ("weight_loss",)
    with pytest.raises(lumbar.ValidationError) as raised:
        RedFlags.from_answers({"made_up": True, "night_pain": "yes"})
    assert dict(raised.value.errors) == {
        "answers.made_up": "unknown red-flag question",
        "answers.night_pain": "must be true or false, got str 'yes'",
    }


def test_screening_something_else_names_what_was_given():
    """Screening or reading answers that are not the right kind of object names the input."""
    with pytest.raises(lumbar.ValidationError) as raised:
        screen({"saddle_numbness": True})
    assert raised.value.errors == (("red_flags", "must be a RedFlags, got dict"),)
    with pytest.raises(lumbar.ValidationError) as raised:
        RedFlags.from_answers(["saddle_numbness"])
    assert [path for path, _ in raised.value.errors] == ["answers"]
    assert "got list" in raised.value.errors[0][1]


def test_require_clear_names_what_was_given_instead_of_a_screening():
    """Answers passed where a screening belongs are refused, naming the input."""
    with pytest.raises(lumbar.ValidationError) as raised:
        require_clear(RedFlags())
    assert raised.value.errors == (("screening", "must be a Screening, got RedFlags"),)


@given(json_values())
def test_arbitrary_input_raises_only_validation_errors(value):
    """Untrusted answers either build the right object or fail with a ValidationError."""
    for attempt, expected in (
        (lambda: RedFlags.from_answers(value), RedFlags),
        (lambda: RedFlags.from_answers({"night_pain": value}), RedFlags),
        (lambda: screen(value), Screening),
        (lambda: require_clear(value), Screening),
    ):
        try:
            result = attempt()
        except lumbar.ValidationError as error:
            assert error.errors
        else:
            assert isinstance(result, expected)
