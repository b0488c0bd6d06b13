"""The whole PAK lifecycle through the API, as each demo role, and every loop back."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from perizinan.applications.models import Document
from perizinan.demo import pdf_upload
from perizinan.licences.models import Licence
from perizinan.workflow.models import RecordKind, StepRecord
from tests.helpers import FORWARD, act, create_complete, run_until

pytestmark = pytest.mark.django_db


def test_lifecycle_all_17_steps_as_each_role(api, application_data):
    app_id = create_complete(api, application_data)
    steps_seen = []
    for actor, name, data in FORWARD:
        # Nobody else of the other demo roles is offered this application's current action.
        for other in {"cs", "registration", "verifier", "liaison", "section_head", "pickup"} - {actor}:
            offered = [a["name"] for a in api(other).get(f"/applications/{app_id}/actions").json()]
            assert name not in offered
        app = act(api, app_id, actor, name, data)
        steps_seen.append(app["timeline"][-1]["step"])
    assert app["state"] == "completed"
    assert steps_seen == [3, 4, 6, 7, 9, 10, 11, 12, 13, 14, 15, 16, 17]
    assert app["registration_number"].startswith("PAK-")
    licence = Licence.objects.get(application_id=app_id)
    assert app["licence_number"] == licence.number == f"503/0001/PAK/DPMPTSP/{licence.issued_on.year}"
    assert licence.status == "active"
    assert licence.signed_by == "H. Muhammad Rizal, SE, MM"
    kinds = set(StepRecord.objects.filter(application_id=app_id).values_list("kind", flat=True))
    assert kinds >= {
        RecordKind.REGISTRATION_RECEIPT,
        RecordKind.VERIFICATION_FORM,
        RecordKind.COVER_LETTER,
        RecordKind.LIAISON_RECEIPT,
        RecordKind.INSPECTION_REPORT,
        RecordKind.RECOMMENDATION,
        RecordKind.DRAFT_LICENCE,
        RecordKind.INITIAL,
        RecordKind.SIGNATURE,
        RecordKind.NUMBERING,
        RecordKind.HANDOVER_RECEIPT,
        RecordKind.CONFIRMATION,
    }
    # The recommendation documents became requirements 2 and 3 of the checklist.
    checklist = {row["number"]: row for row in app["checklist"]}
    assert checklist[2]["present"] and checklist[3]["present"]
    assert all(row["ticked"] for row in app["checklist"] if row["stage"] == "submission")
    # The log names actor, role, initial and the step's time standard.
    sign = next(e for e in app["timeline"] if e["action"] == "sign")
    assert (sign["role"], sign["initial"], sign["standard"]) == ("office_head", "MR", "H s.d. H+5")
    assert app["timeline"][-1]["at"].endswith("+08:00")


def test_clock_starts_when_recommendation_arrives(api, application_data):
    app_id = create_complete(api, application_data)
    app = run_until(api, app_id, stop_before="recommend")
    assert app["clock_started_at"] is None and app["due_date"] is None
    app = act(api, app_id, "technical_team", "recommend")
    assert app["clock_started_at"] is not None
    deadline = api().get("/workdays/deadline", start=app["clock_started_at"], days=7).json()["deadline"]
    assert app["due_date"] == deadline
    h1 = api().get("/workdays/deadline", start=app["clock_started_at"], days=1).json()["deadline"]
    assert app["step_due_date"] == h1  # step 11: draft by H+1


def test_returned_by_cs_then_resubmitted(api, application_data):
    app_id = create_complete(api, application_data)
    act(api, app_id, "applicant", "submit")
    app = act(api, app_id, "cs", "cs_return", {"reason": "Denah bangunan tidak terbaca"})
    assert app["state"] == "returned_by_cs" and app["waiting_on_applicant"]
    mine = api("applicant").get(f"/applications/{app_id}").json()
    assert mine["last_reason"] == "Denah bangunan tidak terbaca"
    assert mine["timeline"][-1]["note"] == "Denah bangunan tidak terbaca"
    app = act(api, app_id, "applicant", "resubmit_to_cs")
    assert app["state"] == "submitted"
    assert act(api, app_id, "cs", "cs_accept", {"confirm_all": True})["state"] == "accepted"


def test_helpdesk_consultation_is_logged_without_moving(api, application_data):
    app_id = create_complete(api, application_data)
    act(api, app_id, "applicant", "submit")
    app = act(
        api,
        app_id,
        "helpdesk",
        "helpdesk_consult",
        {"question": "Apa itu PJT?", "answer": "Penanggung jawab teknis"},
    )
    assert app["state"] == "submitted"
    assert app["timeline"][-1]["action"] == "helpdesk_consult"
    assert StepRecord.objects.filter(application_id=app_id, kind=RecordKind.CONSULTATION).count() == 1


def test_verifier_returns_through_cs_and_back(api, application_data):
    app_id = create_complete(api, application_data)
    run_until(api, app_id, stop_before="verify")
    assert (
        act(api, app_id, "verifier", "verify_return", {"reason": "NPWP tidak sesuai akta"})["state"]
        == "verification_returned"
    )
    assert (
        act(api, app_id, "cs", "cs_request_fix", {"reason": "Perbaiki NPWP sesuai akta"})["state"]
        == "awaiting_fix"
    )
    assert (
        api("applicant").get(f"/applications/{app_id}").json()["last_reason"] == "Perbaiki NPWP sesuai akta"
    )
    assert act(api, app_id, "applicant", "resubmit_fix")["state"] == "fix_received"
    assert act(api, app_id, "cs", "cs_forward_fix")["state"] == "registered"
    assert act(api, app_id, "verifier", "verify")["state"] == "verified"


def test_registration_sends_back_to_cs(api, application_data):
    app_id = create_complete(api, application_data)
    run_until(api, app_id, stop_before="register")
    assert (
        act(api, app_id, "registration", "registration_return", {"reason": "Checklist belum ditandatangani"})[
            "state"
        ]
        == "submitted"
    )


def test_technical_team_returns_and_applicant_resubmits(api, application_data):
    app_id = create_complete(api, application_data)
    run_until(api, app_id, stop_before="recommend")
    act(
        api,
        app_id,
        "technical_team",
        "agency_note",
        {"activity": "Peninjauan gudang", "activity_date": "2026-11-25"},
    )
    assert (
        act(api, app_id, "technical_team", "agency_return", {"reason": "Gudang belum memenuhi CDAKB"})[
            "state"
        ]
        == "agency_returned"
    )
    assert act(api, app_id, "applicant", "resubmit_to_agency")["state"] == "at_agency"
    assert act(api, app_id, "technical_team", "recommend")["state"] == "recommended"


def test_technical_team_declines_with_reasons(api, application_data):
    app_id = create_complete(api, application_data)
    run_until(api, app_id, stop_before="recommend")
    app = act(api, app_id, "technical_team", "agency_decline", {"reason": "Tidak memiliki gudang"})
    assert app["state"] == "declined"
    assert api("applicant").get(f"/applications/{app_id}/actions").json() == []
    assert api("applicant").get(f"/applications/{app_id}").json()["last_reason"] == "Tidak memiliki gudang"


def test_admin_receives_recommendation_the_applicant_holds(api, application_data):
    app_id = create_complete(api, application_data)
    run_until(api, app_id, stop_before="recommend")
    assert act(api, app_id, "admin_monitoring", "receive_recommendation")["state"] == "recommended"


@pytest.mark.parametrize(
    ("actor", "name", "back_to"),
    [
        ("section_head", "section_send_back", "recommended"),
        ("division_head", "division_send_back", "recommended"),
    ],
)
def test_heads_send_the_draft_back(api, application_data, actor, name, back_to):
    app_id = create_complete(api, application_data)
    stop = "section_approve" if actor == "section_head" else "division_approve"
    run_until(api, app_id, stop_before=stop)
    assert act(api, app_id, actor, name, {"reason": "Salah ketik nama PJT"})["state"] == back_to
    assert act(api, app_id, "admin_monitoring", "draft_licence")["state"] == "drafted"
    assert StepRecord.objects.filter(application_id=app_id, kind=RecordKind.DRAFT_LICENCE).count() == 2


@pytest.mark.parametrize(
    ("name", "back_to"),
    [
        ("office_send_back_section", "drafted"),
        ("office_send_back_division", "section_approved"),
        ("office_send_to_agency", "at_agency"),
    ],
)
def test_office_head_sends_back(api, application_data, name, back_to):
    app_id = create_complete(api, application_data)
    run_until(api, app_id, stop_before="sign")
    assert act(api, app_id, "office_head", name, {"reason": "Perlu perbaikan"})["state"] == back_to


def test_office_head_calls_a_meeting_then_signs(api, application_data):
    app_id = create_complete(api, application_data)
    run_until(api, app_id, stop_before="sign")
    app = act(
        api,
        app_id,
        "office_head",
        "call_meeting",
        {"reason": "Presentasi sistem CDAKB", "meeting_date": "2026-12-02"},
    )
    assert app["state"] == "meeting_called" and app["paused"] and app["waiting_on_applicant"]
    app = act(api, app_id, "office_head", "meeting_held", {"result": "Memenuhi syarat"})
    assert app["state"] == "division_approved" and not app["paused"]
    assert act(api, app_id, "office_head", "sign")["state"] == "signed"


def test_office_head_rejects(api, application_data):
    app_id = create_complete(api, application_data)
    run_until(api, app_id, stop_before="sign")
    app = act(api, app_id, "office_head", "office_reject", {"reason": "Tidak memenuhi ketentuan"})
    assert app["state"] == "rejected" and app["licence_number"] is None


def test_withdraw_before_registration_only(api, application_data):
    app_id = create_complete(api, application_data)
    act(api, app_id, "applicant", "submit")
    assert act(api, app_id, "applicant", "withdraw", {"reason": "Salah jenis izin"})["state"] == "withdrawn"

    other = create_complete(api, application_data)
    run_until(api, other, stop_before="verify")
    act(api, other, "applicant", "withdraw", {"reason": "x"}, expect=409)


def test_submit_refused_while_documents_missing(api, application_data):
    r = api("applicant").post("/applications", application_data)
    app_id = r.json()["id"]
    r = api("applicant").post(f"/applications/{app_id}/actions/submit", {})
    assert r.status_code == 422
    assert "documents" in r.json()["errors"]
    assert api("applicant").get(f"/applications/{app_id}").json()["state"] == "draft"


def test_missing_reason_is_422_and_changes_nothing(api, application_data):
    app_id = create_complete(api, application_data)
    act(api, app_id, "applicant", "submit")
    r = api("cs").post(f"/applications/{app_id}/actions/cs_return", {})
    assert r.status_code == 422 and "reason" in r.json()["errors"]
    assert api("cs").get(f"/applications/{app_id}").json()["state"] == "submitted"


def test_action_not_available_now_is_409(api, application_data):
    app_id = create_complete(api, application_data)
    r = api("cs").post(f"/applications/{app_id}/actions/cs_accept", {})
    assert r.status_code == 409
    r = api("cs").post(f"/applications/{app_id}/actions/no_such_action", {})
    assert r.status_code == 404


def test_bad_recommendation_file_stores_nothing(api, application_data, settings):
    app_id = create_complete(api, application_data)
    run_until(api, app_id, stop_before="recommend")

    before = Document.objects.filter(application_id=app_id).count()
    files_before = sorted(p.name for p in (settings.MEDIA_ROOT).rglob("*") if p.is_file())
    r = api("technical_team").upload(
        f"/applications/{app_id}/actions/recommend",
        {
            "recommendation_number": "1",
            "recommendation_date": "2026-11-20",
            "inspection_report": pdf_upload("bap.pdf"),
            "recommendation": SimpleUploadedFile(
                "rek.pdf", b"not a pdf at all", content_type="application/pdf"
            ),
        },
    )
    assert r.status_code == 422 and "recommendation" in r.json()["errors"]
    assert Document.objects.filter(application_id=app_id).count() == before
    assert sorted(p.name for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()) == files_before
    assert api("technical_team").get(f"/applications/{app_id}").json()["state"] == "at_agency"


def test_supervisor_remark_and_tasks(api, application_data):
    app_id = create_complete(api, application_data)
    act(api, app_id, "applicant", "submit")
    act(api, app_id, "supervisor", "supervision_note", {"remark": "Segera diproses"})
    tasks = api("cs").get("/tasks").json()
    assert [t["id"] for t in tasks] == [app_id]
    assert api("verifier").get("/tasks").json() == []
