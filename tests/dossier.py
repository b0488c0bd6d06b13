"""Data built once and shared by the tests of a module; one completed dossier, for one.

Taking an application through all 17 steps and signing its licence costs seconds; the
document and signature tests only read what the steps left behind. `completed_dossier` does
the lifecycle once per module inside an outer transaction that is rolled back when the
module ends; each test runs in its own savepoint inside it (pytest-django's usual per-test
rollback), so a test that changes the dossier (revokes the licence, say) leaves the next
test the dossier as it was.

Tests that use it see the dossier's files: `tests/conftest.py` points `MEDIA_ROOT` at the
dossier's folder instead of a per-test one.
"""

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache, caches
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from perizinan.demo import DEMO_APPLICATION, seed_users
from tests.clients import PASSWORD, Api, load_catalogue
from tests.helpers import create_complete, run_until
from tests.worker import drain


@dataclass(frozen=True)
class Dossier:
    app_id: int
    media_root: Path


@dataclass(frozen=True)
class SharedWorld:
    """What a module's shared set-up made: its users, its API clients, its files' folder."""

    users: dict[str, Any]
    api: Callable[..., Api]
    media_root: Path


def _populated(media_root: Path) -> SharedWorld:
    """The catalogue and the demo users, with API clients made on first use."""
    cache.clear()
    caches["refcache"].clear()
    load_catalogue()
    users = seed_users(PASSWORD)
    clients: dict[str | None, Api] = {}

    def api(username: str | None = None) -> Api:
        if username not in clients:
            clients[username] = Api(users[username] if username else None)
        return clients[username]

    return SharedWorld(users=users, api=api, media_root=media_root)


@contextmanager
def shared_world(django_db_blocker: Any, demo_pki: Any, tmp_path_factory: Any) -> Iterator[SharedWorld]:
    """A catalogue and the demo users in an outer transaction rolled back when the module ends;
    what the module builds inside it (applications, files) is shared by its tests."""
    media_root = tmp_path_factory.mktemp("shared") / "media"
    with override_settings(**test_settings(demo_pki, media_root)), django_db_blocker.unblock():
        outer = transaction.atomic()
        # Marked as a test case's block, the steps' durable transactions nest in it as they
        # do in any test (Django exempts its test-case blocks from the durability check).
        outer._from_testcase = True  # type: ignore[attr-defined]
        outer.__enter__()
        try:
            yield _populated(media_root)
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            cache.clear()
            caches["refcache"].clear()


@contextmanager
def committed_world(django_db_blocker: Any, demo_pki: Any, tmp_path_factory: Any) -> Iterator[SharedWorld]:
    """`shared_world` for tests that need the data committed, because another process reads it
    (`pg_dump`, a command run in a subprocess). The database is emptied when the module ends,
    as pytest-django empties it after each transactional test; the module's tests must not
    change the shared data (they get no rollback of their own)."""
    media_root = tmp_path_factory.mktemp("committed") / "media"
    with override_settings(**test_settings(demo_pki, media_root)), django_db_blocker.unblock():
        try:
            yield _populated(media_root)
        finally:
            call_command("flush", interactive=False, verbosity=0)
            cache.clear()
            caches["refcache"].clear()


@pytest.fixture(scope="module")
def completed_dossier(django_db_setup, django_db_blocker, demo_pki, tmp_path_factory) -> Iterator[Dossier]:  # type: ignore[no-untyped-def]
    with shared_world(django_db_blocker, demo_pki, tmp_path_factory) as world:
        app_id = create_complete(world.api, json.loads(json.dumps(DEMO_APPLICATION)))
        run_until(world.api, app_id)
        drain()  # the task worker makes the steps' documents after each commit
        yield Dossier(app_id=app_id, media_root=world.media_root)


@pytest.fixture(scope="module")
def dossier_at_the_agency(
    django_db_setup, django_db_blocker, demo_pki, tmp_path_factory
) -> Iterator[Dossier]:  # type: ignore[no-untyped-def]
    """One application taken through steps 3-9 (with the health office, waiting for its
    recommendation), shared by a module's tests of its process log; no documents made."""
    with shared_world(django_db_blocker, demo_pki, tmp_path_factory) as world:
        app_id = create_complete(world.api, json.loads(json.dumps(DEMO_APPLICATION)))
        run_until(world.api, app_id, stop_before="recommend")
        yield Dossier(app_id=app_id, media_root=world.media_root)


def test_settings(demo_pki: Any, media_root: Path) -> dict[str, Any]:
    """The settings every test runs with (the autouse fixture applies them per test)."""
    return {
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
        "MEDIA_ROOT": media_root,
        "PERIZINAN_SIGNER": "local",
        "PERIZINAN_PKI_DIR": demo_pki.root_pem.parent,
        "PERIZINAN_SIGNING_PASSPHRASE": "test-signing-passphrase",
        "PERIZINAN_TRUST_ROOTS": [str(demo_pki.root_pem)],
    }


test_settings.__test__ = False  # type: ignore[attr-defined]  # a helper, not a test
