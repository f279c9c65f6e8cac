"""Decision codes: a stable slug for each kind of decision, so that apps can word it themselves.

A decision's ``reason`` is an English sentence; its ``code`` says which kind of
decision it is, and its ``values`` hold the numbers the sentence uses, so that an
app can write its own sentence in any language. The codes below are the ones
lumbar's rules and engine give; they do not change meaning between releases
(new codes may be added). A rule of your own that gives no code gets its
action's value (``"progress"``, ``"hold"``, ...).
"""

from __future__ import annotations

from lumbar._base.frozen import FrozenDict

DECISION_CODES: FrozenDict[str, str] = FrozenDict(
    {
        # Dose changes of the base rules.
        "more-reps": "All done at moderate effort: one more repetition per set (values: rpe).",
        "more-load": "All done at moderate effort at the top of the range: more load "
        "(values: rpe).",
        "longer-holds": "All done at moderate effort: longer holds (values: rpe).",
        "more-holds": "All done at moderate effort: more holds, or one more set (values: rpe).",
        "more-minutes": "All done at moderate effort: more minutes toward the target "
        "(values: rpe, target_minutes).",
        "next-stage": "Enough good sessions at this walk-run stage: toward the next stage "
        "(values: sessions).",
        "topped-out": "At the top of this exercise's range; the ladder or the engine decides "
        "what follows (values: rpe).",
        # Why a base rule holds or steps down.
        "not-completed": "Not completed: the same again.",
        "not-completed-twice": "Not completed twice in a row: an easier dose.",
        "less-done": "Less done than prescribed: the same again.",
        "effort-high": "Effort above the ceiling: the same again (values: rpe, max_rpe).",
        "lowest-dose": "An easier dose was called for, but this is the lowest dose of the "
        "easiest variant the person can do: the same again.",
        "stage-pain": "Pain during a walk-run session above the stage limit: repeat the stage "
        "(values: pain, max_pain).",
        "stage-sessions": "Not yet enough good sessions at this walk-run stage "
        "(values: good, needed).",
        "no-rule": "No rule of the stack progresses this kind of dose: the same again.",
        # The ladder.
        "ladder-up": "At the top of the range with little pain: the harder variant "
        "(values: sessions, max_pain).",
        "ladder-down": "No easier dose left: the easier variant.",
        "ladder-confirm": "At the top of the range: more good sessions before the harder "
        "variant (values: good, needed, max_pain).",
        "ladder-wait": "The harder variant starts where it fits the weekly cap, at the start "
        "of a week: the same again until then.",
        "top-of-ladder": "The hardest variant, at the top of its range: keep it up.",
        "ladder-blocked": "The next variant does not fit the person's equipment or "
        "directional preference: the same again.",
        "walk-run-choice": "Walk-run intervals start only when the person chooses to return "
        "to jogging.",
        "not-allowed": "A move onto a variant the program's constraints rule out: stays on "
        "this variant.",
        # The pain gate.
        "pain-over-limit": "Pain during or the next morning over the agreed limit: an easier "
        "dose or variant, or (engine) nothing rises (values: pain, limit).",
        "pain-rise": "Next-morning pain rose: the same again until it settles "
        "(values: before, after).",
        "pain-rise-twice": "Next-morning pain rose twice in a row: an easier dose "
        "(values: before, after).",
        "pause": "Pain over the limit at the easiest dose of the easiest variant: the "
        "exercise sits out until the next week (values: pain, limit).",
        "resume": "Back after a pause, at the lowest dose.",
        "see-clinician": "Pain has stayed over the limit, or kept rising, for weeks: stop "
        "this exercise and see a clinician (values: weeks, limit).",
        # Deloads.
        "deload": "A planned deload week: a lighter dose (values: percent).",
        "deload-hold": "In a deload week nothing rises: the same again.",
        "back-from-deload": "The deload week is over: back to the dose before it.",
        # The weekly cap.
        "cap-limited": "A rise cut to the largest dose the weekly cap allows (values: percent).",
        "cap-hold": "The weekly cap allows no rise this week: the same again (values: percent).",
        "cap-spread": "This week has more sessions of the exercise than its last one: each "
        "is a little shorter, so that the week's volume keeps to the cap (values: percent).",
        "cap-lowered": "An easier dose, eased a little more to keep the week within the "
        "weekly cap (values: percent).",
        "cap-rest": "Even the lowest dose would take this week's volume over the weekly cap: "
        "the exercise sits out this session (values: percent).",
        # The session time budget (Constraints.session_minutes).
        "time-limited": "A change cut to the largest dose that keeps the session within its "
        "minutes (values: minutes).",
        "time-lowered": "A change that would make the session too long: an easier dose of "
        "the current exercise instead (values: minutes).",
        "time-hold": "A rise that would make the session longer than its minutes: the same "
        "again (values: minutes).",
    }
)
"""Every code lumbar's rules and engine give, with what it means and the values it carries."""


def decision_codes() -> FrozenDict[str, str]:
    """The decision codes lumbar gives, each with what it means and the values it carries.

    A rule of your own may use any slug; one that gives none gets its action's value.
    """
    return DECISION_CODES
