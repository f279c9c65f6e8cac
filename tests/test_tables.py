"""The one loader for TOML tables: what it derives from a class's fields, and its errors."""

from __future__ import annotations

import enum

import attrs
import pytest
from hypothesis import given, strategies as st

import lumbar
from lumbar._base import tables, validators as check
from lumbar.content._education import parse_topics
from lumbar.evidence import parse_references
from lumbar.strategies import json_values


class Colour(enum.Enum):
    RED = "red"
    BLUE = "blue"


@attrs.frozen(kw_only=True)
class Circle:
    kind = "circle"
    radius: int = attrs.field(validator=check.integer(1, 10))


@attrs.frozen(kw_only=True)
class Square:
    kind = "square"
    side: int = attrs.field(validator=check.integer(1, 10))
    rounded: bool = attrs.field(default=False, validator=check.boolean)


@attrs.frozen(kw_only=True)
class Part:
    id: str = attrs.field(validator=check.slug)
    colour: Colour | None = attrs.field(default=None)


@attrs.frozen(kw_only=True)
class Drawing:
    """A made-up class with one field of each shape the loader reads."""

    title: str = attrs.field(validator=check.text(1, 20))
    colour: Colour = attrs.field(validator=check.member(Colour))
    palette: tuple[Colour, ...] = attrs.field(
        default=(), validator=check.tuple_of(check.member(Colour))
    )
    shape: Circle | Square = attrs.field()
    outline: Circle | Square | None = attrs.field(default=None)
    parts: tuple[Part, ...] = attrs.field(default=(), metadata={tables.TABLE_KEY: "part"})
    tags: tuple[str, ...] = attrs.field(default=(), validator=check.tuple_of(check.slug))

    def __attrs_post_init__(self) -> None:
        if len({part.id for part in self.parts}) != len(self.parts):
            raise lumbar.ValidationError.single("parts[1].id", "duplicate part id")


GOOD = {
    "title": "A sketch",
    "colour": "red",
    "shape": {"kind": "square", "side": 3},
    "part": [{"id": "left", "colour": "blue"}, {"id": "right"}],
    "tags": ["draft"],
}


def errors_of(table: object, cls: type = Drawing) -> dict[str, str]:
    with pytest.raises(lumbar.ValidationError) as caught:
        tables.build(cls, table)
    return dict(caught.value.errors)


def test_a_table_becomes_the_class_its_fields_describe():
    """Enums by value, tagged unions by kind, arrays as tuples, nested tables as values."""
    drawing = tables.build(Drawing, GOOD)
    assert drawing == Drawing(
        title="A sketch",
        colour=Colour.RED,
        shape=Square(side=3),
        parts=(Part(id="left", colour=Colour.BLUE), Part(id="right")),
        tags=("draft",),
    )


def test_unknown_and_missing_keys_are_each_named():
    """A field's table key is the one its metadata gives; its own name is then unknown."""
    table = {"title": "x", "parts": [], "size": 3}
    assert errors_of(table) == {
        "parts": "unknown field",
        "size": "unknown field",
        "colour": "is required",
        "shape": "is required",
    }


def test_every_bad_field_is_reported_at_once():
    """The loader's own readings and every field the class's validators refuse."""
    table = {
        **GOOD,
        "title": "",
        "tags": ["Bad Tag"],
        "colour": "green",
        "outline": {"kind": "triangle"},
        "part": [{"id": "left", "colour": "pink"}, {"id": "Right"}],
    }
    assert errors_of(table) == {
        "colour": "must be one of 'red', 'blue', got 'green'",
        "outline.kind": "must be one of 'circle', 'square', got 'triangle'",
        "part[left].colour": "must be one of 'red', 'blue', got 'pink'",
        "part[Right].id": errors_of({"id": "Right"}, Part)["id"],
    }
    # Those read, the validators run: each refusal is named, not only the first.
    assert errors_of({**GOOD, "title": "", "tags": ["Bad Tag"]}) == {
        "title": "must not be empty",
        "tags[0]": errors_of({"id": "Bad Tag"}, Part)["id"],
    }


def test_nested_doses_name_their_kind_and_fields():
    """The path runs from the table down to the field: shape.side, outline.kind."""
    assert errors_of({**GOOD, "shape": {"kind": "circle", "radius": 0}}) == {
        "shape.radius": "must be >= 1, got 0"
    }
    assert errors_of({**GOOD, "shape": {"side": 2}}) == {
        "shape.kind": "is required: one of 'circle', 'square'"
    }
    assert errors_of({**GOOD, "shape": 5}) == {"shape": "must be a table with a kind, got 5"}
    assert errors_of({**GOOD, "shape": {"kind": "square", "side": 2, "r": 1}}) == {
        "shape.r": "unknown field"
    }


def test_arrays_and_tables_must_be_what_the_field_holds():
    assert errors_of({**GOOD, "tags": "draft"}) == {"tags": "must be an array, got string 'draft'"}
    assert errors_of({**GOOD, "part": [3]}) == {"part[0]": "must be a table, got integer 3"}
    assert errors_of([GOOD]) == {"": "must be a table, got array"}


def test_the_class_s_own_checks_are_put_in_the_table_s_keys():
    """An error the class reports under a field's name is reported under its table key."""
    table = {**GOOD, "part": [{"id": "left"}, {"id": "left"}]}
    assert errors_of(table) == {"part[1].id": "duplicate part id"}


def test_the_brief_s_example_path():
    """A bad dose bound in a catalog names the exercise, the bound and the field."""
    text = """
[[exercise]]
id = "bird-dog"
name = "Bird dog"
category = "stabilization"
level = 1
loading = "neutral"
position = "quadruped"
references = ["mcgill-1999-apmr"]
default_dose = { kind = "hold", sets = 3, reps = 6, seconds = 10, reps_drop = 2 }
min_dose = { kind = "reps", sets = 1, reps = 0 }
max_dose = { kind = "hold", sets = 3, reps = 10, seconds = 10 }
"""
    with pytest.raises(lumbar.ValidationError) as caught:
        lumbar.Catalog.from_toml(text)
    assert caught.value.errors == (("exercise[bird-dog].min_dose.reps", "must be >= 1, got 0"),)


def test_a_catalog_holds_only_exercise_tables():
    with pytest.raises(lumbar.ValidationError) as caught:
        lumbar.Catalog.from_toml("title = 'mine'\nexercise = 3\n")
    assert dict(caught.value.errors) == {
        "title": "unknown table: this file holds only [[exercise]] tables",
        "exercise": "must be an array of tables ([[exercise]]), got integer 3",
    }
    assert len(lumbar.Catalog.from_toml("")) == 0


def test_references_and_topics_name_the_table_and_field():
    """The registry's tables are named by id; topics by id, or by position without one."""
    with pytest.raises(lumbar.ValidationError) as caught:
        parse_references("[a]\nurl = 'x'\n[b]\ncitation = 'y'\nid = 'c'\n")
    assert dict(caught.value.errors) == {"a.citation": "is required", "b.id": "unknown field"}
    text = "[[topic]]\nid = 'x'\ntitle = ''\nsummary = 's'\nbody = 'b'\nreferences = ['nope']\n"
    with pytest.raises(lumbar.ValidationError) as caught:
        parse_topics(text + "[[topic]]\ntitle = 't'\n")
    assert dict(caught.value.errors) == {
        "topic[x].title": "must not be empty",
        "topic[1].id": "is required",
        "topic[1].summary": "is required",
        "topic[1].body": "is required",
        "topic[1].references": "is required",
    }
    with pytest.raises(lumbar.ValidationError, match=r"topic\[x\]\.references"):
        parse_topics(text.replace("title = ''", "title = 't'"))


def test_topic_bodies_lose_the_blank_lines_around_them():
    topics = parse_topics(
        "[[topic]]\nid = 'x'\ntitle = 't'\nsummary = 's'\n"
        "body = '''\nText.\n'''\nreferences = ['who-2020-pa']\n"
    )
    assert topics["x"].body == "Text."


@given(
    st.dictionaries(
        st.sampled_from([*GOOD, "parts", "outline", "palette", "extra"]),
        json_values(max_leaves=6),
        max_size=8,
    )
)
def test_any_table_builds_or_fails_with_paths(table):
    """Whatever a table holds, the loader builds the value or raises ValidationError."""
    try:
        drawing = tables.build(Drawing, table)
    except lumbar.ValidationError as error:
        assert error.errors
        assert all(message for _, message in error.errors)
    else:
        assert isinstance(drawing, Drawing)
