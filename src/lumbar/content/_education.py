"""Weekly education topics: short, cited texts that programs carry one per week.

Exercise together with education is what self-management programs for back pain
rest on (`lancet-foster-2018`, `nice-ng59-2016`; exercise with education also
prevents new episodes, `steffens-2016-jama-im`). The topics live in
``data/education.toml``; `topic_schedule` orders them for a person.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

from lumbar._base import tables, validators as check
from lumbar._base.document import Document
from lumbar.errors import ValidationError


@attrs.frozen(kw_only=True, repr=False)
class EducationTopic(Document):
    """One education topic: a title, a one-sentence summary and a short text in plain words.

    ``body`` is a few short paragraphs of plain text (a line starting with ``- `` is a
    list item). ``references`` are evidence registry ids behind what it says.
    """

    id: str = attrs.field(validator=check.slug)
    """Stable id of the topic, such as ``"pacing"``; weeks name their topic by it."""
    title: str = attrs.field(validator=check.text(1, 200))
    """The topic's title."""
    summary: str = attrs.field(validator=check.text(1, 500))
    """One sentence: the take-home message."""
    body: str = attrs.field(converter=check.stripped, validator=check.text(1, 5000))
    """A few short paragraphs of plain text; a line starting with ``- `` is a list item.
    Stored without leading or trailing white space (TOML's multi-line strings have some)."""
    references: tuple[str, ...] = attrs.field(
        converter=check.to_tuple,
        validator=check.tuple_of(check.slug, min_length=1, unique=True),
    )
    """Evidence registry ids behind what the topic says."""


def parse_topics(text: str) -> Mapping[str, EducationTopic]:
    """Read topics from TOML text in the format of the built-in file."""
    return _topics_from_document(tables.parse(text), check_references=True)


def _topics_from_document(
    document: dict[str, Any], *, check_references: bool
) -> Mapping[str, EducationTopic]:
    """Validate topics as parsed from TOML (or from their compiled copy in _builtin_data)."""
    found: dict[str, EducationTopic] = {}
    errors: list[tuple[str, str]] = []
    for index, topic in enumerate(tables.build_each(EducationTopic, document, "topic")):
        if topic.id in found:
            errors.append((f"topic[{index}].id", f"duplicate topic id {topic.id!r}"))
        if check_references:
            from lumbar.evidence import unknown_ids

            errors.extend(
                (f"topic[{topic.id}].references", f"unknown reference id {ref!r}")
                for ref in unknown_ids(topic.references)
            )
        found[topic.id] = topic
    if errors:
        raise ValidationError(errors)
    return MappingProxyType(found)


@functools.cache
def education_topics() -> Mapping[str, EducationTopic]:
    """The built-in education topics by id, in teaching order (read once, then shared).

    >>> education_topics()["pacing"].title
    'Pacing: steady steps instead of boom and bust'
    """
    from lumbar.content import _builtin_data

    # The same content as data/education.toml, compiled to Python: it loads several times
    # faster. Its reference ids are known (tests/test_compiled_data.py proves it), so the
    # evidence registry is not loaded to check them again.
    return _topics_from_document(_builtin_data.education(), check_references=False)
