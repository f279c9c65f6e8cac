"""Notebook display, as Jupyter and IPython show it: through IPython's own formatters."""

from __future__ import annotations

import html.parser
import pickle

import attrs
import pytest
from hypothesis import given, settings, strategies as st
from IPython.core.formatters import HTMLFormatter, PlainTextFormatter

import lumbar
from lumbar import strategies
from lumbar._base.display import Displayed
from lumbar.formats._card import TEXT_LIMIT, TEXT_WIDTH
from lumbar.formats._html import MARKED_ROW, PALETTE

HTML = HTMLFormatter()
TEXT = PlainTextFormatter()
CATALOG = lumbar.default_catalog()

# The types the issue names; later result types join by deriving from Displayed.
DISPLAYED = [
    lumbar.Program,
    lumbar.Week,
    lumbar.Session,
    lumbar.Exercise,
    lumbar.Catalog,
    lumbar.Simulation,
    lumbar.Cohort,
    lumbar.Decision,
    lumbar.Screening,
    lumbar.StartBackResult,
    lumbar.OswestryResult,
    lumbar.Assessment,
]


@pytest.fixture(scope="module")
def program() -> lumbar.Program:
    return lumbar.build_program(lumbar.Profile(screening=lumbar.screen(lumbar.RedFlags())))


@pytest.fixture(scope="module")
def simulation(program: lumbar.Program) -> lumbar.Simulation:
    return lumbar.simulate(program, lumbar.FlareUp(), seed=3)


def any_displayed() -> st.SearchStrategy[object]:
    """One value of every displayed type, drawn from the public strategies."""
    return st.one_of(
        strategies.programs(CATALOG),
        strategies.weeks(CATALOG),
        strategies.sessions(CATALOG),
        st.sampled_from(tuple(CATALOG)),
        strategies.exercises(),
        strategies.catalogs(),
        strategies.simulations(CATALOG, max_weeks=4),
        strategies.simulations(max_weeks=3),
        strategies.cohorts(),
        strategies.decisions(),
        strategies.screenings(),
        strategies.start_back_results(),
        strategies.oswestry_results(),
        strategies.assessments(),
    )


class _Checker(html.parser.HTMLParser):
    """Every tag closed in order, and nothing that runs: no scripts, no event handlers."""

    VOID = frozenset({"br"})

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.problems: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "script":
            self.problems.append("a script")
        self.problems.extend(f"handler {name}" for name, _ in attrs if name.startswith("on"))
        self.problems.extend(
            f"{name}={value}" for name, value in attrs if value and "javascript:" in value
        )
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open.pop() != tag:
            self.problems.append(f"</{tag}> does not close the last open tag")


def check_html(markup: str) -> list[str]:
    checker = _Checker()
    checker.feed(markup)
    checker.close()
    return checker.problems + [f"<{tag}> left open" for tag in checker.open]


@pytest.mark.parametrize("kind", DISPLAYED, ids=lambda kind: kind.__name__)
def test_each_type_has_both_hooks_on_its_own_class(kind):
    """IPython finds _repr_html_ and _repr_pretty_ on the class itself, before attrs' __repr__."""
    assert issubclass(kind, Displayed)
    assert "_repr_pretty_" in vars(kind)
    assert callable(kind._repr_html_)


@pytest.mark.parametrize("kind", DISPLAYED, ids=lambda kind: kind.__name__)
def test_hypothesis_prints_the_class_itself_and_its_values_as_ipython_does(kind):
    """Hypothesis's printer (the arguments of a failing example) asks an object for
    _repr_pretty_ directly: a class passed as a test's argument prints as the class, and
    a value as in IPython's terminal."""
    from hypothesis.vendor.pretty import pretty

    assert pretty(kind) == repr(kind)
    assert pretty([kind]) == f"[{kind!r}]"


@settings(max_examples=20)
@given(any_displayed())
def test_hypothesis_prints_values_as_ipython_does(value):
    """The same text in IPython and in Hypothesis's reports."""
    from hypothesis.vendor.pretty import pretty

    assert pretty(value) == TEXT(value)


@settings(max_examples=40)
@given(any_displayed())
def test_html_is_well_formed_and_runs_nothing(value):
    """The HTML display closes every tag and has no script, handler or javascript: link."""
    markup = HTML(value)
    assert isinstance(markup, str)
    assert markup.startswith('<div class="lumbar-card">')
    assert check_html(markup) == []


@settings(max_examples=40)
@given(any_displayed())
def test_plain_text_is_compact(value):
    """The terminal display fits 80 columns and a few thousand characters, whatever the size."""
    text = TEXT(value)
    assert len(text) <= TEXT_LIMIT + 2
    assert max(len(line) for line in text.splitlines()) <= TEXT_WIDTH
    assert text != repr(value)


@settings(max_examples=60)
@given(strategies.documents())
def test_repr_spells_out_every_field_in_order(document):
    """repr() is attrs' own form: the class name and each shown field as name=repr(value)."""
    fields = ", ".join(
        f"{field.name}={getattr(document, field.name)!r}"
        for field in attrs.fields(type(document))
        if field.repr
    )
    assert repr(document) == f"{type(document).__name__}({fields})"


@given(strategies.programs(CATALOG, max_weeks=4))
def test_repr_stays_the_exact_attrs_repr(program):
    """The display leaves repr() alone: it still spells out every field."""
    assert repr(program).startswith("Program(weeks=(Week(sessions=")


def test_program_html_shows_every_exercise_by_name_and_every_week(program):
    markup = HTML(program)
    for _, rx in program.prescriptions():
        assert CATALOG[rx.exercise].name in markup
    for phase in program.phases:
        assert phase.name in markup
    assert markup.count("<details") == len(program.phases)
    weeks = [f"<td>{n}" for n in range(1, len(program.weeks) + 1)]
    assert all(week in markup for week in weeks)
    assert markup.count('class="lb-marked"') == sum(week.deload for week in program.weeks)


def test_long_program_text_is_short(program):
    """A 26-week program shows in IPython in a few dozen lines, not as one 53,000-character line."""
    text = TEXT(program)
    assert len(program.weeks) == 26
    assert len(text) < 1500
    assert text.splitlines()[0] == program.title
    assert "lumbar.render_text(program)" in text


def test_simulation_summary_counts_decisions_and_folds_the_details(simulation):
    markup = HTML(simulation)
    for action in lumbar.Action:
        count = sum(d.action is action for d in simulation.decisions)
        if count:
            assert f">{action.value} {count}<" in markup
    assert "<summary>Rung changes" in markup
    assert "<summary>The program as given</summary>" in markup
    assert len(markup) < 60_000
    assert "highest 7" in TEXT(simulation)


def test_cohort_summary_names_where_ladders_ended_and_counts_stops(program):
    patient = lumbar.SteadyImprover(baseline_pain=6.0)
    cohort = lumbar.simulate_cohort(program, patient, range(12))
    summary = cohort.summary()
    text = TEXT(cohort)
    assert text.startswith(f"Cohort: {program.title}")
    assert f"Exercise stopped: {summary.stopped} of 12" in text
    assert f"Weeks over {cohort.pain_limit}/10:" in text
    markup = HTML(cohort)
    assert check_html(markup) == []
    for ladder, spread in summary.final_rungs.items():
        assert CATALOG[ladder].name in markup
        median = CATALOG.ladder(ladder)[int(spread.median)].name
        assert median in markup
    assert "lumbar.to_dataframe(cohort)" in text


def test_screening_shows_its_outcome_advice_and_flags():
    screening = lumbar.screen(lumbar.RedFlags(bladder_change=True, weight_loss=True))
    markup = HTML(screening)
    assert "urgent" in markup
    assert "emergency department" in markup
    assert "bladder change" in markup
    assert "[urgent]" in TEXT(screening).splitlines()[0]
    assert "[clear]" in TEXT(lumbar.screen(lumbar.RedFlags())).splitlines()[0]


def test_decision_shows_action_next_dose_and_reason(simulation):
    decision = next(d for d in simulation.decisions if d.action is lumbar.Action.REGRESS)
    text = TEXT(decision)
    assert "[regress]" in text
    assert decision.reason.split()[0] in text
    assert CATALOG[decision.exercise].name in HTML(decision)


def test_scores_show_their_group_and_numbers():
    start_back = lumbar.start_back([1, 0, 1, 1, 1, 1, 1, 0, 4])
    assert "high risk" in HTML(start_back)
    assert "7 of 9" in TEXT(start_back)
    odi = lumbar.oswestry([2, 1, 3, 2, 1, 2, 1, 2, 1, 1])
    assert "32.0 %" in TEXT(odi)
    assert "moderate" in HTML(odi)


def test_user_text_is_escaped():
    """A title is shown as text, never as markup."""
    rx = lumbar.Prescription(exercise="walking", dose=lumbar.Duration(minutes=10))
    week = lumbar.Week(sessions=[lumbar.Session(prescriptions=[rx])])
    markup = HTML(lumbar.Program(weeks=[week], title="<b>mine</b>"))
    assert "&lt;b&gt;mine&lt;/b&gt;" in markup
    assert "<b>" not in markup


def relative_luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(first: str, second: str) -> float:
    """The WCAG 2.2 contrast ratio of two sRGB colours such as #1f2937."""
    high, low = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_helper_matches_known_ratios():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("pair", [*PALETTE.values(), MARKED_ROW], ids=str)
def test_coloured_text_has_aaa_contrast(pair):
    """Every colour pair the display sets has a contrast of at least 7:1 (WCAG level AAA)."""
    text, background = pair
    assert contrast(text, background) >= 7


@attrs.frozen
class _LaterResult(Displayed):
    """A result type of a later issue, with no card of its own yet."""

    score: int
    label: str


def test_a_type_without_its_own_card_shows_its_fields():
    value = _LaterResult(score=12, label="x" * 500)
    assert "score" in HTML(value)
    assert "12" in TEXT(value)
    assert len(TEXT(value)) < 400


def test_display_does_not_change_pickling_or_equality():
    """The mixin adds no state: values still compare and pickle as before."""
    first = lumbar.start_back([1, 0, 1, 1, 0, 0, 0, 0, 2])
    assert pickle.loads(pickle.dumps(first)) == first
    assert not hasattr(first, "__dict__")
