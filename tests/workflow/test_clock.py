"""The SLA clock through the workflow: start on the recommendation, pauses, per-step targets, overdue."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from perizinan.catalog.models import PermitType
from perizinan.workdays.calendar import Calendar
from perizinan.workflow.models import ClockPause
from tests.helpers import act, create_complete, run_until

pytestmark = pytest.mark.django_db
WITA = ZoneInfo("Asia/Makassar")


def at(y: int, m: int, d: int, hour: int = 10) -> datetime:
    return datetime(y, m, d, hour, tzinfo=WITA)


def test_clock_due_dates_pause_and_overdue(api, application_data):
    with time_machine.travel(at(2026, 12, 14), tick=False):  # Monday
        app_id = create_complete(api, application_data)
        run_until(api, app_id, stop_before="recommend")
    with time_machine.travel(at(2026, 12, 16), tick=False):  # Wednesday: the recommendation arrives
        app = act(api, app_id, "technical_team", "recommend")
        assert app["clock_started_at"] == "2026-12-16"
        # 7 working days: 17, 18, 21, 22, 23, (24 cuti bersama, 25 Christmas) 28, 29.
        assert app["due_date"] == "2026-12-29"
        assert app["step_due_date"] == "2026-12-17"  # step 11: H+1
        app = act(api, app_id, "admin_monitoring", "draft_licence")
        assert app["step_due_date"] == "2026-12-21"  # step 12: H+3
        act(api, app_id, "section_head", "section_approve")
        app = act(api, app_id, "division_head", "division_approve")
        assert app["step_due_date"] == "2026-12-23"  # step 14: H+5
        app = act(api, app_id, "office_head", "call_meeting", {"reason": "Presentasi"})
        assert app["paused"] and app["step_due_date"] is None
    with time_machine.travel(at(2026, 12, 22), tick=False):  # the meeting: Tuesday next week
        app = act(api, app_id, "office_head", "meeting_held", {"result": "Memenuhi syarat"})
        # Paused working days: 17, 18, 21, 22 = 4, so the due date moves 4 working days on.
        pause = ClockPause.objects.get(application_id=app_id)
        assert pause.working_days == 4 and pause.ended_at is not None
        assert app["due_date"] == Calendar().add_working_days(date(2026, 12, 16), 7 + 4).isoformat()
        assert app["due_date"] == "2027-01-06"  # 1 Jan New Year, 5 Jan Isra Mikraj (2027 estimate)
        assert not app["overdue"]
        assert app["pauses"][0]["working_days"] == 4
    with time_machine.travel(at(2027, 1, 7), tick=False):
        detail = api("office_head").get(f"/applications/{app_id}").json()
        assert detail["overdue"] is True
        tasks = api("office_head").get("/tasks").json()
        assert tasks[0]["id"] == app_id and tasks[0]["overdue"] is True


def test_registration_anchored_steps_are_due_the_same_day(api, application_data):
    with time_machine.travel(at(2026, 12, 1), tick=False):
        app_id = create_complete(api, application_data)
        app = run_until(api, app_id, stop_before="verify")
        assert app["step_due_date"] == "2026-12-01"  # step 7: day H
    with time_machine.travel(at(2026, 12, 2), tick=False):
        assert api("verifier").get(f"/applications/{app_id}").json()["overdue"] is True
        app = act(api, app_id, "verifier", "verify")
        entry = app["timeline"][-1]
        assert (entry["action"], entry["due_on"], entry["late"]) == ("verify", "2026-12-01", True)
        register = next(e for e in app["timeline"] if e["action"] == "register")
        assert register["late"] is False


def test_permit_type_without_recommendation_starts_at_receipt(api, application_data):
    PermitType.objects.filter(code="PAK").update(clock_start="receipt", needs_recommendation=False)
    with time_machine.travel(at(2026, 12, 1), tick=False):
        app_id = create_complete(api, application_data)
        app = run_until(api, app_id, stop_before="verify")
        assert app["clock_started_at"] == "2026-12-01"
        assert app["due_date"] == "2026-12-10"
        app = act(api, app_id, "verifier", "verify_return", {"reason": "x"})
        app = act(api, app_id, "cs", "cs_request_fix", {"reason": "Lengkapi"})
        assert app["paused"]
    with time_machine.travel(at(2026, 12, 3), tick=False):
        app = act(api, app_id, "applicant", "resubmit_fix")
        assert not app["paused"]
        assert app["due_date"] == "2026-12-14"  # two working days (2, 3 Dec) added


def test_the_clock_stops_when_the_licence_is_numbered_not_at_pickup(api, application_data):
    """Section I: the limit runs to the issued (numbered and dated) licence; a licence issued on
    time that waits at the pickup counter is not overdue."""
    with time_machine.travel(at(2026, 12, 14), tick=False):
        app_id = create_complete(api, application_data)
        run_until(api, app_id, stop_before="hand_over")
    with time_machine.travel(at(2027, 2, 1), tick=False):  # weeks later, still not picked up
        app = api("pickup").get(f"/applications/{app_id}").json()
        assert app["state"] == "numbered"
        assert app["overdue"] is False
        tasks = api("pickup").get("/tasks").json()
        assert [t["overdue"] for t in tasks if t["id"] == app_id] == [False]


def test_steps_after_a_fix_loop_count_from_their_own_start(api, application_data):
    """Issue 13 item 2: after the applicant's fixes come back (step 8), the verifier's re-check
    and the liaison's delivery are measured from the day each step started, not from the
    registration day weeks before."""
    with time_machine.travel(at(2026, 12, 1), tick=False):  # Tuesday: registered
        app_id = create_complete(api, application_data)
        run_until(api, app_id, stop_before="verify")
        act(api, app_id, "verifier", "verify_return", {"reason": "NPWP tidak terbaca"})
        act(api, app_id, "cs", "cs_request_fix", {"reason": "Unggah ulang NPWP"})
    with time_machine.travel(at(2026, 12, 8), tick=False):  # a week later: the fixes arrive
        app = act(api, app_id, "applicant", "resubmit_fix")
        assert app["step_due_date"] == "2026-12-08"  # step 8 from its own start, not 1 Dec
        app = act(api, app_id, "cs", "cs_forward_fix")
        assert app["step_due_date"] == "2026-12-08" and app["overdue"] is False
        app = act(api, app_id, "verifier", "verify")
        assert app["timeline"][-1]["late"] is False
        assert app["step_due_date"] == "2026-12-08"  # step 9: the liaison's day
    with time_machine.travel(at(2026, 12, 9), tick=False):
        app = act(api, app_id, "liaison", "deliver_to_agency", {"received_by": "Staf Dinkes"})
        delivery = app["timeline"][-1]
        assert (delivery["due_on"], delivery["late"]) == ("2026-12-08", True)
