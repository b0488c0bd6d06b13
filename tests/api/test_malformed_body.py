"""A body that is not JSON: a 400 with the JSON error in the caller's language, and the 400
declared in the OpenAPI document of every operation that reads a body (found by the schema
fuzz, tests/security/test_schema_fuzz.py: ST103 undocumented status code)."""

import pytest

pytestmark = pytest.mark.django_db

NOT_JSON = b"\x00\xff"


@pytest.mark.parametrize(
    "path", ["/api/v1/auth/token", "/api/v1/surveys", "/api/v1/complaints", "/api/v1/queue/tickets"]
)
def test_a_body_that_is_not_json_is_a_400_naming_it(client, path):
    r = client.post(path, NOT_JSON, content_type="application/json")
    assert r.status_code == 400
    assert r.json()["detail"] == "Isi permintaan bukan JSON yang valid."
    en = client.post(path, NOT_JSON, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert en.json()["detail"] == "The request body is not valid JSON."


def test_every_operation_with_a_body_declares_400(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    with_body = [(m, p) for p, ops in paths.items() for m, op in ops.items() if "requestBody" in op]
    assert with_body
    missing = [(m, p) for m, p in with_body if "400" not in paths[p][m]["responses"]]
    assert missing == []
    error = paths["/api/v1/auth/token"]["post"]["responses"]["400"]["content"]["application/json"]["schema"]
    assert error == {"$ref": "#/components/schemas/Error"}
