"""The hook that lets pydantic, and so FastAPI, use lumbar's document types.

pydantic asks a class for its schema through ``__get_pydantic_core_schema__``.
Document types inherit this one small hook, which hands the question at call time
to `lumbar.formats._pydantic`: lumbar reads, writes and describes the
document (its own validation, paths and JSON Schema), and pydantic is imported
only when pydantic asks. This is the one place where a lower layer reaches up to
``formats``, at call time only; the import-linter contract names it.
"""

from __future__ import annotations

from typing import Any


class PydanticHook:
    """Makes a document type usable in pydantic models, ``TypeAdapter`` and FastAPI.

    Every document type inherits it through `lumbar._base.document.Document`.
    """

    __slots__ = ()

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from lumbar.formats._pydantic import core_schema

        return core_schema(cls)
