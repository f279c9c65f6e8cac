"""Whether a program, week, session or prescription fits a catalog: known exercises, their
dose types, and the program's own constraints."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lumbar.errors import ValidationError
from lumbar.model._constraints import NO_CONSTRAINTS
from lumbar.model._program import Prescription, Program, Session, Week

if TYPE_CHECKING:
    from lumbar.content._catalog import Catalog


def catalog_errors(obj: object, catalog: Catalog, path: str = "") -> list[tuple[str, str]]:
    """Problems with the exercise ids and dose types of ``obj`` against ``catalog``.

    ``obj`` is a program, week, session or prescription (or anything else, which has
    none). Each exercise must be in the catalog, and each dose of its dose type; in a
    program, each exercise must also fit the program's constraints.
    """
    if isinstance(obj, Prescription):
        items: list[tuple[str, Prescription]] = [(path, obj)]
    elif isinstance(obj, Session):
        items = [(f"{path}prescriptions[{i}]", p) for i, p in enumerate(obj.prescriptions)]
    elif isinstance(obj, Week):
        items = [
            (f"{path}sessions[{s}].prescriptions[{p}]", rx)
            for s, session in enumerate(obj.sessions)
            for p, rx in enumerate(session.prescriptions)
        ]
    elif isinstance(obj, Program):
        items = [(f"{path}{where}", rx) for where, rx in obj.prescriptions()]
    else:
        return []
    constraints = obj.constraints if isinstance(obj, Program) else NO_CONSTRAINTS
    limited = constraints.limited
    errors = []
    for where, prescription in items:
        prefix = f"{where}." if where else ""
        if prescription.exercise not in catalog:
            errors.append(
                (
                    f"{prefix}exercise",
                    f"unknown exercise {prescription.exercise!r} (not in the catalog)",
                )
            )
            continue
        exercise = catalog[prescription.exercise]
        if limited and not constraints.allows(exercise):
            errors.append(
                (
                    f"{prefix}exercise",
                    f"{prescription.exercise!r} does not fit the program's constraints: "
                    + "; ".join(constraints.problems(exercise)),
                )
            )
        expected = exercise.dose_type
        if type(prescription.dose) is not expected:
            errors.append(
                (
                    f"{prefix}dose",
                    f"{prescription.exercise!r} takes a {expected.kind} dose, "
                    f"got {prescription.dose.kind}",
                )
            )
    for exercise_id in constraints.reserved_minutes:
        if exercise_id not in catalog:
            errors.append(
                (
                    f"{path}constraints.reserved_minutes.{exercise_id}",
                    f"unknown exercise {exercise_id!r} (not in the catalog)",
                )
            )
    return errors


def check_against_catalog(obj: object, catalog: Catalog) -> None:
    """Check that every exercise of ``program`` is in ``catalog`` with its dose type.

    Raises [lumbar.ValidationError][lumbar.errors.ValidationError] naming each misfit.
    """
    errors = catalog_errors(obj, catalog)
    if errors:
        raise ValidationError(errors)
