"""The closed set of document types: the lumbar values that are written and read.

Only these go through `lumbar.to_json`, `lumbar.from_json`,
`lumbar.json_schema` and the pydantic hook; anything else is a caller's
mistake (``TypeError``). Each is an attrs class whose fields declare their
constraints, except the few whose JSON form is built differently (the catalog, and
rules written as references), which `lumbar.formats._shapes` knows.
"""

from __future__ import annotations

import functools
import types
from typing import Any, cast

from lumbar.content._catalog import Catalog
from lumbar.content._checklists import Checklist, ChecklistItem
from lumbar.content._education import EducationTopic
from lumbar.evidence import Reference
from lumbar.model._activity import ActivityGoal
from lumbar.model._constraints import Constraints
from lumbar.model._dose import DOSE_TYPES, Dose
from lumbar.model._exercise import Exercise
from lumbar.model._log import ExerciseResult, SessionLog
from lumbar.model._program import Phase, Prescription, Program, RuleRef, Session, Week
from lumbar.planning._profile import Profile
from lumbar.progression._advance import ProgramState, Step, Track
from lumbar.progression._decision import Decision
from lumbar.progression._defaults import BUILT_IN_RULES
from lumbar.progression._first_match import FirstMatch
from lumbar.progression._history import History
from lumbar.progression._protocol import Attempt, WeekFigures
from lumbar.safety._change import ScoreChange
from lumbar.safety._instruments import FabqResult, PseqResult, RolandMorrisResult
from lumbar.safety._lifting import Lift, NioshMultipliers
from lumbar.safety._posture import Assessment
from lumbar.safety._red_flags import RedFlags
from lumbar.safety._scores import OswestryResult, StartBackResult
from lumbar.safety._screening import Screening
from lumbar.simulation._cohort import Cohort
from lumbar.simulation._simulate import SessionRecord, Simulation
from lumbar.simulation._summaries import CohortSummary

# Every built-in rule factory is its class.
RULE_TYPES: tuple[type, ...] = (*cast("tuple[type, ...]", BUILT_IN_RULES), FirstMatch)
"""The built-in rules: written with their parameters, the rules they wrap as references."""

DOCUMENT_TYPES: tuple[type, ...] = (
    # model
    *DOSE_TYPES,
    Prescription,
    Session,
    Week,
    Phase,
    Program,
    RuleRef,
    Constraints,
    ActivityGoal,
    Exercise,
    ExerciseResult,
    SessionLog,
    # content and evidence
    Catalog,
    Checklist,
    ChecklistItem,
    EducationTopic,
    Reference,
    # progression
    Decision,
    Attempt,
    WeekFigures,
    History,
    Track,
    ProgramState,
    Step,
    *RULE_TYPES,
    # safety
    RedFlags,
    Screening,
    StartBackResult,
    OswestryResult,
    RolandMorrisResult,
    FabqResult,
    PseqResult,
    ScoreChange,
    Assessment,
    Lift,
    NioshMultipliers,
    # planning and simulation
    Profile,
    SessionRecord,
    Simulation,
    Cohort,
    CohortSummary,
)
"""Every document type, model first."""

_BY_CLASS = frozenset(DOCUMENT_TYPES)


def is_document_type(cls: object) -> bool:
    """True for a document class, and for the dose union ``lumbar.Dose``."""
    return cls in _BY_CLASS or cls == Dose


def check_document_type(cls: object, verb: str) -> None:
    """Raise ``TypeError`` unless ``cls`` is a document type (a caller's mistake)."""
    if not is_document_type(cls):
        shown = getattr(cls, "__name__", None) or repr(cls)
        raise TypeError(
            f"{verb} takes a lumbar document type (such as lumbar.Program), got {shown}; "
            "see lumbar.formats.DOCUMENT_TYPES"
        )


def check_document(obj: object, verb: str) -> None:
    """Raise ``TypeError`` unless ``obj`` is an instance of a document class."""
    if type(obj) not in _BY_CLASS:
        raise TypeError(
            f"{verb} takes a lumbar document (such as a lumbar.Program), "
            f"got {type(obj).__name__}; see lumbar.formats.DOCUMENT_TYPES"
        )


@functools.cache
def document_name(cls: Any) -> str:
    """The name a document type goes by in schemas and migrations: its class name."""
    if cls == Dose or isinstance(cls, types.UnionType):
        return "Dose"
    return str(cls.__name__)
