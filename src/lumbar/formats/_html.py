"""A card as HTML for Jupyter: readable in light and dark themes, no JavaScript.

Text takes the notebook's own colour, except where a colour carries meaning (badges,
shaded rows): there the text colour and the background are set together, each pair
with a contrast ratio of at least 7:1 (WCAG 2.2 level AAA for normal text), and the
words always say what the colour says. Folded sections are ``<details>`` elements,
which open without scripts. One small style sheet, scoped to the card's class,
keeps the markup short; where a viewer strips it, the card is plain tables and text.
"""

from __future__ import annotations

from collections.abc import Iterator
from html import escape

from lumbar.formats._card import (
    Badge,
    Block,
    Card,
    Cell,
    Folded,
    Items,
    Lines,
    Paragraph,
    Table,
    Tone,
)

PALETTE: dict[Tone, tuple[str, str]] = {
    Tone.GOOD: ("#14532d", "#dcfce7"),
    Tone.CAUTION: ("#713f12", "#fef3c7"),
    Tone.ALERT: ("#7f1d1d", "#fee2e2"),
    Tone.INFO: ("#1e3a8a", "#dbeafe"),
    Tone.NEUTRAL: ("#1f2937", "#e5e7eb"),
}
"""Text and background colour of each tone."""
MARKED_ROW = ("#1f2937", "#eef2f7")
"""Text and background colour of a shaded table row, such as a lighter week."""

# "div.lumbar-card" outweighs notebook rules such as ".jp-RenderedHTMLCommon td".
_SCOPE = "div.lumbar-card"
STYLE = "".join(
    [
        f"{_SCOPE}{{font-size:13px;line-height:1.45;max-width:100%}}",
        f"{_SCOPE} .lb-title{{font-size:15px;font-weight:600;margin:0 0 6px}}",
        f"{_SCOPE} table{{border-collapse:collapse;margin:4px 0}}",
        f"{_SCOPE} th,{_SCOPE} td{{padding:3px 8px;text-align:left;vertical-align:top;"
        "white-space:normal;border-bottom:1px solid rgba(128,128,128,.35)}",
        f"{_SCOPE} table.lb-nowrap td{{white-space:nowrap}}",
        f"{_SCOPE} .lb-facts th,{_SCOPE} .lb-facts td{{border:0}}",
        f"{_SCOPE} .lb-facts th{{padding-left:0;white-space:nowrap}}",
        f"{_SCOPE} tr.lb-marked td{{color:{MARKED_ROW[0]};background:{MARKED_ROW[1]}}}",
        f"{_SCOPE} .lb-scroll{{overflow-x:auto;max-width:100%}}",
        f"{_SCOPE} .lb-note{{font-size:11px}}",
        f"{_SCOPE} summary{{cursor:pointer;font-weight:600}}",
        f"{_SCOPE} details>div{{margin:4px 0 8px 16px}}",
        f"{_SCOPE} p{{margin:6px 0}}",
        f"{_SCOPE} .lb-badge{{border-radius:4px;padding:0 6px;font-size:12px;"
        "font-weight:600;white-space:nowrap}",
        *(
            f"{_SCOPE} .lb-{tone.value}{{color:{text};background:{background}}}"
            for tone, (text, background) in PALETTE.items()
        ),
    ]
)
"""The card's style sheet; every rule is scoped to ``div.lumbar-card``."""


def card_html(card: Card) -> str:
    """The card as one ``<div class="lumbar-card">`` with its style sheet."""
    return "".join(_card(card))


def _card(card: Card) -> Iterator[str]:
    yield f'<div class="lumbar-card"><style>{STYLE}</style>'
    badges = "".join(f" {_badge(badge)}" for badge in card.badges)
    yield f'<div class="lb-title">{escape(card.title)}{badges}</div>'
    if card.facts:
        yield '<table class="lb-facts">'
        for label, value in card.facts:
            yield f'<tr><th scope="row">{escape(label)}</th><td>{_cell(value)}</td></tr>'
        yield "</table>"
    yield from _blocks(card.blocks)
    yield "</div>"


def _blocks(blocks: tuple[Block, ...]) -> Iterator[str]:
    for block in blocks:
        if isinstance(block, Paragraph):
            text = escape(block.text)
            yield f"<p><strong>{text}</strong></p>" if block.strong else f"<p>{text}</p>"
        elif isinstance(block, Items):
            yield "<ul>"
            yield from (f"<li>{escape(item)}</li>" for item in block.items)
            yield "</ul>"
        elif isinstance(block, Folded):
            yield f"<details{' open' if block.open else ''}>"
            yield f"<summary>{escape(block.summary)}</summary><div>"
            yield from _blocks(block.blocks)
            yield "</div></details>"
        else:
            yield from _table(block)


def _table(table: Table) -> Iterator[str]:
    # A wide table scrolls inside its own box instead of widening the page.
    yield (
        '<div class="lb-scroll"><table class="lb-nowrap">'
        if not table.wrap
        else ('<div class="lb-scroll"><table>')
    )
    if table.caption:
        yield f"<caption>{escape(table.caption)}</caption>"
    yield "<thead><tr>"
    yield from (f'<th scope="col">{escape(name)}</th>' for name in table.header)
    yield "</tr></thead><tbody>"
    for index, row in enumerate(table.rows):
        yield '<tr class="lb-marked">' if index in table.marked else "<tr>"
        yield from (f"<td>{_cell(cell)}</td>" for cell in row)
        yield "</tr>"
    yield "</tbody></table></div>"


def _cell(cell: Cell) -> str:
    if isinstance(cell, str):
        return escape(cell)
    if isinstance(cell, Badge):
        return _badge(cell)
    if isinstance(cell, Lines):
        first, *notes = cell.lines
        return escape(first) + "".join(
            f'<br><span class="lb-note">{escape(note)}</span>' for note in notes
        )
    return " ".join(_badge(badge) for badge in cell)


def _badge(badge: Badge) -> str:
    return f'<span class="lb-badge lb-{badge.tone.value}">{escape(badge.text)}</span>'
