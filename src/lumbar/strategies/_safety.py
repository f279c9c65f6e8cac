"""Hypothesis strategies for the safety types: screening, scores, checklists, lifting.

Re-exported by [lumbar.strategies][]; importing this module needs hypothesis.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs
from hypothesis import strategies as st

from lumbar.content._checklists import Checklist, default_checklists
from lumbar.safety._lifting import Coupling, Lift
from lumbar.safety._posture import Assessment, assess
from lumbar.safety._scores import OswestryResult, StartBackResult, oswestry, start_back
from lumbar.safety._screening import RedFlags, Screening, screen

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
