"""The base every document type inherits: two small mixins, each with its own job.

`Shown` gives the repr attrs would write, once for every class; `PydanticHook` lets
pydantic and FastAPI use the type. Neither adds state, so attrs' slotted classes stay
slotted.
"""

from __future__ import annotations

from lumbar._base.display import Shown
from lumbar._base.pydantic_hook import PydanticHook


class Document(Shown, PydanticHook):
    """Base of lumbar's document types: the shared repr (`Shown`) and the pydantic hook."""

    __slots__ = ()
