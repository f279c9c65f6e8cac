"""The engine behind advance and simulate: one person going through one program.

A program is a template (see ``_plan``): which exercises on which days, and where
each starts. Each exercise ladder of the template is one *track* (``_tracks``) whose
current prescription moves as the rules decide (moving up the ladder changes the
exercise, not the track). A track's decision is made just before its next session,
so that every earlier session of the week counts toward the weekly cap. A track
that is paused sits out its sessions; it is asked again before each of them.

The engine holds no policy: it is handed the rule stack, the weekly cap it applies
after every decision, the pain limit and the deload share it enforces (a `Stack`);
``_defaults`` says which. ``_guards`` holds what it enforces.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from lumbar._base.frozen import FrozenDict
from lumbar._base.trusted import maker
from lumbar.errors import ValidationError
from lumbar.model._exercise import Exercise
from lumbar.model._log import ExerciseResult, SessionLog, reported
from lumbar.model._program import Prescription
from lumbar.progression._decision import HOLD, PAUSE, Decision
from lumbar.progression._dose_steps import is_harder
from lumbar.progression._guards import checked, deloaded, pain_held, replace
from lumbar.progression._pain_signal import over_limit
from lumbar.progression._plan import Plan
from lumbar.progression._protocol import (
    Ledger,
    ProgressionRule,
    RuleContext,
    WeekFigures,
    attempted,
)
from lumbar.progression._session_time import SessionTime
from lumbar.progression._tracks import TrackRun

HISTORY_LENGTH = 12
"""How many recent attempts of a track the rules see (``RuleContext.history``): the latest
12 at most, in ``simulate`` and in a stored state alike, so that both decide the same. A
rule that counts further back (sessions in a row, weeks in pain) counts within them."""

# Each named number below -> the registry ids behind it (docs/evidence.md; a test checks).
EVIDENCE = {"HISTORY_LENGTH": ("design-technical-limit",)}

_EMPTY: Mapping[str, WeekFigures] = FrozenDict()

# The values the engine makes of parts it has checked (attempts of checked logs, ledgers and
# contexts of catalog entries and its own counts) are made without checks (`maker`). The
# classes' public constructors check every field.
_make_ledger = maker(Ledger)
_make_context = maker(RuleContext)


def _without_note(result: ExerciseResult) -> ExerciseResult:
    return reported(
        result.completed, result.rpe, result.pain_during, result.pain_next_day, result.done
    )


class Cap(Protocol):
    """What the engine asks of the weekly cap it applies to every decision."""

    def limit(self, decision: Decision, context: RuleContext) -> Decision:
        """``decision`` if it keeps to the cap; else the nearest decision that does."""
        ...


class Stack:
    """A rule stack as the engine runs it, with the limits the engine enforces around it.

    ``rule`` is the stack as given (its name is the one errors give); when the cap
    is the stack's outermost rule, the engine asks what it wraps and applies the
    cap itself, last, after its own checks, so that it runs once per decision.
    ``pain_limit`` is the pain (0-10) above which nothing rises, ``deload_percent``
    the share of its volume a dose keeps in a deload week; the references are the
    ones the engine's own decisions cite for them.
    """

    __slots__ = (
        "body",
        "cap",
        "deload_percent",
        "deload_references",
        "pain_limit",
        "pain_references",
        "rule",
    )

    def __init__(
        self,
        rule: ProgressionRule,
        cap: Cap,
        *,
        pain_limit: int,
        pain_references: tuple[str, ...],
        deload_percent: int,
        deload_references: tuple[str, ...],
    ) -> None:
        self.rule = rule
        self.cap = cap
        outermost: object = rule
        self.body: ProgressionRule = getattr(rule, "inner", rule) if outermost is cap else rule
        self.pain_limit = pain_limit
        self.pain_references = pain_references
        self.deload_percent = deload_percent
        self.deload_references = deload_references


class Run:
    """One person going through one program: the engine behind advance and simulate."""

    __slots__ = ("plan", "session", "slots", "time", "tracks", "week")

    def __init__(self, plan: Plan, tracks: dict[str, TrackRun], week: int, session: int) -> None:
        self.plan = plan
        self.tracks = tracks
        self.week = week
        self.session = session
        self.slots: list[tuple[TrackRun, Prescription]] = []
        # The program's session time budget, which every decision keeps to.
        limit = plan.constraints.session_minutes
        self.time = (
            None
            if limit is None
            else SessionTime(
                limit,
                plan.reserved(),
                plan.slots,
                plan.exercise,
                {key: None if t.stopped else t.prescription for key, t in tracks.items()},
            )
        )

    @classmethod
    def begin(cls, plan: Plan) -> Run:
        """A run at the first session, every exercise at its first prescription."""
        tracks = {key: TrackRun(key, rx) for key, rx in plan.first.items()}
        run = cls(plan, tracks, 0, 0)
        run.slots = [(tracks[key], tracks[key].prescription) for key in plan.slots[0][0]]
        return run

    # --- one session -----------------------------------------------------------------

    def record(self, log: SessionLog) -> None:
        """Attach the session's results to their tracks and count the week's volume."""
        week = self.week
        marks = self.plan.deload
        deload = marks[week]
        pain, date = log.pain_before, log.date
        for (track, prescription), result in zip(self.slots, log.results, strict=True):
            if result.note:
                # The history keeps what the rules read; a note is the app's to keep.
                result = _without_note(result)
            # By position, in the fields' order (prescription, result, week_index, deload,
            # pain_before, date): this runs once per prescription given.
            attempt = attempted(prescription, result, week, deload, pain, date)
            history = track.history
            track.history = (
                (*history[1:], attempt) if len(history) >= HISTORY_LENGTH else (*history, attempt)
            )
            track.pending = True
            if track.current_week != week:
                track.roll(week, marks)
            track.count(prescription, week)

    def prepare(self, stack: Stack) -> list[Decision]:
        """Move to the next session with anything to do and decide its prescriptions.

        A decision is recorded when it sets a prescription, stops a track or starts a
        pause; a paused track asked again and still paused adds nothing.
        """
        decisions: list[Decision] = []
        plan = self.plan
        weeks = plan.slots
        while True:
            self.session += 1
            if self.session >= len(weeks[self.week]):
                self.week += 1
                self.session = 0
                if self.week >= len(weeks):
                    self.slots = []
                    return decisions
            slots: list[tuple[TrackRun, Prescription]] = []
            # A track given twice in a session is decided once: a track paused by (or still
            # paused after) its decision in this session sits out the session's other slots.
            paused_here: set[str] = set()
            # What every decision of this session reads of the template, looked up once.
            left, following = plan.left[self.week][self.session], plan.following[self.week]
            for key in weeks[self.week][self.session]:
                track = self.tracks[key]
                if track.stopped or (track.paused and key in paused_here):
                    continue
                if track.pending or track.paused:
                    decision = self._decide(track, stack, left, following)
                    track.pending = False
                    if decision.action is PAUSE:
                        paused_here.add(key)
                        if decision.code != track.paused:
                            decisions.append(decision)
                        track.paused = decision.code
                        if over_limit(track.history[-1], stack.pain_limit):
                            # Sitting out after pain over the limit: like a deload week, this
                            # week is not the one the cap compares with, so that the exercise
                            # comes back on all its days rather than a session a week.
                            track.rested_week = self.week
                        assert decision.prescription is not None  # a pause says how it resumes
                        track.prescription = decision.prescription
                        continue
                    decisions.append(decision)
                    track.paused = ""
                    if decision.prescription is None:
                        track.stopped = decision.reason
                        continue
                    track.prescription = decision.prescription
                slots.append((track, track.prescription))
            if slots:
                self.slots = slots
                return decisions

    def _decide(
        self,
        track: TrackRun,
        stack: Stack,
        left: Mapping[str, int],
        following: Mapping[str, int],
    ) -> Decision:
        """``track``'s decision before this session; ``left`` and ``following`` count each
        track's sessions after this one in this week and in the next (the template's)."""
        plan = self.plan
        week = self.week
        current = track.prescription
        # Every rung of the program's ladders is there: a track moves only along its ladder.
        exercise = plan.exercises[current.exercise]
        if track.current_week != week:
            track.roll(week, plan.deload)
        # Ledger and context by position, in their fields' order: once per decision.
        ledger = _make_ledger(
            track.previous or _EMPTY,  # previous
            track.current or _EMPTY,  # so_far
            left.get(track.key, 0),  # sessions_left
            following.get(track.key, 0),  # sessions_next
        )
        deload = plan.deload[week]
        context = _make_context(
            exercise,
            plan.catalog,
            current,  # prescription
            track.history,
            week,  # week_index
            deload,
            ledger,
            plan.constraints,
            track.paused != "",  # paused
        )
        decision = checked(stack.body.decide(context), context, stack.rule, self)
        proposed = decision.prescription
        if proposed is not current and proposed is not None and decision.action is not PAUSE:
            # The same again never rises (nor does a stop or a pause): only a change can need
            # the pain hold (most decisions keep the dose), and only a change is asked.
            decision = pain_held(decision, context, stack.pain_limit, stack.pain_references, self)
        if deload and not track.current:
            decision = deloaded(decision, context, stack.deload_percent, stack.deload_references)
        time = self.time
        if time is not None:
            # The session's minutes before the cap: what the time budget keeps back (a hold,
            # an easier dose), the cap may still spread or rest when the week has more sessions.
            decision = time.fit(track.key, current, decision, week)
        if (
            decision.prescription is current
            and not track.paused
            and track.history[-1].week_index == week
        ):
            # Within a week, keeping the dose never breaks the cap: the decision that set
            # it was checked against every remaining session of this week.
            return decision
        cap = stack.cap
        capped = cap.limit(decision, context)
        proposed = capped.prescription
        if (
            deload
            and proposed is not None
            and capped.action is not PAUSE
            and self.rises(proposed, current)
        ):
            # The cap may pick a dose between two that do not rise and still rise itself.
            held = replace(
                capped,
                HOLD,
                current,
                "Deload week: nothing rises; the same again.",
                "deload-hold",
            )
            capped = cap.limit(held, context)
        if time is not None and capped is not decision:
            time.given(track.key, capped.prescription)
        return capped

    def rung(
        self, proposed: Prescription, current: Prescription, rule: ProgressionRule
    ) -> Exercise:
        """The catalog entry a move from ``current`` to ``proposed`` lands on (the guards'
        `Ladders`); a move off the ladder, or out of the catalog, is refused."""
        catalog = self.plan.catalog
        if proposed.exercise not in catalog:
            raise ValidationError.single(
                "decision.prescription.exercise",
                f"rule {rule.name!r} moved to {proposed.exercise!r}, which the catalog "
                "does not hold",
            )
        if not self.plan.same_ladder(proposed.exercise, current.exercise):
            raise ValidationError.single(
                "decision.prescription.exercise",
                f"rule {rule.name!r} moved {current.exercise!r} to {proposed.exercise!r}, "
                "which is not on its ladder",
            )
        return catalog[proposed.exercise]

    def rises(self, proposed: Prescription, current: Prescription) -> bool:
        """Whether ``proposed`` asks more than ``current``: a harder dose, or a higher rung."""
        if proposed.exercise != current.exercise:
            return self.plan.rung_of(proposed.exercise) > self.plan.rung_of(current.exercise)
        return is_harder(proposed.dose, current.dose)
