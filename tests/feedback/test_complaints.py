"""Complaints: the public API, the deadline from the office calendar, the life cycle through the services."""

from datetime import date, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from perizinan.errors import Conflict
from perizinan.feedback import services
from perizinan.feedback.models import Complaint, ComplaintChannel, ComplaintStatus
from perizinan.workdays.calendar import WITA
from perizinan.workdays.models import OfficeClosure

from .conftest import ANSWERS

pytestmark = pytest.mark.django_db

BODY = {
    "category": "waktu",
    "description": "Izin saya belum selesai lewat dari batas waktu.",
    "phone": "0812 5555 1234",
}


def test_file_and_track_a_complaint_through_the_api(api, users, categories):
    r = api().post("/complaints", {**BODY, "name": "Sari"})
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["status"] == "received" and body["category"] == "waktu" and body["due_date"]
    assert "Sari" not in r.content.decode() and "5555" not in r.content.decode()  # no personal data back
    got = api().get(f"/complaints/{body['tracking_code'].lower()}")
    assert got.status_code == 200 and got.json()["tracking_code"] == body["tracking_code"]
    assert got.json()["answer"] is None and [h["status"] for h in got.json()["history"]] == ["received"]


def test_unknown_tracking_code_is_404(api, users):
    assert api().get("/complaints/ZZZZZZZZZZ").status_code == 404


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"phone": ""}, "contact"),
        ({"category": "nope"}, "category"),
        ({"description": "pendek"}, "description"),
        ({"email": "bukan-email"}, "email"),
        ({"phone": "abc"}, "phone"),
        ({"registration_number": "REG/404"}, "registration_number"),
        ({"survey_reference": "NOPE"}, "survey_reference"),
    ],
)
def test_bad_complaints_are_422_naming_the_field(api, users, categories, change, field):
    r = api().post("/complaints", {**BODY, **change})
    assert r.status_code == 422, r.content
    assert field in r.json()["errors"]
    assert not Complaint.objects.exists()


def test_anonymous_complaint_with_an_email_is_fine(api, users, categories):
    r = api().post("/complaints", {**BODY, "phone": "", "email": "warga@example.id"})
    assert r.status_code == 201
    assert Complaint.objects.get().is_anonymous


def test_complaint_linked_to_a_low_survey_answer(api, users, categories):
    survey = api().post("/surveys", {"answers": {**ANSWERS, "u3": 1}}).json()
    r = api().post("/complaints", {**BODY, "survey_reference": survey["reference"]})
    assert r.status_code == 201
    assert Complaint.objects.get().survey_response.reference == survey["reference"]


def test_public_complaints_are_limited_per_address(api, users, categories):
    for _ in range(20):
        assert api().post("/complaints", BODY).status_code == 201
    r = api().post("/complaints", BODY)
    assert r.status_code == 429 and r["Retry-After"]


def test_deadline_counts_working_days_of_the_office_calendar(users, categories):
    # Received Friday 19 Dec 2025. Category "waktu": 5 working days. Skipped: the weekends,
    # 25 Dec (Christmas) and 26 Dec 2025 (cuti bersama), and an office closure on 29 Dec.
    # Working days: 22, 23, 24, 30, 31 Dec -> due Wednesday 31 Dec 2025.
    OfficeClosure.objects.create(date=date(2025, 12, 29), reason="Tutup akhir tahun")
    c = services.file_complaint(
        channel=ComplaintChannel.PHONE,
        category=categories["waktu"],
        description="Telepon: keluhan waktu penyelesaian izin.",
        phone="0541 741222",
        received_at=datetime(2025, 12, 19, 10, 0, tzinfo=WITA),
        by=users["cs"],
    )
    assert c.due_date == date(2025, 12, 31)
    assert c.registered_by == users["cs"]


def test_a_category_deadline_is_configurable(users, categories):
    cat = categories["lainnya"]
    cat.deadline_working_days = 1
    cat.save()
    c = services.file_complaint(
        channel=ComplaintChannel.WEB,
        category=cat,
        description="Pertanyaan umum tentang layanan.",
        email="a@b.id",
        received_at=datetime(2026, 3, 2, 9, 0, tzinfo=WITA),  # Monday
    )
    assert c.due_date == date(2026, 3, 3)


def test_the_public_cannot_claim_another_channel(users, categories):
    with pytest.raises(ValidationError):
        services.file_complaint(
            channel=ComplaintChannel.SMS,
            category=categories["waktu"],
            description="x" * 20,
            phone="081255551234",
        )
    with pytest.raises(PermissionDenied):
        services.file_complaint(
            channel=ComplaintChannel.SMS,
            category=categories["waktu"],
            description="x" * 20,
            phone="081255551234",
            by=users["registration"],
        )


def _complaint(categories) -> Complaint:  # type: ignore[no-untyped-def]
    return services.file_complaint(
        channel=ComplaintChannel.WEB,
        category=categories["petugas"],
        description="Petugas tidak ramah.",
        phone="081255551234",
    )


def test_life_cycle_received_in_process_answered_closed_reopened(api, users, categories):
    c = _complaint(categories)
    with pytest.raises(PermissionDenied):
        services.assign_complaint(complaint=c, to=users["cs"], by=users["cs"])
    with pytest.raises(Conflict):
        services.answer_complaint(complaint=c, answer="Jawaban yang cukup panjang.", by=users["supervisor"])
    c = services.assign_complaint(
        complaint=c, to=users["helpdesk"], unit="Seksi Layanan", by=users["section_head"]
    )
    assert c.status == ComplaintStatus.IN_PROCESS
    with pytest.raises(PermissionDenied):  # not assigned to CS
        services.answer_complaint(complaint=c, answer="Jawaban yang cukup panjang.", by=users["cs"])
    with pytest.raises(ValidationError):
        services.answer_complaint(complaint=c, answer="ok", by=users["helpdesk"])
    c = services.answer_complaint(
        complaint=c, answer="Mohon maaf, petugas telah dibina.", by=users["helpdesk"]
    )
    tracked = api().get(f"/complaints/{c.tracking_code}").json()
    assert tracked["status"] == "answered" and tracked["answer"] == "Mohon maaf, petugas telah dibina."
    c = services.close_complaint(complaint=c, by=users["helpdesk"])
    assert c.status == ComplaintStatus.CLOSED and c.closed_at
    with pytest.raises(Conflict):
        services.close_complaint(complaint=c, by=users["helpdesk"])
    c = services.reopen_complaint(complaint=c, reason="Pengadu belum puas", by=users["division_head"])
    assert c.status == ComplaintStatus.IN_PROCESS and c.closed_at is None
    assert [e.action for e in c.events.all()] == ["received", "assigned", "answered", "closed", "reopened"]


def test_assignment_only_to_complaint_officers(users, categories):
    c = _complaint(categories)
    with pytest.raises(ValidationError):
        services.assign_complaint(complaint=c, to=users["technical_team"], by=users["supervisor"])


def test_wrong_method_on_complaints(api, users):
    assert api().delete("/complaints").status_code == 405
    assert api().post("/complaints/ABC").status_code == 405


def test_categories_are_public(api, users, categories):
    rows = api().get("/complaints/categories").json()
    assert {
        "code": "waktu",
        "name": "Waktu penyelesaian",
        "name_en": "Processing time",
        "deadline_working_days": 5,
    } in rows


def test_guessing_tracking_codes_is_limited_but_a_real_code_still_works_elsewhere(api, users, categories):
    code = api().post("/complaints", BODY).json()["tracking_code"]
    for _ in range(30):
        assert api().get("/complaints/GUESS00000").status_code == 404
    blocked = api().get(f"/complaints/{code}")
    assert blocked.status_code == 429 and blocked["Retry-After"]
    other_address = api().client.get(f"/api/v1/complaints/{code}", REMOTE_ADDR="10.0.0.9")
    assert other_address.status_code == 200


def test_complaint_statistics_for_supervisors(api, users, categories):
    api().post("/complaints", BODY)
    c = services.file_complaint(
        channel=ComplaintChannel.SMS,
        category=categories["biaya"],
        description="SMS: ada pungutan di loket.",
        phone="081255551234",
        by=users["cs"],
    )
    c = services.assign_complaint(complaint=c, to=users["cs"], by=users["supervisor"])
    services.answer_complaint(complaint=c, answer="Tidak ada pungutan; sudah ditindak.", by=users["cs"])
    body = api("division_head").get("/complaints/stats").json()
    assert (body["total"], body["answered"], body["answered_on_time"], body["overdue"]) == (2, 1, 1, 0)
    assert {"label": "Diterima", "count": 1} in body["by_status"]
    assert {"label": "SMS", "count": 1} in body["by_channel"] and {
        "label": "Formulir web",
        "count": 1,
    } in body["by_channel"]
    assert {"label": "Biaya/pungutan", "count": 1} in body["by_category"]
    assert api().get("/complaints/stats").status_code == 401
    assert api("cs").get("/complaints/stats").status_code == 403
    assert (
        api("supervisor").get("/complaints/stats", **{"from": "2026-02-01", "to": "2026-01-01"}).status_code
        == 422
    )
