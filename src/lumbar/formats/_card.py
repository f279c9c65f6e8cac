"""A card: what a notebook shows of one object, written once and drawn as HTML or plain text.

Each displayed type describes itself as a `Card` (a title, a few facts,
tables, paragraphs and folded sections); ``_html`` draws it for Jupyter and
`card_text` for IPython terminals. The plain text keeps what is open and
names what is folded, so that it stays short whatever the object's size.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from typing import TypeAlias

import attrs

TEXT_WIDTH = 80
"""IPython terminals are often 80 columns wide; the plain text never goes past."""
TEXT_LIMIT = 3000
"""The plain text is cut after about this many characters."""
TEXT_ROWS = 12
"""A table in plain text shows this many rows, then says how many more there are."""


class Tone(enum.Enum):
    """The meaning a badge's colour carries; its words always say the same."""

    GOOD = "good"
    CAUTION = "caution"
    ALERT = "alert"
    INFO = "info"
    NEUTRAL = "neutral"


@attrs.frozen
class Badge:
    """A short status word (an action, an outcome, a risk group) in its tone's colours."""

    text: str
    tone: Tone = Tone.NEUTRAL


@attrs.frozen
class Lines:
    """A cell of several lines: the first is the value, the others notes under it."""

    lines: tuple[str, ...]


Cell: TypeAlias = str | Badge | Lines | tuple[Badge, ...]
"""What a table cell or a fact holds: text, a badge, stacked lines or several badges."""


@attrs.frozen
class Table:
    """Rows under a header; ``marked`` rows are shaded (and say why in their own cells)."""

    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    caption: str = ""
    marked: frozenset[int] = frozenset()
    wrap: bool = True
    """False keeps each cell on its lines (doses), so that headers wrap instead."""
    text_columns: tuple[int, ...] | None = None
    """The columns the plain text shows, where 80 columns cannot hold them all (default all)."""


@attrs.frozen
class Paragraph:
    text: str
    strong: bool = False


@attrs.frozen
class Items:
    """A bulleted list."""

    items: tuple[str, ...]


@attrs.frozen
class Folded:
    """A section shown by its summary until opened (HTML ``<details>``)."""

    summary: str
    blocks: tuple[Block, ...]
    open: bool = False


Block: TypeAlias = Table | Paragraph | Items | Folded


@attrs.frozen
class Card:
    """Everything one display shows: a title, its badges, facts and blocks, and a hint."""

    title: str
    facts: tuple[tuple[str, Cell], ...] = ()
    blocks: tuple[Block, ...] = ()
    badges: tuple[Badge, ...] = ()
    hint: str = ""
    """One line for the plain text: where the whole of what it leaves out can be read."""


def cell_text(cell: Cell) -> str:
    """A cell as one line of plain text."""
    if isinstance(cell, str):
        return cell
    if isinstance(cell, Badge):
        return cell.text
    if isinstance(cell, Lines):
        return " / ".join(cell.lines)
    return " ".join(badge.text for badge in cell)


def card_text(card: Card) -> str:
    """The card as plain text: at most `TEXT_WIDTH` columns and about `TEXT_LIMIT`
    characters, folded sections named but not opened."""
    lines: list[str] = []
    size = 0
    for line in _card_lines(card):
        line = _clip(line, TEXT_WIDTH)
        if size + len(line) + 1 > TEXT_LIMIT:
            lines.append("…")
            break
        lines.append(line)
        size += len(line) + 1
    return "\n".join(lines)


def _card_lines(card: Card) -> Iterator[str]:
    badges = "  ".join(f"[{badge.text}]" for badge in card.badges)
    yield f"{card.title}  {badges}" if badges else card.title
    yield "=" * min(TEXT_WIDTH, len(card.title))
    width = max((len(label) for label, _ in card.facts), default=0) + 2
    for label, value in card.facts:
        yield from _wrap(cell_text(value), " " * width, first=f"{label}:".ljust(width))
    yield from _block_lines(card.blocks)
    if card.hint:
        yield ""
        yield from _wrap(card.hint, "")


def _block_lines(blocks: tuple[Block, ...]) -> Iterator[str]:
    for block in blocks:
        if isinstance(block, Folded):
            yield f"+ {block.summary}"
            continue
        yield ""
        if isinstance(block, Paragraph):
            yield from _wrap(block.text, "")
        elif isinstance(block, Items):
            for item in block.items:
                yield from _wrap(f"- {item}", "  ")
        else:
            yield from _table_lines(block)


def _table_lines(table: Table) -> Iterator[str]:
    if table.caption:
        yield table.caption
    keep = range(len(table.header)) if table.text_columns is None else table.text_columns
    rows = [[cell_text(row[i]) for i in keep] for row in table.rows[:TEXT_ROWS]]
    header = [table.header[i] for i in keep]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    # Narrow the widest column until the row fits; the first column (what each row is
    # about) only once the others are down to a dozen characters.
    room = TEXT_WIDTH - 2 * (len(widths) - 1)
    while sum(widths) > room and max(widths) > 6:
        others = [i for i in range(1, len(widths)) if widths[i] > 12]
        widest = max(others, key=lambda i: widths[i]) if others else widths.index(max(widths))
        widths[widest] -= 1
    for row in [header, *rows]:
        cells = [_clip(text, width).ljust(width) for text, width in zip(row, widths, strict=True)]
        yield "  ".join(cells).rstrip()
    if len(table.rows) > TEXT_ROWS:
        yield f"… {len(table.rows) - TEXT_ROWS} more rows"


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _wrap(text: str, indent: str, *, first: str = "") -> Iterator[str]:
    """Words of ``text`` in lines of `TEXT_WIDTH`, the first after ``first``, the
    others after ``indent``."""
    line, start = first, len(first)
    for word in text.split():
        if len(line) > start and len(line) + 1 + len(word) > TEXT_WIDTH:
            yield line
            line, start = indent, len(indent)
        line = f"{line} {word}" if len(line) > start else line + word
    if len(line) > start:
        yield line
