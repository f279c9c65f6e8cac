"""The exercise catalog: loading it from TOML, checking its ladders, and looking things up."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator, Mapping

import attrs

from lumbar._base import tables
from lumbar._base.display import Displayed
from lumbar._base.document import Document
from lumbar.errors import UnknownExerciseError, ValidationError
from lumbar.model._exercise import Category, Equipment, Exercise, SpinalLoading


@attrs.frozen(init=False, repr=False)
class Catalog(Displayed, Document):
    """An immutable, validated set of exercises, looked up by id.

    ``len(catalog)``, ``"bird-dog" in catalog``, ``catalog["bird-dog"]`` and
    iteration (in file order) work as for a read-only mapping of exercises.
    Every ``easier``/``harder`` link resolves inside the catalog and is mirrored,
    ladders have no cycles and every reference id is in the evidence registry.

    A catalog is a frozen value: catalogs holding equal exercises are equal, in
    whatever order, and equal catalogs hash equal, so a catalog can be a dict key.
    """

    _by_id: dict[str, Exercise]

    def __init__(self, exercises: Iterable[Exercise]) -> None:
        self._fill(tuple(exercises), check_references=True)

    def _fill(self, exercises: tuple[Exercise, ...], *, check_references: bool) -> None:
        _check_catalog(exercises, check_references=check_references)
        object.__setattr__(self, "_by_id", {exercise.id: exercise for exercise in exercises})

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, item: object) -> bool:
        if isinstance(item, Exercise):
            return self._by_id.get(item.id) == item
        return item in self._by_id

    def __iter__(self) -> Iterator[Exercise]:
        return iter(self._by_id.values())

    def __getitem__(self, exercise_id: str) -> Exercise:
        try:
            return self._by_id[exercise_id]
        except (KeyError, TypeError):
            raise UnknownExerciseError(f"no exercise {exercise_id!r} in this catalog") from None

    def __repr__(self) -> str:
        return f"<Catalog of {len(self)} exercises>"

    def __hash__(self) -> int:
        # Consistent with equality (the same exercises by id): equal catalogs have the same
        # ids. The ids alone hash in microseconds, where whole exercises would take longer.
        return hash(frozenset(self._by_id))

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self._by_id)

    def filter(
        self,
        *,
        category: Category | None = None,
        equipment: Iterable[Equipment] | None = None,
        loading: SpinalLoading | Iterable[SpinalLoading] | None = None,
        level: int | None = None,
        max_level: int | None = None,
    ) -> tuple[Exercise, ...]:
        """The exercises that match every given criterion, in catalog order.

        ``equipment`` is what the person has: an exercise matches when it needs
        nothing else. ``loading`` may be one direction or several allowed ones.
        """
        have = None if equipment is None else frozenset(equipment)
        if isinstance(loading, SpinalLoading):
            allowed: frozenset[SpinalLoading] | None = frozenset((loading,))
        else:
            allowed = None if loading is None else frozenset(loading)
        return tuple(
            exercise
            for exercise in self
            if (category is None or exercise.category is category)
            and (have is None or have.issuperset(exercise.equipment))
            and (allowed is None or exercise.loading in allowed)
            and (level is None or exercise.level == level)
            and (max_level is None or exercise.level <= max_level)
        )

    def ladder(self, exercise_id: str) -> tuple[Exercise, ...]:
        """The whole ladder that holds this exercise, from easiest to hardest."""
        exercise = self[exercise_id]
        while exercise.easier is not None:
            exercise = self._by_id[exercise.easier]
        rungs = [exercise]
        while rungs[-1].harder is not None:
            rungs.append(self._by_id[rungs[-1].harder])
        return tuple(rungs)

    def ladders(self) -> tuple[tuple[Exercise, ...], ...]:
        """Every ladder, each from easiest to hardest, in catalog order of its base."""
        return tuple(self.ladder(e.id) for e in self if e.easier is None)

    @classmethod
    def from_toml(cls, text: str) -> Catalog:
        """Parse and validate a catalog in the TOML format of the built-in one."""
        return cls(tables.build_each(Exercise, tables.parse(text), "exercise"))

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> Catalog:
        """Read, parse and validate a catalog file."""
        return cls.from_toml(tables.read_file(path, "catalog"))


@functools.cache
def default_catalog() -> Catalog:
    """The built-in catalog of evidence-based exercises (read once, then shared)."""
    from lumbar.content import _builtin_data

    # The same content as data/catalog.toml, compiled to Python: it loads several times faster.
    exercises = tuple(tables.build_each(Exercise, _builtin_data.catalog(), "exercise"))
    catalog = Catalog.__new__(Catalog)
    # Every check runs but one: that each reference id is in the evidence registry. The
    # tests prove that of the built-in data (tests/test_compiled_data.py), and skipping
    # it spares `lumbar plan` loading the registry. User catalogs are always checked.
    catalog._fill(exercises, check_references=False)
    return catalog


def load_catalog(path: str | os.PathLike[str]) -> Catalog:
    """Load a user's own catalog file, validated like the built-in one."""
    return Catalog.from_file(path)


def _check_catalog(exercises: tuple[Exercise, ...], *, check_references: bool) -> None:
    registry: Mapping[str, object] | None = None
    if check_references:
        from lumbar.evidence import references

        registry = references()
    errors: list[tuple[str, str]] = []
    by_id: dict[str, Exercise] = {}
    for index, exercise in enumerate(exercises):
        if not isinstance(exercise, Exercise):
            errors.append((f"exercise[{index}]", f"must be an Exercise, got {type(exercise)}"))
        elif exercise.id in by_id:
            errors.append((f"exercise[{exercise.id}].id", "duplicate id"))
        else:
            by_id[exercise.id] = exercise
    for exercise in by_id.values():
        label = f"exercise[{exercise.id}]"
        for name, mirror in (("easier", "harder"), ("harder", "easier")):
            target_id = getattr(exercise, name)
            if target_id is None:
                continue
            target = by_id.get(target_id)
            if target is None:
                errors.append((f"{label}.{name}", f"unknown exercise {target_id!r}"))
            elif getattr(target, mirror) != exercise.id:
                errors.append(
                    (
                        f"{label}.{name}",
                        f"{target_id!r} is not mirrored: {target_id}.{mirror} is "
                        f"{getattr(target, mirror)!r}, expected {exercise.id!r}",
                    )
                )
        if registry is not None:
            for name in ("references", "dose_evidence"):
                errors.extend(
                    (f"{label}.{name}[{position}]", f"unknown reference id {ref!r}")
                    for position, ref in enumerate(getattr(exercise, name))
                    if ref not in registry
                )
    errors.extend(_cycle_errors(by_id))
    if errors:
        raise ValidationError(errors)


def _cycle_errors(by_id: dict[str, Exercise]) -> list[tuple[str, str]]:
    """Each ladder that loops, once: every exercise is walked once, so time grows linearly."""
    errors = []
    done: set[str] = set()
    for start in by_id:
        walk: dict[str, int] = {}  # the exercises walked from start, each with its place
        current: str | None = start
        while current is not None and current in by_id and current not in done:
            if current in walk:
                cycle = list(walk)[walk[current] :]
                errors.append(
                    (
                        f"exercise[{current}].harder",
                        "ladder has a cycle: " + " -> ".join([*cycle, current]),
                    )
                )
                break
            walk[current] = len(walk)
            current = by_id[current].harder
        done.update(walk)
    return errors
