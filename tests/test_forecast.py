"""The patient a plan is made for, and the plan as the rules' forecast."""

from hypothesis import given, strategies as st

import lumbar
from lumbar import (
    AsPlanned,
    ExerciseResult,
    Prescription,
)

CATALOG = lumbar.default_catalog()


# --- the patient the plan is made for -------------------------------------------------


@given(st.integers(), st.integers(0, 520))
def test_as_planned_completes_everything_at_moderate_effort_without_pain(seed, week):
    """Effort 4/10, no pain during or the next morning, whatever the seed and prescription."""
    responder = AsPlanned().responder(seed)
    for exercise in list(CATALOG)[:5]:
        result = responder(Prescription(exercise=exercise.id, dose=exercise.default_dose), week)
        assert result == ExerciseResult(completed=True, rpe=4, pain_during=0, pain_next_day=0)


def test_as_planned_is_a_virtual_patient():
    """It follows the protocol of the other virtual patients and compares as a value."""
    assert isinstance(AsPlanned(), lumbar.VirtualPatient)
    assert AsPlanned() == AsPlanned()
