"""The revised NIOSH lifting equation: worked examples, tables, limits and properties."""

import math
from decimal import ROUND_HALF_UP, Decimal

import attrs
import pytest
from hypothesis import assume, given, strategies as st

import lumbar
from lumbar.safety._lifting import (
    LOAD_CONSTANT_KG,
    Coupling,
    Lift,
    NioshMultipliers,
    asymmetry_multiplier,
    coupling_multiplier,
    distance_multiplier,
    frequency_multiplier,
    horizontal_multiplier,
    lifting_index,
    lifting_multipliers,
    recommended_weight_limit,
    vertical_multiplier,
)
from lumbar.strategies import json_values, lifts

INCH_CM = 2.54
POUND_KG = 0.45359237


def round2(value):
    """Round half up to 2 decimals, as the manual prints its multipliers (0.625 -> 0.63)."""
    return float(Decimal(repr(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def make_lift(**changes):
    base = {
        "horizontal_cm": 40,
        "vertical_cm": 30,
        "distance_cm": 70,
        "asymmetry_deg": 30,
        "frequency_per_min": 4,
        "duration_hours": 1,
        "coupling": Coupling.FAIR,
    }
    return Lift(**{**base, **changes})


# --- worked examples ---------------------------------------------------------------------


def test_formula_check_from_the_project_notes():
    """H 40, V 30, D 70, A 30, 4/min for <= 1 h, fair grip: RWL 7.93 kg; 12 kg gives LI 1.51."""
    lift = make_lift()
    terms = lifting_multipliers(lift)
    assert terms.hm == pytest.approx(0.625)
    assert terms.vm == pytest.approx(0.865)
    assert terms.dm == pytest.approx(0.8843, abs=5e-5)
    assert terms.am == pytest.approx(0.904)
    assert terms.fm == pytest.approx(0.84)
    assert terms.cm == pytest.approx(0.95)
    assert round(recommended_weight_limit(lift), 2) == 7.93
    assert round(lifting_index(lift, 12), 2) == 1.51


def _example_4(**changes):
    """Applications Manual example 4 at the origin, converted from inches (1 in = 2.54 cm).

    H <= 10 in (HM 1), V 22 in, D 37 in, A 0, FM .88, fair grip below 75 cm. The
    manual's frequency and duration are not in the sources consulted: 1 lift/min for
    1-2 hours is one combination that gives its FM of .88.
    """
    values = {
        "horizontal_cm": 20,
        "vertical_cm": 22 * INCH_CM,
        "distance_cm": 37 * INCH_CM,
        "asymmetry_deg": 0,
        "frequency_per_min": 1,
        "duration_hours": 1.5,
        "coupling": Coupling.FAIR,
    }
    return Lift(**{**values, **changes})


def test_applications_manual_example_4_origin_multipliers():
    """The multipliers match the worksheet (to its 2 decimals) and give its 34.9 lb."""
    terms = lifting_multipliers(_example_4())
    worksheet = {"hm": 1.0, "vm": 0.94, "dm": 0.87, "am": 1.0, "fm": 0.88, "cm": 0.95}
    assert {name: round2(getattr(terms, name)) for name in worksheet} == worksheet
    rounded_product = math.prod(round2(getattr(terms, name)) for name in worksheet)
    assert round(51 * rounded_product, 1) == 34.9


def test_applications_manual_example_4_full_precision():
    """34.8 lb at full precision in US units; the metric result agrees within the constants."""
    # US-unit formulas, as printed in the manual: VM = 1 - .0075|V - 30|, DM = .82 + 1.8/D.
    us_product = (1 - 0.0075 * abs(22 - 30)) * (0.82 + 1.8 / 37) * 0.88 * 0.95
    assert round(51 * us_product, 1) == 34.8
    # Metric LC (23 kg) is 0.3 % under 51 lb; VM and DM differ slightly after conversion.
    metric_lb = recommended_weight_limit(_example_4()) / POUND_KG
    assert metric_lb == pytest.approx(34.8, rel=0.01)
    # Load 26 lb at the origin: LI about 0.7.
    assert round(lifting_index(_example_4(), 26 * POUND_KG), 1) == 0.7


def test_applications_manual_example_4_destination_multipliers():
    """At the destination (V 59 in) VM is .78, CM 1.0 (fair grip at 75 cm and over), FM .88."""
    destination = _example_4(vertical_cm=59 * INCH_CM, origin_vertical_cm=22 * INCH_CM)
    terms = lifting_multipliers(destination)
    assert round2(terms.vm) == 0.78
    assert terms.cm == 1.0
    assert terms.fm == pytest.approx(0.88)


@pytest.mark.parametrize(
    ("function", "value", "expected"),
    [
        # Spot values of the manual's metric multiplier tables (project notes, 1.1).
        (horizontal_multiplier, 30, 0.83),
        (horizontal_multiplier, 40, 0.63),
        (horizontal_multiplier, 50, 0.50),
        (horizontal_multiplier, 63, 0.40),
        (vertical_multiplier, 0, 0.78),
        (vertical_multiplier, 175, 0.70),
        (distance_multiplier, 175, 0.85),
        # The formula, not the printed cell (.86), at D = 130 cm.
        (distance_multiplier, 130, 0.85),
        (asymmetry_multiplier, 45, 0.86),
        (asymmetry_multiplier, 90, 0.71),
        (asymmetry_multiplier, 135, 0.57),
    ],
)
def test_multipliers_match_the_manual_tables(function, value, expected):
    """Formulas reproduce the manual's tables to their two decimals."""
    assert round2(function(value)) == expected


# --- clamps, zeros and tables ------------------------------------------------------------


def test_short_distances_are_clamped():
    """H or D under 25 cm count as 25 cm: their multipliers are 1."""
    assert horizontal_multiplier(0) == horizontal_multiplier(10) == 1.0
    assert distance_multiplier(0) == distance_multiplier(24.9) == 1.0
    assert vertical_multiplier(75) == 1.0


@pytest.mark.parametrize(
    ("changes", "multiplier", "says"),
    [
        ({"horizontal_cm": 63.5}, "hm", "beyond 63 cm"),
        ({"vertical_cm": 176}, "vm", "above 175 cm"),
        ({"distance_cm": 180}, "dm", "at most 175 cm"),
        ({"asymmetry_deg": 136}, "am", "beyond 135°"),
        ({"frequency_per_min": 13, "duration_hours": 1}, "fm", "more than the equation allows"),
        ({"frequency_per_min": 9, "duration_hours": 8}, "fm", "more than the equation allows"),
    ],
)
def test_the_limit_is_zero_where_the_equation_says_so(changes, multiplier, says):
    """Beyond the equation's limits RWL is 0 kg, and zero_reasons says why."""
    lift = make_lift(**changes)
    terms = lifting_multipliers(lift)
    assert getattr(terms, multiplier) == 0
    assert recommended_weight_limit(lift) == 0
    assert len(terms.zero_reasons) == 1
    assert says in terms.zero_reasons[0]
    assert lifting_index(lift, 1) == math.inf


def test_frequency_table_rows_and_columns():
    """Table 5: exact rows, columns by duration band and origin height."""
    assert frequency_multiplier(1, 1, 30) == pytest.approx(0.94)
    assert frequency_multiplier(1, 2, 30) == pytest.approx(0.88)
    assert frequency_multiplier(1, 8, 30) == pytest.approx(0.75)
    assert frequency_multiplier(12, 1, 30) == pytest.approx(0.37)
    assert frequency_multiplier(15, 1, 80) == pytest.approx(0.28)
    assert frequency_multiplier(12, 2, 80) == pytest.approx(0.21)
    assert frequency_multiplier(10, 8, 80) == pytest.approx(0.13)
    assert frequency_multiplier(9, 8, 30) == 0
    # Duration bands: up to 1 h, over 1 to 2 h, over 2 to 8 h.
    assert frequency_multiplier(5, 1.0, 30) == pytest.approx(0.80)
    assert frequency_multiplier(5, 1.01, 30) == pytest.approx(0.60)
    assert frequency_multiplier(5, 2.0, 30) == pytest.approx(0.60)
    assert frequency_multiplier(5, 2.01, 30) == pytest.approx(0.35)


def test_frequency_interpolation_and_its_edges():
    """Linear between rows; the 0.2 row below 0.2/min; 0 beyond a column's last non-zero row."""
    assert frequency_multiplier(0.35, 1, 30) == pytest.approx(0.985)
    assert frequency_multiplier(2.5, 8, 30) == pytest.approx(0.60)
    assert frequency_multiplier(0.01, 1, 30) == frequency_multiplier(0.2, 1, 30) == 1.0
    assert frequency_multiplier(12.5, 1, 30) == 0  # column maximum is 12/min
    assert frequency_multiplier(12.5, 1, 80) == pytest.approx(0.355)
    assert frequency_multiplier(15.01, 1, 80) == 0


def test_coupling_table():
    """Table 7: fair grip counts only below 75 cm; poor is 0.90 everywhere."""
    assert coupling_multiplier(Coupling.GOOD, 30) == 1.0
    assert coupling_multiplier(Coupling.FAIR, 74.9) == 0.95
    assert coupling_multiplier(Coupling.FAIR, 75) == 1.0
    assert coupling_multiplier(Coupling.POOR, 100) == 0.90


@given(
    st.floats(0, 25),
    st.floats(0, 25),
    st.floats(0.05, 8),
    st.floats(0, 200),
)
def test_frequency_multiplier_never_rises_with_frequency(low, extra, hours, origin_v):
    """More lifts a minute never raise FM."""
    high = low + extra
    assert frequency_multiplier(high, hours, origin_v) <= frequency_multiplier(low, hours, origin_v)


# --- properties --------------------------------------------------------------------------


@given(lifts())
def test_limit_is_the_product_of_multipliers_in_range(lift):
    """Every multiplier is 0-1, and RWL is LC times their product, 0-23 kg."""
    terms = lifting_multipliers(lift)
    for name in ("hm", "vm", "dm", "am", "fm", "cm"):
        assert 0 <= getattr(terms, name) <= 1
    limit = recommended_weight_limit(lift)
    assert 0 <= limit <= LOAD_CONSTANT_KG
    assert limit == pytest.approx(terms.rwl_kg)
    assert (limit == 0) == bool(terms.zero_reasons)


@given(lifts(within_limits=True), st.floats(0.1, 100), st.floats(0.01, 100))
def test_lifting_index_grows_with_the_load(lift, load, extra):
    """A heavier load always has a higher lifting index."""
    assume(recommended_weight_limit(lift) > 0)
    assert lifting_index(lift, load + extra) > lifting_index(lift, load)


@given(lifts(), st.floats(0.1, 100), st.floats(0, 1))
def test_lifting_index_falls_as_the_load_comes_closer(lift, load, closer):
    """Bringing the hands closer to the body never raises the lifting index."""
    nearer = attrs.evolve(lift, horizontal_cm=lift.horizontal_cm * closer)
    assert lifting_index(nearer, load) <= lifting_index(lift, load)


@given(lifts())
def test_lifts_round_trip_through_json(lift):
    """A lift saved as JSON loads back equal."""
    assert lumbar.from_json(lumbar.to_json(lift), Lift) == lift


@given(lifts())
def test_multipliers_round_trip_through_json(lift):
    """The breakdown an app shows can be saved and loaded."""
    terms = lifting_multipliers(lift)
    assert lumbar.from_json(lumbar.to_json(terms), NioshMultipliers) == terms


# --- bad input ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "path", "message"),
    [
        ({"horizontal_cm": -1}, "horizontal_cm", "must be >= 0 cm"),
        ({"vertical_cm": -0.5}, "vertical_cm", "must be >= 0 cm"),
        ({"distance_cm": -10}, "distance_cm", "must be >= 0 cm"),
        ({"asymmetry_deg": -5}, "asymmetry_deg", "must be between 0 and 180 degrees"),
        ({"asymmetry_deg": 200}, "asymmetry_deg", "must be between 0 and 180 degrees"),
        ({"frequency_per_min": 0}, "frequency_per_min", "must be > 0 lifts per minute"),
        ({"frequency_per_min": -2}, "frequency_per_min", "must be > 0 lifts per minute"),
        ({"duration_hours": 0}, "duration_hours", "must be > 0 and <= 8 hours"),
        ({"duration_hours": 8.5}, "duration_hours", "must be > 0 and <= 8 hours"),
        ({"horizontal_cm": math.nan}, "horizontal_cm", "must be a finite number"),
        ({"vertical_cm": True}, "vertical_cm", "must be a number, got bool"),
        ({"coupling": "fair"}, "coupling", "must be one of 'good', 'fair', 'poor'"),
        ({"origin_vertical_cm": -3}, "origin_vertical_cm", "must be >= 0 cm"),
    ],
)
def test_out_of_range_lifts_say_the_valid_range(changes, path, message):
    """Negative distances and angles, zero frequencies and long shifts are refused."""
    with pytest.raises(lumbar.ValidationError) as raised:
        make_lift(**changes)
    assert any(p == path and message in m for p, m in raised.value.errors), raised.value.errors


def test_bad_loads_and_lifts_are_validation_errors():
    """lifting_index checks its own arguments."""
    with pytest.raises(lumbar.ValidationError, match="load_kg: must be a number >= 0 kg"):
        lifting_index(make_lift(), -1)
    with pytest.raises(lumbar.ValidationError, match="load_kg: must be a number >= 0 kg"):
        lifting_index(make_lift(), math.inf)
    with pytest.raises(lumbar.ValidationError, match="lift: must be a Lift"):
        recommended_weight_limit({"horizontal_cm": 40})  # type: ignore[arg-type]
    assert lifting_index(make_lift(horizontal_cm=70), 0) == 0


_FIELDS = tuple(a.name for a in attrs.fields(Lift))


@given(st.dictionaries(st.sampled_from(_FIELDS), json_values(max_leaves=2)), json_values(4))
def test_arbitrary_input_raises_only_validation_errors(fields, load):
    """Lifts built from untrusted values, and any load, fail only with ValidationError."""
    try:
        lift = lumbar.from_dict({**fields, "schema": 1}, Lift)
        index = lifting_index(lift, load)
    except lumbar.ValidationError as error:
        assert error.errors
    else:
        assert index >= 0


def test_whole_numbers_are_kept_as_the_floats_the_fields_declare():
    """A lift given whole centimetres and degrees holds floats, as its fields are typed."""
    lift = make_lift(
        horizontal_cm=40, vertical_cm=75, distance_cm=25, asymmetry_deg=0, origin_vertical_cm=50
    )
    for field in attrs.fields(Lift):
        value = getattr(lift, field.name)
        if field.type in (float, "float"):
            assert type(value) is float, (field.name, value)
