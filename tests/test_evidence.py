"""The evidence registry."""

import pytest
from hypothesis import given, strategies as st

import lumbar
from lumbar import evidence
from lumbar.evidence import Reference, parse_references
from lumbar.strategies import evidence_references


def test_registry_loads_and_every_entry_is_citable():
    """Every reference has a citation and, for most, a DOI or URL."""
    refs = evidence.references()
    assert len(refs) >= 40
    for ref_id, ref in refs.items():
        assert ref.id == ref_id
        assert ref.citation
    linked = [ref for ref in refs.values() if ref.link]
    assert len(linked) >= len(refs) // 2


def test_registry_is_read_only():
    """Callers cannot change the shared registry."""
    with pytest.raises(TypeError):
        evidence.references()["x"] = None  # type: ignore[index]


def test_get_and_cite():
    """Look-ups by id; unknown ids are validation errors."""
    assert evidence.get("who-2020-pa").year == 2020
    assert evidence.get("hayden-2021-cochrane").link == (
        "https://doi.org/10.1002/14651858.CD009790.pub2"
    )
    assert evidence.cite(["who-2020-pa"]).startswith("[who-2020-pa] Bull FC")
    with pytest.raises(lumbar.ValidationError, match="unknown reference id 'nope'"):
        evidence.get("nope")


@given(st.lists(evidence_references(), max_size=4))
def test_cite_gives_one_line_per_id_in_order(refs):
    """Each id gives its own line, "[id] citation", in the order given."""
    lines = [f"[{ref.id}] {ref.citation}" for ref in refs]
    assert evidence.cite([ref.id for ref in refs]) == "\n".join(lines)
    assert evidence.cite(ref.id for ref in refs) == "\n".join(lines)


@given(evidence_references())
def test_a_single_id_is_cited_as_one_reference(ref):
    """A string is one id, not a sequence of one-letter ids."""
    assert evidence.cite(ref.id) == evidence.cite([ref.id]) == f"[{ref.id}] {ref.citation}"


def test_unverified_items_are_flagged():
    """Citations the project notes could not check say so."""
    assert evidence.get("thomee-1997").unverified
    assert not evidence.get("who-2020-pa").unverified


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[a-b]\ncitation = ''", "a-b.citation: must not be empty"),
        ("[Bad_Id]\ncitation = 'x'", "lower-case slug"),
        ("[a]\ncitation = 'x'\nyear = 1", "a.year: unknown field"),
        ("[a]\ncitation = 'x'\nunverified = 'yes'", "a.unverified: must be true or false"),
        ("[a\n", "not valid TOML"),
        ("a = 1", "must be a table"),
    ],
)
def test_parse_errors_name_the_reference(text, message):
    """A broken registry file names the reference and field."""
    with pytest.raises(
        lumbar.ValidationError, match=message.replace("(", r"\(").replace(")", r"\)")
    ):
        parse_references(text)


def test_reference_validation():
    """References are validated like every domain object."""
    with pytest.raises(lumbar.ValidationError, match="doi"):
        Reference(id="x", citation="y", doi="")


# --- references and design choices --------------------------------------------------------


def test_registry_separates_references_from_design_choices():
    """Design choices are registered with a rationale; their ids start with "design-"."""
    refs = evidence.references()
    chosen = evidence.design_choices()
    assert chosen
    assert set(chosen) < set(refs)
    for ref_id, ref in refs.items():
        assert ref.is_design_choice == ref_id.startswith("design-") == (ref_id in chosen)
        if ref.is_design_choice:
            assert ref.kind is evidence.EvidenceKind.DESIGN_CHOICE
            assert ref.rationale
        else:
            assert ref.rationale is None
            assert not ref.informed_by


def test_design_choices_are_informed_by_known_references():
    """A design choice draws on published references, never on another design choice."""
    refs = evidence.references()
    for choice in evidence.design_choices().values():
        for ref_id in choice.informed_by:
            assert ref_id in refs, (choice.id, ref_id)
            assert not refs[ref_id].is_design_choice, (choice.id, ref_id)


def test_pain_limit_is_recorded_as_an_extrapolation():
    """The pain gate's limit cites the Achilles trial and says it is extrapolated to back pain."""
    choice = evidence.get("design-pain-limit")
    assert "silbernagel-2007-ajsm" in choice.informed_by
    assert "extrapolation" in choice.rationale
    assert "Achilles" in evidence.get("silbernagel-2007-ajsm").note


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"id": "design-x", "citation": "c"}, "id: a design choice's id"),
        ({"id": "x", "citation": "c", "kind": "design-choice", "rationale": "r"}, "id:"),
        (
            {"id": "design-x", "citation": "c", "kind": "design-choice"},
            "rationale: is required for a design choice",
        ),
        ({"id": "x", "citation": "c", "rationale": "r"}, "only a design choice has a rationale"),
        ({"id": "x", "citation": "c", "informed_by": ["y"]}, "only a design choice is informed"),
        ({"id": "x", "citation": "c", "kind": "opinion"}, "kind: must be one of"),
    ],
)
def test_entry_kind_rules(fields, message):
    """Kinds are validated at construction, errors naming the field."""
    with pytest.raises(lumbar.ValidationError, match=message):
        Reference(**fields)


def test_design_choice_from_toml():
    """A registry file declares a design choice with its kind, rationale and sources."""
    parsed = parse_references(
        '[design-x]\nkind = "design-choice"\ncitation = "chosen"\nrationale = "why"\n'
        'informed_by = ["who-2020-pa"]\n'
    )
    entry = parsed["design-x"]
    assert entry.is_design_choice
    assert entry.informed_by == ("who-2020-pa",)


def test_evidence_page_lists_every_design_choice():
    """The evidence page's table of design choices is the registry's, no more and no less."""
    import re
    from pathlib import Path

    page = (Path(__file__).parent.parent / "docs" / "evidence.md").read_text(encoding="utf-8")
    table = set(re.findall(r"^\| `(design-[a-z0-9-]+)` \|", page, re.MULTILINE))
    assert table == set(evidence.design_choices())
