"""Lists read as rows with keyset paging: `after` walks the same rows as `offset`, in the same
order, with ties and NULL deadlines; bad cursors are a 422 naming `after`; counts stop at a cap."""

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from ninja.renderers import JSONRenderer

from perizinan.api.schemas import ApplicationSummary
from perizinan.api.tasks import TaskOut
from perizinan.applications import presenters
from perizinan.applications.models import Application, Company
from perizinan.applications.selectors import count_visible, get_application_for_user
from perizinan.catalog.models import PermitType

pytestmark = pytest.mark.django_db


def bulk(users, n: int, *, state: str, owner: str = "applicant", **fields) -> list[int]:  # type: ignore[no-untyped-def]
    """n bare applications in `state` (volume only: no documents, no log)."""
    company = Company.objects.create(
        name="Medika",
        legal_form="PT",
        nib="9000000000001",
        npwp="018550814412000",
        address="x",
        phone="1",
        email="a@b.id",
    )
    pak = PermitType.objects.get(code="PAK")
    apps = Application.objects.bulk_create(
        Application(
            permit_type=pak,
            kind="new",
            company=company,
            created_by=users[owner],
            director_name="D",
            director_nik="6471011501900001",
            tech_lead_name="P",
            tech_lead_nik="6471015501900002",
            tech_lead_education="D3",
            building_status="owned",
            **fields,
        )
        for _ in range(n)
    )
    ids = [a.pk for a in apps]
    Application.objects.filter(pk__in=ids).update(state=state)  # FSMField(protected=True)
    return ids


def walk(client, path: str, limit: int, **params) -> tuple[list[int], int]:  # type: ignore[no-untyped-def]
    """Follow X-Next-Cursor from the first page to the last; the ids seen and the pages read."""
    seen: list[int] = []
    r = client.get(path, limit=limit, **params)
    pages = 1
    while True:
        assert r.status_code == 200
        seen += [row["id"] for row in r.json()]
        cursor = r.headers.get("X-Next-Cursor")
        if cursor is None:
            assert "Link" not in r.headers
            return seen, pages
        assert r.headers["Link"].endswith('rel="next"') and f"after={cursor}" in r.headers["Link"]
        assert all(f"{k}={v}" in r.headers["Link"] for k, v in params.items())
        r = client.get(path, limit=limit, after=cursor, **params)
        pages += 1


def test_list_cursor_walks_every_row_once_newest_first_with_ties(api, users):
    ids = bulk(users, 7, state="submitted")
    same = timezone.now() - timedelta(days=3)
    Application.objects.filter(pk__in=ids[:4]).update(created_at=same)  # ties broken by id
    everything = api("office_head").get("/applications", limit=500).json()
    expected = [row["id"] for row in everything]
    assert sorted(expected) == sorted(ids)
    assert expected[-4:] == sorted(ids[:4], reverse=True)

    seen, pages = walk(api("office_head"), "/applications", limit=2)
    assert seen == expected and pages == 4
    by_offset = [
        row["id"]
        for off in range(0, 8, 2)
        for row in api("office_head").get("/applications", limit=2, offset=off).json()
    ]
    assert by_offset == expected


def test_list_cursor_keeps_the_filter_and_the_callers_visibility(api, users):
    mine = bulk(users, 3, state="draft")
    theirs = bulk(users, 3, state="draft", owner="applicant2")
    bulk(users, 2, state="submitted")
    seen, _ = walk(api("applicant"), "/applications", limit=1, state="draft")
    assert sorted(seen) == sorted(mine)
    seen, _ = walk(api("office_head"), "/applications", limit=4, state="draft")
    assert sorted(seen) == sorted(mine + theirs)


def test_inbox_cursor_follows_the_deadline_order_with_null_deadlines(api, users):
    today = timezone.localdate()
    ids = bulk(users, 3, state="submitted", step_due_date=today + timedelta(days=2), due_date=today)
    ids += bulk(users, 2, state="submitted", step_due_date=today - timedelta(days=1))
    ids += bulk(users, 2, state="submitted")  # no deadline: last
    bulk(users, 2, state="registered")  # not customer service's
    expected = [row["id"] for row in api("cs").get("/tasks", limit=500).json()]
    assert sorted(expected) == sorted(ids)
    assert expected[:2] == sorted(ids[3:5]) and expected[-2:] == sorted(ids[5:7])
    seen, pages = walk(api("cs"), "/tasks", limit=3)
    assert seen == expected and pages == 3


@pytest.mark.parametrize("path", ["/applications", "/tasks"])
def test_bad_cursor_is_a_422_naming_after(api, users, path):
    bulk(users, 2, state="submitted")
    for bad in ["x", "bm90IGpzb24", "WyJ4Il0", "W10"]:  # junk, not JSON, wrong types, wrong length
        r = api("cs").get(path, after=bad)
        assert r.status_code == 422, bad
        assert "after" in r.json()["errors"]
    r = api("cs").get(path, offset=2, after="W10")
    assert r.status_code == 422 and "after" in r.json()["errors"]


def test_total_count_is_exact_up_to_the_cap_then_says_over(api, users):
    bulk(users, 3, state="submitted")
    r = api("office_head").get("/applications", limit=1)
    assert r.headers["X-Total-Count"] == "3" and "X-Total-Count-Over" not in r.headers
    assert (
        "X-Total-Count"
        not in api("office_head").get("/applications", after=r.headers["X-Next-Cursor"]).headers
    )
    assert count_visible(users["office_head"], cap=3) == 3
    assert count_visible(users["office_head"], cap=2) is None


def test_total_count_of_a_short_page_is_its_last_position(api, users):
    """The last page (fewer rows than the limit) gives the total without a count; past the end
    (an empty page) the count still answers."""
    bulk(users, 3, state="submitted")
    client = api("office_head")
    for offset, rows in [(0, 3), (1, 2), (2, 1), (5, 0)]:
        r = client.get("/applications", limit=10, offset=offset)
        assert len(r.json()) == rows and r.headers["X-Total-Count"] == "3", offset


def test_list_and_inbox_cost_the_same_queries_for_more_rows(api, users, django_assert_max_num_queries):
    bulk(users, 3, state="submitted")
    client = api("cs")
    client.get("/tasks")  # warm the caches of reference data

    def queries(path: str) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(path, limit=500).status_code == 200
        return len(ctx.captured_queries)

    small = (queries("/tasks"), queries("/applications"))
    bulk(users, 40, state="submitted")
    assert (queries("/tasks"), queries("/applications")) == small


def test_rows_read_as_values_are_exactly_the_summary_of_each_application(api, users, application_data):
    """The lists skip model instances and pydantic's re-validation: the bytes must not change."""

    today = timezone.localdate()
    bulk(users, 2, state="submitted", step_due_date=today - timedelta(days=1), due_date=today)
    bulk(users, 1, state="submitted", paused_since=timezone.now(), last_reason="Lengkapi")
    real = api("applicant").post("/applications", application_data).json()["id"]

    def render(data):  # type: ignore[no-untyped-def]
        return json.loads(JSONRenderer().render(None, data, response_status=200))

    rows = api("office_head").get("/applications").json()
    assert real in [r["id"] for r in rows]
    for row in rows:
        app = get_application_for_user(users["office_head"], row["id"])
        assert row == render(ApplicationSummary.model_validate(presenters.summary(app)).model_dump())
    for row in api("cs").get("/tasks").json():
        app = get_application_for_user(users["cs"], row["id"])
        s = presenters.summary(app)
        expected = {
            **s,
            "due_date": s["due_date"].isoformat() if s["due_date"] else None,
            "step_due_date": s["step_due_date"].isoformat() if s["step_due_date"] else None,
            "waiting_since": app.state_since.isoformat() if app.state_since else None,
        }
        assert row == render(TaskOut.model_validate(expected).model_dump())
