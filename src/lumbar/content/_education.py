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

from lumbar._base import validators as check
from lumbar.errors import ValidationError


@attrs.frozen(kw_only=True)
class EducationTopic:
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
    body: str = attrs.field(validator=check.text(1, 5000))
    """A few short paragraphs of plain text; a line starting with ``- `` is a list item."""
    references: tuple[str, ...] = attrs.field(
        converter=check.to_tuple,
        validator=check.tuple_of(check.slug, min_length=1, unique=True),
    )
    """Evidence registry ids behind what the topic says."""


_FIELDS = tuple(a.name for a in attrs.fields(EducationTopic))


def parse_topics(text: str) -> Mapping[str, EducationTopic]:
    """Read topics from TOML text in the format of the built-in file."""
    import tomllib

    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValidationError.single("", f"not valid TOML: {exc}") from exc
    return _topics_from_document(document, check_references=True)


def _topics_from_document(
    document: dict[str, Any], *, check_references: bool
) -> Mapping[str, EducationTopic]:
    """Validate topics as parsed from TOML (or from their compiled copy in _builtin_data)."""
    raw_topics = document.get("topic")
    if not isinstance(raw_topics, list):
        raise ValidationError.single("topic", "must be an array of tables ([[topic]])")
    found: dict[str, EducationTopic] = {}
    errors: list[tuple[str, str]] = []
    for index, raw in enumerate(raw_topics):
        label = f"topic[{index}]"
        if not isinstance(raw, dict):
            errors.append((label, "must be a table"))
            continue
        unknown = sorted(set(raw) - set(_FIELDS))
        if unknown:
            errors.extend((f"{label}.{name}", "unknown field") for name in unknown)
            continue
        missing = [name for name in _FIELDS if name not in raw]
        if missing:
            errors.extend((f"{label}.{name}", "is required") for name in missing)
            continue
        try:
            topic = EducationTopic(**{**raw, "body": str(raw["body"]).strip()})
        except ValidationError as exc:
            errors.extend(exc.prefixed(label).errors)
            continue
        if topic.id in found:
            errors.append((f"{label}.id", f"duplicate topic id {topic.id!r}"))
        if check_references:
            from lumbar.evidence import unknown_ids

            errors.extend(
                (f"{label}.references", f"unknown reference id {ref!r}")
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
