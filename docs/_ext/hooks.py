"""MkDocs hooks for lumbar's site: pages that list what the package holds, written at build time.

A page asks for a list with a marker comment on a line of its own; the hook puts
the list there, read from the installed package, so the page never falls behind.
"""

from __future__ import annotations

from typing import Any

REGISTRY = "<!-- the whole evidence registry -->"
"""Where the evidence page lists every reference of the registry."""


def on_page_markdown(markdown: str, **kwargs: Any) -> str:
    if REGISTRY in markdown:
        markdown = markdown.replace(REGISTRY, registry_table())
    return markdown


def registry_table() -> str:
    """Every reference of the built-in registry as a Markdown list, in id order."""
    from lumbar.evidence import references

    registry = references()
    lines = [f"{len(registry)} references.", ""]
    for ref_id in sorted(registry):
        ref = registry[ref_id]
        source = ref.citation
        if ref.link:
            source += f" <{ref.link}>"
        if ref.unverified:
            source += " *(details not yet checked against the source)*"
        lines.append(f"- `{ref_id}`: {source}")
    return "\n".join(lines)
