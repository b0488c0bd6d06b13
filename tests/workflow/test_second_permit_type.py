"""A second permit type, as data only: `UJI-BIAYA`, a test type (tests/fixtures/permit_types/).

It exercises what PAK does not (docs/adr/0018-second-permit-type.md): no technical
recommendation (steps 9 and 10 do not exist for it), the clock from the registration receipt,
a fee paid before the licence is handed over (with its sealed receipt), licences valid for 60
months with an expiry date, extension applications, and its own licence number format.
"""

import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.test import Client
from pypdf import PdfReader

from perizinan.catalog.loader import load_permit_type
from perizinan.catalog.models import PermitType
from perizinan.documents.render import format_date
from perizinan.documents.signing.validate import check_pdf
from perizinan.licences.models import Licence, Payment
from perizinan.licences.services import add_months
from perizinan.web.swimlane import layout
from perizinan.workdays.calendar import today_wita
from perizinan.workflow.actions import actions_of_permit_type
from tests.helpers import act, create_complete
from tests.worker import drain

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "permit_types"
CODE = "UJI-BIAYA"
HANDOVER = {"recipient_name": "Rudi Hartono", "recipient_id_number": "6471011501900001"}

# Registration to numbering for a permit type without a recommendation (no steps 9 and 10).
TO_NUMBERED = [
    ("applicant", "submit", {}),
    ("cs", "cs_accept", {"confirm_all": True}),
    ("registration", "register", {}),
    ("verifier", "verify_for_drafting", {}),
    ("admin_monitoring", "draft_licence", {}),
    ("section_head", "section_approve", {}),
    ("division_head", "division_approve", {}),
    ("office_head", "sign", {}),
    ("registry", "number_licence", {"final_checklist_checked": True}),
]


@pytest.fixture
def uji(users) -> PermitType:  # type: ignore[no-untyped-def]
    load_permit_type(apps, "uji_biaya.json", data_dir=FIXTURES)
    return PermitType.objects.get(code=CODE)


@pytest.fixture
def uji_data(application_data: dict[str, Any], uji: PermitType) -> dict[str, Any]:
    return {**application_data, "permit_type": CODE, "kind": "new"}


def offered(api, app_id: int, actor: str) -> list[str]:  # type: ignore[no-untyped-def]
    r = api(actor).get(f"/applications/{app_id}/actions")
    assert r.status_code == 200, r.content
    return [a["name"] for a in r.json()]


def walk(api, app_id: int, steps: list[tuple[str, str, dict[str, Any]]]) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    out: dict[str, Any] = {}
    for actor, name, data in steps:
        out = act(api, app_id, actor, name, data)
    return out


def pay(api, app_id: int, **over: Any) -> Any:  # type: ignore[no-untyped-def]
    body = {"amount": "250.000", "paid_on": today_wita().isoformat(), "reference": "BNI-UJI-0001", **over}
    return api("pickup").post(f"/applications/{app_id}/actions/record_payment", body)


@pytest.mark.slow  # two lifecycles, each signed and sealed
def test_lifecycle_through_the_api_then_an_extension(api, uji_data, application_data):
    app_id = create_complete(api, uji_data)
    walk(api, app_id, TO_NUMBERED[:3])
    # No technical recommendation: verification goes straight to drafting.
    assert "verify" not in offered(api, app_id, "verifier")
    walk(api, app_id, TO_NUMBERED[3:7])
    assert "office_send_to_agency" not in offered(api, app_id, "office_head")
    app = walk(api, app_id, TO_NUMBERED[7:])
    assert app["state"] == "numbered"
    steps = {name for _actor, name, _data in TO_NUMBERED}
    assert [e["step"] for e in app["timeline"] if e["action"] in steps] == [3, 4, 6, 7, 11, 12, 13, 14, 15]
    # The applicant sees the fee due; the licence is not handed over before it is paid.
    mine = api("applicant").get(f"/applications/{app_id}").json()
    assert mine["payment"] == {
        "amount_due": 250000,
        "paid": False,
        "amount_paid": None,
        "paid_on": None,
        "reference": "",
    }
    refused = api("pickup").post(f"/applications/{app_id}/actions/hand_over", HANDOVER)
    assert refused.status_code == 422
    assert "payment" in refused.json()["errors"]
    assert "Rp 250.000" in refused.json()["detail"]
    paid = {"amount": "250000", "paid_on": today_wita().isoformat(), "reference": "BNI-UJI-0001"}
    app = act(api, app_id, "pickup", "record_payment", paid)
    assert app["state"] == "numbered"  # a note: the application does not move
    assert "record_payment" not in offered(api, app_id, "pickup")  # paid once
    act(api, app_id, "pickup", "hand_over", HANDOVER)
    app = act(api, app_id, "applicant", "confirm_receipt")
    assert app["state"] == "completed"
    assert app["payment"]["paid"] and app["payment"]["amount_paid"] == 250000
    drain()

    # The licence: the type's number format, an expiry date 60 months on, printed and verifiable.
    licence = Licence.objects.get(application_id=app_id)
    year = licence.issued_on.year
    assert app["licence_number"] == licence.number == f"UJI/{year}/00001"
    assert licence.expires_on == add_months(licence.issued_on, 60)
    assert app["licence_expires_on"] == licence.expires_on.isoformat()
    check = api().get(f"/licences/verify/{licence.verification_code}").json()
    assert check["expires_on"] == licence.expires_on.isoformat() and check["expired"] is False
    assert check["valid"] is True
    pdf = api("applicant").get(f"/applications/{app_id}/licence.pdf")
    assert pdf.status_code == 200
    fields = PdfReader(io.BytesIO(b"".join(pdf.streaming_content))).get_fields() or {}
    assert fields["berlaku"]["/V"] == format_date(licence.expires_on)  # filled in at step 15
    # A change of PAK cannot name this licence: another permit type's.
    pak_change = {**application_data, "kind": "change", "previous_licence_number": licence.number}
    r = api("applicant").post("/applications", pak_change)
    assert r.status_code == 422 and "previous_licence_number" in r.json()["errors"]

    # An extension of that licence yields a licence that supersedes it, with a later expiry.
    ext = {**uji_data, "kind": "extension", "previous_licence_number": licence.number}
    ext_id = create_complete(api, ext)
    walk(api, ext_id, TO_NUMBERED)
    assert pay(api, ext_id).status_code == 200
    act(api, ext_id, "pickup", "hand_over", HANDOVER)
    extended = Licence.objects.get(application_id=ext_id)
    assert extended.number == f"UJI/{extended.issued_on.year}/00002"
    assert extended.supersedes_id == licence.pk
    assert extended.expires_on == add_months(licence.expires_on, 60)
    licence.refresh_from_db()
    assert licence.status == "closed"
    drain()
    pdf = api("applicant").get(f"/applications/{ext_id}/licence.pdf")
    assert pdf.status_code == 200
    reader = PdfReader(io.BytesIO(b"".join(pdf.streaming_content)))
    # (the number may break after its slash at the end of a printed line)
    printed = " ".join(" ".join(p.extract_text() or "" for p in reader.pages).split()).replace("/ ", "/")
    assert (
        f"sebagai perpanjangan atas izin nomor {licence.number} yang dinyatakan tidak berlaku lagi" in printed
    )


def test_clock_starts_at_registration_and_no_recommendation_step_is_offered(api, uji_data):
    app_id = create_complete(api, uji_data)
    walk(api, app_id, TO_NUMBERED[:2])
    app = act(api, app_id, "registration", "register")
    assert app["registration_number"].startswith(f"{CODE}-")
    today = today_wita().isoformat()
    assert app["clock_started_at"] == today
    assert app["due_date"] == api().get("/workdays/deadline", start=today, days=5).json()["deadline"]
    assert set(offered(api, app_id, "verifier")) == {"verify_return", "verify_for_drafting"}
    refused = api("verifier").post(f"/applications/{app_id}/actions/verify", {})
    assert refused.status_code == 409
    app = act(api, app_id, "verifier", "verify_for_drafting")
    assert app["state"] == "recommended"
    assert app["state_label"] == "Penyusunan draf izin"  # no recommendation to speak of
    assert offered(api, app_id, "liaison") == []  # step 9 does not exist for it
    # No agency is referred: no technical team sees it at all.
    assert api("technical_team").get(f"/applications/{app_id}").status_code == 404


def test_payment_checks_amount_date_role_and_once(api, users, uji_data):
    app_id = create_complete(api, uji_data)
    walk(api, app_id, TO_NUMBERED[:3])
    r = pay(api, app_id, amount="100000")
    assert r.status_code == 422 and "amount" in r.json()["errors"]
    assert "Rp 250.000" in r.json()["errors"]["amount"][0]
    r = pay(api, app_id, amount="dua ratus")
    assert r.status_code == 422 and "amount" in r.json()["errors"]
    r = pay(api, app_id, paid_on="2999-01-01")
    assert r.status_code == 422 and "paid_on" in r.json()["errors"]
    r = pay(api, app_id, reference="")
    assert r.status_code == 422 and "reference" in r.json()["errors"]
    assert not Payment.objects.filter(application_id=app_id).exists()  # nothing half-written
    r = api("registration").post(
        f"/applications/{app_id}/actions/record_payment",
        {"amount": "250000", "paid_on": today_wita().isoformat(), "reference": "X"},
    )
    assert r.status_code == 403
    page = Client()
    page.force_login(users["applicant"])
    assert "belum dibayar" in page.get(f"/permohonan/{app_id}/").content.decode()
    assert pay(api, app_id).status_code == 200
    assert "Rp 250.000 — lunas" in page.get(f"/permohonan/{app_id}/").content.decode()
    again = pay(api, app_id)
    assert again.status_code == 409  # recorded once
    payment = Payment.objects.get(application_id=app_id)
    assert (payment.amount, payment.reference, payment.recorded_by.username) == (
        250000,
        "BNI-UJI-0001",
        "pickup",
    )


def test_payment_receipt_is_sealed_and_read_back_by_the_applicant(api, uji_data):
    app_id = create_complete(api, uji_data)
    walk(api, app_id, TO_NUMBERED[:3])
    assert pay(api, app_id).status_code == 200
    drain()
    docs = api("applicant").get(f"/applications/{app_id}/generated").json()
    receipt = next(d for d in docs if d["kind"] == "payment_receipt")
    assert receipt["signed"] is True
    r = api("applicant").get(f"/applications/{app_id}/generated/{receipt['id']}")
    assert r.status_code == 200
    content = b"".join(r.streaming_content)
    text = " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(content)).pages)
    assert "Bukti Pembayaran Biaya Izin" in text
    assert "Rp 250.000" in text and "BNI-UJI-0001" in text
    assert check_pdf(content).ok


def test_a_permit_type_without_fee_offers_no_payment(api, application_data):
    app_id = create_complete(api, application_data)  # PAK: no fee
    for actor, name, data in TO_NUMBERED[:3]:
        act(api, app_id, actor, name, data)
    assert "record_payment" not in offered(api, app_id, "pickup")
    assert api("applicant").get(f"/applications/{app_id}").json()["payment"] is None
    r = pay(api, app_id)
    assert r.status_code == 409
    # And PAK keeps its recommendation: verification leads to the technical agency.
    assert set(offered(api, app_id, "verifier")) == {"verify", "verify_return"}


def test_an_extension_names_the_licence_it_extends(api, uji_data):
    r = api("applicant").post("/applications", {**uji_data, "kind": "extension"})
    assert r.status_code == 422 and "previous_licence_number" in r.json()["errors"]
    kinds = api().get(f"/permit-types/{CODE}/requirements", kind="extension").json()
    assert [row["number"] for row in kinds] == [1, 3]


def test_expiry_dates_count_calendar_months():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2024, 2, 29), 60) == date(2029, 2, 28)
    assert add_months(date(2026, 12, 2), 60) == date(2031, 12, 2)


def test_the_flow_drawn_for_each_permit_type_has_its_own_steps(uji):
    pak = PermitType.objects.get(code="PAK")
    pak_actions = {a.name for a in actions_of_permit_type(pak)}
    uji_actions = {a.name for a in actions_of_permit_type(uji)}
    agency = {"deliver_to_agency", "recommend", "receive_recommendation", "agency_return", "agency_decline"}
    assert agency | {"verify", "office_send_to_agency"} <= pak_actions
    assert "verify_for_drafting" not in pak_actions
    assert "verify_for_drafting" in uji_actions
    assert not (agency | {"verify", "office_send_to_agency"}) & uji_actions
    # The swimlane of its permit page and its application page: no boxes for steps 9 and 10.
    assert {9, 10} <= set(layout(actions_of_permit_type(pak)).main)
    assert not {9, 10} & set(layout(actions_of_permit_type(uji)).main)
