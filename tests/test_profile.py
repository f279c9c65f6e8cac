"""Profiles: defaults, validation of every field, and the JSON round trip."""

import pytest
from hypothesis import given, strategies as st

import lumbar
from lumbar import (
    DirectionalPreference,
    Equipment,
    FitnessLevel,
    Goal,
    Profile,
    RedFlags,
    Risk,
    ValidationError,
    screen,
)
from lumbar.strategies import profiles

CLEAR = screen(RedFlags())


def _paths(error: ValidationError) -> list[str]:
    return [path for path, _ in error.errors]


def test_every_field_but_screening_has_a_default():
    """A profile needs only the screening: a beginner, 3 days of 30 minutes, 26 weeks."""
    profile = Profile(screening=CLEAR)
    assert profile.days == 3
    assert profile.minutes == 30
    assert profile.weeks == 26
    assert profile.level is FitnessLevel.BEGINNER
    assert profile.preference is DirectionalPreference.NONE
    assert profile.goal is Goal.GENERAL
    assert profile.risk is None
    assert profile.equipment == (Equipment.MAT, Equipment.CHAIR)
    assert profile.walking_minutes == 10
    assert profile.steps is None


def test_jogging_goal_defaults_to_longer_sessions():
    """Walk-run sessions take about 30 minutes, so the goal's default session is 45 minutes."""
    assert Profile(screening=CLEAR, goal=Goal.RETURN_TO_JOGGING).minutes == 45
    assert Profile(screening=CLEAR, goal=Goal.RETURN_TO_JOGGING, minutes=60).minutes == 60


def test_one_day_a_week_is_refused_with_the_guideline():
    """Once a week is below every guideline dose: the error says so and cites the sources."""
    with pytest.raises(ValidationError) as caught:
        Profile(screening=CLEAR, days=1)
    assert _paths(caught.value) == ["days"]
    message = caught.value.errors[0][1]
    assert message.startswith("must be >= 2, got 1")
    assert "acsm-2009-rt" in message
    assert "who-2020-pa" in message


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("days", 0),
        ("days", 8),
        ("minutes", 9),
        ("minutes", 121),
        ("weeks", 3),
        ("weeks", 53),
        ("pain", -1),
        ("pain", 11),
        ("walking_minutes", -1),
        ("steps", -5),
        ("days", 3.0),
        ("days", True),
        ("level", "beginner"),
        ("goal", "general"),
        ("risk", "high"),
        ("equipment", ("mat",)),
        ("equipment", (Equipment.MAT, Equipment.MAT)),
    ],
)
def test_bad_fields_name_the_field(field, value):
    """Each bad value raises ValidationError with the field as the path."""
    with pytest.raises(ValidationError) as caught:
        Profile(screening=CLEAR, **{field: value})
    assert all(path.startswith(field) for path in _paths(caught.value))


@given(st.integers().filter(lambda n: not 2 <= n <= 7))
def test_days_outside_2_to_7_are_refused(days):
    """Days a week outside 2-7 always fail on the days field."""
    with pytest.raises(ValidationError) as caught:
        Profile(screening=CLEAR, days=days)
    assert _paths(caught.value) == ["days"]


@given(st.integers(10, 120), st.integers(4, 52), st.integers(0, 10), st.integers(2, 7))
def test_values_inside_the_ranges_are_accepted(minutes, weeks, pain, days):
    """Any minutes, weeks, pain and days inside their ranges make a profile."""
    profile = Profile(screening=CLEAR, minutes=minutes, weeks=weeks, pain=pain, days=days)
    assert (profile.minutes, profile.weeks, profile.pain, profile.days) == (
        minutes,
        weeks,
        pain,
        days,
    )


def test_screening_must_be_a_screening():
    """The screening field takes the result of lumbar.screen, not the answers."""
    with pytest.raises(ValidationError) as caught:
        Profile(screening=RedFlags())
    assert _paths(caught.value) == ["screening"]


def test_a_screening_with_red_flags_is_a_valid_profile():
    """The profile records any screening; the builder is the one that refuses to plan."""
    profile = Profile(screening=screen(RedFlags(fever_or_unwell=True)))
    assert not profile.screening.is_clear


def test_jogging_needs_three_days_and_forty_minutes():
    """The walk-run runs 3 days a week for about 30 minutes: fewer days or minutes fail."""
    with pytest.raises(ValidationError) as caught:
        Profile(screening=CLEAR, goal=Goal.RETURN_TO_JOGGING, days=2, minutes=30)
    assert sorted(_paths(caught.value)) == ["days", "minutes"]


def test_enum_values_are_lower_case_words():
    """Enum values are the stable strings used in JSON and on the command line."""
    assert [level.value for level in FitnessLevel] == ["beginner", "intermediate", "advanced"]
    assert [p.value for p in DirectionalPreference] == [
        "none",
        "flexion-intolerant",
        "extension-intolerant",
    ]
    assert [goal.value for goal in Goal] == [
        "general",
        "return-to-jogging",
        "desk-worker",
        "manual-work",
    ]
    assert FitnessLevel.BEGINNER < FitnessLevel.ADVANCED


@given(profiles())
def test_profiles_round_trip_through_json(profile):
    """A profile, screening included, survives JSON unchanged."""
    assert lumbar.from_json(lumbar.to_json(profile), Profile) == profile


def test_profile_json_is_strict():
    """A profile document with a bad value names the field."""
    data = lumbar.to_dict(Profile(screening=CLEAR, risk=Risk.HIGH))
    data["days"] = 1
    with pytest.raises(ValidationError) as caught:
        lumbar.from_dict(data, Profile)
    assert _paths(caught.value) == ["days"]
