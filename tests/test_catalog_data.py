"""The built-in exercise catalog: its content, and the loader's checks on catalog files."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import attrs
import pytest
from hypothesis import given, strategies as st

import lumbar
from lumbar import (
    Category,
    Duration,
    Equipment,
    Hold,
    Intervals,
    Reps,
    SpinalLoading,
    strategies as lst,
)
from lumbar.model._dose import out_of_bounds

ROOT = Path(__file__).parent.parent
CATALOG = lumbar.default_catalog()
LADDERS = CATALOG.ladders()
EASY_ENTRY_EQUIPMENT = frozenset({Equipment.MAT})
WEIGHTS = frozenset({Equipment.DUMBBELL, Equipment.KETTLEBELL, Equipment.BARBELL})
BIG_THREE = ("curl-up", "side-bridge-knees", "side-bridge", "bird-dog")
PYRAMID_642 = Hold(sets=3, reps=6, seconds=10, reps_drop=2)
# Stages 1-6 of the pain-gated walk-run scheme (running notes, section 4): (jog s, walk s).
WALK_RUN_STAGES = [
    Intervals(rounds=rounds, work_seconds=jog, rest_seconds=walk)
    for rounds, jog, walk in [
        (5, 60, 300),
        (5, 120, 240),
        (5, 180, 180),
        (5, 240, 120),
        (5, 300, 60),
        (3, 600, 60),
    ]
]


def ladders_of(category: Category) -> list[tuple[lumbar.Exercise, ...]]:
    return [ladder for ladder in LADDERS if ladder[0].category is category]


# --- size and shape ---------------------------------------------------------------------


def test_catalog_is_large_enough_in_every_category():
    """At least 44 exercises and at least 8 in each of the four categories."""
    assert len(CATALOG) >= 44
    for category in Category:
        assert len(CATALOG.filter(category=category)) >= 8, category


def test_ladders_cover_every_exercise_once_and_stay_in_one_category():
    """Each exercise sits on exactly one ladder, whose rungs share a category."""
    on_ladders = [rung.id for ladder in LADDERS for rung in ladder]
    assert sorted(on_ladders) == sorted(CATALOG.ids)
    for ladder in LADDERS:
        assert {rung.category for rung in ladder} == {ladder[0].category}, ladder[0].id


def test_file_groups_each_ladder_easiest_first():
    """In file order, a ladder's rungs are next to each other, from easiest to hardest."""
    assert list(CATALOG.ids) == [rung.id for ladder in LADDERS for rung in ladder]


def test_levels_never_fall_going_up_a_ladder():
    """Level is non-decreasing up every ladder and the top is harder than the base."""
    for ladder in LADDERS:
        levels = [rung.level for rung in ladder]
        assert levels == sorted(levels), [rung.id for rung in ladder]
        if len(ladder) > 1:
            assert levels[-1] > levels[0], [rung.id for rung in ladder]


def test_the_default_file_loads_like_a_users_file():
    """load_catalog on the packaged file gives the same catalog as default_catalog."""
    with resources.as_file(resources.files("lumbar") / "content/data/catalog.toml") as path:
        assert lumbar.load_catalog(path) == CATALOG


# --- what the planner relies on ---------------------------------------------------------


@pytest.mark.parametrize("category", list(Category), ids=lambda c: c.value)
def test_two_easy_neutral_entry_ladders_per_category(category):
    """Two ladders start at level 1, neutral, with no equipment beyond a mat."""
    easy = [
        ladder
        for ladder in ladders_of(category)
        if ladder[0].level == 1
        and ladder[0].loading is SpinalLoading.NEUTRAL
        and set(ladder[0].equipment) <= EASY_ENTRY_EQUIPMENT
    ]
    assert len(easy) >= 2, [ladder[0].id for ladder in easy]


@pytest.mark.parametrize("category", list(Category), ids=lambda c: c.value)
@pytest.mark.parametrize("avoid", [SpinalLoading.FLEXION, SpinalLoading.EXTENSION])
def test_every_category_has_a_ladder_free_of_each_direction(category, avoid):
    """A flexion- or extension-intolerant person still has a whole ladder in each category."""
    free = [
        ladder for ladder in ladders_of(category) if all(r.loading is not avoid for r in ladder)
    ]
    assert free, f"no {category.value} ladder without {avoid.value}"


# --- content of each entry --------------------------------------------------------------


@pytest.mark.parametrize("exercise", list(CATALOG), ids=lambda e: e.id)
def test_every_entry_is_described_cued_and_sourced(exercise):
    """A description, 2-4 cues and at least one known reference, with no support belts."""
    assert exercise.description
    assert 2 <= len(exercise.cues) <= 4
    assert exercise.references
    assert not lumbar.evidence.unknown_ids(exercise.references)
    text = " ".join((exercise.name, exercise.description, *exercise.cues)).lower()
    assert "belt" not in text
    assert "corset" not in text


def test_the_big_three_use_the_6_4_2_reverse_pyramid():
    """Curl-up, side bridges and bird dog start at 6-4-2 holds of 10 s."""
    for exercise_id in BIG_THREE:
        exercise = CATALOG[exercise_id]
        assert exercise.category is Category.STABILIZATION
        assert exercise.default_dose == PYRAMID_642, exercise_id
        assert exercise.default_dose.reps_per_set == (6, 4, 2)
        assert "mcgill-1999-apmr" in exercise.references
    assert CATALOG["side-bridge"].per_side
    assert CATALOG["bird-dog"].per_side
    assert CATALOG["curl-up"].loading is SpinalLoading.NEUTRAL


def test_motor_control_holds_are_5_to_10_seconds():
    """Stabilization rungs are holds of 5-10 s that progress by holds, not by time."""
    for exercise in CATALOG.filter(category=Category.STABILIZATION):
        for dose in (exercise.min_dose, exercise.default_dose, exercise.max_dose):
            assert isinstance(dose, Hold), exercise.id
            assert 5 <= dose.seconds <= 10, exercise.id
        assert exercise.default_dose.reps_per_set == (6, 4, 2), exercise.id
        assert exercise.max_dose.reps <= 10, exercise.id


def test_stretches_hold_30_seconds_twice():
    """Held stretches start at 2 x 30 s and stop at 4 x 60 s; drills are a few slow reps."""
    for exercise in CATALOG.filter(category=Category.STRETCH):
        if isinstance(exercise.default_dose, Hold):
            assert exercise.default_dose == Hold(sets=1, reps=2, seconds=30), exercise.id
            assert exercise.max_dose.reps <= 4, exercise.id
            assert exercise.max_dose.seconds <= 60, exercise.id
        else:
            assert isinstance(exercise.default_dose, Reps), exercise.id
            assert exercise.default_dose.reps <= 10, exercise.id
            assert exercise.max_dose.volume <= 30, exercise.id


def test_strength_doses_follow_8_to_12_repetitions():
    """Strength rungs start at 1-3 sets of 8-12 and loaded rungs name a load."""
    for exercise in CATALOG.filter(category=Category.STRENGTH):
        dose = exercise.default_dose
        if isinstance(dose, Hold):  # carries: timed, load chosen by the person
            assert 20 <= dose.seconds <= 60, exercise.id
            continue
        assert isinstance(dose, Reps), exercise.id
        assert 1 <= dose.sets <= 3, exercise.id
        assert 8 <= dose.reps <= 12, exercise.id
        assert exercise.max_dose.sets <= 3, exercise.id
        assert exercise.max_dose.reps <= 15, exercise.id
        assert (dose.load_kg is not None) == bool(WEIGHTS & set(exercise.equipment)), exercise.id


def test_aerobic_rungs_are_timed():
    """Aerobic rungs are minutes or walk-run intervals; walking starts at 10-15 min."""
    for exercise in CATALOG.filter(category=Category.AEROBIC):
        assert isinstance(exercise.default_dose, Duration | Intervals), exercise.id
    assert 10 <= CATALOG["walking"].default_dose.minutes <= 15
    assert CATALOG["brisk-walk"].max_dose.minutes >= 30


def test_extension_rungs_warn_about_leg_pain():
    """Every extension-loaded exercise says to stop when pain spreads down the leg."""
    for exercise in CATALOG.filter(loading=SpinalLoading.EXTENSION):
        assert any("down the leg" in c for c in exercise.contraindications), exercise.id


# --- the return-to-jogging ladder -------------------------------------------------------


def test_return_to_jogging_ladder_reaches_30_minutes_of_continuous_jogging():
    """Walking minutes, then walk-run stages 1-6, then a continuous 20 to 30 min jog."""
    ladder = CATALOG.ladder("walk-run")
    kinds = [rung.dose_type for rung in ladder]
    assert kinds[0] is Duration
    assert kinds[-1] is Duration
    walk_run = CATALOG["walk-run"]
    assert CATALOG[walk_run.easier].id == "brisk-walk"
    assert walk_run.default_dose == WALK_RUN_STAGES[0]
    for stage in WALK_RUN_STAGES:
        assert not out_of_bounds(stage, walk_run.min_dose, walk_run.max_dose), stage
    jog = ladder[-1]
    assert jog.default_dose.minutes == 20
    assert jog.max_dose == Duration(minutes=30)
    assert any("30 min of brisk walking" in c for c in walk_run.contraindications)
    assert any("30 min of brisk walking" in c for c in jog.contraindications)
    assert {"belavy-2017-scirep", "nielsen-2014-jospt"} <= set(jog.references)


# --- the docs page ----------------------------------------------------------------------


def test_docs_page_lists_every_exercise():
    """docs/catalog.md names every exercise id of the built-in catalog, in backticks."""
    page = (ROOT / "docs" / "catalog.md").read_text(encoding="utf-8")
    missing = [exercise_id for exercise_id in CATALOG.ids if f"`{exercise_id}`" not in page]
    assert not missing


# --- the loader's checks on hand-written files ------------------------------------------


def toml_value(value: object) -> str:
    """A Python value as a TOML literal (enough for these tests)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        inner = ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items())
        return "{" + inner + "}"
    raise TypeError(value)


def exercise_table(exercise_id: str, **fields: object) -> str:
    """One valid [[exercise]] table, with fields replaced or added (None removes one)."""
    body: dict[str, object] = {
        "id": exercise_id,
        "name": exercise_id.replace("-", " ").capitalize(),
        "category": "stabilization",
        "level": 1,
        "loading": "neutral",
        "position": "quadruped",
        "equipment": ["mat"],
        "cues": ["Keep still.", "Breathe."],
        "references": ["mcgill-1999-apmr"],
        "default_dose": {"kind": "hold", "sets": 3, "reps": 6, "seconds": 10, "reps_drop": 2},
        "min_dose": {"kind": "hold", "sets": 1, "reps": 2, "seconds": 5},
        "max_dose": {"kind": "hold", "sets": 3, "reps": 10, "seconds": 10},
    }
    body.update(fields)
    lines = [f"{key} = {toml_value(value)}" for key, value in body.items() if value is not None]
    return "[[exercise]]\n" + "\n".join(lines) + "\n"


def ladder_of_two() -> str:
    return exercise_table("bird-dog", harder="bird-dog-sweep") + exercise_table(
        "bird-dog-sweep", easier="bird-dog", level=2
    )


def test_a_hand_written_ladder_loads():
    """The snippets below start from a valid two-rung ladder."""
    catalog = lumbar.Catalog.from_toml(ladder_of_two())
    assert [rung.id for rung in catalog.ladder("bird-dog-sweep")] == ["bird-dog", "bird-dog-sweep"]


BAD_FILES = [
    pytest.param(
        exercise_table("bird-dog") + exercise_table("bird-dog"),
        "exercise[bird-dog].id",
        "duplicate id",
        id="duplicate-id",
    ),
    pytest.param(
        exercise_table("bird-dog", harder="bird-dog-sweep") + exercise_table("bird-dog-sweep"),
        "exercise[bird-dog].harder",
        "not mirrored",
        id="unmirrored-link",
    ),
    pytest.param(
        exercise_table("bird-dog", harder="bird-dog-flying"),
        "exercise[bird-dog].harder",
        "unknown exercise 'bird-dog-flying'",
        id="dangling-link",
    ),
    pytest.param(
        exercise_table("a", harder="b", easier="c")
        + exercise_table("b", harder="c", easier="a")
        + exercise_table("c", harder="a", easier="b"),
        "exercise[a].harder",
        "ladder has a cycle: a -> b -> c -> a",
        id="cycle",
    ),
    pytest.param(
        exercise_table("bird-dog", references=["mcgill-2099-imaginary"]),
        "exercise[bird-dog].references[0]",
        "unknown reference id 'mcgill-2099-imaginary'",
        id="unknown-reference",
    ),
    pytest.param(
        exercise_table("bird-dog", colour="red"),
        "exercise[bird-dog].colour",
        "unknown field",
        id="unknown-field",
    ),
    pytest.param(
        exercise_table("bird-dog", loading="sideways"),
        "exercise[bird-dog].loading",
        "must be one of 'flexion', 'extension', 'neutral', got 'sideways'",
        id="bad-loading",
    ),
    pytest.param(
        exercise_table("bird-dog", equipment=["mat", "lumbar-belt"]),
        "exercise[bird-dog].equipment[1]",
        "got 'lumbar-belt'",
        id="bad-equipment",
    ),
    pytest.param(
        exercise_table("bird-dog", level=6),
        "exercise[bird-dog].level",
        "must be <= 5, got 6",
        id="level-out-of-range",
    ),
    pytest.param(
        exercise_table(
            "bird-dog", default_dose={"kind": "hold", "sets": 3, "reps": 12, "seconds": 10}
        ),
        "exercise[bird-dog].default_dose",
        "reps 12 is above the maximum 10",
        id="dose-above-bounds",
    ),
    pytest.param(
        exercise_table("bird-dog", default_dose={"kind": "reps", "sets": 2, "reps": 10}),
        "exercise[bird-dog].default_dose",
        "is a reps dose but the bounds are hold and hold",
        id="dose-of-another-type",
    ),
    pytest.param(
        exercise_table("bird-dog", min_dose={"kind": "hop", "sets": 1}),
        "exercise[bird-dog].min_dose.kind",
        "must be one of",
        id="bad-dose-kind",
    ),
    pytest.param(
        exercise_table("bird-dog", name=None),
        "exercise[bird-dog].name",
        "is required",
        id="missing-field",
    ),
    pytest.param("[[exercise]\nid = 'x'\n", "", "not valid TOML", id="not-toml"),
]


@pytest.mark.parametrize(("text", "path", "message"), BAD_FILES)
def test_bad_catalog_files_name_the_exercise_and_field(text, path, message):
    """Each mistake raises ValidationError at exercise[id].field with a plain message."""
    with pytest.raises(lumbar.ValidationError) as caught:
        lumbar.Catalog.from_toml(text)
    errors = dict(caught.value.errors)
    assert path in errors, caught.value.errors
    assert message in errors[path]


def test_load_catalog_reports_an_unreadable_path(tmp_path):
    """A missing file is a ValidationError, not an OSError."""
    with pytest.raises(lumbar.ValidationError, match="cannot read catalog file"):
        lumbar.load_catalog(tmp_path / "missing.toml")


def test_load_catalog_reads_a_users_file(tmp_path):
    """A user's catalog file loads from a path, validated like the built-in one."""
    path = tmp_path / "mine.toml"
    path.write_text(ladder_of_two(), encoding="utf-8")
    assert lumbar.load_catalog(path).ids == ("bird-dog", "bird-dog-sweep")


# --- properties: any input fails only with ValidationError ------------------------------

FIELDS = [*sorted(a.name for a in attrs.fields(lumbar.Exercise)), "colour"]
DOSE_KEYS = ["kind", "sets", "reps", "seconds", "reps_drop", "load_kg", "minutes", "rpe"]
DOSE_KEYS += ["rounds", "work_seconds", "rest_seconds"]

scalars = st.one_of(
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(["mat", "neutral", "hold", "reps", "bird-dog", "mcgill-1999-apmr", ""]),
)
toml_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=3),
        st.dictionaries(st.sampled_from(DOSE_KEYS) | st.text(max_size=5), children, max_size=4),
    ),
    max_leaves=8,
)


@given(st.text())
def test_arbitrary_text_loads_or_raises_validation_error(text):
    """Any text either loads or raises ValidationError; nothing else escapes."""
    try:
        catalog = lumbar.Catalog.from_toml(text)
    except lumbar.ValidationError as error:
        assert error.errors
    else:
        assert len(catalog) == len(catalog.ids)


@given(st.sampled_from(FIELDS), toml_values, st.booleans())
def test_any_field_value_loads_or_names_the_exercise(field, value, in_second):
    """Replacing one field with any TOML value loads or fails with paths under exercise[...]."""
    tables: list[dict[str, object]] = [
        {"exercise_id": "bird-dog", "harder": "bird-dog-sweep"},
        {"exercise_id": "bird-dog-sweep", "easier": "bird-dog", "level": 2},
    ]
    tables[int(in_second)][field] = value
    try:
        text = "".join(exercise_table(**table) for table in tables)
    except TypeError:  # a value the little TOML writer cannot render (not the loader's fault)
        return
    try:
        lumbar.Catalog.from_toml(text)
    except lumbar.ValidationError as error:
        for path, message in error.errors:
            assert path == "" or re.match(r"exercise\[", path), path
            assert message


def test_unhashable_reference_is_a_validation_error():
    """A list inside references is reported as a bad item, not a TypeError."""
    with pytest.raises(lumbar.ValidationError, match=r"exercise\[bird-dog\]\.references\[0\]"):
        lumbar.Catalog.from_toml(exercise_table("bird-dog", references=[[]]))


# --- the catalog as a value -------------------------------------------------------------


def test_the_built_in_catalog_is_hashable():
    """A frozen value: it can be a dict key and a set member."""
    assert {CATALOG: "built-in"}[lumbar.Catalog(reversed(list(CATALOG)))] == "built-in"


@given(lst.catalogs(), st.randoms(use_true_random=False))
def test_equal_catalogs_hash_equal(catalog, random):
    """The same exercises in any order make an equal catalog with the same hash."""
    shuffled = list(catalog)
    random.shuffle(shuffled)
    again = lumbar.Catalog(shuffled)
    assert again == catalog
    assert hash(again) == hash(catalog)
    assert len({catalog, again}) == 1
    assert hash(lumbar.from_json(lumbar.to_json(catalog), lumbar.Catalog)) == hash(catalog)


# --- long ladders -----------------------------------------------------------------------

LONG = 2_000


def long_ladder(rungs: int, *, loop: bool = False) -> list[lumbar.Exercise]:
    """One ladder of ``rungs`` exercises (ids r0, r1, ...), or a ring of them with ``loop``."""
    base = CATALOG["bird-dog"]
    ids = [f"r{index}" for index in range(rungs)]
    return [
        attrs.evolve(
            base,
            id=rung,
            easier=ids[index - 1] if index or loop else None,
            harder=ids[(index + 1) % rungs] if index + 1 < rungs or loop else None,
        )
        for index, rung in enumerate(ids)
    ]


def test_a_ladder_of_two_thousand_rungs_loads():
    """The ladder checks walk each exercise once: a very long ladder loads as a short one."""
    rungs = long_ladder(LONG)
    catalog = lumbar.Catalog(rungs)
    assert len(catalog) == LONG
    assert catalog.ladder("r1000") == tuple(rungs)
    assert catalog.ladders() == (tuple(rungs),)
    text = "".join(
        exercise_table(rung.id, easier=rung.easier, harder=rung.harder) for rung in rungs
    )
    assert lumbar.Catalog.from_toml(text).ids == catalog.ids


def test_a_ring_of_two_thousand_rungs_is_one_cycle_reported_once():
    """A ladder that loops back to its base is reported once, from its first exercise."""
    with pytest.raises(lumbar.ValidationError) as caught:
        lumbar.Catalog(long_ladder(LONG, loop=True))
    ((path, message),) = caught.value.errors
    assert path == "exercise[r0].harder"
    assert message.startswith("ladder has a cycle: r0 -> r1 -> r2")
    assert message.endswith(f"r{LONG - 1} -> r0")
