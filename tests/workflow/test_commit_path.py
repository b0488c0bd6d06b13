"""The commit path of a step stays small and does not grow with the data: at most 8 SQL
statements per transition (9 for numbering, which also writes the number register and the
licence record; one more on PostgreSQL, the row lock taken before the step's effect),
transaction control not counted, the same for the second application as for
the third (the first also fills the process's cache of reference data and makes the year's
licence counter)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from perizinan.applications.models import Application
from perizinan.demo import forward_path, new_application, step_files
from perizinan.workflow.services import take_action

pytestmark = pytest.mark.django_db
LIMIT = 8
LIMITS = {"number_licence": 9}
CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


def _statements(ctx: CaptureQueriesContext) -> int:
    return sum(1 for q in ctx.captured_queries if not q["sql"].lstrip().upper().startswith(CONTROL))


def _walk(users) -> dict[str, int]:  # type: ignore[no-untyped-def]
    app = new_application(users)
    counts = {}
    for s in forward_path():
        fresh = Application.objects.select_related("permit_type", "company").get(pk=app.pk)
        files = step_files(s)
        with CaptureQueriesContext(connection) as ctx:
            take_action(application=fresh, name=s.action, by=users[s.actor], data=s.data, files=files)
        counts[s.action] = _statements(ctx)
    return counts


def test_statements_per_transition_are_few_and_constant(users, settings):
    # Reference data stays cached for the test: a walk on a busy machine can outlast the
    # default minute, and a reload in one walk is not a statement of the commit path.
    settings.PERIZINAN_REFCACHE_SECONDS = 3600
    _walk(users)
    second = _walk(users)
    third = _walk(users)
    assert second == third
    lock = 1 if connection.features.has_select_for_update else 0
    too_many = {a: n for a, n in third.items() if n > LIMITS.get(a, LIMIT) + lock}
    assert too_many == {}, third
