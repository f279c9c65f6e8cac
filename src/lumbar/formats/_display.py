"""The drawing behind the notebook hooks of ``lumbar._base.display.Displayed``.

Each displayed type has a card builder; a type without one (a result type added
later, say) gets a plain card of its fields until it has its own. Builders are
looked up along the type's method resolution order, so a subclass draws like its
base.
"""

from __future__ import annotations

import functools
import reprlib
from collections.abc import Callable
from typing import Any

import attrs

from lumbar.formats._card import Card, card_text
from lumbar.formats._html import card_html


def html_of(obj: object) -> str:
    """The object's HTML for Jupyter (``_repr_html_``)."""
    return card_html(card_of(obj))


def text_of(obj: object) -> str:
    """The object's compact plain text for IPython (``_repr_pretty_``)."""
    return card_text(card_of(obj))


def card_of(obj: object) -> Card:
    builders = _builders()
    for kind in type(obj).__mro__:
        builder = builders.get(kind)
        if builder is not None:
            return builder(obj)
    return fields_card(obj)


@functools.cache
def _builders() -> dict[type, Callable[[Any], Card]]:
    """Each displayed type's card."""
    from lumbar.content._catalog import Catalog
    from lumbar.formats import _program_cards as program, _result_cards as result
    from lumbar.formats._cohort_card import cohort_card
    from lumbar.model._exercise import Exercise
    from lumbar.model._program import Program, Session, Week
    from lumbar.progression._decision import Decision
    from lumbar.safety._posture import Assessment
    from lumbar.safety._scores import OswestryResult, StartBackResult
    from lumbar.safety._screening import Screening
    from lumbar.simulation._cohort import Cohort
    from lumbar.simulation._simulate import Simulation

    return {
        Program: program.program_card,
        Week: program.week_card,
        Session: program.session_card,
        Exercise: program.exercise_card,
        Catalog: program.catalog_card,
        Simulation: result.simulation_card,
        Cohort: cohort_card,
        Decision: result.decision_card,
        Screening: result.screening_card,
        StartBackResult: result.start_back_card,
        OswestryResult: result.oswestry_card,
        Assessment: result.assessment_card,
    }


_SHORT = reprlib.Repr()
_SHORT.maxstring = _SHORT.maxother = 120
_SHORT.maxlist = _SHORT.maxtuple = _SHORT.maxdict = 6


def fields_card(obj: object) -> Card:
    """A card of the object's attrs fields, each value's repr kept short."""
    kind = type(obj)
    fields = attrs.fields(kind) if attrs.has(kind) else ()
    return Card(
        title=kind.__name__,
        facts=tuple((field.name, _SHORT.repr(getattr(obj, field.name))) for field in fields),
    )
