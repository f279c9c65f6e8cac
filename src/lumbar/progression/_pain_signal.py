"""What the pain-monitoring model reads in a history: pain over a limit, next-morning pain rising.

Shared by the pain gate (policy: what to do about it) and the engine (mechanism: nothing
rises after such a session, whatever the rule stack), so that both read pain the same way.
"""

from __future__ import annotations

from lumbar.progression._protocol import Attempt


def over_limit(attempt: Attempt, limit: int) -> bool:
    """True when pain during the session or the next morning was over ``limit``."""
    result = attempt.result
    return result.pain_during > limit or result.pain_next_day > limit


def baseline(history: tuple[Attempt, ...], index: int) -> int | None:
    """What next-morning pain after ``history[index]`` is compared with, if anything.

    The pain at rest before that session when it was recorded, else the next-morning
    pain after the attempt before it; None for a first attempt without either.
    """
    attempt = history[index]
    if attempt.pain_before is not None:
        return attempt.pain_before
    position = index if index >= 0 else len(history) + index
    if position <= 0:
        return None
    return history[position - 1].result.pain_next_day


def rose(history: tuple[Attempt, ...], index: int) -> bool:
    """True when next-morning pain after ``history[index]`` was above its baseline."""
    before = baseline(history, index)
    return before is not None and history[index].result.pain_next_day > before


def pain_failed(history: tuple[Attempt, ...], limit: int) -> bool:
    """True when the latest attempt gives no licence to progress: pain over the limit, or a rise.

    ``over_limit(history[-1], limit) or rose(history, -1)``, written out: the engine asks it
    after every decision.
    """
    latest = history[-1]
    result = latest.result
    after = result.pain_next_day
    if result.pain_during > limit or after > limit:
        return True
    before = latest.pain_before
    if before is None:
        return len(history) > 1 and after > history[-2].result.pain_next_day
    return after > before


def weeks_in_pain(history: tuple[Attempt, ...], limit: int, safe: int) -> int:
    """Weeks from the first to the latest of the attempts in a row, ending with the latest, with
    pain over ``limit`` or next-morning pain rising above ``safe``; 0 when the latest had neither.
    """

    def hurt(index: int) -> bool:
        attempt = history[index]
        return over_limit(attempt, limit) or (
            attempt.result.pain_next_day > safe and rose(history, index)
        )

    index = len(history) - 1
    if not hurt(index):
        return 0
    while index > 0 and hurt(index - 1):
        index -= 1
    return history[-1].week_index - history[index].week_index
