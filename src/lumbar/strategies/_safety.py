"""Hypothesis strategies for the safety types: screening, scores, checklists, lifting.

Re-exported by [lumbar.strategies][]; importing this module needs hypothesis.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs
from hypothesis import strategies as st

from lumbar.content._checklists import Checklist, default_checklists
from lumbar.safety._change import ScoreChange, compare
from lumbar.safety._instruments import (
    FABQ_ITEMS,
    ITEM_MAX,
    PSEQ_ITEMS,
    RMDQ_ITEMS,
    FabqResult,
    PseqResult,
    RolandMorrisResult,
    fabq,
    pseq,
    roland_morris,
)
from lumbar.safety._lifting import Coupling, Lift
from lumbar.safety._posture import Assessment, assess
from lumbar.safety._red_flags import RedFlags
from lumbar.safety._scores import OswestryResult, StartBackResult, oswestry, start_back
from lumbar.safety._screening import Screening, screen

_RED_FLAG_FIELDS = tuple(a.name for a in attrs.fields(RedFlags))


def red_flags(*, any_flag: bool | None = None) -> st.SearchStrategy[RedFlags]:
    """Red-flag answers; ``any_flag=True`` forces at least one "yes", ``False`` none."""
    if any_flag is False:
        return st.just(RedFlags())
    answers = st.fixed_dictionaries({name: st.booleans() for name in _RED_FLAG_FIELDS})
    if any_flag:
        answers = st.tuples(answers, st.sampled_from(_RED_FLAG_FIELDS)).map(
            lambda pair: {**pair[0], pair[1]: True}
        )
    return answers.map(lambda fields: RedFlags(**fields))


def screenings() -> st.SearchStrategy[Screening]:
    """Screenings of random red-flag answers, every outcome included."""
    return red_flags().map(screen)


def start_back_items() -> st.SearchStrategy[list[int]]:
    """Valid STarT Back answers: eight 0/1 items then bothersomeness 0-4 (Keele order)."""
    return st.tuples(st.lists(st.integers(0, 1), min_size=8, max_size=8), st.integers(0, 4)).map(
        lambda pair: [*pair[0], pair[1]]
    )


def start_back_results() -> st.SearchStrategy[StartBackResult]:
    """Scored STarT Back questionnaires."""
    return start_back_items().map(start_back)


@st.composite
def oswestry_sections(draw: st.DrawFn, *, max_unanswered: int = 2) -> list[int | None]:
    """Valid ODI answers: ten sections 0-5 with up to ``max_unanswered`` left as None."""
    sections: list[int | None] = list(draw(st.lists(st.integers(0, 5), min_size=10, max_size=10)))
    skipped = draw(st.lists(st.integers(0, 9), max_size=min(max_unanswered, 2), unique=True))
    for index in skipped:
        sections[index] = None
    return sections


def oswestry_results() -> st.SearchStrategy[OswestryResult]:
    """Scored ODI questionnaires."""
    return oswestry_sections().map(oswestry)


def _centimetres(high: float) -> st.SearchStrategy[float]:
    return st.floats(min_value=0, max_value=high, allow_nan=False, allow_infinity=False)


def lifts(*, within_limits: bool = False) -> st.SearchStrategy[Lift]:
    """Valid lifts, including ones whose limit is 0 kg unless ``within_limits``.

    With ``within_limits`` every multiplier is above zero (H <= 63 cm, V <= 175 cm,
    D <= 175 cm, A <= 135°, and at most 8 lifts a minute).
    """
    return st.builds(
        Lift,
        horizontal_cm=_centimetres(63 if within_limits else 100),
        vertical_cm=_centimetres(175 if within_limits else 220),
        distance_cm=_centimetres(175 if within_limits else 220),
        asymmetry_deg=st.floats(min_value=0, max_value=135 if within_limits else 180),
        frequency_per_min=st.floats(min_value=0.01, max_value=8 if within_limits else 20),
        duration_hours=st.floats(min_value=0.05, max_value=8),
        coupling=st.sampled_from(Coupling),
        origin_vertical_cm=st.none() | _centimetres(175),
    )


def checklists() -> st.SearchStrategy[Checklist]:
    """The built-in checklists."""
    return st.sampled_from(sorted(default_checklists().values(), key=lambda c: c.id))


def checklist_answers(checklist: Checklist) -> st.SearchStrategy[Mapping[str, bool]]:
    """A complete set of yes/no answers to ``checklist``."""
    return st.fixed_dictionaries({item_id: st.booleans() for item_id in checklist.ids})


@st.composite
def assessments(draw: st.DrawFn) -> Assessment:
    """Assessments of random answers to a built-in checklist."""
    checklist = draw(checklists())
    return assess(checklist, draw(checklist_answers(checklist)))


def _answers(
    answer: st.SearchStrategy[Any], count: int, unanswered: bool
) -> st.SearchStrategy[Any]:
    item = st.none() | answer if unanswered else answer
    return st.lists(item, min_size=count, max_size=count)


def roland_morris_answers(*, unanswered: bool = True) -> st.SearchStrategy[list[bool | None]]:
    """Valid Roland-Morris answers: 24 booleans, some None unless ``unanswered=False``."""
    return _answers(st.booleans(), RMDQ_ITEMS, unanswered)


def roland_morris_results() -> st.SearchStrategy[RolandMorrisResult]:
    """Scored Roland-Morris questionnaires."""
    return roland_morris_answers().map(roland_morris)


def fabq_answers(*, unanswered: bool = True) -> st.SearchStrategy[list[int | None]]:
    """Valid FABQ answers: 16 whole numbers 0-6, some None unless ``unanswered=False``."""
    return _answers(st.integers(0, ITEM_MAX), FABQ_ITEMS, unanswered)


def fabq_results() -> st.SearchStrategy[FabqResult]:
    """Scored FABQ questionnaires, scales with unanswered items included."""
    return fabq_answers().map(fabq)


def pseq_answers(*, unanswered: bool = True) -> st.SearchStrategy[list[int | None]]:
    """Valid PSEQ answers: 10 whole numbers 0-6, some None unless ``unanswered=False``."""
    return _answers(st.integers(0, ITEM_MAX), PSEQ_ITEMS, unanswered)


def pseq_results() -> st.SearchStrategy[PseqResult]:
    """Scored PSEQ questionnaires."""
    return pseq_answers().map(pseq)


def pain_ratings() -> st.SearchStrategy[int]:
    """Pain on the 0-10 numeric rating scale."""
    return st.integers(0, 10)


def comparable_scores() -> st.SearchStrategy[tuple[Any, Any]]:
    """Two results of one measure that [lumbar.compare][lumbar.safety.compare] takes.

    Two ODI results, two Roland-Morris results or two pain ratings.
    """
    return (
        st.tuples(oswestry_results(), oswestry_results())
        | st.tuples(roland_morris_results(), roland_morris_results())
        | st.tuples(pain_ratings(), pain_ratings())
    )


def score_changes() -> st.SearchStrategy[ScoreChange]:
    """Changes between two results of one measure."""
    return comparable_scores().map(lambda pair: compare(*pair))
