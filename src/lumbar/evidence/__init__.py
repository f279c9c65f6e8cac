"""The evidence registry: the sources behind every clinical number and rule in lumbar.

Every exercise, dose, threshold and checklist item names one or more registry ids.
An id is either a **reference** (a guideline, trial, review, manual or position
stand that supports the number) or a registered **design choice** (a number the
library chose, with its rationale and the references that informed it).
[references][lumbar.evidence.references] maps each id to its
[Reference][lumbar.evidence.Reference]; `kind` tells the two apart. How a number in
code names its evidence: see the "Evidence and sources" page.

>>> from lumbar import evidence
>>> evidence.get("who-2020-pa").year
2020
>>> evidence.get("design-weekly-cap").kind
<EvidenceKind.DESIGN_CHOICE: 'design-choice'>
"""

from lumbar.evidence._registry import (
    EvidenceKind as EvidenceKind,
    Reference as Reference,
    cite as cite,
    design_choices as design_choices,
    get as get,
    parse_references as parse_references,
    references as references,
    unknown_ids as unknown_ids,
)

__all__ = ["EvidenceKind", "Reference", "cite", "design_choices", "get", "references"]
