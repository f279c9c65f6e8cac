"""What content and plans key on about a person: their STarT Back risk group and their goal.

Both live in the model because education topics (content) and the planner
(planning) each choose by them, and the safety layer's STarT Back scoring
returns a risk group.
"""

from __future__ import annotations

import enum

from lumbar._base.ordering import OrderedEnum


class Risk(OrderedEnum):
    """STarT Back risk group, lowest first; groups compare by risk (``LOW < HIGH``)."""

    LOW = "low"
    """Total score 3 or less: advice, reassurance and self-management usually suffice."""
    MEDIUM = "medium"
    """Total 4 or more with a psychosocial subscale of 3 or less."""
    HIGH = "high"
    """Psychosocial subscale 4 or more: psychosocial factors need addressing too."""


class Goal(enum.Enum):
    """What the person wants from the program; it sets emphases and education topics."""

    GENERAL = "general"
    """General back health: strength, endurance and staying active."""
    RETURN_TO_JOGGING = "return-to-jogging"
    """Back to easy running through a pain-gated walk-run progression."""
    DESK_WORKER = "desk-worker"
    """Long hours sitting: hip and upper-back mobility, movement breaks."""
    MANUAL_WORK = "manual-work"
    """Lifting and carrying at work or at home: hinge, carry and leg strength."""
