"""Which education topic each week brings, ordered by the person's STarT Back risk and goal."""

from __future__ import annotations

from lumbar.model._person import Goal, Risk

TOPIC_SHIFT_PER_CYCLE = 3
"""A later program starts its topics this many further along (design-session-layout)."""

# Each named number below -> the registry ids behind it (docs/evidence.md; a test checks).
EVIDENCE = {"TOPIC_SHIFT_PER_CYCLE": ("design-session-layout",)}

FINAL_TOPIC = "keeping-it-up"
"""The last week's topic: gains fade when exercise stops (`steffens-2016-jama-im`)."""


# Teaching order by STarT Back risk. People at high risk have more psychosocial
# obstacles (fear, worry, low mood; `hill-2008-sbst`), so what pain means and
# moving without fear come first; guidelines put reassurance and staying active
# first for everyone (`nice-ng59-2016`, `osullivan-2020-bjsm`). "GOAL" marks where
# the goal's own topic goes. Design choices informed by those sources.
_ORDER: dict[Risk, tuple[str, ...]] = {
    Risk.LOW: (
        "staying-active",
        "exercise-works",
        "pain-and-what-it-means",
        "pacing",
        "GOAL",
        "flare-up-plan",
        "moving-without-fear",
        "sleep-stress-mood",
        "work-and-sport",
    ),
    Risk.MEDIUM: (
        "pain-and-what-it-means",
        "staying-active",
        "pacing",
        "flare-up-plan",
        "exercise-works",
        "GOAL",
        "moving-without-fear",
        "sleep-stress-mood",
        "work-and-sport",
    ),
    Risk.HIGH: (
        "pain-and-what-it-means",
        "moving-without-fear",
        "staying-active",
        "pacing",
        "flare-up-plan",
        "sleep-stress-mood",
        "exercise-works",
        "GOAL",
        "work-and-sport",
    ),
}


_GOAL_TOPIC: dict[Goal, str | None] = {
    Goal.GENERAL: None,
    Goal.RETURN_TO_JOGGING: "running-and-your-back",
    Goal.DESK_WORKER: "desk-and-sitting",
    Goal.MANUAL_WORK: "lifting-at-work",
}


def topic_order(risk: Risk | None, goal: Goal) -> tuple[str, ...]:
    """The topics in the order a person with this risk and goal meets them (final one excluded)."""
    goal_topic = _GOAL_TOPIC[goal]
    order: list[str] = []
    for item in _ORDER[Risk.LOW if risk is None else risk]:
        if item != "GOAL":
            order.append(item)
        elif goal_topic is not None:
            order.append(goal_topic)
    return tuple(order)


def topic_schedule(
    weeks: int, *, risk: Risk | None = None, goal: Goal = Goal.GENERAL, cycle: int = 1
) -> tuple[str, ...]:
    """One topic id per week: the person's order, revisited when the weeks outnumber the topics.

    The last week always brings the topic about keeping exercise going. In a later
    program (``cycle`` 2, 3, ...) the order starts further along, so that the first
    weeks revisit different topics.
    """
    if weeks < 1:
        return ()
    order = topic_order(risk, goal)
    shift = (cycle - 1) * TOPIC_SHIFT_PER_CYCLE % len(order)
    order = order[shift:] + order[:shift]
    body = tuple(order[index % len(order)] for index in range(weeks - 1))
    return (*body, FINAL_TOPIC)
