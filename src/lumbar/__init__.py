"""lumbar: evidence-based exercise-program logic for chronic low back pain.

Every public name is re-exported here. They load on first use (PEP 562), so that
``import lumbar`` stays cheap for command lines and notebooks alike; type checkers
see ordinary imports.
"""

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing at start-up
if TYPE_CHECKING:
    from lumbar import evidence
    from lumbar._activity import ActivityGoal
    from lumbar._advance import ProgramState, Step, Track, advance
    from lumbar._base_rules import (
        DoubleProgression,
        DurationProgression,
        HoldTimeProgression,
        LoadProgression,
        ReversePyramid,
        WalkRunProgression,
    )
    from lumbar._builtin_rules import (
        DeloadRule,
        FirstMatch,
        LadderProgression,
        PainGate,
        WeeklyCap,
        default_rule,
        schedule_deloads,
    )
    from lumbar._catalog import Catalog, default_catalog, load_catalog
    from lumbar._checklists import (
        Assessment,
        Checklist,
        ChecklistItem,
        assess,
        default_checklists,
        load_checklist,
    )
    from lumbar._constraints import Constraints
    from lumbar._decision import Action, Decision
    from lumbar._dose import Dose, Duration, Hold, Intervals, Reps
    from lumbar._education import EducationTopic, education_topics
    from lumbar._errors import LumbarError, ReferralRequired, UnknownExerciseError, ValidationError
    from lumbar._exercise import Category, Equipment, Exercise, Position, SpinalLoading
    from lumbar._json import SCHEMA_VERSION, from_dict, from_json, to_dict, to_json
    from lumbar._lifting import (
        Coupling,
        Lift,
        NioshMultipliers,
        lifting_index,
        lifting_multipliers,
        recommended_weight_limit,
    )
    from lumbar._log import ExerciseResult, SessionLog
    from lumbar._planner import build_program, next_program
    from lumbar._profile import DirectionalPreference, FitnessLevel, Goal, Profile
    from lumbar._program import (
        Phase,
        Prescription,
        Program,
        RuleRef,
        Session,
        Week,
        check_against_catalog,
    )
    from lumbar._registry import (
        RuleRegistry,
        default_registry,
        ref_of,
        refs_of,
        register_rule,
        rule_from_ref,
        rule_from_refs,
    )
    from lumbar._render import render_markdown, render_text
    from lumbar._responders import (
        FlareUp,
        NonAdherent,
        Plateau,
        Responder,
        SteadyImprover,
        VirtualPatient,
    )
    from lumbar._rules import Attempt, Ledger, ProgressionRule, RuleContext, WeekFigures
    from lumbar._scores import (
        OdiBand,
        OswestryResult,
        Risk,
        StartBackResult,
        oswestry,
        start_back,
    )
    from lumbar._screening import (
        Outcome,
        RedFlagQuestion,
        RedFlags,
        Screening,
        Tier,
        red_flag_questions,
        require_clear,
        screen,
    )
    from lumbar._simulate import SessionRecord, Simulation, simulate, simulate_many

# Where each public name lives; the single source for __all__ and for lazy loading.
_EXPORTS = {
    "lumbar.evidence": ("evidence",),
    "lumbar._catalog": ("Catalog", "default_catalog", "load_catalog"),
    "lumbar._constraints": ("Constraints",),
    "lumbar._dose": ("Dose", "Duration", "Hold", "Intervals", "Reps"),
    "lumbar._errors": (
        "LumbarError",
        "ReferralRequired",
        "UnknownExerciseError",
        "ValidationError",
    ),
    "lumbar._exercise": ("Category", "Equipment", "Exercise", "Position", "SpinalLoading"),
    "lumbar._json": ("SCHEMA_VERSION", "from_dict", "from_json", "to_dict", "to_json"),
    "lumbar._program": (
        "Phase",
        "Prescription",
        "Program",
        "Session",
        "RuleRef",
        "Week",
        "check_against_catalog",
    ),
    "lumbar._screening": (
        "Outcome",
        "RedFlagQuestion",
        "RedFlags",
        "Screening",
        "Tier",
        "red_flag_questions",
        "require_clear",
        "screen",
    ),
    "lumbar._scores": (
        "OdiBand",
        "OswestryResult",
        "Risk",
        "StartBackResult",
        "oswestry",
        "start_back",
    ),
    "lumbar._checklists": (
        "Assessment",
        "Checklist",
        "ChecklistItem",
        "assess",
        "default_checklists",
        "load_checklist",
    ),
    "lumbar._lifting": (
        "Coupling",
        "Lift",
        "NioshMultipliers",
        "lifting_index",
        "lifting_multipliers",
        "recommended_weight_limit",
    ),
    "lumbar._log": ("ExerciseResult", "SessionLog"),
    "lumbar._decision": ("Action", "Decision"),
    "lumbar._rules": ("Attempt", "Ledger", "ProgressionRule", "RuleContext", "WeekFigures"),
    "lumbar._base_rules": (
        "DoubleProgression",
        "DurationProgression",
        "HoldTimeProgression",
        "LoadProgression",
        "ReversePyramid",
        "WalkRunProgression",
    ),
    "lumbar._builtin_rules": (
        "DeloadRule",
        "FirstMatch",
        "LadderProgression",
        "PainGate",
        "WeeklyCap",
        "default_rule",
        "schedule_deloads",
    ),
    "lumbar._registry": (
        "RuleRegistry",
        "default_registry",
        "ref_of",
        "refs_of",
        "register_rule",
        "rule_from_ref",
        "rule_from_refs",
    ),
    "lumbar._advance": ("ProgramState", "Step", "Track", "advance"),
    "lumbar._simulate": ("SessionRecord", "Simulation", "simulate", "simulate_many"),
    "lumbar._responders": (
        "FlareUp",
        "NonAdherent",
        "Plateau",
        "Responder",
        "SteadyImprover",
        "VirtualPatient",
    ),
    "lumbar._activity": ("ActivityGoal",),
    "lumbar._education": ("EducationTopic", "education_topics"),
    "lumbar._planner": ("build_program", "next_program"),
    "lumbar._profile": ("DirectionalPreference", "FitnessLevel", "Goal", "Profile"),
    "lumbar._render": ("render_markdown", "render_text"),
}

_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}

__all__ = [
    "SCHEMA_VERSION",
    "Action",
    "ActivityGoal",
    "Assessment",
    "Attempt",
    "Catalog",
    "Category",
    "Checklist",
    "ChecklistItem",
    "Constraints",
    "Coupling",
    "Decision",
    "DeloadRule",
    "DirectionalPreference",
    "Dose",
    "DoubleProgression",
    "Duration",
    "DurationProgression",
    "EducationTopic",
    "Equipment",
    "Exercise",
    "ExerciseResult",
    "FirstMatch",
    "FitnessLevel",
    "FlareUp",
    "Goal",
    "Hold",
    "HoldTimeProgression",
    "Intervals",
    "LadderProgression",
    "Ledger",
    "Lift",
    "LoadProgression",
    "LumbarError",
    "NioshMultipliers",
    "NonAdherent",
    "OdiBand",
    "OswestryResult",
    "Outcome",
    "PainGate",
    "Phase",
    "Plateau",
    "Position",
    "Prescription",
    "Profile",
    "Program",
    "ProgramState",
    "ProgressionRule",
    "RedFlagQuestion",
    "RedFlags",
    "ReferralRequired",
    "Reps",
    "Responder",
    "ReversePyramid",
    "Risk",
    "RuleContext",
    "RuleRef",
    "RuleRegistry",
    "Screening",
    "Session",
    "SessionLog",
    "SessionRecord",
    "Simulation",
    "SpinalLoading",
    "StartBackResult",
    "SteadyImprover",
    "Step",
    "Tier",
    "Track",
    "UnknownExerciseError",
    "ValidationError",
    "VirtualPatient",
    "WalkRunProgression",
    "Week",
    "WeekFigures",
    "WeeklyCap",
    "advance",
    "assess",
    "build_program",
    "check_against_catalog",
    "default_catalog",
    "default_checklists",
    "default_registry",
    "default_rule",
    "education_topics",
    "evidence",
    "from_dict",
    "from_json",
    "lifting_index",
    "lifting_multipliers",
    "load_catalog",
    "load_checklist",
    "next_program",
    "oswestry",
    "recommended_weight_limit",
    "red_flag_questions",
    "ref_of",
    "refs_of",
    "register_rule",
    "render_markdown",
    "render_text",
    "require_clear",
    "rule_from_ref",
    "rule_from_refs",
    "schedule_deloads",
    "screen",
    "simulate",
    "simulate_many",
    "start_back",
    "to_dict",
    "to_json",
]


def __getattr__(name: str) -> object:
    if name == "__version__":
        # Reading installed metadata costs more than importing lumbar itself.
        from importlib.metadata import version

        return version("lumbar")
    module_name = _MODULE_OF.get(name)
    if module_name is None:
        raise AttributeError(f"module 'lumbar' has no attribute {name!r}")
    import importlib

    module = importlib.import_module(module_name)
    value = module if module_name == f"lumbar.{name}" else getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
