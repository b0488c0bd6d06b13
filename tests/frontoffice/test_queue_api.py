"""The queue API of the contract: tickets from the kiosk, calls from the counters, the board."""

from datetime import datetime, timedelta

import pytest
import time_machine

from perizinan.frontoffice.models import QueueTicket, TicketStatus
from perizinan.workdays.calendar import WITA
from perizinan.workdays.models import OfficeClosure

pytestmark = pytest.mark.django_db


def take(api, service="cs", phone=""):  # type: ignore[no-untyped-def]
    return api().post("/queue/tickets", {"service": service, "phone": phone})


def test_ticket_numbers_count_per_service_and_restart_each_day(api, open_hours):
    first = take(api)
    assert first.status_code == 201, first.content
    body = first.json()
    assert body["number"] == "B-001" and body["service"] == "cs" and body["waiting_before"] == 0
    assert take(api).json()["number"] == "B-002"
    assert take(api, "info").json()["number"] == "A-001"
    assert take(api).json()["waiting_before"] == 2
    open_hours.move_to(datetime(2026, 12, 3, 9, 0, tzinfo=WITA))
    assert take(api).json()["number"] == "B-001"


def test_phone_is_optional_but_checked(api, open_hours):
    r = take(api, phone="0812-3456-7890")
    assert r.status_code == 201
    assert QueueTicket.objects.get(pk=r.json()["id"]).phone == "+6281234567890"
    bad = take(api, phone="12")
    assert bad.status_code == 422
    assert bad.json()["detail"].startswith("phone")


def test_unknown_service_is_422(api, open_hours):
    assert take(api, "parking").status_code == 422


@pytest.mark.parametrize(
    ("moment", "opening"),
    [
        (datetime(2026, 12, 2, 7, 30), "2026-12-02T08:00:00+08:00"),  # before opening
        (datetime(2026, 12, 2, 19, 0), "2026-12-03T08:00:00+08:00"),  # at closing
        (datetime(2026, 12, 4, 11, 30), "2026-12-07T08:00:00+08:00"),  # Friday afternoon
        (datetime(2026, 12, 5, 10, 0), "2026-12-07T08:00:00+08:00"),  # Saturday
        (datetime(2026, 12, 24, 12, 0), "2026-12-28T08:00:00+08:00"),  # before Christmas + cuti bersama
    ],
)
def test_closed_queue_is_409_with_the_next_opening(api, users, moment, opening):
    with time_machine.travel(moment.replace(tzinfo=WITA), tick=False):
        r = take(api)
    assert r.status_code == 409, r.content
    assert r.json()["next_opening"] == opening
    assert r.json()["detail"]
    assert not QueueTicket.objects.exists()


def test_office_closure_closes_the_queue(api, users, open_hours):
    OfficeClosure.objects.create(date=datetime(2026, 12, 2).date(), reason="Rapat")
    r = take(api)
    assert r.status_code == 409
    assert r.json()["next_opening"] == "2026-12-03T08:00:00+08:00"


def test_call_next_recall_skip_done(api, open_hours):
    a, b = take(api).json(), take(api).json()
    open_hours.shift(timedelta(minutes=4))
    r = api("cs").post("/queue/call-next", {"service": "cs", "counter": "2"})
    assert r.status_code == 200
    assert r.json()["id"] == a["id"] and r.json()["counter"] == "2" and r.json()["status"] == "called"
    board = api().get("/queue/board").json()
    assert board["called"][0]["number"] == "B-001" and board["called"][0]["counter"] == "2"
    assert board["waiting"]["cs"] == 1
    assert api("cs").post(f"/queue/tickets/{a['id']}/recall").json()["calls"] == 2
    open_hours.shift(timedelta(minutes=6))
    assert api("cs").post(f"/queue/tickets/{a['id']}/done").json()["status"] == "done"
    t = QueueTicket.objects.get(pk=a["id"])
    assert (t.waiting_seconds, t.service_seconds) == (240, 360)
    second = api("cs").post("/queue/call-next", {"service": "cs", "counter": "2"}).json()
    assert second["id"] == b["id"]
    assert api("cs").post(f"/queue/tickets/{b['id']}/skip").json()["status"] == "skipped"
    assert api("cs").post("/queue/call-next", {"service": "cs", "counter": "2"}).status_code == 204
    # a skipped visitor who turns up is called again
    assert api("cs").post(f"/queue/tickets/{b['id']}/recall").json()["status"] == "called"


def test_calling_next_finishes_the_counters_current_ticket(api, open_hours):
    a, _ = take(api).json(), take(api).json()
    api("cs").post("/queue/call-next", {"service": "cs", "counter": "1"})
    api("cs").post("/queue/call-next", {"service": "cs", "counter": "1"})
    assert QueueTicket.objects.get(pk=a["id"]).status == TicketStatus.DONE


def test_transfer_keeps_the_visitors_place(api, open_hours):
    early = take(api, "info").json()
    open_hours.shift(timedelta(minutes=1))
    take(api, "cs")
    api("info").post("/queue/call-next", {"service": "info", "counter": "1"})
    r = api("info").post(f"/queue/tickets/{early['id']}/transfer", {"service": "cs"})
    assert r.status_code == 200
    moved = r.json()
    assert moved["service"] == "cs" and moved["number"] == "B-002" and moved["status"] == "waiting"
    assert QueueTicket.objects.get(pk=early["id"]).status == TicketStatus.TRANSFERRED
    called = api("cs").post("/queue/call-next", {"service": "cs", "counter": "3"}).json()
    assert called["id"] == moved["id"]  # issued earlier than the cs ticket


def test_conflicts_are_409(api, open_hours):
    t = take(api).json()
    assert api("cs").post(f"/queue/tickets/{t['id']}/done").status_code == 409
    assert api("cs").post(f"/queue/tickets/{t['id']}/recall").status_code == 409


def test_permission_edges(api, open_hours):
    t = take(api, "pickup").json()
    anon = api()
    assert anon.post("/queue/call-next", {"service": "pickup", "counter": "1"}).status_code == 401
    for action in ("recall", "skip", "done", "transfer"):
        assert anon.post(f"/queue/tickets/{t['id']}/{action}", {"service": "cs"}).status_code == 401
    # another service's officer, and an applicant
    assert api("cs").post("/queue/call-next", {"service": "pickup", "counter": "1"}).status_code == 403
    assert api("applicant").post("/queue/call-next", {"service": "cs", "counter": "1"}).status_code == 403
    assert api("cs").post(f"/queue/tickets/{t['id']}/skip").status_code == 403
    assert api("pickup").post("/queue/tickets/999999/skip").status_code == 404
    assert api("pickup").post("/queue/call-next", {"service": "pickup", "counter": ""}).status_code == 422
    # wrong methods
    assert api().get("/queue/tickets").status_code == 405
    assert api("pickup").get("/queue/call-next").status_code == 405
    assert api().post("/queue/board").status_code == 405


def test_public_posts_are_throttled(api, open_hours, settings):
    settings.PERIZINAN_THROTTLES = {"queue_ticket": {"address": (2, 600)}}
    assert take(api).status_code == 201
    assert take(api).status_code == 201
    r = take(api)
    assert r.status_code == 429 and int(r["Retry-After"]) > 0


def test_board_is_public_and_empty_at_first(api, users):
    r = api().get("/queue/board")
    assert r.status_code == 200
    assert r.json() == {"called": [], "waiting": {"info": 0, "cs": 0, "pickup": 0}}
