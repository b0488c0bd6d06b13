import json
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache, caches
from django.db import connection
from django.test import override_settings
from django.utils import translation

from perizinan.accounts.models import User
from perizinan.demo import DEMO_APPLICATION, DEMO_USERS, seed_users
from perizinan.documents.signing.pki import create_demo_pki
from tests.clients import PASSWORD, Api, load_catalogue
from tests.dossier import completed_dossier, dossier_at_the_agency, test_settings

__all__ = ["PASSWORD", "Api", "completed_dossier", "dossier_at_the_agency"]


# Module-scoped fixtures whose data (and files) the module's tests share: see tests/dossier.py.
SHARED_FIXTURES = ("completed_dossier", "dossier_at_the_agency", "shared_history", "committed_applications")


@pytest.fixture(scope="session")
def demo_pki(tmp_path_factory):  # type: ignore[no-untyped-def]
    return create_demo_pki(tmp_path_factory.mktemp("pki"), passphrase=b"test-signing-passphrase")


@pytest.fixture(autouse=True)
def _fast_and_isolated(request, settings, tmp_path, demo_pki):  # type: ignore[no-untyped-def]
    # Cached reference data (perizinan/refcache.py) must not outlive a test's rollback; throttle
    # counters (the database cache) are rolled back with the test.
    caches["refcache"].clear()
    # Each test starts in the default language (a request in English leaves English active in
    # the thread that served it, which in the test client is the test's own).
    translation.activate(django_settings.LANGUAGE_CODE)
    # A test on data its module shares (tests/dossier.py) reads that data's files; any other
    # gets its own folder.
    shared = next((name for name in SHARED_FIXTURES if name in request.fixturenames), None)
    media_root = request.getfixturevalue(shared).media_root if shared else tmp_path / "media"
    for name, value in test_settings(demo_pki, media_root).items():
        setattr(settings, name, value)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, demo_pki, tmp_path_factory):  # type: ignore[no-untyped-def]
    """The test database with the catalogue and the demo users made once: each test's rollback
    returns to them, so `users` only reads them (seeding them costs a tenth of a second, and
    most tests ask for them). A transactional test's flush empties them; `users` makes them
    again after it."""
    media_root = tmp_path_factory.mktemp("seed") / "media"
    with override_settings(**test_settings(demo_pki, media_root)), django_db_blocker.unblock():
        load_catalogue()
        seed_users(PASSWORD)


@pytest.fixture
def users(db) -> dict[str, User]:  # type: ignore[no-untyped-def]
    cache.clear()  # throttle counters: a transactional test's flush leaves the cache table alone
    found = {user.username: user for user in User.objects.filter(username__in=DEMO_USERS)}
    if len(found) == len(DEMO_USERS):
        return {username: found[username] for username in DEMO_USERS}
    load_catalogue()  # emptied by a transactional test
    return seed_users(PASSWORD)


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


# The unit tier (`make test-fast`) leaves out what drives whole lifecycles, live servers or a browser.
SLOW_MODULES = (
    "/e2e/",
    "/api/test_lifecycle.py",
    "/documents/test_signing.py",
    "/documents/test_jobs.py",
    "/licences/",
    "/workflow/test_concurrent_lifecycle.py",
    "/workflow/test_concurrency.py",
    "/reports/",
)
SLOW_FIXTURES = {"live_server", "transactional_db", *SHARED_FIXTURES}


# The files that take longest, longest first: the parallel run starts them first so that its
# processes end together (scripts/run-tests.sh keeps this order: --no-loadscope-reorder). It
# orders tests, it selects none; a file not listed keeps its place.
LONGEST_FIRST = (
    "/workflow/test_concurrent_lifecycle.py",
    "/maintenance/test_backup_restore.py",
    "/notifications/test_delivery.py",
    "/documents/test_signing.py",
    "/e2e/test_corrections_walk.py",
    "/e2e/test_issuing_walk.py",
    "/e2e/test_applicant.py",
    "/e2e/test_reports.py",
)


# Fixtures after which the database is emptied (as after a transactional test).
EMPTYING_FIXTURES = {"transactional_db", "live_server", "committed_applications"}


def _empties(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or bool(
        EMPTYING_FIXTURES & set(getattr(item, "fixturenames", ()))
    )


def _order(items: list[pytest.Item]) -> None:
    """Browser tests last; before them, as pytest-django orders them, the files with a test that
    empties the database after the others (whose tests read the rows the migrations put
    there): a file runs whole in one process, so a file is placed by its tests that empty; the
    longest files first within each group."""
    emptying = {str(item.fspath) for item in items if _empties(item)}

    def place(item: pytest.Item) -> tuple[bool, bool, int]:
        path = str(item.fspath)
        rank = next((i for i, name in enumerate(LONGEST_FIRST) if path.endswith(name)), len(LONGEST_FIRST))
        return "/e2e/" in path, path in emptying, rank

    items.sort(key=place)


def pytest_collection_modifyitems(session, config, items):  # type: ignore[no-untyped-def]
    """Mark the slow tier and the browser tests; order the tests (`_order`): the browser tests
    last in every process, because their live server empties the database after each of them
    and Playwright's sync API keeps an asyncio loop running in the process from then on."""
    for item in items:
        path = str(item.fspath)
        if any(m in path for m in SLOW_MODULES) or SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
        if "/e2e/" in path:
            item.add_marker(pytest.mark.browser)
    _order(items)
