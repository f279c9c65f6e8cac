"""A griffe extension for lumbar's API reference: attrs classes show their fields and signature.

griffe reads source, and attrs writes each class's ``__init__`` at run time, so
without help the reference shows no signature, and a field shows its
``attrs.field(validator=...)`` call instead of its default. This extension imports
each attrs class (the docs build has lumbar installed) and, from ``attrs.fields``:

- adds the ``__init__`` attrs generates, which ``merge_init_into_class`` shows as
  the class's signature: every field with its type and default, keyword-only where
  the class is (a class that writes its own ``__init__`` keeps it, with the fields'
  defaults shown as values);
- gives each field its default as its value, and, where a field has no docstring
  but its metadata holds the question it answers (the red-flag answers), that
  question as its docstring;
- drops private base classes (the display mixin) from the bases shown.

It also shows doctest examples (``>>>`` paragraphs) as Python console code blocks
instead of quotes, and hypothesis' ``@composite`` strategies as users call them:
without ``draw``, returning a ``SearchStrategy``.
"""

from __future__ import annotations

import enum
import importlib
import re
from typing import Any

import attrs
import griffe

_DOCTEST = re.compile(r"(?m)^(?P<indent>[ \t]*)>>> .*(?:\n(?P=indent)(?:>>>|\.\.\.|(?!\s*$)).*)*")


class AttrsFields(griffe.Extension):
    """Signatures, field defaults and docstrings for attrs classes; doctests as code."""

    def on_class_members(self, *, cls: griffe.Class, **kwargs: Any) -> None:
        cls.bases = [base for base in cls.bases if not _is_private(str(base))]
        runtime = _runtime_class(cls)
        if runtime is None or not attrs.has(runtime):
            return
        parameters = [griffe.Parameter("self", kind=griffe.ParameterKind.positional_or_keyword)]
        for field in attrs.fields(runtime):
            member = cls.members.get(field.name)
            default = _default(field.default)
            if isinstance(member, griffe.Attribute):
                member.value = default
                # A field is an attribute of each instance, not of the class.
                member.labels.discard("class-attribute")
                member.labels.add("instance-attribute")
                if member.docstring is None and "question" in field.metadata:
                    member.docstring = griffe.Docstring(
                        f"{field.metadata['question']} How soon a yes needs care: "
                        f"[`{field.metadata['tier'].value}`][lumbar.safety.Tier].",
                        parent=member,
                    )
            if not field.init:
                continue
            kind = (
                griffe.ParameterKind.keyword_only
                if field.kw_only
                else griffe.ParameterKind.positional_or_keyword
            )
            parameters.append(
                griffe.Parameter(
                    field.alias or field.name,
                    annotation=member.annotation if isinstance(member, griffe.Attribute) else None,
                    kind=kind,
                    default=default,
                )
            )
        written = cls.members.get("__init__")
        if isinstance(written, griffe.Function):
            # An ``__init__`` written by hand (``init=False``: it checks, then calls attrs'
            # ``__attrs_init__``) keeps its own signature; its defaults show as the fields'.
            defaults = {parameter.name: parameter.default for parameter in parameters}
            for parameter in written.parameters:
                if parameter.name != "self" and parameter.name in defaults:
                    parameter.default = defaults[parameter.name]
            return
        if "__init__" in cls.members or not _generates_init(runtime):
            return
        init = griffe.Function(
            "__init__",
            parameters=griffe.Parameters(*parameters),
            returns="None",
            lineno=cls.lineno,
            endlineno=cls.lineno,
        )
        init.labels.add("generated")
        cls.set_member("__init__", init)

    def on_function(self, *, func: griffe.Function, **kwargs: Any) -> None:
        # hypothesis' @composite hides ``draw``: users call the strategy without it and
        # get a SearchStrategy of what the function returns.
        if any(str(d.value).endswith("composite") for d in func.decorators):
            func.parameters = griffe.Parameters(*list(func.parameters)[1:])
            func.returns = f"SearchStrategy[{func.returns}]"

    def on_object(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        docstring = obj.docstring
        if docstring is not None and ">>>" in docstring.value:
            docstring.value = _DOCTEST.sub(_fence, docstring.value)


def _fence(match: re.Match[str]) -> str:
    indent = match["indent"]
    return f"{indent}```pycon\n{match[0]}\n{indent}```"


def _is_private(path: str) -> bool:
    return any(part.startswith("_") and not part.startswith("__") for part in path.split("."))


def _runtime_class(cls: griffe.Class) -> type | None:
    try:
        module = importlib.import_module(cls.module.path)
    except ImportError:
        return None
    found = getattr(module, cls.name, None)
    return found if isinstance(found, type) else None


def _generates_init(runtime: type) -> bool:
    """True when attrs wrote the class's ``__init__`` (not ``init=False`` with its own)."""
    code = getattr(runtime.__dict__.get("__init__"), "__code__", None)
    return code is not None and code.co_filename.startswith("<attrs generated")


def _default(value: object) -> str | None:
    """The default as the reference shows it, or None for a required field."""
    if value is attrs.NOTHING:
        return None
    if isinstance(value, attrs.Factory):  # type: ignore[arg-type]
        if value.takes_self:
            return "..."  # worked out from the other fields; the docstring says how
        made = value.factory()
        return repr(made) if made in ((), {}, []) else f"{value.factory.__name__}()"
    if isinstance(value, enum.Enum):
        return f"{type(value).__name__}.{value.name}"
    if attrs.has(type(value)) and value == type(value)():
        return f"{type(value).__name__}()"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'  # as ruff writes it
    return repr(value)
