"""Migrations: documents of every earlier schema version brought forward, step by step.

A document carries the version of the format it was written in (``"schema": 1``).
When the format of a document type changes, the schema version goes up by one and
a *step* is registered for each document type whose JSON changed: a function that
takes a document of that type at the old version (a plain dict, without its
``schema`` key) and returns it at the next version. Reading a document applies the
steps from its version to the current one; a type without a step at some version
did not change then. A step for a type must also be registered for every type that
holds it (a step for ``ProgramState`` needs one for ``Step``, which holds a state):
`Migrations.missing` lists what a registry lacks, and a test keeps it empty.

Version 2 brought the compact program state (a state that names its program by a
fingerprint instead of holding it, `lumbar.formats._compact_state`): steps for
``ProgramState``, ``Track`` and ``Step``; every other type is as in version 1.
``tests/documents/`` keeps a document of every type as each version wrote it, and
the tests read them all, so that no step can be forgotten.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import attrs

from lumbar.errors import ROOT, ValidationError
from lumbar.formats._version import SCHEMA_KEY, SCHEMA_VERSION

Document = dict[str, Any]
MigrationStep = Callable[[Document], Document]


@attrs.define
class Migrations:
    """Migration steps by document type name and the version each step reads.

    ``current`` is the version every document is brought to. Steps are checked
    when they are registered: one per type and version, for a version before
    ``current``.
    """

    current: int
    _steps: dict[tuple[str, int], MigrationStep] = attrs.field(factory=dict, init=False)

    def register(self, document: str, version: int) -> Callable[[MigrationStep], MigrationStep]:
        """Decorator: the step that brings a ``document`` of ``version`` to ``version + 1``."""

        def add(step: MigrationStep) -> MigrationStep:
            if not 1 <= version < self.current:
                raise ValueError(
                    f"a step reads a version from 1 to {self.current - 1}, got {version}"
                )
            if (document, version) in self._steps:
                raise ValueError(f"{document} already has a step from version {version}")
            self._steps[(document, version)] = step
            return step

        return add

    def __iter__(self) -> Iterator[tuple[str, int]]:
        """The (document type name, version read) of each step, in registration order."""
        return iter(self._steps)

    def missing(self, holders: Mapping[str, tuple[str, ...]]) -> list[tuple[str, int]]:
        """The steps that are needed but not registered.

        ``holders`` maps a document type name to the names of the types it holds,
        directly or deeper; a type holding one that has a step at a version needs a
        step at that version too.
        """
        needed = {
            (holder, version)
            for (document, version) in self._steps
            for holder, held in holders.items()
            if document in held and holder != document
        }
        return sorted(needed - set(self._steps))

    def migrate(self, data: Document, document: str) -> Document:
        """``data`` (with its ``schema`` key) brought to the current version, without the key.

        Raises `lumbar.ValidationError` for a missing, malformed or newer
        version, and whatever a step raises for a document it cannot read.
        """
        version = data.get(SCHEMA_KEY)
        if type(version) is not int or not 1 <= version <= self.current:
            found = "no schema version" if SCHEMA_KEY not in data else f"schema {version!r}"
            newer = type(version) is int and version > self.current
            raise ValidationError.single(
                SCHEMA_KEY,
                f"must be a version from 1 to {self.current} (this lumbar reads versions up to "
                f"{self.current}; "
                + ("a newer lumbar wrote this document" if newer else "lumbar writes it")
                + f"), got {found}",
            )
        body = {key: value for key, value in data.items() if key != SCHEMA_KEY}
        for step_version in range(version, self.current):
            step = self._steps.get((document, step_version))
            if step is None:
                continue
            try:
                body = step(body)
            except ValidationError:
                raise
            except Exception as exc:  # a malformed old document: say so, with the version
                raise ValidationError.single(
                    ROOT,
                    f"cannot bring this version {step_version} {document} forward: "
                    f"{type(exc).__name__}: {exc}",
                ) from None
        return body


@functools.cache
def built_in() -> Migrations:
    """lumbar's own migrations."""
    from lumbar.formats import _compact_state as compact

    migrations = Migrations(current=SCHEMA_VERSION)
    migrations.register("ProgramState", 1)(compact.program_state)
    migrations.register("Track", 1)(compact.track)
    migrations.register("Step", 1)(compact.step)
    return migrations
