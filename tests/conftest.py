import json
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from perizinan.accounts.models import ApiToken, User
from perizinan.demo import DEMO_APPLICATION, seed_users

PASSWORD = "demo12345"


@pytest.fixture(scope="session")
def demo_pki(tmp_path_factory):  # type: ignore[no-untyped-def]
    from perizinan.documents.signing.pki import create_demo_pki

    return create_demo_pki(tmp_path_factory.mktemp("pki"), passphrase=b"test-signing-passphrase")


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path, demo_pki):  # type: ignore[no-untyped-def]
    from django.core.cache import caches

    # Cached reference data (perizinan/refcache.py) must not outlive a test's rollback; throttle
    # counters (the database cache) are rolled back with the test.
    caches["refcache"].clear()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PERIZINAN_SIGNER = "local"
    settings.PERIZINAN_PKI_DIR = demo_pki.root_pem.parent
    settings.PERIZINAN_SIGNING_PASSPHRASE = "test-signing-passphrase"
    settings.PERIZINAN_TRUST_ROOTS = [str(demo_pki.root_pem)]


@pytest.fixture
def users(db) -> dict[str, User]:  # type: ignore[no-untyped-def]
    # Transactional tests flush the database, data migrations included: load the catalogue again.
    from django.apps import apps
    from django.core.cache import cache

    from perizinan.catalog.loader import load_permit_type
    from perizinan.catalog.models import PermitType

    cache.clear()  # throttle counters: a transactional test's flush leaves the cache table alone
    if not PermitType.objects.filter(code="PAK").exists():
        load_permit_type(apps, "pak.json")
    return seed_users(PASSWORD)


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


@pytest.fixture
def api(users):  # type: ignore[no-untyped-def]
    cache: dict[str | None, Api] = {}

    def as_(username: str | None = None) -> Api:
        if username not in cache:
            cache[username] = Api(users[username] if username else None)
        return cache[username]

    return as_


@pytest.fixture
def application_data() -> dict[str, Any]:
    return json.loads(json.dumps(DEMO_APPLICATION))


def on_postgres() -> bool:
    return connection.vendor == "postgresql"


def pytest_collection_modifyitems(session, config, items):  # type: ignore[no-untyped-def]
    """Browser tests last: Playwright's sync API keeps an asyncio loop running in the main
    thread for the rest of the session, and pyHanko's synchronous signing (asyncio.run) cannot
    run in a thread with a running loop."""
    items.sort(key=lambda item: "/e2e/" in str(item.fspath))
