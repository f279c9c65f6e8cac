"""A program as a FHIR R4 Bundle, after the HL7 Physical Activity IG (STU 1), and back.

The bundle (type ``collection``, a plain dict) holds, each entry with a stable
``urn:uuid`` made from the program:

* a ``CarePlan`` of category *PhysicalActivity* (the IG's temporary code system),
  whose activities are the service requests and whose goals are the goals below;
* a ``ServiceRequest`` for each exercise prescription, coded SNOMED CT 229065009
  *Exercise therapy*, category *PhysicalActivity*, for each run of weeks in which
  the same prescription comes the same number of times a week: the dose in words
  (``patientInstruction``) and as a quantity, the schedule as a ``Timing`` (times a
  week, for how many weeks), the exercise as the ``ActivityDefinition`` it
  instantiates, and the plan and goals it belongs to, as in the IG's example;
* an ``ActivityDefinition`` for each exercise, with its name and description;
* ``Goal`` resources for the weekly minutes of aerobic activity (LOINC 82290-8,
  UCUM ``min/wk``) and the days a week of muscle strengthening (LOINC 82291-6,
  ``d/wk``) that the program's last week reaches;
* a ``Binary`` with the program's lumbar JSON, so that `from_fhir` gives the
  same program back.

No FHIR library is needed: the resources are written as plain data.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import uuid
from collections.abc import Iterator
from typing import Any

from lumbar.content._catalog import Catalog, default_catalog
from lumbar.errors import ROOT, ValidationError
from lumbar.model._dose import Dose, Duration, Hold, Intervals, describe
from lumbar.model._exercise import Category, Exercise
from lumbar.model._program import Prescription, Program

PA_CODES = "http://hl7.org/fhir/us/physical-activity/CodeSystem/pa-temporary-codes"
SNOMED = "http://snomed.info/sct"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
PERTAINS_TO_GOAL = "http://hl7.org/fhir/StructureDefinition/resource-pertainsToGoal"
LUMBAR_JSON = "application/vnd.lumbar.program+json"
"""The content type of the Binary that carries the program as lumbar JSON."""
_NAMESPACE = uuid.UUID("5d0bfa1e-2f1c-4e0e-9c53-6c756d626172")

PHYSICAL_ACTIVITY = {
    "coding": [{"system": PA_CODES, "code": "PhysicalActivity", "display": "Physical Activity"}]
}
EXERCISE_THERAPY = {
    "coding": [{"system": SNOMED, "code": "229065009", "display": "Exercise therapy"}],
    "text": "Exercise therapy",
}


def _week_unit(value: float, unit: str, code: str) -> dict[str, Any]:
    return {"value": value, "unit": unit, "system": UCUM, "code": code}


def to_fhir(
    program: Program,
    *,
    start: datetime.date | None = None,
    patient: str | None = None,
    catalog: Catalog | None = None,
) -> dict[str, Any]:
    """``program`` as a FHIR R4 Bundle of type ``collection``, as plain data.

    ``start`` dates the schedule and the goals (the first week starts that day);
    ``patient`` is the reference to the person (such as ``"Patient/123"``), left to
    a description when not given. Exercise names and categories come from
    ``catalog`` (default: the built-in catalog).
    """
    from lumbar.formats._json import to_json

    if not isinstance(program, Program):
        raise TypeError(f"to_fhir takes a lumbar.Program, got {type(program).__name__}")
    catalog = default_catalog() if catalog is None else catalog
    text = to_json(program)
    seed = uuid.uuid5(_NAMESPACE, text)

    def url(role: str) -> str:
        return f"urn:uuid:{uuid.uuid5(seed, role)}"

    subject = {"reference": patient} if patient else {"display": "The person the program is for"}
    plan_url = url("careplan")
    goals = list(_goals(program, catalog, subject, start))
    goal_urls = [url(f"goal-{index}") for index in range(len(goals))]
    definitions = {}
    requests = []
    for run in _runs(program):
        rx = run.prescription
        exercise = _entry(catalog, rx.exercise)
        if rx.exercise not in definitions:
            definitions[rx.exercise] = _activity_definition(rx.exercise, exercise)
        requests.append(_service_request(run, subject, plan_url, goal_urls, program, start))
    request_urls = [url(f"request-{index}") for index in range(len(requests))]
    binary_url = url("program")
    plan: dict[str, Any] = {
        "resourceType": "CarePlan",
        "status": "active",
        "intent": "plan",
        "category": [PHYSICAL_ACTIVITY],
        "title": program.title or "Exercise program for low back pain",
        "description": (
            f"{len(program.weeks)} weeks of exercise sessions, progressed session by session "
            "behind a pain gate (lumbar)."
        ),
        "subject": subject,
        "goal": [{"reference": goal} for goal in goal_urls],
        "activity": [{"reference": {"reference": request}} for request in request_urls],
        "supportingInfo": [{"reference": binary_url, "display": "The program as lumbar JSON"}],
    }
    if start is not None:
        end = start + datetime.timedelta(weeks=len(program.weeks), days=-1)
        plan["period"] = {"start": start.isoformat(), "end": end.isoformat()}
    binary = {
        "resourceType": "Binary",
        "contentType": LUMBAR_JSON,
        "data": base64.b64encode(text.encode("utf-8")).decode("ascii"),
    }
    entries = [(plan_url, plan), *zip(goal_urls, goals, strict=True)]
    entries += zip(request_urls, requests, strict=True)
    entries += [(url(f"exercise-{key}"), resource) for key, resource in definitions.items()]
    entries.append((binary_url, binary))
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [{"fullUrl": full, "resource": resource} for full, resource in entries],
    }


def _entry(catalog: Catalog, exercise_id: str) -> Exercise | None:
    """The catalog's exercise of that id, or None for one the catalog does not hold."""
    return catalog[exercise_id] if exercise_id in catalog else None  # noqa: SIM401  # no .get


def exercise_canonical(exercise_id: str) -> str:
    """The canonical URL of the ActivityDefinition of an exercise."""
    return f"urn:lumbar:exercise:{exercise_id}"


def _activity_definition(exercise_id: str, exercise: Any) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "resourceType": "ActivityDefinition",
        "url": exercise_canonical(exercise_id),
        "name": "".join(part.capitalize() for part in exercise_id.split("-"))[:255],
        "title": exercise.name if exercise is not None else exercise_id,
        "status": "active",
        "kind": "ServiceRequest",
        "code": EXERCISE_THERAPY,
    }
    if exercise is not None and exercise.description:
        resource["description"] = exercise.description
    return resource


class _Run:
    """A prescription given ``per_week`` times a week in weeks ``first`` to ``last``."""

    def __init__(self, prescription: Prescription, per_week: int, first: int) -> None:
        self.prescription = prescription
        self.per_week = per_week
        self.first = first
        self.last = first


def _runs(program: Program) -> Iterator[_Run]:
    """Each prescription's runs of consecutive weeks with the same count a week, in order."""
    open_runs: dict[Prescription, _Run] = {}
    for index, week in enumerate(program.weeks):
        counts: dict[Prescription, int] = {}
        for session in week.sessions:
            for rx in session.prescriptions:
                counts[rx] = counts.get(rx, 0) + 1
        for rx, count in counts.items():
            run = open_runs.get(rx)
            if run is not None and run.per_week == count and run.last == index - 1:
                run.last = index
                continue
            if run is not None:
                yield run
            open_runs[rx] = _Run(rx, count, index)
        for rx in [rx for rx, run in open_runs.items() if rx not in counts]:
            yield open_runs.pop(rx)
    yield from open_runs.values()


def _quantity(dose: Dose) -> dict[str, Any]:
    """The dose's volume as a quantity: repetitions, seconds held or worked, or minutes."""
    if isinstance(dose, Duration):
        return _week_unit(dose.minutes, "minutes", "min")
    if isinstance(dose, Hold | Intervals):
        return _week_unit(dose.volume, "seconds", "s")
    return _week_unit(dose.volume, "repetitions", "{repetitions}")


def _service_request(
    run: _Run,
    subject: dict[str, Any],
    plan_url: str,
    goal_urls: list[str],
    program: Program,
    start: datetime.date | None,
) -> dict[str, Any]:
    rx = run.prescription
    weeks = run.last - run.first + 1
    repeat: dict[str, Any] = {"frequency": run.per_week, "period": 1, "periodUnit": "wk"}
    if start is None:
        repeat["boundsDuration"] = _week_unit(weeks, "weeks", "wk")
    else:
        first = start + datetime.timedelta(weeks=run.first)
        last = start + datetime.timedelta(weeks=run.last + 1, days=-1)
        repeat["boundsPeriod"] = {"start": first.isoformat(), "end": last.isoformat()}
    when = f"week {run.first + 1}" if weeks == 1 else f"weeks {run.first + 1}-{run.last + 1}"
    instruction = f"{describe(rx.dose)}, {run.per_week} times a week ({when})"
    if rx.note:
        instruction += f". {rx.note}"
    resource: dict[str, Any] = {
        "resourceType": "ServiceRequest",
        "extension": [
            {"url": PERTAINS_TO_GOAL, "valueReference": {"reference": goal}} for goal in goal_urls
        ],
        "instantiatesCanonical": [exercise_canonical(rx.exercise)],
        "basedOn": [{"reference": plan_url}],
        "status": "active",
        "intent": "order",
        "category": [PHYSICAL_ACTIVITY],
        "code": EXERCISE_THERAPY,
        "orderDetail": [{"text": rx.exercise}],
        "quantityQuantity": _quantity(rx.dose),
        "subject": subject,
        "occurrenceTiming": {"repeat": repeat},
        "patientInstruction": instruction,
    }
    if program.weeks[run.first].deload:
        resource["note"] = [{"text": "A lighter (deload) week."}]
    return resource


def _goals(
    program: Program, catalog: Catalog, subject: dict[str, Any], start: datetime.date | None
) -> Iterator[dict[str, Any]]:
    """The weekly aerobic minutes and strength days the program's last week reaches."""
    last = program.weeks[-1]
    minutes = 0.0
    strength_days = 0
    for session in last.sessions:
        strong = False
        for rx in session.prescriptions:
            exercise = _entry(catalog, rx.exercise)
            category = None if exercise is None else exercise.category
            if category is Category.AEROBIC:
                dose = rx.dose
                minutes += dose.minutes if isinstance(dose, Duration) else 0
                minutes += dose.total_minutes if isinstance(dose, Intervals) else 0
            strong = strong or category is Category.STRENGTH
        strength_days += strong
    if last.activity is not None:
        minutes += last.activity.weekly_minutes
    due = None if start is None else start + datetime.timedelta(weeks=len(program.weeks))
    targets = (
        ("82290-8", "Frequency of moderate to vigorous aerobic physical activity",
         round(minutes), "min/wk", "minutes of aerobic activity a week"),
        ("82291-6", "Frequency of muscle-strengthening physical activity",
         strength_days, "d/wk", "days of muscle-strengthening exercise a week"),
    )  # fmt: skip
    for code, display, value, unit, words in targets:
        target: dict[str, Any] = {
            "measure": {"coding": [{"system": LOINC, "code": code, "display": display}]},
            "detailQuantity": {"value": value, "unit": unit, "system": UCUM, "code": unit},
        }
        if due is not None:
            target["dueDate"] = due.isoformat()
        yield {
            "resourceType": "Goal",
            "lifecycleStatus": "active",
            "category": [PHYSICAL_ACTIVITY],
            "description": {"text": f"{value} {words} by the end of the program"},
            "subject": subject,
            "target": [target],
        }


def from_fhir(bundle: object, *, catalog: Catalog | None = None) -> Program:
    """The program a bundle of [to_fhir][lumbar.formats.to_fhir] carries.

    It is the program's lumbar JSON, in the bundle's Binary.
    """
    from lumbar.formats._json import from_json

    if not isinstance(bundle, dict) or bundle.get("resourceType") != "Bundle":
        raise ValidationError.single(
            ROOT, "must be a FHIR Bundle (a dict whose resourceType is Bundle)"
        )
    entries = bundle.get("entry")
    if not isinstance(entries, list):
        raise ValidationError.single("entry", "must be a list of entries")
    for index, entry in enumerate(entries):
        resource = entry.get("resource") if isinstance(entry, dict) else None
        if not isinstance(resource, dict) or resource.get("resourceType") != "Binary":
            continue
        if resource.get("contentType") != LUMBAR_JSON:
            continue
        where = f"entry[{index}].resource.data"
        try:
            text = base64.b64decode(str(resource.get("data", "")), validate=True)
        except (binascii.Error, ValueError):
            raise ValidationError.single(where, "must be base64 data") from None
        try:
            return from_json(text, Program, catalog=catalog)
        except ValidationError as error:
            raise error.prefixed(where) from None
    raise ValidationError.single("entry", f"holds no Binary of content type {LUMBAR_JSON!r}")
