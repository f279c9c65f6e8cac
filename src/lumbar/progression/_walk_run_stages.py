"""The walk-run stages of the return to jogging: the table the rules, cap and planner share."""

from __future__ import annotations

from lumbar.model._dose import Intervals

# For walk-run intervals, one stage: five more jogging minutes per session (stages 1-6 of the
# running notes each add 5 jog minutes a session, the half hour on feet kept). At near-zero
# running volume that small absolute step, and the constant time on feet, are the controls
# the running notes argue for; a 10 % rule would take months a stage, and its evidence in
# running is weak (buist-2008-ajsm, nielsen-2014-jospt). Design choice: design-walk-run-cap.
STAGE_STEP_SECONDS = 300

# The walk-run stages 1-6 of the running notes (Step Ahead Athlete handout ladder, built into
# a pain-gated scheme; a design, not trialled in low back pain): rounds of
# (jog seconds, walk seconds). Stages 7-8 are continuous jogging, a Duration dose, so they
# belong to the next exercise on the ladder. Stage 1 -> 2 doubles the jog minutes, far
# above any percentage cap: the running notes argue that at near-zero running volume the
# small absolute step (+5 jog minutes) and the constant ~30 min on feet are the safer
# controls, so the weekly cap's smallest step for intervals is one stage (STAGE_STEP_SECONDS).
WALK_RUN_STAGES: tuple[Intervals, ...] = (
    Intervals(rounds=5, work_seconds=60, rest_seconds=300),
    Intervals(rounds=5, work_seconds=120, rest_seconds=240),
    Intervals(rounds=5, work_seconds=180, rest_seconds=180),
    Intervals(rounds=5, work_seconds=240, rest_seconds=120),
    Intervals(rounds=5, work_seconds=300, rest_seconds=60),
    Intervals(rounds=3, work_seconds=600, rest_seconds=60),
)

# Each named number above -> the registry ids behind it (docs/evidence.md; a test checks).
EVIDENCE = {
    "STAGE_STEP_SECONDS": ("design-walk-run-cap", "design-walk-run-stages"),
    "WALK_RUN_STAGES": ("design-walk-run-stages",),
}
