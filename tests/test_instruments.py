"""Roland-Morris, FABQ and PSEQ: scoring, strict answers, unanswered items and licences."""

import pytest
from hypothesis import given, strategies as st

import lumbar
from lumbar import (
    FabqResult,
    PseqResult,
    RolandMorrisResult,
    ValidationError,
    evidence,
    fabq,
    pseq,
    roland_morris,
    strategies as lst,
)

PHYSICAL_ACTIVITY = (2, 3, 4, 5)
WORK = (6, 7, 9, 10, 11, 12, 15)


def paths(error: ValidationError) -> list[str]:
    return [path for path, _ in error.errors]


# --- scoring ----------------------------------------------------------------------------


@given(lst.roland_morris_answers())
def test_roland_morris_counts_the_statements_that_apply(answers):
    """The total is the number of True answers; unanswered items are listed by number."""
    result = roland_morris(answers)
    assert result.total == sum(answer is True for answer in answers)
    assert result.unanswered == tuple(i + 1 for i, a in enumerate(answers) if a is None)
    assert result.answered == 24 - len(result.unanswered)
    assert 0 <= result.total <= result.answered


@given(lst.fabq_answers())
def test_fabq_scales_sum_their_items_or_are_none(answers):
    """Each scale is the sum of its items (Waddell 1993), or None when one is unanswered."""
    result = fabq(answers)
    for scale, items, top in (
        (result.physical_activity, PHYSICAL_ACTIVITY, 24),
        (result.work, WORK, 42),
    ):
        values = [answers[item - 1] for item in items]
        if None in values:
            assert scale is None
        else:
            assert scale == sum(values)
            assert 0 <= scale <= top
    assert result.unanswered == tuple(i + 1 for i, a in enumerate(answers) if a is None)


@given(lst.fabq_answers(unanswered=False), st.sampled_from((1, 8, 13, 14, 16)), st.data())
def test_fabq_items_outside_both_scales_do_not_count(answers, item, data):
    """Items 1, 8, 13, 14 and 16 belong to neither scale."""
    changed = list(answers)
    changed[item - 1] = data.draw(st.none() | st.integers(0, 6))
    before, after = fabq(answers), fabq(changed)
    assert (before.physical_activity, before.work) == (after.physical_activity, after.work)


@given(lst.pseq_answers())
def test_pseq_total_is_the_sum_or_none(answers):
    """The total is the sum of the ten items (0-60), or None when any is unanswered."""
    result = pseq(answers)
    if None in answers:
        assert result.total is None
    else:
        assert result.total == sum(answers)
        assert 0 <= result.total <= 60


def test_worked_examples():
    """Hand-checked scores."""
    assert roland_morris([True] * 6 + [False] * 17 + [None]).total == 6
    result = fabq([0, 3, 4, 2, 5, 6, 6, 0, 5, 4, 3, 2, 0, 0, 4, 0])
    assert (result.physical_activity, result.work) == (14, 30)
    not_working = fabq([1, 6, 6, 6, 6, *[None] * 11])
    assert (not_working.physical_activity, not_working.work) == (24, None)
    assert pseq([6] * 10).total == 60
    assert pseq([0] * 9 + [None]).total is None


# --- strict answers ---------------------------------------------------------------------


def not_boolean():
    return st.one_of(
        st.integers(), st.floats(allow_nan=False), st.text(max_size=3), st.just([True])
    )


@given(lst.roland_morris_answers(), st.data())
def test_roland_morris_takes_booleans_only(answers, data):
    """1 and 0, strings and numbers are refused, naming answers[i]."""
    index = data.draw(st.integers(0, 23))
    answers[index] = data.draw(not_boolean())
    with pytest.raises(ValidationError) as caught:
        roland_morris(answers)
    assert paths(caught.value) == [f"answers[{index}]"]


def not_whole_0_to_6():
    return st.one_of(
        st.booleans(),
        st.integers().filter(lambda v: not 0 <= v <= 6),
        st.floats(allow_nan=False),
        st.integers(0, 6).map(str),
        st.just(2.5),
    )


@pytest.mark.parametrize(("score", "count"), [(fabq, 16), (pseq, 10)])
@given(data=st.data())
def test_fabq_and_pseq_take_whole_numbers_0_to_6_only(score, count, data):
    """True, 2.5, "3", 7 and -1 are refused; every bad item is named."""
    answers = data.draw(st.lists(st.none() | st.integers(0, 6), min_size=count, max_size=count))
    bad = data.draw(st.sets(st.integers(0, count - 1), min_size=1, max_size=3))
    for index in bad:
        answers[index] = data.draw(not_whole_0_to_6())
    with pytest.raises(ValidationError) as caught:
        score(answers)
    assert paths(caught.value) == [f"answers[{index}]" for index in sorted(bad)]


@pytest.mark.parametrize(("score", "count"), [(roland_morris, 24), (fabq, 16), (pseq, 10)])
@pytest.mark.parametrize("shape", ["short", "long", "string", "number", "none", "set"])
def test_wrong_counts_and_shapes_name_answers(score, count, shape):
    """A list of the wrong length, or something that is not a list, names ``answers``."""
    value = {
        "short": [None] * (count - 1),
        "long": [None] * (count + 1),
        "string": "1" * count,
        "number": 3,
        "none": None,
        "set": set(range(count)),
    }[shape]
    with pytest.raises(ValidationError) as caught:
        score(value)
    assert paths(caught.value) == ["answers"]


def test_error_messages_say_what_an_answer_is():
    """Messages name the item number and its scale."""
    with pytest.raises(ValidationError, match=r"answers\[3\]: item 4 must be True"):
        roland_morris([False] * 3 + [1] + [False] * 20)
    with pytest.raises(ValidationError, match=r"answers\[0\]: item 1 must be a whole number 0-6"):
        pseq([2.5] + [0] * 9)
    with pytest.raises(ValidationError, match=r"answers\[15\]: item 16 must be 0-6"):
        fabq([0] * 15 + [7])


# --- results are validated --------------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "path"),
    [
        (lambda: RolandMorrisResult(total=25), "total"),
        (lambda: RolandMorrisResult(total=24, unanswered=(3,)), "total"),
        (lambda: RolandMorrisResult(total=1, unanswered=(3, 2)), "unanswered"),
        (lambda: RolandMorrisResult(total=1, unanswered=(25,)), "unanswered[0]"),
        (lambda: RolandMorrisResult(total=1, unanswered=(3, 3)), "unanswered[1]"),
        (lambda: PseqResult(total=None, unanswered=tuple(range(1, 12))), "unanswered[10]"),
        (
            lambda: FabqResult(physical_activity=3, work=None, unanswered=(2, 6)),
            "physical_activity",
        ),
        (lambda: FabqResult(physical_activity=3, work=None), "work"),
        (lambda: FabqResult(physical_activity=25, work=0), "physical_activity"),
        (lambda: PseqResult(total=None), "total"),
        (lambda: PseqResult(total=10, unanswered=(1,)), "total"),
        (lambda: PseqResult(total=61), "total"),
    ],
)
def test_results_check_their_own_consistency(build, path):
    """A result that scoring could not have produced is refused, naming the field."""
    with pytest.raises(ValidationError) as caught:
        build()
    assert paths(caught.value)[0] == path


@pytest.mark.parametrize(
    ("strategy", "cls"),
    [
        (lst.roland_morris_results(), RolandMorrisResult),
        (lst.fabq_results(), FabqResult),
        (lst.pseq_results(), PseqResult),
    ],
)
@given(data=st.data())
def test_results_round_trip_through_json(strategy, cls, data):
    """Scored results survive JSON unchanged."""
    result = data.draw(strategy)
    assert lumbar.from_json(lumbar.to_json(result), cls) == result


# --- licences ---------------------------------------------------------------------------


def test_every_questionnaire_records_its_licence():
    """Each has a copyright holder, a commercial-use status, terms and known references."""
    found = lumbar.questionnaires()
    assert set(found) == {"start-back", "odi", "rmdq", "fabq", "pseq"}
    for key, questionnaire in found.items():
        assert questionnaire.instrument.value == key
        assert questionnaire.copyright
        assert questionnaire.terms
        assert not evidence.unknown_ids(questionnaire.references)
        assert len(questionnaire.item_ids) == questionnaire.items


def test_item_texts_ship_only_where_the_licence_allows():
    """No questionnaire's wording is shipped unless its licence is confirmed to allow it."""
    for questionnaire in lumbar.questionnaires().values():
        if not questionnaire.item_texts_may_ship:
            assert questionnaire.item_texts == ()
    with pytest.raises(ValidationError, match="item_texts"):
        lumbar.Questionnaire(
            instrument=lumbar.Instrument.PSEQ,
            name="x",
            items=1,
            answers="x",
            copyright="x",
            commercial_use=lumbar.CommercialUse.NOT_VERIFIED,
            item_texts_may_ship=False,
            terms="x",
            references=("nicholas-2007-ejp",),
            item_texts=("I can do some form of work.",),
        )


def test_shipped_item_texts_are_one_non_empty_text_per_item():
    """Where texts may ship, each item has one, none empty; refusals name item_texts."""
    form = {
        "instrument": lumbar.Instrument.PSEQ,
        "name": "x",
        "items": 2,
        "answers": "x",
        "copyright": "x",
        "commercial_use": lumbar.CommercialUse.FREE,
        "item_texts_may_ship": True,
        "terms": "x",
        "references": ("nicholas-2007-ejp",),
    }
    assert lumbar.Questionnaire(**form, item_texts=["a.", "b."]).item_texts == ("a.", "b.")
    assert lumbar.Questionnaire(**form).item_texts == ()
    refused = [
        (("a.",), ("item_texts", "must have one text per item (2)")),
        (("a.", ""), ("item_texts[1]", "must not be empty")),
    ]
    for texts, error in refused:
        with pytest.raises(ValidationError) as raised:
            lumbar.Questionnaire(**form, item_texts=texts)
        assert raised.value.errors == (error,)
    with pytest.raises(ValidationError) as raised:
        lumbar.Questionnaire(**(form | {"item_texts_may_ship": False}), item_texts=("a.", "b."))
    assert raised.value.errors == (
        ("item_texts", "must be empty unless the licence lets the texts ship"),
    )


@pytest.mark.parametrize("unknown", [5, ["odi"]])
def test_a_questionnaire_asked_for_by_anything_but_an_id_is_refused(unknown):
    """A number or a list is no questionnaire id: a ValidationError on instrument."""
    with pytest.raises(ValidationError) as raised:
        lumbar.questionnaire(unknown)
    assert [path for path, _ in raised.value.errors] == ["instrument"]


@pytest.mark.parametrize(
    ("score", "count", "anchors"),
    [
        (lumbar.pseq, 10, "0 not at all confident to 6 completely confident"),
        (lumbar.fabq, 16, "0 completely disagree to 6 completely agree"),
    ],
)
def test_an_answer_off_the_scale_is_named_with_the_scales_anchors(score, count, anchors):
    """An item answered 9 on a 0-6 form: its path, its item number and the scale's words."""
    with pytest.raises(ValidationError) as raised:
        score([9] + [0] * (count - 1))
    assert raised.value.errors == (("answers[0]", f"item 1 must be 0-6 ({anchors}), got 9"),)


def test_item_counts_match_the_scoring():
    """The recorded sizes are the sizes the scoring functions take."""
    found = lumbar.questionnaires()
    assert found["rmdq"].items == 24
    assert found["fabq"].items == 16
    assert found["pseq"].items == 10
    assert found["odi"].items == 10
    assert found["start-back"].items == 9
    assert lumbar.questionnaire(lumbar.Instrument.FABQ) is found["fabq"]
    with pytest.raises(ValidationError, match="unknown questionnaire 'sf-36'"):
        lumbar.questionnaire("sf-36")


def test_scores_page_shows_each_licence_status():
    """The scores page's licence table agrees with questionnaires()."""
    from pathlib import Path

    page = Path(__file__).parent.parent / "docs" / "safety" / "scores.md"
    text = page.read_text(encoding="utf-8")
    for key, questionnaire in lumbar.questionnaires().items():
        row = next(line for line in text.splitlines() if line.startswith(f"| `{key}` |"))
        assert f"`{questionnaire.commercial_use.value}`" in row
        assert ("yes" if questionnaire.item_texts_may_ship else "no") in row.split("|")[4]
