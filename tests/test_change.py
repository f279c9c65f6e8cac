"""compare: change between two scores of one measure, judged against Ostelo et al. 2008."""

from fractions import Fraction

import pytest
from hypothesis import given

import lumbar
from lumbar import (
    Instrument,
    ScoreChange,
    ValidationError,
    compare,
    oswestry,
    roland_morris,
    strategies as lst,
)

POINTS = {Instrument.ODI: 10, Instrument.RMDQ: 5, Instrument.PAIN: 2}


def exact(result):
    """A score as the exact fraction it stands for, computed independently of lumbar."""
    if isinstance(result, lumbar.OswestryResult):
        return Fraction(result.percent).limit_denominator(100)
    if isinstance(result, lumbar.RolandMorrisResult):
        return Fraction(result.total)
    return Fraction(result)


@given(lst.comparable_scores())
def test_important_means_an_improvement_of_at_least_the_threshold(pair):
    """Important exactly when the fall reaches the points or 30 % of the earlier score."""
    earlier, later = pair
    change = compare(earlier, later)
    before, after = exact(earlier), exact(later)
    fall = before - after
    expected = fall > 0 and (fall >= POINTS[change.instrument] or fall * 100 >= 30 * before)
    assert change.important is expected
    assert change.points == float(after - before)
    if before == 0:
        assert change.percent is None
    else:
        assert change.percent == float((after - before) * 100 / before)


@given(lst.comparable_scores())
def test_a_worsening_or_no_change_is_never_important(pair):
    """Only a fall in the score can matter (every measure here is worse when higher)."""
    earlier, later = pair
    change = compare(earlier, later)
    if change.points >= 0:
        assert not change.important
    reverse = compare(later, earlier)
    assert not (change.important and reverse.important)


@given(lst.pain_ratings(), lst.pain_ratings(), lst.pain_ratings())
def test_a_better_later_score_stays_important(earlier, later, better):
    """If a fall is important, a larger fall from the same start is too."""
    if better <= later and compare(earlier, later).important:
        assert compare(earlier, better).important


@pytest.mark.parametrize(
    ("earlier", "later", "points", "percent", "important"),
    [
        # ODI: exactly 30 % counts, without floating-point artefacts.
        ([1] * 10, [1] * 7 + [0] * 3, -6.0, -30.0, True),  # 20 % -> 14 %: exactly 30 %
        ([2] * 10, [2] * 5 + [1] * 5, -10.0, -25.0, True),  # 40 -> 30: exactly 10 points
        ([2] * 10, [2] * 6 + [1] * 4, -8.0, -20.0, False),
        ([1] * 10, [2] * 10, 20.0, 100.0, False),  # a worsening never counts
    ],
)
def test_odi_thresholds(earlier, later, points, percent, important):
    """ODI: 10 points or 30 % (Ostelo 2008), exact at the edges."""
    change = compare(oswestry(earlier), oswestry(later))
    assert (change.points, change.percent, change.important) == (points, percent, important)
    assert change.threshold_points == 10
    assert change.threshold_percent == 30
    assert change.references == ("ostelo-2008-spine",)


def test_odi_with_an_unanswered_section_is_exact():
    """36/45 (80 %) to 24/45 (53.3 %): a third less, exactly, so important."""
    earlier = oswestry([4] * 9 + [None])
    later = oswestry([3] * 8 + [0, None])
    change = compare(earlier, later)
    assert change.percent == float(Fraction(-100, 3))
    assert change.important


@pytest.mark.parametrize(
    ("earlier", "later", "important"),
    [(10, 5, True), (20, 16, False), (10, 7, True), (3, 3, False), (0, 0, False)],
)
def test_roland_morris_thresholds(earlier, later, important):
    """Roland-Morris: 5 points or 30 %."""
    change = compare(
        roland_morris([True] * earlier + [False] * (24 - earlier)),
        roland_morris([True] * later + [False] * (24 - later)),
    )
    assert change.instrument is Instrument.RMDQ
    assert change.important is important


@pytest.mark.parametrize(
    ("earlier", "later", "important"),
    [(3, 1, True), (10, 9, False), (10, 7, True), (4, 3, False), (0, 0, False), (2, 5, False)],
)
def test_pain_thresholds(earlier, later, important):
    """Pain 0-10: 2 points or 30 %; a fall from 0 has no percentage."""
    change = compare(earlier, later)
    assert change.important is important
    assert change.references == ("ostelo-2008-spine", "farrar-2001-pain")
    if earlier == 0:
        assert change.percent is None


@pytest.mark.parametrize(
    ("earlier", "later", "path"),
    [
        (True, 3, "earlier"),
        (11, 3, "earlier"),
        (3, 2.0, "later"),
        ("6", 4, "earlier"),
        (6, None, "later"),
        (6, roland_morris([False] * 24), "later"),
        (oswestry([1] * 10), 4, "later"),
        (lumbar.pseq([1] * 10), lumbar.pseq([0] * 10), "earlier"),
    ],
)
def test_wrong_or_mixed_measures_name_the_argument(earlier, later, path):
    """Only two results of one measure compare; errors name earlier or later."""
    with pytest.raises(ValidationError) as caught:
        compare(earlier, later)
    assert [p for p, _ in caught.value.errors] == [path]


def test_mixed_measures_say_which_two():
    """Comparing a pain rating with a Roland-Morris result names both measures."""
    with pytest.raises(ValidationError) as caught:
        compare(6, roland_morris([False] * 24))
    assert caught.value.errors == (("later", "must be a pain result like earlier, got a rmdq one"),)


def test_a_change_is_validated_and_derives_its_figures():
    """Built by hand, a change still derives points, percent and importance exactly."""
    change = ScoreChange(instrument=Instrument.ODI, earlier=20, later=14)
    assert (change.points, change.percent, change.important) == (-6.0, -30.0, True)
    with pytest.raises(ValidationError, match="later: must be at most 10"):
        ScoreChange(instrument=Instrument.PAIN, earlier=3, later=11)
    with pytest.raises(ValidationError, match="instrument: must be one with"):
        ScoreChange(instrument=Instrument.FABQ, earlier=3, later=2)


@given(lst.score_changes())
def test_changes_round_trip_through_json(change):
    """A change survives JSON; its derived figures are recomputed the same."""
    assert lumbar.from_json(lumbar.to_json(change), ScoreChange) == change
