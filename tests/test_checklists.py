"""Posture and ergonomics checklists: built-in files, scoring, user files, bad input."""

import re
import textwrap

import pytest
from hypothesis import given, strategies as st

import lumbar
from lumbar import evidence
from lumbar._base import tables
from lumbar.content._checklists import Checklist, ChecklistItem, default_checklists, load_checklist
from lumbar.safety._posture import Assessment, assess
from lumbar.strategies import assessments, checklist_answers, checklists, json_values, texts

BUILT_IN = ("sitting-workstation", "standing-work", "lifting-carrying", "sleeping", "driving")


def test_the_five_built_in_checklists_load():
    """Each built-in checklist is present, valid and cites known sources."""
    found = default_checklists()
    assert set(BUILT_IN) <= set(found)
    for checklist_id, checklist in found.items():
        assert checklist.id == checklist_id
        assert len(checklist.items) >= 4
        assert checklist.references
        assert not evidence.unknown_ids(checklist.references)
        for item in checklist.items:
            assert item.question.endswith("?")
            assert item.why
            assert item.fix
            assert not evidence.unknown_ids(item.references)


def test_built_in_checklists_are_shared_and_read_only():
    """The mapping is read once and cannot be changed by callers."""
    assert default_checklists() is default_checklists()
    with pytest.raises(TypeError):
        default_checklists()["mine"] = None  # type: ignore[index]


def test_lifting_checklist_follows_the_evidence_not_the_article():
    """No fix prescribes a straight back, knee-only lifting or bending at the waist."""
    lifting = default_checklists()["lifting-carrying"]
    myths = re.compile(r"back straight|straight back|bend (at )?the waist|bend your knees", re.I)
    for item in lifting.items:
        assert not myths.search(item.fix), item.id
        assert not myths.search(item.question), item.id
    technique = next(item for item in lifting.items if item.id == "comfortable-technique")
    assert {"saraceni-2020-jospt", "nolan-2020-sjp"} <= set(technique.references)
    close = next(item for item in lifting.items if item.id == "load-close")
    assert close.weight == 3
    assert "niosh-1994-manual" in close.references


def test_sitting_checklist_does_not_ask_people_to_sit_up_straight():
    """Comfort and variety, not one upright posture (Slater 2019, O'Sullivan 2020)."""
    sitting = default_checklists()["sitting-workstation"]
    assert "slater-2019-jospt" in {ref for item in sitting.items for ref in item.references}
    assert all("sit up straight" not in item.fix.lower() for item in sitting.items)


def test_sleeping_checklist_prefers_medium_firm():
    """The mattress item rests on the Kovacs 2003 trial."""
    item = next(i for i in default_checklists()["sleeping"].items if i.id == "mattress-firmness")
    assert "medium-firm" in item.question
    assert "kovacs-2003-lancet" in item.references


@given(assessments())
def test_assessment_scores_stay_in_range_and_partition_the_items(assessment):
    """0-100; every item is either passed or failed; fixes follow the failed items."""
    checklist = default_checklists()[assessment.checklist]
    assert 0 <= assessment.score <= 100
    failed_ids = [item.id for item in assessment.failed]
    assert sorted([*assessment.passed, *failed_ids]) == sorted(checklist.ids)
    assert assessment.recommendations == tuple(item.fix for item in assessment.failed)
    total = sum(item.weight for item in checklist.items)
    lost = sum(item.weight for item in assessment.failed)
    assert assessment.score == pytest.approx(100 * (total - lost) / total)


@given(assessments())
def test_failed_items_come_most_important_first(assessment):
    """Heaviest weight first; equal weights keep the checklist's order."""
    checklist = default_checklists()[assessment.checklist]
    order = {item_id: index for index, item_id in enumerate(checklist.ids)}
    keys = [(-item.weight, order[item.id]) for item in assessment.failed]
    assert keys == sorted(keys)


@given(st.data())
def test_fixing_an_item_never_lowers_the_score(data):
    """Turning one "no" into "yes" raises the score (monotone in the answers)."""
    checklist = data.draw(checklists())
    answers = dict(data.draw(checklist_answers(checklist)))
    item_id = data.draw(st.sampled_from(checklist.ids))
    before = assess(checklist, {**answers, item_id: False})
    after = assess(checklist, {**answers, item_id: True})
    assert after.score > before.score
    assert len(after.failed) == len(before.failed) - 1


@pytest.mark.parametrize("checklist_id", BUILT_IN)
def test_all_yes_scores_100_and_all_no_scores_0(checklist_id):
    """The extremes: nothing to fix, or everything to fix in priority order."""
    checklist = default_checklists()[checklist_id]
    perfect = assess(checklist_id, dict.fromkeys(checklist.ids, True))
    assert perfect.score == 100
    assert perfect.failed == ()
    assert perfect.recommendations == ()
    worst = assess(checklist, dict.fromkeys(checklist.ids, False))
    assert worst.score == 0
    assert len(worst.failed) == len(checklist.items)


@given(assessments())
def test_assessments_round_trip_through_json(assessment):
    """An assessment saved as JSON loads back equal."""
    assert lumbar.from_json(lumbar.to_json(assessment), Assessment) == assessment


@given(checklists())
def test_checklists_round_trip_through_json(checklist):
    """A checklist saved as JSON loads back equal."""
    assert lumbar.from_json(lumbar.to_json(checklist), Checklist) == checklist


def test_bad_answers_are_named():
    """Unknown items, missing answers and non-boolean answers are each reported."""
    checklist = default_checklists()["sleeping"]
    answers = dict.fromkeys(checklist.ids, True)
    del answers["mattress-support"]
    answers["night-pain-eases"] = "yes"
    answers["pillow-height"] = True
    with pytest.raises(lumbar.ValidationError) as raised:
        assess(checklist, answers)
    assert dict(raised.value.errors) == {
        "answers.night-pain-eases": "must be true or false, got str 'yes'",
        "answers.pillow-height": "unknown item of checklist 'sleeping'",
        "answers.mattress-support": "is required (answer true or false)",
    }


def test_bad_checklist_arguments_are_validation_errors():
    """An unknown built-in id, a non-checklist and non-mapping answers are refused."""
    with pytest.raises(lumbar.ValidationError) as raised:
        assess("office", {})
    ((path, message),) = raised.value.errors
    assert path == "checklist"
    assert message.startswith("no built-in checklist 'office'; built-in: 'driving', ")
    refused = [
        (42, {}, ("checklist", "must be a Checklist or a checklist id, got int")),
        (
            "sleeping",
            [True, True],
            ("answers", "must be a mapping of item id to true/false, got list"),
        ),
    ]
    for checklist, answers, error in refused:
        with pytest.raises(lumbar.ValidationError) as raised:
            assess(checklist, answers)  # type: ignore[arg-type]
        assert raised.value.errors == (error,)


MY_CHECKLIST = textwrap.dedent(
    """
    id = "warehouse-picking"
    title = "Warehouse picking"
    references = ["niosh-1994-manual"]

    [[item]]
    id = "heavy-items-waist-high"
    question = "Are the heaviest items stored between knee and shoulder height?"
    why = "The NIOSH limit is highest with the hands near 75 cm."
    fix = "Move heavy stock to the middle shelves."
    weight = 3
    references = ["niosh-1994-manual"]

    [[item]]
    id = "trolley-available"
    question = "Is a trolley available for long carries?"
    why = "HSE carrying guideline weights assume short carries."
    fix = "Provide a trolley."
    weight = 1
    references = ["hse-indg143"]
    """
)


def test_a_users_own_checklist_file_loads_and_extends_the_built_ins(tmp_path):
    """load_checklist reads a TOML file like the built-ins; it can join the mapping."""
    path = tmp_path / "warehouse.toml"
    path.write_text(MY_CHECKLIST, encoding="utf-8")
    mine = load_checklist(path)
    assert mine.ids == ("heavy-items-waist-high", "trolley-available")
    assert mine.description == ""
    everything = {**default_checklists(), mine.id: mine}
    result = assess(
        everything["warehouse-picking"],
        {"heavy-items-waist-high": False, "trolley-available": True},
    )
    assert result.score == 25
    assert result.recommendations == ("Move heavy stock to the middle shelves.",)


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        (("weight = 3", "weight = 7"), "item[heavy-items-waist-high].weight", "must be <= 3"),
        (
            ("weight = 3", 'weight = 3\ncolour = "red"'),
            "item[heavy-items-waist-high].colour",
            "unknown field",
        ),
        (
            ('references = ["hse-indg143"]', 'references = ["made-up-2024"]'),
            "item[1].references",
            "unknown reference id 'made-up-2024'",
        ),
        (
            ('id = "trolley-available"', 'id = "heavy-items-waist-high"'),
            "item[1].id",
            "duplicate item id",
        ),
        (('title = "Warehouse picking"\n', ""), "title", "is required"),
        (('id = "warehouse-picking"', 'id = "Warehouse Picking"'), "id", "lower-case slug"),
        (('title = "Warehouse picking"', 'title = "W"\nowner = "me"'), "owner", "unknown field"),
        (('fix = "Provide a trolley."\n', ""), "item[trolley-available].fix", "is required"),
        (("[[item]]", "[item"), "", "not valid TOML"),
    ],
)
def test_broken_checklist_files_name_the_problem(tmp_path, change, path, message):
    """Errors in a user's checklist file point at the table and field."""
    old, new = change
    text = MY_CHECKLIST.replace(old, new, 1)
    file = tmp_path / "broken.toml"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(lumbar.ValidationError) as raised:
        load_checklist(file)
    assert any(p == path and message in m for p, m in raised.value.errors), raised.value.errors


def test_a_missing_file_is_a_validation_error(tmp_path):
    """Unreadable files fail like invalid ones, naming the path."""
    with pytest.raises(lumbar.ValidationError, match="cannot read checklist file"):
        load_checklist(tmp_path / "nope.toml")


def test_a_checklist_needs_items():
    """An empty checklist is refused."""
    with pytest.raises(lumbar.ValidationError, match="item: is required"):
        Checklist.from_toml('id = "empty"\ntitle = "Empty"\n')
    with pytest.raises(lumbar.ValidationError, match="item: must have at least 1 item, got 0"):
        Checklist.from_toml('id = "empty"\ntitle = "Empty"\nitem = []\n')
    with pytest.raises(lumbar.ValidationError, match="items: must have at least 1 item"):
        Checklist(id="empty", title="Empty", items=())


def test_checklist_items_validate_their_fields():
    """Weights are 1-3 and every item cites at least one reference."""
    with pytest.raises(lumbar.ValidationError, match="references: must have at least 1 item"):
        ChecklistItem(id="a", question="Q?", why="w", fix="f", weight=1, references=())
    with pytest.raises(lumbar.ValidationError, match="weight: must be >= 1"):
        ChecklistItem(id="a", question="Q?", why="w", fix="f", weight=0, references=("osha-etool",))


_ITEM_KEYS = ("id", "question", "why", "fix", "weight", "references", "extra")


def _tables():
    item = st.dictionaries(st.sampled_from(_ITEM_KEYS), json_values(max_leaves=3), max_size=7)
    return st.fixed_dictionaries(
        {},
        optional={
            "id": json_values(max_leaves=2),
            "title": json_values(max_leaves=2),
            "description": json_values(max_leaves=2),
            "references": json_values(max_leaves=3),
            "item": st.lists(item | json_values(max_leaves=2), max_size=3) | json_values(),
            "other": json_values(max_leaves=2),
        },
    )


@given(_tables())
def test_arbitrary_checklist_documents_raise_only_validation_errors(document):
    """Any parsed document either builds a checklist or fails with a ValidationError."""
    try:
        result = tables.build(Checklist, document)
    except lumbar.ValidationError as error:
        assert error.errors
    else:
        assert isinstance(result, Checklist)


@given(texts(200))
def test_arbitrary_text_raises_only_validation_errors(text):
    """Random text is never a crash, only invalid TOML or an invalid checklist."""
    with pytest.raises(lumbar.ValidationError):
        Checklist.from_toml(text)


@given(json_values())
def test_arbitrary_answers_raise_only_validation_errors(answers):
    """Random answers to a real checklist are either scored or refused with paths."""
    try:
        result = assess("driving", answers)
    except lumbar.ValidationError as error:
        assert all(path.startswith("answers") for path, _ in error.errors)
    else:
        assert isinstance(result, Assessment)


def test_built_in_file_list_matches_the_data_folder():
    """Every checklist file shipped is loaded, and nothing listed is missing."""
    from pathlib import Path

    from lumbar.content._checklists import BUILT_IN_CHECKLIST_FILES

    folder = Path(lumbar.__file__).parent / "content" / "data" / "checklists"
    assert sorted(p.name for p in folder.glob("*.toml")) == list(BUILT_IN_CHECKLIST_FILES)
