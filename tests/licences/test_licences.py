"""Licence records: gap-free numbers, voiding, change applications superseding the old licence."""

import pytest
from django.db import IntegrityError, transaction

from perizinan.catalog.models import PermitType
from perizinan.demo import new_application
from perizinan.licences.models import Licence, LicenceNumber
from perizinan.licences.services import draw_number, set_status, void_number
from tests.helpers import act, create_complete, run_until

pytestmark = pytest.mark.django_db


def test_numbers_follow_in_order_and_voided_stay(api, application_data, users):
    first = create_complete(api, application_data)
    run_until(api, first)
    second = create_complete(api, application_data)
    run_until(api, second)
    a, b = Licence.objects.order_by("id")
    assert a.number.startswith("503/0001/PAK/DPMPTSP/") and b.number.startswith("503/0002/PAK/DPMPTSP/")
    void_number(number=b.licence_number, by=users["registry"], reason="Salah cetak")
    b.refresh_from_db()
    assert b.status == "revoked"
    third = create_complete(api, application_data)
    run_until(api, third)
    c = Licence.objects.get(application_id=third)
    assert c.number.startswith("503/0003/")  # the voided 0002 is never reused
    assert LicenceNumber.objects.get(seq=2).voided
    r = api().get(f"/licences/verify/{b.verification_code}")
    assert r.json()["status"] == "revoked" and r.json()["valid"] is False


def test_number_unique_in_database(users):
    pak = PermitType.objects.get(code="PAK")

    app = new_application(users)
    with transaction.atomic():
        n = draw_number(permit_type=pak, year=2026, application=app, by=users["registry"])
    with pytest.raises(IntegrityError), transaction.atomic():
        LicenceNumber.objects.create(
            permit_type=pak, year=2026, seq=99, number=n.number, application=app, drawn_by=users["registry"]
        )


def test_rolled_back_numbering_leaves_no_gap(users):
    pak = PermitType.objects.get(code="PAK")

    app = new_application(users)
    with pytest.raises(RuntimeError), transaction.atomic():
        draw_number(permit_type=pak, year=2026, application=app, by=users["registry"])
        raise RuntimeError("printer jammed")
    with transaction.atomic():
        n = draw_number(permit_type=pak, year=2026, application=app, by=users["registry"])
    assert n.seq == 1


def test_change_application_supersedes_previous_licence(api, application_data, users):
    first = create_complete(api, application_data)
    run_until(api, first)
    old = Licence.objects.get(application_id=first)
    data = {
        **application_data,
        "kind": "technical_lead_change",
        "previous_licence_number": old.number,
        "technical_lead": {"name": "Wati, S.Farm.", "nik": "6471015501900002", "education": "S1"},
    }
    change = create_complete(api, data)
    app = run_until(api, change)
    assert app["state"] == "completed"
    new = Licence.objects.get(application_id=change)
    old.refresh_from_db()
    assert new.supersedes == old and new.technical_lead_name == "Wati, S.Farm."
    assert old.status == "closed" and new.number in old.status_reason
    assert api().get(f"/licences/verify/{old.verification_code}").json()["status"] == "closed"


def test_change_application_for_another_company_licence_is_refused(api, application_data):
    first = create_complete(api, application_data)
    run_until(api, first)
    old = Licence.objects.get(application_id=first)
    other = {
        **application_data,
        "kind": "change",
        "previous_licence_number": old.number,
        "company": {**application_data["company"], "nib": "9876543210987"},
    }
    r = api("applicant2").post("/applications", other)
    assert r.status_code == 422 and "previous_licence_number" in r.json()["errors"]


def test_closed_licence_status_and_unknown_code(api, application_data, users):
    first = create_complete(api, application_data)
    run_until(api, first)
    licence = Licence.objects.get(application_id=first)
    r = api().get(f"/licences/verify/{licence.verification_code}")
    assert r.status_code == 200
    body = r.json()
    assert body["valid"] is True and body["status"] == "active" and body["licence_number"] == licence.number
    assert body["company"] == "PT Contoh Medika" and body["signed_by"] == "H. Muhammad Rizal, SE, MM"
    set_status(licence=licence, status="closed", reason="Perusahaan tutup", by=users["office_head"])
    assert api().get(f"/licences/verify/{licence.verification_code}").json()["status"] == "closed"
    assert api().get("/licences/verify/tidak-ada").status_code == 404


def test_confirm_only_by_the_holder(api, application_data):
    app_id = create_complete(api, application_data)
    run_until(api, app_id, stop_before="confirm_receipt")
    assert api("applicant2").post(f"/applications/{app_id}/actions/confirm_receipt").status_code == 404
    assert api("pickup").post(f"/applications/{app_id}/actions/confirm_receipt").status_code == 403
    assert act(api, app_id, "applicant", "confirm_receipt")["state"] == "completed"
