"""Enums whose members compare by their order of definition (mildest first)."""

from __future__ import annotations

import enum
from typing import Any


class OrderedEnum(enum.Enum):
    """An enum ordered by definition: ``<``, ``max()`` and ``sorted()`` follow severity.

    Subclasses list their members from the mildest to the most severe. Members of
    different enums do not compare.
    """

    @property
    def severity(self) -> int:
        """0 for the mildest member, then 1, 2, ... in order of definition."""
        return list(type(self)).index(self)

    def _rank_against(self, other: Any) -> tuple[int, int] | None:
        if type(other) is not type(self):
            return None
        return self.severity, other.severity

    def __lt__(self, other: Any) -> bool:
        ranks = self._rank_against(other)
        if ranks is None:
            return NotImplemented
        return ranks[0] < ranks[1]

    def __le__(self, other: Any) -> bool:
        ranks = self._rank_against(other)
        if ranks is None:
            return NotImplemented
        return ranks[0] <= ranks[1]

    def __gt__(self, other: Any) -> bool:
        ranks = self._rank_against(other)
        if ranks is None:
            return NotImplemented
        return ranks[0] > ranks[1]

    def __ge__(self, other: Any) -> bool:
        ranks = self._rank_against(other)
        if ranks is None:
            return NotImplemented
        return ranks[0] >= ranks[1]
