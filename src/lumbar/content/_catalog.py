"""The exercise catalog: loading it from TOML, checking its ladders, and looking things up."""

from __future__ import annotations

import enum
import functools
import os
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from lumbar._base.display import Displayed
from lumbar.errors import UnknownExerciseError, ValidationError
from lumbar.model._dose import DOSE_TYPE_BY_KIND, Dose
from lumbar.model._exercise import Category, Equipment, Exercise, Position, SpinalLoading

_ENUM_FIELDS: dict[str, type[enum.Enum]] = {
    "category": Category,
    "loading": SpinalLoading,
    "position": Position,
}
_DOSE_FIELDS = ("default_dose", "min_dose", "max_dose")
_EXERCISE_FIELDS = frozenset(a.name for a in attrs.fields(Exercise))
# Sorted, as the errors list them; worked out once rather than for every table read.
_REQUIRED_EXERCISE_FIELDS = tuple(
    sorted(a.name for a in attrs.fields(Exercise) if a.default is attrs.NOTHING)
)
# kind -> (dose type, the keys its table may have, the keys it must have, sorted).
_DOSE_TABLES: dict[str, tuple[type[Dose], frozenset[str], tuple[str, ...]]] = {
    kind: (
        dose_type,
        frozenset(a.name for a in attrs.fields(dose_type)) | {"kind"},
        tuple(sorted(a.name for a in attrs.fields(dose_type) if a.default is attrs.NOTHING)),
    )
    for kind, dose_type in DOSE_TYPE_BY_KIND.items()
}


@attrs.frozen(init=False)
class Catalog(Displayed):
    """An immutable, validated set of exercises, looked up by id.

    ``len(catalog)``, ``"bird-dog" in catalog``, ``catalog["bird-dog"]`` and
    iteration (in file order) work as for a read-only mapping of exercises.
    Every ``easier``/``harder`` link resolves inside the catalog and is mirrored,
    ladders have no cycles and every reference id is in the evidence registry.
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
    from lumbar.content import _builtin_data

    # The same content as data/catalog.toml, compiled to Python: it loads several times faster.
    exercises = tuple(_exercises_from_document(_builtin_data.catalog()))
    catalog = Catalog.__new__(Catalog)
    # Every check runs but one: that each reference id is in the evidence registry. The
    # tests prove that of the built-in data (tests/test_compiled_data.py), and skipping
    # it spares `lumbar plan` loading the registry. User catalogs are always checked.
    catalog._fill(exercises, check_references=False)
    return catalog


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
    return _exercises_from_document(document)


def _exercises_from_document(document: dict[str, Any]) -> list[Exercise]:
    """Validate a catalog as parsed from TOML (or from its compiled copy in _builtin_data)."""
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
    if _EXERCISE_FIELDS.issuperset(raw):
        fields: dict[str, Any] = dict(raw)
    else:
        unknown = sorted(set(raw) - _EXERCISE_FIELDS)
        errors.extend((name, "unknown field") for name in unknown)
        fields = {k: v for k, v in raw.items() if k in _EXERCISE_FIELDS}
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
    errors.extend((name, "is required") for name in _REQUIRED_EXERCISE_FIELDS if name not in raw)
    if errors:
        raise ValidationError(errors)
    return Exercise(**fields)


def dose_from_table(raw: object) -> Dose:
    """Build a dose from a plain table with a ``kind`` tag (TOML or JSON shaped)."""
    if not isinstance(raw, dict):
        raise ValidationError.single("", f"must be a table with a kind, got {raw!r}")
    kind = raw.get("kind")
    table = _DOSE_TABLES.get(kind) if isinstance(kind, str) else None
    if table is None:
        kinds = ", ".join(repr(k) for k in DOSE_TYPE_BY_KIND)
        raise ValidationError.single("kind", f"must be one of {kinds}, got {kind!r}")
    dose_type, allowed, required = table
    if not allowed.issuperset(raw):
        raise ValidationError([(name, "unknown field") for name in sorted(set(raw) - allowed)])
    missing = [name for name in required if name not in raw]
    if missing:
        raise ValidationError([(name, "is required") for name in missing])
    fields = dict(raw)
    del fields["kind"]
    return dose_type(**fields)


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
            errors.extend(
                (f"{label}.references[{position}]", f"unknown reference id {ref!r}")
                for position, ref in enumerate(exercise.references)
                if ref not in registry
            )
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
