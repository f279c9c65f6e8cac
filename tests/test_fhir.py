"""FHIR R4: a program as a Physical Activity IG bundle, valid by fhir.resources, and back."""

import datetime

import pytest
from fhir.resources.R4B.bundle import Bundle
from hypothesis import given, settings

import lumbar
from lumbar import strategies as lst

CLEAR = lumbar.screen(lumbar.RedFlags())
PROGRAM = lumbar.build_program(lumbar.Profile(screening=CLEAR, weeks=8, days=3))
PA = "http://hl7.org/fhir/us/physical-activity/CodeSystem/pa-temporary-codes"


def _resources(bundle, kind):
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


@pytest.mark.parametrize("start", [None, datetime.date(2024, 3, 4)])
def test_the_bundle_is_valid_fhir(start):
    """fhir.resources (R4B models) accepts the bundle and every resource in it."""
    bundle = lumbar.to_fhir(PROGRAM, start=start, patient="Patient/123")
    assert bundle["resourceType"] == "Bundle"
    assert bundle["type"] == "collection"
    Bundle.model_validate(bundle)
    assert lumbar.from_fhir(bundle) == PROGRAM


def test_the_care_plan_and_its_requests_follow_the_physical_activity_ig():
    """CarePlan and ServiceRequests of category PhysicalActivity, coded exercise therapy."""
    bundle = lumbar.to_fhir(PROGRAM)
    (plan,) = _resources(bundle, "CarePlan")
    assert plan["category"][0]["coding"][0] == {
        "system": PA,
        "code": "PhysicalActivity",
        "display": "Physical Activity",
    }
    requests = _resources(bundle, "ServiceRequest")
    urls = {e["resource"]["resourceType"]: e["fullUrl"] for e in bundle["entry"]}
    assert [a["reference"]["reference"] for a in plan["activity"]] == [
        e["fullUrl"] for e in bundle["entry"] if e["resource"]["resourceType"] == "ServiceRequest"
    ]
    for request in requests:
        assert request["category"][0]["coding"][0]["code"] == "PhysicalActivity"
        assert request["code"]["coding"][0] == {
            "system": "http://snomed.info/sct",
            "code": "229065009",
            "display": "Exercise therapy",
        }
        assert request["basedOn"] == [{"reference": urls["CarePlan"]}]
        repeat = request["occurrenceTiming"]["repeat"]
        assert repeat["periodUnit"] == "wk"
        assert repeat["frequency"] >= 1
        assert request["patientInstruction"]
        (canonical,) = request["instantiatesCanonical"]
        assert canonical in {d["url"] for d in _resources(bundle, "ActivityDefinition")}


def test_every_prescription_is_in_a_request():
    """The requests cover each session's prescriptions, week by week, with their counts."""
    bundle = lumbar.to_fhir(PROGRAM)
    given_count = sum(len(s.prescriptions) for w in PROGRAM.weeks for s in w.sessions)
    covered = 0
    for request in _resources(bundle, "ServiceRequest"):
        repeat = request["occurrenceTiming"]["repeat"]
        covered += repeat["frequency"] * repeat["boundsDuration"]["value"]
    assert covered == given_count


def test_the_goals_are_weekly_aerobic_minutes_and_strength_days():
    """LOINC 82290-8 in min/wk and 82291-6 in d/wk, as the last week of the program reaches."""
    bundle = lumbar.to_fhir(PROGRAM, start=datetime.date(2024, 1, 1))
    targets = {
        goal["target"][0]["measure"]["coding"][0]["code"]: goal["target"][0]
        for goal in _resources(bundle, "Goal")
    }
    assert set(targets) == {"82290-8", "82291-6"}
    minutes = targets["82290-8"]["detailQuantity"]
    days = targets["82291-6"]["detailQuantity"]
    assert (minutes["code"], minutes["system"]) == ("min/wk", "http://unitsofmeasure.org")
    assert days["code"] == "d/wk"
    assert minutes["value"] >= PROGRAM.weeks[-1].activity.weekly_minutes
    assert 0 < days["value"] <= len(PROGRAM.weeks[-1].sessions)
    assert targets["82290-8"]["dueDate"] == "2024-02-26"


def test_the_bundle_is_stable():
    """The same program gives the same bundle, the same resource ids included."""
    assert lumbar.to_fhir(PROGRAM) == lumbar.to_fhir(PROGRAM)


@settings(max_examples=25)
@given(lst.programs(catalog=lumbar.default_catalog(), max_weeks=3))
def test_any_program_goes_to_fhir_and_back(program):
    """Every program makes a valid bundle that gives the same program back."""
    bundle = lumbar.to_fhir(program)
    Bundle.model_validate(bundle)
    assert lumbar.from_fhir(bundle) == program


@pytest.mark.parametrize(
    ("bundle", "path"),
    [
        ({}, "$"),
        ({"resourceType": "Bundle"}, "entry"),
        ({"resourceType": "Bundle", "entry": []}, "entry"),
        (
            {
                "resourceType": "Bundle",
                "entry": [
                    {
                        "resource": {
                            "resourceType": "Binary",
                            "contentType": "application/vnd.lumbar.program+json",
                            "data": "!!",
                        }
                    }
                ],
            },
            "entry[0].resource.data",
        ),
    ],
)
def test_a_bundle_without_a_program_is_a_validation_error(bundle, path):
    """from_fhir names where the program should have been."""
    with pytest.raises(lumbar.ValidationError) as caught:
        lumbar.from_fhir(bundle)
    assert caught.value.errors[0][0] == path


def test_a_broken_program_inside_names_its_path():
    """A program that does not load is reported under the Binary's data."""
    bundle = lumbar.to_fhir(PROGRAM)
    binary = _resources(bundle, "Binary")[0]
    import base64

    binary["data"] = base64.b64encode(b'{"schema": 1, "weeks": []}').decode()
    with pytest.raises(lumbar.ValidationError) as caught:
        lumbar.from_fhir(bundle)
    assert caught.value.errors[0][0].endswith("resource.data.weeks")
