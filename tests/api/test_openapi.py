"""Every response code a route can return is declared in the OpenAPI schema."""

import pytest

pytestmark = pytest.mark.django_db


def test_every_route_declares_its_error_codes(client):
    schema = client.get("/api/v1/openapi.json").json()
    problems = []
    for path, methods in schema["paths"].items():
        for method, op in methods.items():
            codes = set(op["responses"])
            if op.get("security"):
                problems += [f"{method} {path}: 401" for c in ["401"] if c not in codes]
            if op.get("parameters") or op.get("requestBody"):
                problems += [f"{method} {path}: 422" for c in ["422"] if c not in codes]
            if "{pk}" in path and "404" not in codes:
                problems.append(f"{method} {path}: 404")
    assert problems == []


def test_docs_page_is_served_without_a_cdn(client):
    r = client.get("/api/v1/docs")
    assert r.status_code == 200
    assert b"cdn.jsdelivr" not in r.content and b"unpkg.com" not in r.content
