"""lumbar's documents in pydantic and FastAPI: lumbar validates, writes and describes them."""

import json
from typing import Annotated

import pydantic
import pytest
from fastapi import Body, FastAPI
from fastapi.testclient import TestClient
from hypothesis import given, strategies as st

import lumbar
from lumbar import strategies as lst

CLEAR = lumbar.screen(lumbar.RedFlags())


def make_app() -> FastAPI:
    """The app the docs show: a profile in, a program out; a state and a log in, a step out."""
    app = FastAPI()

    @app.post("/programs")
    def plan(profile: Annotated[lumbar.Profile, Body()]) -> lumbar.Program:
        return lumbar.build_program(profile)

    @app.post("/programs/check", response_model=lumbar.Program)
    def check(program: Annotated[lumbar.Program, Body()]) -> lumbar.Program:
        return program

    return app


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(make_app())


def test_a_request_body_is_read_by_lumbar_and_the_response_is_lumbars_json(client):
    """The body is a lumbar document; the response is exactly what to_json writes."""
    profile = lumbar.Profile(screening=CLEAR, days=4, weeks=8)
    headers = {"content-type": "application/json"}
    response = client.post("/programs", content=lumbar.to_json(profile), headers=headers)
    assert response.status_code == 200
    assert response.json() == lumbar.to_dict(lumbar.build_program(profile))
    assert lumbar.from_json(response.content, lumbar.Program) == lumbar.build_program(profile)


def test_bad_requests_are_422_with_lumbars_paths(client):
    """Every problem lumbar finds is one error, at lumbar's path under the body."""
    document = lumbar.to_dict(lumbar.Profile(screening=CLEAR))
    document["days"] = 9
    document["screening"]["outcome"] = "fine"
    document[""] = 1
    response = client.post("/programs", json=document)
    assert response.status_code == 422
    detail = response.json()["detail"]
    found = {tuple(error["loc"]): error["msg"] for error in detail}
    assert found[("body", "days")].startswith("must be <= 7, got 9")
    assert found[("body", "screening", "outcome")].startswith("must be one of")
    assert found[("body", "")] == "unknown field"
    assert all(error["type"] == "lumbar" for error in detail)
    assert {error["ctx"]["path"] for error in detail} == {"days", "screening.outcome", '[""]'}


def test_a_request_without_a_document_is_422(client):
    """Not an object, or no schema version: lumbar's errors, at the body or its schema key."""
    response = client.post("/programs", json=[1, 2])
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body"]
    data = lumbar.to_dict(lumbar.Profile(screening=CLEAR))
    del data["schema"]
    detail = client.post("/programs", json=data).json()["detail"]
    assert [error["loc"] for error in detail] == [["body", "schema"]]


def test_the_openapi_document_shows_lumbars_json_schemas(client):
    """Request and response schemas are lumbar's, each nested type listed once."""
    openapi = client.get("/openapi.json").json()
    components = openapi["components"]["schemas"]
    body = openapi["paths"]["/programs"]["post"]["requestBody"]["content"]["application/json"]
    expected = lumbar.json_schema(lumbar.Profile)
    assert body["schema"]["title"] == "Profile"
    assert body["schema"]["properties"]["days"] == expected["properties"]["days"]
    assert body["schema"]["required"] == expected["required"]
    assert body["schema"]["properties"]["screening"] == {"$ref": "#/components/schemas/Screening"}
    assert components["Screening"]["properties"] == expected["$defs"]["Screening"]["properties"]
    program = lumbar.json_schema(lumbar.Program)
    for name, schema in program["$defs"].items():
        written = json.dumps(schema).replace("#/$defs/", "#/components/schemas/")
        assert components[name] == _without_null_defaults(json.loads(written))
    response = openapi["paths"]["/programs"]["post"]["responses"]["200"]
    shown = response["content"]["application/json"]["schema"]
    assert shown["properties"]["weeks"] == {
        "type": "array",
        "items": {"$ref": "#/components/schemas/Week"},
        "minItems": 1,
        "maxItems": 520,
    }
    assert shown["required"] == ["weeks", "schema"]


def _without_null_defaults(schema):
    """FastAPI leaves out the keywords whose value is null, such as ``"default": null``."""
    if isinstance(schema, dict):
        return {k: _without_null_defaults(v) for k, v in schema.items() if v is not None}
    if isinstance(schema, list):
        return [_without_null_defaults(v) for v in schema]
    return schema


# --- pydantic on its own -------------------------------------------------------------------


@pytest.mark.parametrize("cls", lumbar.DOCUMENT_TYPES, ids=lambda cls: cls.__name__)
@given(data=st.data())
def test_every_document_type_works_in_a_type_adapter(cls, data):
    """TypeAdapter validates with lumbar and dumps lumbar's JSON, for every document type."""
    adapter = pydantic.TypeAdapter(cls)
    obj = data.draw(lst.documents(cls))
    assert adapter.validate_python(lumbar.to_dict(obj)) == obj
    assert adapter.validate_json(lumbar.to_json(obj)) == obj
    assert adapter.validate_python(obj) is obj
    assert json.loads(adapter.dump_json(obj)) == lumbar.to_dict(obj)
    assert adapter.dump_python(obj) == lumbar.to_dict(obj)


def test_a_pydantic_model_may_hold_lumbar_documents():
    """A lumbar document as a field of a pydantic model: errors are under the field's name."""

    class Request(pydantic.BaseModel):
        profile: lumbar.Profile
        note: str = ""

    profile = lumbar.Profile(screening=CLEAR)
    assert Request.model_validate({"profile": lumbar.to_dict(profile)}).profile == profile
    bad = lumbar.to_dict(profile) | {"pain": 11}
    with pytest.raises(pydantic.ValidationError) as caught:
        Request.model_validate({"profile": bad})
    assert caught.value.errors()[0]["loc"] == ("profile", "pain")
    assert "must be <= 10" in caught.value.errors()[0]["msg"]
    schema = Request.model_json_schema()
    assert schema["properties"]["profile"]["title"] == "Profile"
    assert "Screening" in schema["$defs"]


def test_pydantic_is_imported_only_when_pydantic_asks():
    """Using lumbar's documents and JSON does not import pydantic."""
    import subprocess
    import sys

    code = (
        "import sys, lumbar\n"
        "p = lumbar.Profile(screening=lumbar.screen(lumbar.RedFlags()))\n"
        "lumbar.from_json(lumbar.to_json(p), lumbar.Profile)\n"
        "print('pydantic' in sys.modules, 'fastapi' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
