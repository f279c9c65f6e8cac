"""The evidence registry: the sources behind every clinical number and rule in lumbar.

Every exercise, dose default, threshold and checklist item names one or more
reference ids; [references][lumbar.evidence.references] maps each id to its
[Reference][lumbar.evidence.Reference].

>>> from lumbar import evidence
>>> evidence.get("who-2020-pa").year
2020
"""

from lumbar.evidence._registry import (
    Reference as Reference,
    cite as cite,
    get as get,
    parse_references as parse_references,
    references as references,
    unknown_ids as unknown_ids,
)

__all__ = ["Reference", "cite", "get", "references"]
