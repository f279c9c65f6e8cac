"""Typed uses of the safety API, checked by ``mypy --strict`` in CI (never run)."""

import lumbar
from lumbar import Coupling, Lift, Outcome, RedFlags, Risk

screening: lumbar.Screening = lumbar.screen(RedFlags(fever_or_unwell=True))
outcome: Outcome = screening.outcome
reasons: tuple[str, ...] = screening.reasons
try:
    lumbar.require_clear(screening)
except lumbar.ReferralRequired as referral:
    advice: str = referral.screening.advice

questions = lumbar.red_flag_questions()

risk: Risk = lumbar.start_back([1, 0, 1, 0, 1, 1, 0, 0, 3]).risk
percent: float = lumbar.oswestry([2, 1, None, 3, 2, 2, 1, None, 2, 1]).percent

lift = Lift(
    horizontal_cm=40,
    vertical_cm=30,
    distance_cm=70,
    asymmetry_deg=30,
    frequency_per_min=4,
    duration_hours=1,
    coupling=Coupling.FAIR,
)
limit_kg: float = lumbar.recommended_weight_limit(lift)
index: float = lumbar.lifting_index(lift, 12.0)

checklist: lumbar.Checklist = lumbar.default_checklists()["sitting-workstation"]
assessment: lumbar.Assessment = lumbar.assess(
    checklist, {item.id: True for item in checklist.items}
)
