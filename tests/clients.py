"""Test clients and the reference data every test database needs."""

import json
from typing import Any

from django.apps import apps
from django.test import Client

from perizinan.accounts.models import ApiToken, User
from perizinan.catalog.loader import load_permit_type
from perizinan.catalog.models import PermitType

PASSWORD = "demo12345"


def load_catalogue() -> None:
    """Transactional tests flush the database, data migrations included: load the catalogue again."""
    if not PermitType.objects.filter(code="PAK").exists():
        load_permit_type(apps, "pak.json")


class Api:
    """A JSON client for /api/v1 acting as one user (or anonymous)."""

    def __init__(self, user: User | None = None) -> None:
        self.client = Client()
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user)}"} if user else {}
        self.user = user

    def get(self, path: str, **params: Any):  # type: ignore[no-untyped-def]
        return self.client.get(f"/api/v1{path}", params, **self.headers)

    def post(self, path: str, data: Any = None, **extra: Any):  # type: ignore[no-untyped-def]
        return self.client.post(
            f"/api/v1{path}", json.dumps(data or {}), content_type="application/json", **self.headers, **extra
        )

    def put(self, path: str, data: Any = None):  # type: ignore[no-untyped-def]
        return self.client.put(
            f"/api/v1{path}", json.dumps(data or {}), content_type="application/json", **self.headers
        )

    def delete(self, path: str):  # type: ignore[no-untyped-def]
        return self.client.delete(f"/api/v1{path}", **self.headers)

    def upload(self, path: str, data: dict[str, Any]):  # type: ignore[no-untyped-def]
        return self.client.post(f"/api/v1{path}", data, **self.headers)
