"""Strategies for the model and content layers: doses, exercises, catalogs, programs, references."""

from __future__ import annotations

import functools
import string
from collections.abc import Iterable, Mapping

from hypothesis import strategies as st

from lumbar.content._catalog import Catalog
from lumbar.evidence import Reference, references
from lumbar.model._activity import ActivityGoal
from lumbar.model._constraints import Constraints
from lumbar.model._dose import SIZE_FIELDS, Dose, Duration, Hold, Intervals, Reps
from lumbar.model._exercise import Category, Equipment, Exercise, Position, SpinalLoading
from lumbar.model._program import Phase, Prescription, Program, Session, Week

# The factories below are cached: a strategy is an immutable description, and
# hypothesis validates each new strategy object the first time it is drawn from,
# which dominated generating whole programs.
_SLUG_PART = st.text(alphabet=string.ascii_lowercase + string.digits, min_size=1, max_size=8)


@functools.cache
def texts(max_size: int = 40) -> st.SearchStrategy[str]:
    """Short free text, including non-ASCII letters and quotes (JSON must escape them)."""
    return st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=max_size)


@functools.cache
def _slugs() -> st.SearchStrategy[str]:
    return st.lists(_SLUG_PART, min_size=1, max_size=3).map("-".join)


@functools.cache
def exercise_ids() -> st.SearchStrategy[str]:
    """Valid exercise ids: lower-case slugs such as ``side-bridge-2``."""
    return _slugs()


@functools.cache
def reference_ids() -> st.SearchStrategy[str]:
    """Ids that exist in the built-in evidence registry."""
    return st.sampled_from(sorted(references()))


@functools.cache
def reps(*, loaded: bool | None = None) -> st.SearchStrategy[Reps]:
    """Valid [lumbar.Reps][lumbar.model.Reps]; ``loaded`` forces or forbids ``load_kg``."""
    loads = st.floats(min_value=0, max_value=500, allow_nan=False, allow_infinity=False)
    if loaded is None:
        load_strategy: st.SearchStrategy[float | None] = st.none() | loads
    else:
        load_strategy = loads if loaded else st.none()
    return st.builds(
        Reps,
        sets=st.integers(1, 10),
        reps=st.integers(1, 100),
        load_kg=load_strategy,
    )


@st.composite
def holds(draw: st.DrawFn) -> Hold:
    """Valid [lumbar.Hold][lumbar.model.Hold], reverse pyramids included."""
    sets = draw(st.integers(1, 10))
    first = draw(st.integers(1, 100))
    widest_drop = 0 if sets == 1 else min(50, (first - 1) // (sets - 1))
    return Hold(
        sets=sets,
        reps=first,
        seconds=draw(st.integers(1, 600)),
        reps_drop=draw(st.integers(0, widest_drop)),
    )


@functools.cache
def durations() -> st.SearchStrategy[Duration]:
    """Valid [lumbar.Duration][lumbar.model.Duration]."""
    return st.builds(Duration, minutes=st.integers(1, 600), rpe=st.none() | st.integers(0, 10))


@functools.cache
def intervals() -> st.SearchStrategy[Intervals]:
    """Valid [lumbar.Intervals][lumbar.model.Intervals]."""
    return st.builds(
        Intervals,
        rounds=st.integers(1, 100),
        work_seconds=st.integers(1, 3600),
        rest_seconds=st.integers(0, 3600),
    )


@functools.cache
def doses(kind: str | None = None) -> st.SearchStrategy[Dose]:
    """Any valid dose, or only those of one ``kind`` (``"reps"``, ``"hold"``, ...)."""
    by_kind: dict[str, st.SearchStrategy[Dose]] = {
        "reps": reps(),
        "hold": holds(),
        "duration": durations(),
        "intervals": intervals(),
    }
    if kind is not None:
        return by_kind[kind]
    return st.one_of(*by_kind.values())


@st.composite
def dose_between(draw: st.DrawFn, low: Dose, high: Dose) -> Dose:
    """A dose of the same type as ``low`` with every size field in ``[low, high]``."""
    values: dict[str, object] = {}
    for field in SIZE_FIELDS[type(low)]:
        low_value, high_value = getattr(low, field), getattr(high, field)
        if field == "load_kg":
            if low_value is None and high_value is None:
                values[field] = None
                continue
            values[field] = draw(st.floats(min_value=low_value or 0.0, max_value=high_value or 0.0))
        else:
            values[field] = draw(st.integers(low_value, high_value))
    if isinstance(low, Hold):
        values["reps_drop"] = 0
    if isinstance(low, Intervals):
        values["rest_seconds"] = draw(st.integers(0, 600))
    return type(low)(**values)  # type: ignore[arg-type]


def _bounds_for(dose: Dose) -> tuple[Dose, Dose]:
    """A minimum and maximum dose around ``dose`` for generated exercises."""
    if isinstance(dose, Reps):
        load_high = None if dose.load_kg is None else dose.load_kg * 2
        return (
            Reps(sets=1, reps=1, load_kg=None if dose.load_kg is None else 0.0),
            Reps(sets=max(dose.sets, 5), reps=max(dose.reps, 20), load_kg=load_high),
        )
    if isinstance(dose, Hold):
        return (
            Hold(sets=1, reps=1, seconds=1),
            Hold(sets=max(dose.sets, 5), reps=max(dose.reps, 20), seconds=max(dose.seconds, 60)),
        )
    if isinstance(dose, Duration):
        return Duration(minutes=1), Duration(minutes=max(dose.minutes, 60))
    return (
        Intervals(rounds=1, work_seconds=1, rest_seconds=0),
        Intervals(
            rounds=max(dose.rounds, 10),
            work_seconds=max(dose.work_seconds, 1800),
            rest_seconds=dose.rest_seconds,
        ),
    )


@st.composite
def exercises(
    draw: st.DrawFn,
    *,
    exercise_id: str | None = None,
    category: Category | None = None,
    easier: str | None = None,
    harder: str | None = None,
) -> Exercise:
    """A valid stand-alone exercise (its ladder links are whatever is passed in)."""
    default = draw(
        st.one_of(
            reps(loaded=False),
            holds().filter(lambda h: h.reps_drop == 0),
            durations(),
            intervals(),
        )
    )
    low, high = _bounds_for(default)
    return Exercise(
        id=exercise_id if exercise_id is not None else draw(exercise_ids()),
        name=draw(st.text(alphabet=string.ascii_letters + " -", min_size=1, max_size=30)),
        category=category if category is not None else draw(st.sampled_from(Category)),
        default_dose=default,
        min_dose=low,
        max_dose=high,
        level=draw(st.integers(1, 5)),
        loading=draw(st.sampled_from(SpinalLoading)),
        position=draw(st.sampled_from(Position)),
        equipment=tuple(draw(st.sets(st.sampled_from(Equipment), max_size=2))),
        per_side=draw(st.booleans()),
        description=draw(texts()),
        cues=tuple(draw(st.lists(texts().filter(bool), max_size=3))),
        contraindications=tuple(draw(st.lists(texts().filter(bool), max_size=2))),
        easier=easier,
        harder=harder,
        references=tuple(draw(st.lists(reference_ids(), min_size=1, max_size=3, unique=True))),
        dose_evidence=tuple(draw(st.lists(reference_ids(), max_size=2, unique=True))),
    )


@st.composite
def ladders(draw: st.DrawFn, *, max_rungs: int = 4, prefix: str = "") -> tuple[Exercise, ...]:
    """A progression ladder of mirrored exercises, easiest first."""
    count = draw(st.integers(1, max_rungs))
    base = prefix or draw(exercise_ids())
    ids = [f"{base}-{index}" for index in range(count)]
    category = draw(st.sampled_from(Category))
    return tuple(
        draw(
            exercises(
                exercise_id=ids[index],
                category=category,
                easier=ids[index - 1] if index > 0 else None,
                harder=ids[index + 1] if index + 1 < count else None,
            )
        )
        for index in range(count)
    )


@st.composite
def catalogs(draw: st.DrawFn, *, max_ladders: int = 4) -> Catalog:
    """A small valid catalog made of whole ladders."""
    count = draw(st.integers(1, max_ladders))
    rungs = [
        exercise for index in range(count) for exercise in draw(ladders(prefix=f"ladder{index}"))
    ]
    return Catalog(rungs)


@st.composite
def prescriptions(draw: st.DrawFn, catalog: Catalog | None = None) -> Prescription:
    """A valid prescription; with a ``catalog``, of one of its exercises within its bounds."""
    if catalog is None:
        return Prescription(exercise=draw(exercise_ids()), dose=draw(doses()), note=draw(texts()))
    exercise = draw(st.sampled_from(tuple(catalog)))
    dose = draw(dose_between(exercise.min_dose, exercise.max_dose))
    return Prescription(exercise=exercise.id, dose=dose)


def sessions(catalog: Catalog | None = None, *, max_size: int = 6) -> st.SearchStrategy[Session]:
    """A valid session of one to ``max_size`` prescriptions."""
    return st.builds(
        Session,
        prescriptions=st.lists(prescriptions(catalog), min_size=1, max_size=max_size).map(tuple),
        label=texts(20),
    )


def weeks(catalog: Catalog | None = None, *, max_sessions: int = 4) -> st.SearchStrategy[Week]:
    """A valid week of one to ``max_sessions`` sessions, maybe with an activity goal and topic.

    Education topic ids are any slugs (a week does not check them against the
    built-in topics, so apps may ship their own).
    """
    return st.builds(
        Week,
        sessions=st.lists(sessions(catalog), min_size=1, max_size=max_sessions).map(tuple),
        deload=st.booleans(),
        activity=st.none() | activity_goals(),
        education=st.none() | _slugs(),
    )


@functools.cache
def phases() -> st.SearchStrategy[Phase]:
    """A valid phase (its length is arbitrary; `programs` makes them fit)."""
    return st.builds(Phase, name=texts(30).filter(bool), weeks=st.integers(1, 30), focus=texts())


@functools.cache
def metadata() -> st.SearchStrategy[Mapping[str, str]]:
    """Free-form string metadata as apps store it."""
    return st.dictionaries(texts(12), texts(30), max_size=3)


@st.composite
def constraints(draw: st.DrawFn, fitting: Iterable[Exercise] = ()) -> Constraints:
    """Valid constraints that allow at least every exercise of ``fitting``.

    Half the time the equipment is unlimited (``None``); otherwise it is what the
    ``fitting`` exercises need and a few items more. The loading directions are
    those of ``fitting`` and maybe others. Half the time sessions have no time
    limit; otherwise one of 5-120 minutes, and sometimes time is reserved for one
    of the ``fitting`` exercises.
    """
    needed = tuple(fitting)
    equipment = None
    if draw(st.booleans()):
        at_hand = {item for exercise in needed for item in exercise.equipment}
        at_hand |= draw(st.sets(st.sampled_from(Equipment), max_size=3))
        equipment = tuple(item for item in Equipment if item in at_hand)
    loading = {exercise.loading for exercise in needed}
    loading |= draw(st.sets(st.sampled_from(SpinalLoading), min_size=0 if loading else 1))
    return Constraints(
        equipment=equipment,
        loading=tuple(item for item in SpinalLoading if item in loading),
        session_minutes=draw(st.none() | st.integers(5, 120)),
        reserved_minutes=draw(
            st.dictionaries(
                st.sampled_from([exercise.id for exercise in needed] or ["walking"]),
                st.integers(1, 60),
                max_size=1 if needed else 0,
            )
        ),
    )


@st.composite
def programs(draw: st.DrawFn, catalog: Catalog | None = None, *, max_weeks: int = 6) -> Program:
    """A valid program; its phases, when present, add up to its length.

    With a ``catalog``, its constraints allow every exercise it prescribes.
    """
    built = tuple(draw(st.lists(weeks(catalog), min_size=1, max_size=max_weeks)))
    split: list[Phase] = []
    if draw(st.booleans()):
        remaining = len(built)
        while remaining:
            length = draw(st.integers(1, remaining))
            split.append(Phase(name=draw(texts(20).filter(bool)), weeks=length))
            remaining -= length
    used = (
        ()
        if catalog is None
        else tuple(
            catalog[rx.exercise]
            for week in built
            for session in week.sessions
            for rx in session.prescriptions
        )
    )
    return Program(
        weeks=built,
        phases=tuple(split),
        title=draw(texts(30)),
        metadata=draw(metadata()),
        constraints=draw(constraints(used)),
    )


def evidence_references() -> st.SearchStrategy[Reference]:
    """References of the built-in registry."""
    return st.sampled_from(sorted(references().values(), key=lambda r: r.id))


def json_values(max_leaves: int = 20) -> st.SearchStrategy[object]:
    """Arbitrary JSON-like values, for checking that bad input fails cleanly."""
    scalars = (
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats(allow_nan=False, allow_infinity=False)
        | texts(10)
    )
    return st.recursive(
        scalars,
        lambda children: (
            st.lists(children, max_size=4) | st.dictionaries(texts(8), children, max_size=4)
        ),
        max_leaves=max_leaves,
    )


def activity_goals() -> st.SearchStrategy[ActivityGoal]:
    """Valid daily activity goals."""
    return st.builds(
        ActivityGoal,
        minutes=st.integers(1, 300),
        days=st.integers(1, 7),
        steps=st.none() | st.integers(0, 50_000),
        brisk=st.booleans(),
    )
