"""Advancing a program session by session: from a stored state and a log to the next session.

See ``_engine`` for how a run works; this module holds the stored state, its
checks, and the step from one state to the next under the rules it is handed.
The public [advance][lumbar.progression.advance], which falls back on the default
rules, is in ``_defaults``.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from typing import Any

import attrs

from lumbar._base import validators as check
from lumbar._base.constraints import Text
from lumbar._base.document import Document
from lumbar.content._catalog import Catalog, default_catalog
from lumbar.errors import ValidationError
from lumbar.model._dose import Dose
from lumbar.model._fingerprint import FINGERPRINT_LENGTH, FINGERPRINT_PATTERN
from lumbar.model._log import SessionLog
from lumbar.model._program import Prescription, Program, Session
from lumbar.progression._decision import Decision
from lumbar.progression._dose_steps import within
from lumbar.progression._engine import Run, Stack
from lumbar.progression._history import History
from lumbar.progression._plan import Plan
from lumbar.progression._prepared import prepared
from lumbar.progression._protocol import WeekFigures
from lumbar.progression._tracks import TrackRun


def _empty_or_slug(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value != "":
        check.slug(instance, attribute, value)


_FINGERPRINT_PATTERN = re.compile(FINGERPRINT_PATTERN, re.ASCII)


def _fingerprint(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not str or not _FINGERPRINT_PATTERN.fullmatch(value):
        raise check.fail(
            attribute,
            "must be a program fingerprint ('sha256:' and 64 hex digits), "
            f"got {check.shown(value)}",
        )


_FINGERPRINT = check.declared(
    _fingerprint, Text(FINGERPRINT_LENGTH, FINGERPRINT_LENGTH, FINGERPRINT_PATTERN)
)

_PAUSE_CODE = check.declared(
    _empty_or_slug, Text(0, check.SLUG_MAX_LENGTH, f"^$|{check.SLUG.pattern}")
)


@attrs.frozen(kw_only=True, repr=False)
class Track(Document):
    """One exercise ladder of a program in progress: its current prescription and recent history.

    ``key`` is the id of the ladder's easiest exercise. ``pending`` is True when the
    latest attempt still awaits its decision; ``stopped`` holds the reason when the
    exercise was stopped, else is empty; ``paused`` holds the code of the pause
    (``"pause"``, ``"cap-rest"``) while the exercise sits out, else is empty.
    """

    key: str = attrs.field(validator=check.slug)
    """The id of the easiest exercise of the ladder."""
    prescription: Prescription = attrs.field(validator=check.instance_of(Prescription))
    """The current prescription: the one given last, or to give next."""
    history: History = attrs.field(factory=History, validator=check.instance_of(History))
    """The latest attempts at this ladder (at most `HISTORY_LENGTH`), the ones the rules see."""
    pending: bool = attrs.field(default=False, validator=check.boolean)
    """True when the latest attempt still awaits its decision."""
    stopped: str = attrs.field(default="", validator=check.text(0, 2000))
    """Why the exercise was stopped, or empty while it goes on."""
    volumes: tuple[WeekFigures, ...] = attrs.field(
        default=(),
        converter=check.to_tuple,
        validator=check.tuple_of(check.instance_of(WeekFigures)),
    )
    """What the weekly cap counted: per exercise id, its last non-deload week before the
    latest week, and the latest week."""
    paused: str = attrs.field(default="", validator=_PAUSE_CODE)
    """The code of the pause while the exercise sits out (``"pause"``, ``"cap-rest"``), or empty."""
    rested_week: int = attrs.field(default=-1, validator=check.integer(-1))
    """The last week (from 0) in which the exercise sat out for pain, or -1: like a deload week,
    it is not the week the weekly cap compares with."""


@attrs.frozen(kw_only=True, repr=False)
class ProgramState(Document):
    """Where a person is in a program: the next session and each exercise's track.

    Start with [begin][lumbar.progression.ProgramState.begin];
    [lumbar.advance][lumbar.progression.advance] returns the next state after each logged
    session. ``next_session`` is what to do next (None once the program is over); ``week_index``
    and ``session_index`` locate it in the program. The state is a plain value: store it as JSON
    between sessions. It names its program by ``fingerprint`` (see
    [Program.fingerprint][lumbar.model.Program.fingerprint]) and ``title`` instead of holding it,
    and keeps of the past only what the rules see: each track's latest attempts and the weekly
    figures the cap compares with. So it stays a few kilobytes whatever the program's length.
    """

    fingerprint: str = attrs.field(validator=_FINGERPRINT)
    """The fingerprint of the program this state belongs to."""
    title: str = attrs.field(default="", validator=check.text(0, 200))
    """The title of that program, to say which it is."""
    tracks: tuple[Track, ...] = attrs.field(
        converter=check.to_tuple, validator=check.tuple_of(check.instance_of(Track), min_length=1)
    )
    """One track per exercise ladder of the program."""
    week_index: int = attrs.field(default=0, validator=check.integer(0))
    """The week of the next session, from 0."""
    session_index: int = attrs.field(default=0, validator=check.integer(0))
    """The next session's place in its week, from 0."""
    next_session: Session | None = attrs.field(
        default=None, validator=check.optional(check.instance_of(Session))
    )
    """What to do next, or None once the program is over."""

    @classmethod
    def begin(cls, program: Program, *, catalog: Catalog | None = None) -> ProgramState:
        """The state before the first session: every exercise at its first prescribed dose."""
        if not isinstance(program, Program):
            raise ValidationError.single(
                "program", f"must be a Program, got {check.type_name(program)}"
            )
        catalog = default_catalog() if catalog is None else catalog
        entry = prepared(program)
        return state_of(Run.begin(entry.plan(catalog)), entry.fingerprint)

    @property
    def finished(self) -> bool:
        """True when no session is left."""
        return self.next_session is None


@attrs.frozen(kw_only=True, repr=False)
class Step(Document):
    """The outcome of [advance][lumbar.progression.advance]: the new state and the decisions."""

    state: ProgramState = attrs.field(validator=check.instance_of(ProgramState))
    """The state after the logged session: pass it to the next `advance`."""
    decisions: tuple[Decision, ...] = attrs.field(
        converter=check.to_tuple, validator=check.tuple_of(check.instance_of(Decision))
    )
    """The decisions behind the next session's prescriptions, in session order."""

    @property
    def session(self) -> Session | None:
        """The next session to do, or None when the program is over."""
        return self.state.next_session


def state_of(run: Run, fingerprint: str) -> ProgramState:
    """The stored form of a run of the program of that fingerprint."""
    program = run.plan.program
    tracks = tuple(
        Track(
            key=track.key,
            prescription=track.prescription,
            history=History.of(track.history),
            pending=track.pending,
            stopped=track.stopped,
            paused=track.paused,
            rested_week=track.rested_week,
            volumes=(*track.previous.values(), *track.current.values()),
        )
        for track in run.tracks.values()
    )
    session = None
    if run.slots:
        session = Session(
            prescriptions=tuple(rx for _, rx in run.slots),
            label=run.plan.labels[run.week][run.session],
        )
    return ProgramState(
        fingerprint=fingerprint,
        title=program.title,
        tracks=tracks,
        week_index=min(run.week, len(program.weeks)),
        session_index=run.session if run.slots else 0,
        next_session=session,
    )


def run_of(state: ProgramState, plan: Plan) -> Run:
    """A run that continues from a stored state, after checking it."""
    errors = _state_errors(state, plan)
    if errors:
        raise ValidationError(errors)
    tracks: dict[str, TrackRun] = {}
    for track in state.tracks:
        run_track = TrackRun(
            track.key,
            track.prescription,
            track.history.attempts(),
            track.pending,
            track.stopped,
            track.paused,
            track.rested_week,
        )
        latest = max((figures.week_index for figures in track.volumes), default=-1)
        run_track.current_week = latest
        run_track.current = {f.exercise: f for f in track.volumes if f.week_index == latest}
        run_track.previous = {f.exercise: f for f in track.volumes if f.week_index < latest}
        tracks[track.key] = run_track
    run = Run(plan, tracks, state.week_index, state.session_index)
    if state.next_session is not None:
        run.slots = [
            (tracks[key], tracks[key].prescription)
            for key in plan.slots[state.week_index][state.session_index]
            if not tracks[key].stopped and not tracks[key].paused
        ]
    return run


def _state_errors(state: ProgramState, plan: Plan) -> list[tuple[str, str]]:
    """Whatever makes a stored state inconsistent with its program and the catalog."""
    errors: list[tuple[str, str]] = []
    catalog = plan.catalog
    keys = {track.key for track in state.tracks}
    if keys != set(plan.first):
        errors.append(("tracks", "must hold one track per exercise ladder of the program"))
        return errors
    for index, track in enumerate(state.tracks):
        where = f"tracks[{index}].prescription"
        rx = track.prescription
        if rx.exercise not in catalog:
            errors.append((f"{where}.exercise", f"unknown exercise {rx.exercise!r}"))
            continue
        if plan.key_of.get(rx.exercise, catalog.ladder(rx.exercise)[0].id) != track.key:
            errors.append((f"{where}.exercise", f"{rx.exercise!r} is not on ladder {track.key!r}"))
            continue
        exercise = catalog[rx.exercise]
        constraints = plan.constraints
        if not constraints.allows(exercise):
            errors.append(
                (
                    f"{where}.exercise",
                    f"{rx.exercise!r} does not fit the program's constraints: "
                    + "; ".join(constraints.problems(exercise)),
                )
            )
            continue
        if type(rx.dose) is not exercise.dose_type or not within(rx.dose, exercise):
            errors.append(
                (
                    f"{where}.dose",
                    f"must be a {exercise.dose_type.kind} dose within "
                    f"the limits of {rx.exercise!r}",
                )
            )
    weeks = len(plan.slots)
    if state.next_session is None:
        return errors
    if state.week_index >= weeks or state.session_index >= len(plan.slots[state.week_index]):
        errors.append(("session_index", "points past the end of the program"))
        return errors
    by_key = {track.key: track for track in state.tracks}
    expected = tuple(
        by_key[key].prescription
        for key in plan.slots[state.week_index][state.session_index]
        if not by_key[key].stopped and not by_key[key].paused
    )
    if not errors and expected != state.next_session.prescriptions:
        errors.append(("next_session", "does not match the tracks' current prescriptions"))
    return errors


def check_log(log: object, session: Session, previous: Iterable[datetime.date | None]) -> None:
    """A log must hold one result per prescription, of the prescribed dose types, in date order."""
    if not isinstance(log, SessionLog):
        raise ValidationError.single("log", f"must be a SessionLog, got {check.type_name(log)}")
    errors: list[tuple[str, str]] = []
    expected = len(session.prescriptions)
    if len(log.results) != expected:
        errors.append(
            (
                "log.results",
                f"must hold one result per prescription of the session ({expected}), "
                f"got {len(log.results)}",
            )
        )
    for index, (prescription, result) in enumerate(
        zip(session.prescriptions, log.results, strict=False)
    ):
        done: Dose | None = result.done
        if done is not None and type(done) is not type(prescription.dose):
            errors.append(
                (
                    f"log.results[{index}].done",
                    f"must be a {prescription.dose.kind} dose like the prescription, "
                    f"got {done.kind}",
                )
            )
    last = max((day for day in previous if day is not None), default=None)
    if last is not None and log.date < last:
        errors.append(("log.date", f"must not be before the previous session ({last.isoformat()})"))
    if errors:
        raise ValidationError(errors)


def check_state(state: object, fingerprint: str, program: Program) -> None:
    """Refuse a state that is not one of ``program`` (of that fingerprint) or has nothing left."""
    if not isinstance(state, ProgramState):
        raise ValidationError.single(
            "state", f"must be a ProgramState, got {check.type_name(state)}"
        )
    if state.fingerprint != fingerprint:
        raise ValidationError.single(
            "state.fingerprint",
            f"this state belongs to the program {state.title!r} ({state.fingerprint}), not to "
            f"the program given, {program.title!r} ({fingerprint}): pass the program the "
            "state began with",
        )
    if state.next_session is None:
        raise ValidationError.single("state", "the program is over: no session is left to log")


def next_step(
    state: ProgramState, log: SessionLog, stack: Stack, plan: Plan, fingerprint: str
) -> Step:
    """The step after ``log``: the state checked by `check_state`, the rules ``stack``."""
    session = state.next_session
    assert session is not None  # check_state refuses a finished program
    run = run_of(state, plan)
    check_log(log, session, (t.history.date[-1] for t in state.tracks if len(t.history)))
    run.record(log)
    decisions = run.prepare(stack)
    return Step(state=state_of(run, fingerprint), decisions=tuple(decisions))
