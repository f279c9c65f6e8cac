"""Prescriptions, sessions, weeks, phases and programs."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

import attrs

from lumbar._base import validators as check
from lumbar._base.display import Displayed
from lumbar._base.document import Document
from lumbar._base.trusted import maker
from lumbar.errors import ValidationError
from lumbar.model._activity import ActivityGoal
from lumbar.model._constraints import NO_CONSTRAINTS, Constraints
from lumbar.model._dose import DOSE_TYPES, Dose

if TYPE_CHECKING:
    pass

MAX_WEEKS = 520
"""The longest program lumbar accepts, ten years (a plausibility bound)."""

MAX_SESSIONS_PER_WEEK = 14
"""Two sessions a day at most (a plausibility bound)."""

MAX_NOTE_LENGTH = 2000
"""The longest note a prescription may carry (a plausibility bound)."""

MAX_LABEL_LENGTH = 200
"""The longest label a session may carry (a plausibility bound)."""

# Each named number below -> the registry ids behind it (docs/evidence.md; a test checks).
EVIDENCE = {
    "MAX_WEEKS": ("design-technical-limit",),
    "MAX_SESSIONS_PER_WEEK": ("design-technical-limit",),
    "MAX_NOTE_LENGTH": ("design-technical-limit",),
    "MAX_LABEL_LENGTH": ("design-technical-limit",),
}


_dose = check.instance_of(*DOSE_TYPES)


@attrs.frozen(kw_only=True, init=False, repr=False)
class Prescription(Document):
    """One exercise at one dose in a session.

    ``exercise`` is the id of an exercise in the catalog the program runs against.
    """

    exercise: str
    """The id of an exercise in the catalog the program runs against."""
    dose: Dose
    """How much of it: a dose of the exercise's dose type."""
    note: str = ""
    """Free text for the person, such as a cue for this week."""

    def __init__(self, *, exercise: str, dose: Dose, note: str = "") -> None:
        # Every field checked here, each error reported (values made of checked parts skip
        # this: ``_base.trusted.maker``).
        self.__attrs_init__(exercise=exercise, dose=dose, note=note)
        check.first_field(self, _PRESCRIPTION_CHECKS)


_PRESCRIPTION_CHECKS = check.field_checks(
    Prescription,
    {"exercise": check.slug, "dose": _dose, "note": check.text(0, MAX_NOTE_LENGTH)},
)
_make_prescription = maker(Prescription)


def prescribed(exercise: str, dose: Dose, note: str) -> Prescription:
    """A `Prescription` of parts already checked: a catalog id, a dose, a checked note."""
    return _make_prescription(exercise, dose, note)


@attrs.frozen(kw_only=True, init=False, repr=False)
class Session(Displayed, Document):
    """The prescriptions done together on one day, in order."""

    prescriptions: tuple[Prescription, ...]
    """The exercises of the session with their doses, in order."""
    label: str = ""
    """A name for the day, such as ``"Monday"``; empty for none."""

    def __init__(
        self,
        *,
        prescriptions: tuple[Prescription, ...] | list[Prescription],
        label: str = "",
    ) -> None:
        # Every field checked here, each error reported (values made of checked parts skip
        # this: ``_base.trusted.maker``).
        if isinstance(prescriptions, list):
            prescriptions = tuple(prescriptions)
        self.__attrs_init__(prescriptions=prescriptions, label=label)
        check.first_field(self, _SESSION_CHECKS)

    def __iter__(self) -> Iterator[Prescription]:
        return iter(self.prescriptions)


_SESSION_CHECKS = check.field_checks(
    Session,
    {
        "prescriptions": check.tuple_of(check.instance_of(Prescription), min_length=1),
        "label": check.text(0, MAX_LABEL_LENGTH),
    },
)

scheduled = maker(Session)
"""A `Session` of parts already checked (``prescriptions``, ``label``), as the engine's
runs give them: the prescriptions it decided, the template's label."""


@attrs.frozen(kw_only=True, repr=False)
class Week(Displayed, Document):
    """The sessions of one week; a deload week is a planned lighter week."""

    sessions: tuple[Session, ...] = attrs.field(
        converter=check.to_tuple,
        validator=check.tuple_of(
            check.instance_of(Session),
            min_length=1,
            max_length=MAX_SESSIONS_PER_WEEK,
            noun="session",
        ),
    )
    """The week's sessions, in order (at most 14)."""
    deload: bool = attrs.field(default=False, validator=check.boolean)
    """True for a planned lighter week."""
    activity: ActivityGoal | None = attrs.field(
        default=None, validator=check.optional(check.instance_of(ActivityGoal))
    )
    """The week's daily activity goal (walking minutes, and steps), if the program sets one."""
    education: str | None = attrs.field(default=None, validator=check.optional_slug)
    """The id of the week's education topic (see ``lumbar.education_topics()``), if any."""


@attrs.frozen(kw_only=True, repr=False)
class Phase(Document):
    """A named block of consecutive weeks with one focus."""

    name: str = attrs.field(validator=check.text(1, 200))
    """The phase's name, such as ``"Foundation"``."""
    weeks: int = attrs.field(validator=check.integer(1, MAX_WEEKS))
    """How many weeks the phase lasts."""
    focus: str = attrs.field(default="", validator=check.text(0, 2000))
    """What the phase works on, in plain words."""


_check_metadata = check.mapping_of(
    check.text(), check.text(), message="keys and values must be strings"
)
_check_params = check.mapping_of(check.text(1), check.scalar)


@attrs.frozen(kw_only=True, repr=False)
class RuleRef(Document):
    """A progression rule named by its registered name, with its parameters.

    A program that lists its rules as ``RuleRef`` values serializes with them;
    ``lumbar.rule_from_refs`` builds the rules back from a registry.
    """

    name: str = attrs.field(validator=check.slug)
    """The rule's registered name, such as ``"pain-gate"``."""
    params: Mapping[str, int | float | str | bool] = attrs.field(
        factory=dict, converter=check.to_frozen_dict, validator=_check_params, hash=False
    )
    """The rule's parameters by name; missing ones take the rule's defaults."""


@attrs.frozen(kw_only=True, repr=False)
class Program(Displayed, Document):
    """A whole program: weeks of sessions, optionally divided into phases.

    When ``phases`` are given, their lengths add up to the number of weeks.
    ``metadata`` holds free-form string pairs for the app that stores the program.
    """

    weeks: tuple[Week, ...] = attrs.field(
        converter=check.to_tuple,
        validator=check.tuple_of(
            check.instance_of(Week), min_length=1, max_length=MAX_WEEKS, noun="week"
        ),
    )
    """The weeks, in order (at most 520)."""
    phases: tuple[Phase, ...] = attrs.field(
        default=(),
        converter=check.to_tuple,
        validator=check.tuple_of(check.instance_of(Phase)),
    )
    """Named blocks of consecutive weeks; when given, their lengths add up to the weeks."""
    title: str = attrs.field(default="", validator=check.text(0, 200))
    """The program's title; empty for none."""
    metadata: Mapping[str, str] = attrs.field(
        factory=dict, converter=check.to_frozen_dict, validator=_check_metadata, hash=False
    )
    """Free-form string pairs for the app that stores the program."""
    rules: tuple[RuleRef, ...] = attrs.field(
        default=(),
        converter=check.to_tuple,
        validator=check.tuple_of(check.instance_of(RuleRef)),
    )
    """The progression rules the program runs under, outermost first; empty for the defaults."""
    constraints: Constraints = attrs.field(
        default=NO_CONSTRAINTS, validator=check.instance_of(Constraints)
    )
    """The equipment and spinal loading every exercise of the program must fit, now and
    after any progression; unconstrained by default."""

    def __attrs_post_init__(self) -> None:
        if self.phases:
            total = sum(phase.weeks for phase in self.phases)
            if total != len(self.weeks):
                raise ValidationError.single(
                    "phases",
                    f"phase lengths add up to {total} weeks but the program has {len(self.weeks)}",
                )

    def fingerprint(self) -> str:
        """A short text that names this program's value: ``sha256:`` and 64 hex digits.

        Equal programs have equal fingerprints, and any change to a program changes it. A
        [ProgramState][lumbar.progression.ProgramState] holds it to name the program it
        belongs to. It is the SHA-256 of the program's value (fields at their defaults left
        out), so a program read back from JSON has the fingerprint it was written with.
        """
        from lumbar.model._fingerprint import fingerprint_of  # hashlib: only when asked

        return fingerprint_of(self)

    def phase_of(self, week_index: int) -> Phase | None:
        """The phase that holds the week at this 0-based index, or None without phases."""
        if not 0 <= week_index < len(self.weeks):
            raise IndexError(f"week index {week_index} outside 0..{len(self.weeks) - 1}")
        start = 0
        for phase in self.phases:
            if week_index < start + phase.weeks:
                return phase
            start += phase.weeks
        return None

    def prescriptions(self) -> Iterator[tuple[str, Prescription]]:
        """Every prescription with its path, such as ``weeks[3].sessions[0].prescriptions[1]``."""
        for w, week in enumerate(self.weeks):
            for s, session in enumerate(week.sessions):
                for p, prescription in enumerate(session.prescriptions):
                    yield f"weeks[{w}].sessions[{s}].prescriptions[{p}]", prescription
