"""SOP checks found in the walk through every role (issue 13 items 4, 6 and 7): the division
head's joint meeting (13d), the registry's final checklist (15c), the pickup officer's check of
the recipient (16), the checklist customer service signs (4), registration numbers per permit
type and year (6)."""

import pytest
import time_machine

from perizinan.applications.models import ChecklistItem
from perizinan.workflow.models import ProcessLogEntry, StepRecord
from perizinan.workflow.records import RecordKind
from tests.helpers import act, create_complete, run_until

pytestmark = pytest.mark.django_db


def offered(api, app_id: int, user: str) -> dict:  # type: ignore[no-untyped-def]
    return {a["name"]: a for a in api(user).get(f"/applications/{app_id}/actions").json()}


# --- 4: customer service cannot declare "complete and correct" with nothing ticked ------------


def test_cs_accept_with_nothing_ticked_is_refused_naming_confirm_all(api, application_data):
    app_id = create_complete(api, application_data)
    act(api, app_id, "applicant", "submit")
    r = api("cs").post(f"/applications/{app_id}/actions/cs_accept", {})
    assert r.status_code == 422
    assert "confirm_all" in r.json()["errors"] and "belum dicentang" in r.json()["errors"]["confirm_all"][0]
    assert api("cs").get(f"/applications/{app_id}").json()["state"] == "submitted"
    assert not ChecklistItem.objects.filter(application_id=app_id, ticked=True).exists()
    field = next(f for f in offered(api, app_id, "cs")["cs_accept"]["fields"] if f["name"] == "confirm_all")
    assert field["type"] == "bool"


def test_cs_accept_after_ticking_every_item_keeps_who_ticked_what(api, application_data, users, client):
    app_id = create_complete(api, application_data)
    act(api, app_id, "applicant", "submit")
    client.force_login(users["cs"])
    numbers = [
        r["number"] for r in api("cs").get(f"/applications/{app_id}").json()["checklist"] if r["present"]
    ]
    for n in numbers[:-1]:
        client.post(f"/permohonan/{app_id}/checklist/{n}/", {"ticked": "on"})
    r = api("cs").post(f"/applications/{app_id}/actions/cs_accept", {})
    assert r.status_code == 422 and f"{numbers[-1]}" in r.json()["errors"]["confirm_all"][0]
    client.post(f"/permohonan/{app_id}/checklist/{numbers[-1]}/", {"ticked": "on"})
    assert act(api, app_id, "cs", "cs_accept")["state"] == "accepted"
    items = ChecklistItem.objects.filter(application_id=app_id)
    assert items.count() == len(numbers) and all(i.ticked and i.ticked_by == users["cs"] for i in items)
    ticks = ProcessLogEntry.objects.filter(application_id=app_id, action="tick_checklist").count()
    assert ticks == len(numbers) + 0  # one log entry per tick: who ticked what, and when
    accept = ProcessLogEntry.objects.get(application_id=app_id, action="cs_accept")
    assert "ticked_at_acceptance" not in accept.data


def test_cs_accept_tick_all_with_confirmation_is_recorded(api, application_data, users):
    app_id = create_complete(api, application_data)
    act(api, app_id, "applicant", "submit")
    act(api, app_id, "cs", "cs_accept", {"confirm_all": True})
    accept = ProcessLogEntry.objects.get(application_id=app_id, action="cs_accept")
    assert accept.data["ticked_at_acceptance"] == accept.data["ticked"] != []
    assert all(
        i.ticked_by == users["cs"] and i.ticked_at
        for i in ChecklistItem.objects.filter(application_id=app_id)
    )


# --- 4: step 13 (13d), step 15 (15c) and step 16 -------------------------------------------------


def test_division_head_may_propose_a_joint_meeting(api, application_data):
    app_id = create_complete(api, application_data)
    run_until(api, app_id, stop_before="division_approve")
    assert "division_propose_meeting" in offered(api, app_id, "division_head")
    app = act(
        api, app_id, "division_head", "division_propose_meeting",
        {"meeting_date": "2026-12-20", "agenda": "Rapat dengan tim teknis Dinkes"},
    )  # fmt: skip
    assert app["state"] == "section_approved"
    record = StepRecord.objects.get(application_id=app_id, kind=RecordKind.MEETING)
    assert record.step == 13 and record.data["agenda"] == "Rapat dengan tim teknis Dinkes"


def test_numbering_needs_the_final_checklist_confirmed(api, application_data):
    app_id = create_complete(api, application_data)
    run_until(api, app_id, stop_before="number_licence")
    for data in ({}, {"final_checklist_checked": False}):
        r = api("registry").post(f"/applications/{app_id}/actions/number_licence", data)
        assert r.status_code == 422 and "final_checklist_checked" in r.json()["errors"], r.content
    assert api("registry").get(f"/applications/{app_id}").json()["state"] == "signed"
    field = next(
        f for f in offered(api, app_id, "registry")["number_licence"]["fields"] if f["type"] == "bool"
    )
    assert field == {**field, "name": "final_checklist_checked", "required": True}
    act(api, app_id, "registry", "number_licence", {"final_checklist_checked": True})
    record = StepRecord.objects.get(application_id=app_id, kind=RecordKind.NUMBERING)
    assert record.data["final_checklist_checked"] is True
    entry = ProcessLogEntry.objects.get(application_id=app_id, action="number_licence")
    assert entry.data["final_checklist_checked"] is True


@pytest.mark.parametrize(
    ("nik", "message"),
    [
        ("12345", "NIK tidak valid"),
        ("6471015501900003", "tidak sesuai"),  # a valid NIK of somebody else
    ],
)
def test_handover_refuses_a_wrong_recipient_naming_the_field(api, application_data, nik, message):
    app_id = create_complete(api, application_data)
    run_until(api, app_id, stop_before="hand_over")
    r = api("pickup").post(
        f"/applications/{app_id}/actions/hand_over",
        {"recipient_name": "Orang Lain", "recipient_id_number": nik},
    )
    assert r.status_code == 422
    assert message in r.json()["errors"]["recipient_id_number"][0]
    assert api("pickup").get(f"/applications/{app_id}").json()["state"] == "numbered"


def test_handover_to_the_technical_lead_or_an_agent_on_file(api, application_data):
    application_data["agent"] = {"name": "Wati Kuasa", "nik": "6471014101950001"}
    app_id = create_complete(api, application_data)
    run_until(api, app_id, stop_before="hand_over")
    r = api("pickup").post(
        f"/applications/{app_id}/actions/hand_over",
        {"recipient_name": "Rudi", "recipient_id_number": "6471011501900001", "recipient_is_agent": True},
    )
    assert r.status_code == 422 and "recipient_is_agent" in r.json()["errors"]
    act(
        api, app_id, "pickup", "hand_over",
        {"recipient_name": "Wati Kuasa", "recipient_id_number": "6471 0141 0195 0001"},
    )  # fmt: skip
    record = StepRecord.objects.get(application_id=app_id, kind=RecordKind.HANDOVER_RECEIPT)
    assert (
        record.data["recipient_id_number"] == "6471014101950001" and record.data["recipient_is_agent"] is True
    )


def test_handover_refuses_an_agent_without_power_of_attorney(api, application_data):
    app_id = create_complete(api, application_data)  # no agent on file
    run_until(api, app_id, stop_before="hand_over")
    r = api("pickup").post(
        f"/applications/{app_id}/actions/hand_over",
        {"recipient_name": "Wati Kuasa", "recipient_id_number": "6471014101950001"},
    )
    assert r.status_code == 422 and "recipient_id_number" in r.json()["errors"]
    act(
        api,
        app_id,
        "pickup",
        "hand_over",
        {"recipient_name": "Siti", "recipient_id_number": "6471015501900002"},
    )


# --- 6: registration numbers count per permit type and year --------------------------------------


def test_registration_numbers_count_per_year_from_one(api, application_data):
    numbers = []
    with time_machine.travel("2026-12-30 10:00 +0800", tick=False):
        for _ in range(2):
            app_id = create_complete(api, application_data)
            numbers.append(run_until(api, app_id, stop_before="verify")["registration_number"])
        withdrawn = create_complete(api, application_data)  # takes an id, never a number
        act(api, withdrawn, "applicant", "withdraw", {"reason": "Batal"})
        app_id = create_complete(api, application_data)
        numbers.append(run_until(api, app_id, stop_before="verify")["registration_number"])
    with time_machine.travel("2027-01-04 10:00 +0800", tick=False):
        app_id = create_complete(api, application_data)
        numbers.append(run_until(api, app_id, stop_before="verify")["registration_number"])
    assert numbers == ["PAK-2026-000001", "PAK-2026-000002", "PAK-2026-000003", "PAK-2027-000001"]


# --- documents are Indonesian whatever language the officer reads the pages in ---------------


def test_the_verifier_working_in_english_still_gets_an_indonesian_cover_letter(api, application_data):
    app_id = create_complete(api, application_data)
    run_until(api, app_id, stop_before="verify")
    r = api("verifier").post(f"/applications/{app_id}/actions/verify", {}, HTTP_ACCEPT_LANGUAGE="en")
    assert r.status_code == 200, r.content
    letter = StepRecord.objects.get(application_id=app_id, kind=RecordKind.COVER_LETTER)
    assert letter.data["recommendation_kind"].startswith("Rekomendasi teknis ")
