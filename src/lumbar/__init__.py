"""lumbar: evidence-based exercise-program logic for chronic low back pain."""

from typing import Any

from lumbar import evidence
from lumbar._catalog import Catalog, default_catalog, load_catalog
from lumbar._dose import Dose, Duration, Hold, Intervals, Reps
from lumbar._errors import LumbarError, UnknownExerciseError, ValidationError
from lumbar._exercise import Category, Equipment, Exercise, Position, SpinalLoading
from lumbar._json import SCHEMA_VERSION, from_dict, from_json, to_dict, to_json
from lumbar._program import Phase, Prescription, Program, Session, Week, check_against_catalog

__all__ = [
    "SCHEMA_VERSION",
    "Catalog",
    "Category",
    "Dose",
    "Duration",
    "Equipment",
    "Exercise",
    "Hold",
    "Intervals",
    "LumbarError",
    "Phase",
    "Position",
    "Prescription",
    "Program",
    "Reps",
    "Session",
    "SpinalLoading",
    "UnknownExerciseError",
    "ValidationError",
    "Week",
    "check_against_catalog",
    "default_catalog",
    "evidence",
    "from_dict",
    "from_json",
    "load_catalog",
    "to_dict",
    "to_json",
]


def __getattr__(name: str) -> Any:
    # Reading the installed metadata costs more than importing lumbar itself,
    # so the version is looked up only when asked for.
    if name == "__version__":
        from importlib.metadata import version

        return version("lumbar")
    raise AttributeError(f"module 'lumbar' has no attribute {name!r}")
