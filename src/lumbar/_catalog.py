"""The exercise catalog: loading it from TOML, checking its ladders, and looking things up."""

from __future__ import annotations

import enum
import functools
import os
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from lumbar._dose import DOSE_TYPE_BY_KIND, Dose
from lumbar._errors import UnknownExerciseError, ValidationError
from lumbar._exercise import Category, Equipment, Exercise, Position, SpinalLoading
from lumbar.evidence import unknown_ids

_ENUM_FIELDS: dict[str, type[enum.Enum]] = {
    "category": Category,
    "loading": SpinalLoading,
    "position": Position,
}
_DOSE_FIELDS = ("default_dose", "min_dose", "max_dose")
_EXERCISE_FIELDS = frozenset(a.name for a in attrs.fields(Exercise))


@attrs.frozen(init=False)
class Catalog:
    """An immutable, validated set of exercises, looked up by id.

    ``len(catalog)``, ``"bird-dog" in catalog``, ``catalog["bird-dog"]`` and
    iteration (in file order) work as for a read-only mapping of exercises.
    Every ``easier``/``harder`` link resolves inside the catalog and is mirrored,
    ladders have no cycles and every reference id is in the evidence registry.
    """

    _by_id: dict[str, Exercise]

    def __init__(self, exercises: Iterable[Exercise]) -> None:
        exercises = tuple(exercises)
        _check_catalog(exercises)
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
        return cls(_parse_toml(text))

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> Catalog:
        """Read, parse and validate a catalog file."""
        try:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise ValidationError.single("", f"cannot read catalog file {path}: {exc}") from exc
        return cls.from_toml(text)


@functools.cache
def default_catalog() -> Catalog:
    """The built-in catalog of evidence-based exercises (read once, then shared)."""
    from lumbar._data import read_text

    text = read_text("catalog.toml")
    return Catalog.from_toml(text)


def load_catalog(path: str | os.PathLike[str]) -> Catalog:
    """Load a user's own catalog file, validated like the built-in one."""
    return Catalog.from_file(path)


def _label(index: int, raw: object) -> str:
    if isinstance(raw, dict) and isinstance(raw.get("id"), str):
        return f"exercise[{raw['id']}]"
    return f"exercise[{index}]"


def _parse_toml(text: str) -> list[Exercise]:
    import tomllib

    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValidationError.single("", f"not valid TOML: {exc}") from exc
    extra = sorted(set(document) - {"exercise"})
    if extra:
        raise ValidationError.single(
            "",
            f"unknown top-level key(s) {', '.join(extra)}; "
            "a catalog holds only [[exercise]] tables",
        )
    raw_exercises = document.get("exercise", [])
    if not isinstance(raw_exercises, list):
        raise ValidationError.single("exercise", "must be an array of tables ([[exercise]])")
    exercises: list[Exercise] = []
    errors: list[tuple[str, str]] = []
    for index, raw in enumerate(raw_exercises):
        label = _label(index, raw)
        try:
            exercises.append(_exercise_from_table(raw))
        except ValidationError as exc:
            errors.extend(exc.prefixed(label).errors)
    if errors:
        raise ValidationError(errors)
    return exercises


def _exercise_from_table(raw: object) -> Exercise:
    if not isinstance(raw, dict):
        raise ValidationError.single("", "must be a table")
    errors: list[tuple[str, str]] = []
    unknown = sorted(set(raw) - _EXERCISE_FIELDS)
    errors.extend((name, "unknown field") for name in unknown)
    fields: dict[str, Any] = {k: v for k, v in raw.items() if k in _EXERCISE_FIELDS}
    for name, enum_type in _ENUM_FIELDS.items():
        if name in fields:
            try:
                fields[name] = enum_type(fields[name])
            except ValueError:
                allowed = ", ".join(repr(m.value) for m in enum_type)
                errors.append((name, f"must be one of {allowed}, got {fields[name]!r}"))
    if isinstance(fields.get("equipment"), list):
        items = []
        for position, value in enumerate(fields["equipment"]):
            try:
                items.append(Equipment(value))
            except ValueError:
                allowed = ", ".join(repr(m.value) for m in Equipment)
                errors.append(
                    (f"equipment[{position}]", f"must be one of {allowed}, got {value!r}")
                )
        fields["equipment"] = tuple(items)
    for name in _DOSE_FIELDS:
        if name in fields:
            try:
                fields[name] = dose_from_table(fields[name])
            except ValidationError as exc:
                errors.extend(exc.prefixed(name).errors)
    missing = sorted(
        a.name for a in attrs.fields(Exercise) if a.default is attrs.NOTHING and a.name not in raw
    )
    errors.extend((name, "is required") for name in missing)
    if errors:
        raise ValidationError(errors)
    return Exercise(**fields)


def dose_from_table(raw: object) -> Dose:
    """Build a dose from a plain table with a ``kind`` tag (TOML or JSON shaped)."""
    if not isinstance(raw, dict):
        raise ValidationError.single("", f"must be a table with a kind, got {raw!r}")
    kind = raw.get("kind")
    dose_type = DOSE_TYPE_BY_KIND.get(kind) if isinstance(kind, str) else None
    if dose_type is None:
        kinds = ", ".join(repr(k) for k in DOSE_TYPE_BY_KIND)
        raise ValidationError.single("kind", f"must be one of {kinds}, got {kind!r}")
    names = {a.name for a in attrs.fields(dose_type)}
    unknown = sorted(set(raw) - names - {"kind"})
    if unknown:
        raise ValidationError([(name, "unknown field") for name in unknown])
    missing = sorted(
        a.name for a in attrs.fields(dose_type) if a.default is attrs.NOTHING and a.name not in raw
    )
    if missing:
        raise ValidationError([(name, "is required") for name in missing])
    return dose_type(**{k: v for k, v in raw.items() if k != "kind"})


def _check_catalog(exercises: tuple[Exercise, ...]) -> None:
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
        for position, ref in enumerate(exercise.references):
            if unknown_ids((ref,)):
                errors.append((f"{label}.references[{position}]", f"unknown reference id {ref!r}"))
    errors.extend(_cycle_errors(by_id))
    if errors:
        raise ValidationError(errors)


def _cycle_errors(by_id: dict[str, Exercise]) -> list[tuple[str, str]]:
    errors = []
    reported: set[str] = set()
    for start in by_id:
        seen: list[str] = []
        current: str | None = start
        while current is not None and current in by_id and current not in seen:
            seen.append(current)
            current = by_id[current].harder
        if current is not None and current in seen and current not in reported:
            cycle = seen[seen.index(current) :]
            reported.update(cycle)
            errors.append(
                (
                    f"exercise[{current}].harder",
                    "ladder has a cycle: " + " -> ".join([*cycle, current]),
                )
            )
    return errors
