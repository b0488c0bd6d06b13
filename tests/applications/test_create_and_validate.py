"""Application data: invalid input is refused with a message naming the field; nothing half-written."""

import hashlib
import io
from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from perizinan.applications.models import Application, Company, Document
from perizinan.demo import pdf_upload, sample_pdf
from tests.helpers import act, create_complete

pytestmark = pytest.mark.django_db


def test_valid_draft_is_created(api, application_data):
    r = api("applicant").post("/applications", application_data)
    assert r.status_code == 201
    body = r.json()
    assert body["state"] == "draft" and body["step"] == 3 and body["kind"] == "new"
    assert body["company_data"]["npwp"] == "018550814412000"
    assert [e["action"] for e in body["timeline"]] == ["create"]
    assert [row["number"] for row in body["checklist"]] == [
        n for n in range(1, 30) if n not in {7, 8, 16, 17, 25, 26, 27}
    ]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"company": {"npwp": "01.855.081.5-412.000"}}, "company.npwp"),
        ({"company": {"nib": "12345"}}, "company.nib"),
        ({"company": {"email": "bukan-email"}}, "company.email"),
        ({"company": {"name": ""}}, "company.name"),
        ({"director": {"nik": "6471013201900001"}}, "director.nik"),
        ({"technical_lead": {"nik": "123"}}, "technical_lead.nik"),
        ({"technical_lead": {"education": "SMA"}}, "technical_lead.education"),
        ({"building": {"status": "leased", "lease_until": "2027-01-01"}}, "building.lease_until"),
        ({"building": {"status": "leased"}}, "building.lease_until"),
        ({"building": {"status": "borrowed"}}, "building.status"),
        ({"kind": "change"}, "previous_licence_number"),
        ({"kind": "renewal"}, "kind"),
        ({"profile": {"radiation": True}}, "profile.radiation"),
        ({"agent": {"name": "Joni", "nik": "1"}}, "agent.nik"),
    ],
)
def test_invalid_input_names_the_field(api, application_data, change, field):
    data = dict(application_data)
    for key, value in change.items():
        data[key] = (
            {**data[key], **value} if isinstance(value, dict) and isinstance(data.get(key), dict) else value
        )
    before = (Application.objects.count(), Company.objects.count())
    r = api("applicant").post("/applications", data)
    assert r.status_code == 422, r.content
    assert field in r.json()["errors"], r.json()
    assert r.json()["detail"].startswith(field)
    assert (Application.objects.count(), Company.objects.count()) == before


def test_error_messages_in_english_on_request(api, application_data):
    data = {**application_data, "technical_lead": {**application_data["technical_lead"], "education": "SMA"}}
    r = api("applicant").post("/applications", data, HTTP_ACCEPT_LANGUAGE="en")
    assert r.status_code == 422
    assert r.json()["errors"]["technical_lead.education"] == [
        "The technical lead (PJT) must hold at least a D3 diploma."
    ]
    r = api("applicant").post("/applications", data)
    assert r.json()["errors"]["technical_lead.education"] == [
        "Penanggung jawab teknis minimal berpendidikan D3."
    ]


@time_machine.travel(date(2026, 11, 28), tick=False)
def test_lease_exactly_two_years_is_accepted(api, application_data):
    data = {**application_data, "building": {"status": "leased", "lease_until": "2028-11-28"}}
    assert api("applicant").post("/applications", data).status_code == 201
    data["building"]["lease_until"] = "2028-11-27"
    assert api("applicant").post("/applications", data).status_code == 422


def test_change_application_with_paper_licence(api, application_data):
    data = {
        **application_data,
        "kind": "technical_lead_change",
        "previous_licence_number": "503/0099/PAK/BPPMD/2015",
    }
    r = api("applicant").post("/applications", data)
    assert r.status_code == 201
    numbers = [row["number"] for row in r.json()["checklist"]]
    assert {30, 31, 32} <= set(numbers) and 33 not in numbers


def test_edit_draft(api, application_data):
    app_id = api("applicant").post("/applications", application_data).json()["id"]
    data = {**application_data, "profile": {**application_data["profile"], "electromedical": True}}
    r = api("applicant").put(f"/applications/{app_id}", data)
    assert r.status_code == 200
    assert {16, 17} <= {row["number"] for row in r.json()["checklist"]}
    assert r.json()["timeline"][-1]["action"] == "edit"


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, "PNG")
    return out.getvalue()


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def draft_id(api, application_data):
    return api("applicant").post("/applications", application_data).json()["id"]


@pytest.mark.parametrize(
    ("name", "content", "ctype"),
    [
        ("a.pdf", sample_pdf("x"), "application/pdf"),
        ("a.png", _png(), "image/png"),
        ("a.jpg", _jpeg(), "image/jpeg"),
        ("nama-aneh.txt", sample_pdf("y"), "application/pdf"),
    ],
)
def test_upload_accepted_by_content(api, draft_id, name, content, ctype):
    r = api("applicant").upload(
        f"/applications/{draft_id}/documents", {"requirement": "5", "file": SimpleUploadedFile(name, content)}
    )
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["content_type"] == ctype and body["requirement"] == 5 and body["size"] == len(content)

    assert body["sha256"] == hashlib.sha256(content).hexdigest()


@pytest.mark.parametrize(
    "content",
    [
        b"hello, I am text pretending to be a PDF",
        b"%PDF-1.7\n garbage without pages",
        b"\x89PNG\r\n\x1a\nbroken",
        b"",
    ],
)
def test_upload_refused_stores_nothing(api, draft_id, settings, content):
    r = api("applicant").upload(
        f"/applications/{draft_id}/documents",
        {"requirement": "5", "file": SimpleUploadedFile("a.pdf", content)},
    )
    assert r.status_code == 422
    assert "file" in r.json()["errors"]
    assert not Document.objects.filter(application_id=draft_id).exists()
    assert (
        not any(p.is_file() for p in settings.MEDIA_ROOT.rglob("*")) if settings.MEDIA_ROOT.exists() else True
    )


def test_upload_too_big(api, draft_id, settings):
    settings.PERIZINAN_UPLOAD_MAX_BYTES = 200
    r = api("applicant").upload(
        f"/applications/{draft_id}/documents", {"requirement": "5", "file": pdf_upload("big.pdf")}
    )
    assert r.status_code == 422 and "terlalu besar" in r.json()["errors"]["file"][0].lower()
    assert not Document.objects.filter(application_id=draft_id).exists()


def test_upload_for_requirement_that_does_not_apply(api, draft_id):
    r = api("applicant").upload(
        f"/applications/{draft_id}/documents", {"requirement": "7", "file": pdf_upload("x.pdf")}
    )
    assert r.status_code == 422 and "requirement" in r.json()["errors"]


def test_reupload_replaces_but_keeps_history(api, draft_id):
    for title in ("v1", "v2"):
        api("applicant").upload(
            f"/applications/{draft_id}/documents", {"requirement": "5", "file": pdf_upload("npwp.pdf", title)}
        )
    assert Document.objects.filter(application_id=draft_id, requirement__number=5).count() == 2
    assert (
        Document.objects.filter(application_id=draft_id, requirement__number=5, is_current=True).count() == 1
    )


def test_no_upload_after_submission(api, application_data):
    app_id = create_complete(api, application_data)
    act(api, app_id, "applicant", "submit")
    r = api("applicant").upload(
        f"/applications/{app_id}/documents", {"requirement": "5", "file": pdf_upload("x.pdf")}
    )
    assert r.status_code == 409


def test_action_labels_follow_the_language(api, application_data):
    app_id = api("applicant").post("/applications", application_data).json()["id"]
    [submit] = [
        a for a in api("applicant").get(f"/applications/{app_id}/actions").json() if a["name"] == "submit"
    ]
    assert submit["label"] == "Serahkan permohonan"
    r = api("applicant").client.get(
        f"/api/v1/applications/{app_id}/actions", HTTP_ACCEPT_LANGUAGE="en", **api("applicant").headers
    )
    [submit_en] = [a for a in r.json() if a["name"] == "submit"]
    assert submit_en["label"] != submit["label"] and submit_en["label"].isascii()
