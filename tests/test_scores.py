"""STarT Back and Oswestry scoring: published rules, ranges, monotonicity, bad input."""

import math

import pytest
from hypothesis import given, strategies as st

import lumbar
from lumbar.model._person import Risk
from lumbar.safety._scores import OdiBand, OswestryResult, StartBackResult, oswestry, start_back
from lumbar.strategies import (
    json_values,
    oswestry_results,
    oswestry_sections,
    start_back_items,
    start_back_results,
)

# --- STarT Back ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("items", "total", "psychosocial", "risk"),
    [
        # The published cut-offs (Hill et al. 2008): low <= 3 total; high >= 4 subscale.
        ([0, 0, 0, 0, 0, 0, 0, 0, 0], 0, 0, Risk.LOW),
        ([1, 1, 1, 0, 0, 0, 0, 0, 0], 3, 0, Risk.LOW),
        ([1, 1, 1, 1, 0, 0, 0, 0, 0], 4, 0, Risk.MEDIUM),
        ([0, 0, 0, 0, 1, 1, 1, 0, 3], 4, 4, Risk.HIGH),
        ([1, 0, 0, 0, 1, 1, 1, 0, 2], 4, 3, Risk.MEDIUM),
        ([0, 0, 0, 0, 1, 1, 1, 0, 0], 3, 3, Risk.LOW),
        ([1, 1, 1, 1, 1, 1, 1, 1, 4], 9, 5, Risk.HIGH),
        # Bothersomeness scores a point only for "very much" (3) or "extremely" (4).
        ([0, 0, 0, 0, 0, 0, 0, 0, 2], 0, 0, Risk.LOW),
        ([0, 0, 0, 0, 0, 0, 0, 0, 3], 1, 1, Risk.LOW),
        ([0, 0, 0, 0, 0, 0, 0, 0, 4], 1, 1, Risk.LOW),
    ],
)
def test_start_back_reproduces_the_published_scoring(items, total, psychosocial, risk):
    """Totals, the items 5-9 subscale and the risk groups follow the Keele rules."""
    assert start_back(items) == StartBackResult(total=total, psychosocial=psychosocial, risk=risk)


def test_physical_items_never_count_toward_the_subscale():
    """Items 1-4 (leg pain, comorbid pain, two disability items) are not psychosocial."""
    assert start_back([1, 1, 1, 1, 0, 0, 0, 0, 0]).psychosocial == 0
    assert start_back((0, 0, 0, 0, 1, 1, 1, 1, 0)).psychosocial == 4


@given(start_back_items())
def test_start_back_scores_stay_in_range_and_follow_the_rule(items):
    """0-9 total, 0-5 subscale, subscale within the total, risk by the cut-offs."""
    result = start_back(items)
    assert 0 <= result.total <= 9
    assert 0 <= result.psychosocial <= min(5, result.total)
    if result.psychosocial >= 4:
        assert result.risk is Risk.HIGH
    elif result.total <= 3:
        assert result.risk is Risk.LOW
    else:
        assert result.risk is Risk.MEDIUM


@given(start_back_items(), st.integers(0, 8))
def test_agreeing_with_more_never_lowers_risk(items, index):
    """Raising any one answer never lowers the total, the subscale or the risk group."""
    raised = list(items)
    raised[index] = min(raised[index] + 1, 4 if index == 8 else 1)
    before, after = start_back(items), start_back(raised)
    assert after.total >= before.total
    assert after.psychosocial >= before.psychosocial
    assert after.risk >= before.risk


@given(start_back_results())
def test_start_back_results_round_trip_through_json(result):
    """A scored questionnaire saved as JSON loads back equal."""
    assert lumbar.from_json(lumbar.to_json(result), StartBackResult) == result


def test_inconsistent_start_back_results_are_rejected():
    """A result whose risk does not follow from its scores cannot be built or loaded."""
    with pytest.raises(lumbar.ValidationError, match="risk: must be 'high'"):
        StartBackResult(total=5, psychosocial=4, risk=Risk.MEDIUM)
    with pytest.raises(lumbar.ValidationError, match="psychosocial: must be between"):
        StartBackResult(total=2, psychosocial=3, risk=Risk.LOW)


@pytest.mark.parametrize(
    ("items", "path", "message"),
    [
        ([0] * 8, "items", "must have 9 answers, got 8"),
        ([0] * 10, "items", "must have 9 answers, got 10"),
        ("000000000", "items", "must be a list of 9 answers, got str"),
        ({"a": 1}, "items", "must be a list of 9 answers, got dict"),
        (None, "items", "must be a list of 9 answers, got NoneType"),
        (
            [0, 0, 2, 0, 0, 0, 0, 0, 0],
            "items[2]",
            "item 3 must be 0 (disagree) or 1 (agree), got 2",
        ),
        ([0, 0, 0, 0, 0, 0, 0, 0, 5], "items[8]", "item 9 (bothersomeness) must be 0"),
        ([0, 0, 0, 0, 0, 0, 0, -1, 0], "items[7]", "item 8 must be 0 (disagree) or 1"),
        ([True, 0, 0, 0, 0, 0, 0, 0, 0], "items[0]", "must be an integer, got bool True"),
        ([0, 0, 0, 0, 0, 1.0, 0, 0, 0], "items[5]", "must be an integer, got float 1.0"),
        ([0, 0, 0, 0, 0, 0, 0, 0, "3"], "items[8]", "must be an integer, got str '3'"),
    ],
)
def test_bad_start_back_answers_name_the_item(items, path, message):
    """Out-of-scale answers are validation errors with the item's path."""
    with pytest.raises(lumbar.ValidationError) as raised:
        start_back(items)
    assert any(p == path and message in m for p, m in raised.value.errors), raised.value.errors


def test_every_bad_start_back_item_is_reported():
    """All bad items are listed at once, not only the first."""
    with pytest.raises(lumbar.ValidationError) as raised:
        start_back([2, 0, 0, 0, 0, 0, 0, 0, 9])
    assert [p for p, _ in raised.value.errors] == ["items[0]", "items[8]"]


# --- Oswestry Disability Index -----------------------------------------------------------


def test_oswestry_reproduces_the_developers_worked_examples():
    """16 of 50 points is 32 %; 16 points with one section unanswered is 16/45 = 35.56 %."""
    full = oswestry([2, 1, 3, 2, 1, 2, 1, 2, 1, 1])
    assert full == OswestryResult(percent=32.0, band=OdiBand.MODERATE, answered=10)
    missing_one = oswestry([2, 1, 3, 2, 1, 2, 1, 2, 2, None])
    assert missing_one.answered == 9
    assert math.isclose(missing_one.percent, 16 / 45 * 100)
    assert f"{missing_one.percent:.1f}" == "35.6"
    assert missing_one.band is OdiBand.MODERATE


@pytest.mark.parametrize(
    ("sections", "band"),
    [
        ([0] * 10, OdiBand.MINIMAL),
        ([1] * 10, OdiBand.MINIMAL),  # 20 % exactly
        ([1, 1, 1, 1, 1, 1, 1, 1, 1, None], OdiBand.MINIMAL),  # 9/45 = 20 % exactly
        ([1, 1, 1, 1, 1, 1, 1, 1, 1, 2], OdiBand.MODERATE),  # 22 %
        ([4, 4, 4, 4, 4, 0, 0, 0, 0, 0], OdiBand.MODERATE),  # 40 % exactly
        ([2, 2, 2, 2, 2, 2, 2, 2, 2, 3], OdiBand.SEVERE),  # 42 %
        ([4] * 10, OdiBand.VERY_SEVERE),  # 80 %
        ([4, 4, 4, 4, 4, 4, 4, 4, 4, 5], OdiBand.BED_BOUND),  # 82 %
        ([5] * 10, OdiBand.BED_BOUND),
        ([3] * 10, OdiBand.SEVERE),  # 60 %
        ([3, 3, 3, 3, 3, 3, 3, 3, 3, 4], OdiBand.VERY_SEVERE),  # 62 %
    ],
)
def test_oswestry_bands_end_at_20_40_60_80_inclusive(sections, band):
    """Band edges belong to the milder band, computed on the unrounded percentage."""
    result = oswestry(sections)
    assert result.band is band


def test_band_labels_avoid_the_original_wording():
    """The fourth band reads "very severe"; no label uses the original term."""
    assert OdiBand.VERY_SEVERE.label == "very severe"
    assert OdiBand.VERY_SEVERE.value == "very-severe"
    assert all("crippl" not in band.label for band in OdiBand)
    assert [band.upper_percent for band in OdiBand] == [20, 40, 60, 80, 100]


@given(oswestry_sections())
def test_oswestry_percent_stays_in_range_and_follows_the_formula(sections):
    """0-100 %, sum over 5 x answered, band from the percentage."""
    result = oswestry(sections)
    answered = [s for s in sections if s is not None]
    assert result.answered == len(answered)
    assert 0 <= result.percent <= 100
    assert math.isclose(result.percent, sum(answered) / (5 * len(answered)) * 100)
    assert result.band is OdiBand.of(result.percent)


@given(oswestry_sections(), st.integers(0, 9))
def test_more_disability_in_a_section_never_lowers_the_index(sections, index):
    """Raising one answered section never lowers the percentage or the band."""
    if sections[index] is None:
        return
    raised = list(sections)
    raised[index] = min(raised[index] + 1, 5)
    assert oswestry(raised).percent >= oswestry(sections).percent
    assert oswestry(raised).band >= oswestry(sections).band


@given(oswestry_results())
def test_oswestry_results_round_trip_through_json(result):
    """A scored ODI saved as JSON loads back equal."""
    assert lumbar.from_json(lumbar.to_json(result), OswestryResult) == result


def test_inconsistent_oswestry_results_are_rejected():
    """A band that does not match the percentage cannot be built or loaded."""
    with pytest.raises(lumbar.ValidationError, match="band: must be 'moderate'"):
        OswestryResult(percent=32.0, band=OdiBand.MINIMAL, answered=10)
    with pytest.raises(lumbar.ValidationError, match="answered: must be >= 8"):
        OswestryResult(percent=32.0, band=OdiBand.MODERATE, answered=7)


@pytest.mark.parametrize(
    ("sections", "path", "message"),
    [
        ([0] * 9, "sections", "must have 10 answers, got 9"),
        (
            [0, 0, 0, 0, 0, 0, 0, None, None, None],
            "sections",
            "at most 2 sections may be unanswered, got 3",
        ),
        ([None] * 10, "sections", "at most 2 sections may be unanswered, got 10"),
        ([0, 0, 0, 0, 6, 0, 0, 0, 0, 0], "sections[4]", "must be between 0 and 5, got 6"),
        ([0, 0, 0, 0, 0, 0, 0, 0, 0, -1], "sections[9]", "must be between 0 and 5, got -1"),
        ([False, 0, 0, 0, 0, 0, 0, 0, 0, 0], "sections[0]", "got bool False"),
        ([0, 2.5, 0, 0, 0, 0, 0, 0, 0, 0], "sections[1]", "got float 2.5"),
        ([None, 7, 0, 0, 0, 0, 0, 0, 0, 0], "sections[1]", "must be between 0 and 5, got 7"),
        (b"0123456789", "sections", "must be a list of 10 answers, got bytes"),
    ],
)
def test_bad_oswestry_sections_name_the_section(sections, path, message):
    """Out-of-range sections and too many gaps are validation errors with paths."""
    with pytest.raises(lumbar.ValidationError) as raised:
        oswestry(sections)
    assert any(p == path and message in m for p, m in raised.value.errors), raised.value.errors


# --- untrusted input -------------------------------------------------------------------


@given(
    st.one_of(
        json_values(),
        st.lists(json_values(max_leaves=2), min_size=9, max_size=9),
        st.lists(json_values(max_leaves=2), min_size=10, max_size=10),
    )
)
def test_arbitrary_input_raises_only_validation_errors(value):
    """Any JSON-like input is either scored or refused with a ValidationError."""
    for score, expected in ((start_back, StartBackResult), (oswestry, OswestryResult)):
        try:
            result = score(value)
        except lumbar.ValidationError as error:
            assert error.errors
        else:
            assert isinstance(result, expected)
