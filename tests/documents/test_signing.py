"""The signed licence: PAdES by the head of the office (step 14) and the registry's number seal (step 15)."""

import asyncio
import hashlib
import io
import json
import re
import subprocess
import zipfile
from datetime import timedelta

import pytest
import zxingcpp
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import MDPPerm
from pypdf import PdfReader

from perizinan.applications.models import Application
from perizinan.demo import sample_pdf
from perizinan.documents.models import GeneratedDocument
from perizinan.documents.render import format_date
from perizinan.documents.signing import seal_key, seal_signer
from perizinan.documents.signing.base import Placement
from perizinan.documents.signing.bsre import BsreClient
from perizinan.documents.signing.detached import check_detached, sign_detached
from perizinan.documents.signing.validate import check_pdf
from perizinan.licences.models import Licence
from perizinan.licences.services import set_status
from perizinan.workdays.calendar import today_wita
from tests.fakes.bsre_server import FakeBsre
from tests.helpers import act, create_complete, run_until
from tests.worker import drain

pytestmark = pytest.mark.django_db


@pytest.fixture
def done(completed_dossier) -> int:
    """The module's completed application (all 17 steps taken once; each test rolls back)."""
    return completed_dossier.app_id


def licence_bytes(api, app_id, who="applicant") -> bytes:
    r = api(who).get(f"/applications/{app_id}/licence.pdf")
    assert r.status_code == 200, r.content
    assert r["Content-Type"] == "application/pdf"
    return b"".join(r.streaming_content)


def widget_text(data: bytes, field: str) -> bytes:
    """The raw appearance stream of a signature widget (where the visible stamp text is)."""
    reader = PdfReader(io.BytesIO(data))
    for annot in reader.pages[0].get("/Annots", []):
        a = annot.get_object()
        if a.get("/T") == field:
            raw = a["/AP"]["/N"].get_object().get_data()
            return re.sub(rb"\\([0-7]{3})", lambda m: bytes([int(m.group(1), 8)]), raw)
    raise AssertionError(f"no widget {field}")


def test_licence_is_signed_by_head_and_sealed_with_number(api, done):
    data = licence_bytes(api, done)
    licence = Licence.objects.get(application_id=done)
    check = check_pdf(data)
    assert check.ok
    head, seal = check.signatures
    assert head.field_name == "KepalaDinas" and head.signer == "Kepala DPMPTSP Provinsi Kalimantan Timur"
    assert head.intact and head.trusted and head.modification_level == "FORM_FILLING"
    assert seal.field_name == "TataUsaha" and seal.covers_whole_document
    assert licence.number in seal.reason
    assert licence.number.encode() in widget_text(data, "TataUsaha")
    text = " ".join(PdfReader(io.BytesIO(data)).pages[0].extract_text().split())
    assert "Contoh Medika" in text and "Siti Rahmawati" in text
    assert len(PdfReader(io.BytesIO(data)).pages) == 1
    stored = GeneratedDocument.objects.get(application_id=done, kind="licence")

    assert stored.sha256 == hashlib.sha256(data).hexdigest() and stored.signed and stored.step == 15


def test_licence_shows_number_and_date_filled_in_after_the_heads_certification(api, done):
    """Issue 13 item 1: "Nomor: 503/…" under the title and "Samarinda, <tanggal>" above the
    signature, in the SOP's order: the head certifies at step 14 (form filling allowed), the
    registry fills the number and date fields at step 15 and seals; both signatures valid."""
    data = licence_bytes(api, done)
    licence = Licence.objects.get(application_id=done)
    issued = format_date(licence.issued_on)
    check = check_pdf(data)
    assert check.ok and [s.field_name for s in check.signatures] == ["KepalaDinas", "TataUsaha"]
    head, seal = check.signatures
    assert head.ok and head.modification_level == "FORM_FILLING" and not head.covers_whole_document
    assert seal.ok and seal.modification_level == "NONE" and seal.covers_whole_document
    (certification, approval) = PdfFileReader(io.BytesIO(data)).embedded_signatures
    assert certification.docmdp_level == MDPPerm.FILL_FORMS and approval.docmdp_level is None

    reader = PdfReader(io.BytesIO(data))
    assert reader.get_form_text_fields() == {"nomor": licence.number, "tanggal": issued}
    assert licence.number.encode() in widget_text(data, "nomor")
    assert issued.encode() in widget_text(data, "tanggal")
    page = " ".join(reader.pages[0].extract_text().split())
    assert "Nomor:" in page and "Samarinda," in page and "tertera pada cap" not in page

    # What the head signed: the same licence with the two fields still empty.
    signed = GeneratedDocument.objects.get(application_id=done, kind="licence_signed")
    with signed.file.open("rb") as f:
        before = f.read()
    assert PdfReader(io.BytesIO(before)).get_form_text_fields() == {"nomor": "", "tanggal": ""}
    assert [s.field_name for s in check_pdf(before).signatures] == ["KepalaDinas"]


def test_one_changed_byte_fails(api, done):
    data = bytearray(licence_bytes(api, done))
    for position in (len(data) // 4, len(data) // 2, len(data) - 200):
        tampered = bytearray(data)
        tampered[position] = (tampered[position] + 1) % 256
        assert not check_pdf(bytes(tampered)).ok, position
    r = api().upload("/licences/verify-pdf", {"file": _file(bytes(tampered))})
    assert r.status_code == 200 and r.json()["genuine"] is False


def _file(content: bytes):
    return SimpleUploadedFile("izin.pdf", content, content_type="application/pdf")


def test_qr_code_decodes_to_the_verification_link(api, done, tmp_path, settings):
    data = licence_bytes(api, done)
    pdf = tmp_path / "izin.pdf"
    pdf.write_bytes(data)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "200", "-singlefile", str(pdf), str(tmp_path / "page")], check=True
    )
    results = zxingcpp.read_barcodes(Image.open(tmp_path / "page.png"))
    texts = [r.text for r in results if r.format == zxingcpp.BarcodeFormat.QRCode]
    licence = Licence.objects.get(application_id=done)
    assert texts == [f"{settings.PERIZINAN_PUBLIC_URL}/verifikasi/{licence.verification_code}"]
    assert len(licence.verification_code) >= 20 and not licence.verification_code.isdigit()


def test_verification_api_active_revoked_unknown(api, done, users):
    licence = Licence.objects.get(application_id=done)
    body = api().get(f"/licences/verify/{licence.verification_code}").json()
    assert body["valid"] is True and body["status"] == "active"
    assert body["document"]["intact_and_trusted"] is True and len(body["document"]["signatures"]) == 2
    set_status(licence=licence, status="revoked", reason="Pelanggaran CDAKB", by=users["office_head"])
    body = api().get(f"/licences/verify/{licence.verification_code}").json()
    assert (
        body["valid"] is False
        and body["status"] == "revoked"
        and body["status_reason"] == "Pelanggaran CDAKB"
    )
    assert api().get("/licences/verify/bukan-kode").status_code == 404


def test_a_licence_past_its_expiry_date_is_not_valid_in_the_api_nor_on_the_page(api, client, done):
    licence = Licence.objects.get(application_id=done)
    today = today_wita()
    code = licence.verification_code
    Licence.objects.filter(pk=licence.pk).update(expires_on=today)  # its last day: still valid
    body = api().get(f"/licences/verify/{code}").json()
    assert body["valid"] is True and body["expired"] is False
    page = client.get(f"/verifikasi/{code}").content.decode()
    assert re.findall(r"card-verify-(\w+)", page) == ["ok", "ok"]  # the licence, then its PDF

    Licence.objects.filter(pk=licence.pk).update(expires_on=today - timedelta(days=1))
    body = api().get(f"/licences/verify/{code}").json()
    assert body["valid"] is False and body["expired"] is True
    assert body["status"] == "active"  # what was decided about it: neither revoked nor closed
    assert body["document"]["intact_and_trusted"] is True  # the PDF is sound; the licence has lapsed
    page = client.get(f"/verifikasi/{code}").content.decode()
    assert re.findall(r"card-verify-(\w+)", page) == ["bad", "ok"]  # the licence lapsed; its PDF is sound
    assert "Masa berlaku izin telah berakhir" in page and "Izin terdaftar dan berlaku" not in page
    assert "Berlaku</dd>" not in page  # nor "in force" as its status further down
    # Someone given the PDF checks it: genuine and unaltered, and not in force any more.
    pdf = licence_bytes(api, done)
    body = api().upload("/licences/verify-pdf", {"file": _file(pdf)}).json()
    assert body["genuine"] is True and body["status"] == "active" and body["expired"] is True
    page = " ".join(client.post("/verifikasi/", {"file": _file(pdf)}).content.decode().split())
    assert "Status izin saat ini: <strong>Masa berlaku telah berakhir</strong>" in page
    # Revoked as well: both answers say the same of its date (expired), and neither calls it valid.
    Licence.objects.filter(pk=licence.pk).update(status="revoked")
    by_code = api().get(f"/licences/verify/{code}").json()
    by_pdf = api().upload("/licences/verify-pdf", {"file": _file(pdf)}).json()
    assert (by_code["status"], by_code["expired"], by_code["valid"]) == ("revoked", True, False)
    assert (by_pdf["status"], by_pdf["expired"]) == ("revoked", True)


def test_a_stored_licence_changed_on_disk_is_not_valid_in_the_api_nor_on_the_page(api, client, done):
    licence = Licence.objects.get(application_id=done)
    stored = GeneratedDocument.objects.filter(application_id=done, kind="licence").latest("id")
    path = stored.file.path
    with open(path, "rb") as f:
        original = f.read()
    changed = bytearray(original)
    changed[len(changed) // 2] ^= 1
    try:
        with open(path, "wb") as f:
            f.write(changed)
        body = api().get(f"/licences/verify/{licence.verification_code}").json()
        assert body["valid"] is False and body["document"]["intact_and_trusted"] is False
        page = client.get(f"/verifikasi/{licence.verification_code}").content.decode()
        assert "card-verify-bad" in page and "card-verify-ok" not in page
    finally:
        with open(path, "wb") as f:  # the dossier is shared by the module's tests
            f.write(original)
    assert api().get(f"/licences/verify/{licence.verification_code}").json()["valid"] is True
    assert "card-verify-ok" in client.get(f"/verifikasi/{licence.verification_code}").content.decode()


def test_upload_check_genuine_and_foreign(api, done):
    original = licence_bytes(api, done)
    r = api().upload("/licences/verify-pdf", {"file": _file(original)})
    body = r.json()
    assert body["genuine"] is True and body["unaltered"] is True
    assert body["licence_number"] == Licence.objects.get(application_id=done).number
    body = api().upload("/licences/verify-pdf", {"file": _file(sample_pdf("palsu"))}).json()
    assert body["genuine"] is False and "no_signature" in body["reasons"]


def test_public_pages(client, api, done):
    licence = Licence.objects.get(application_id=done)
    r = client.get(f"/verifikasi/{licence.verification_code}")
    assert r.status_code == 200 and licence.number.encode() in r.content and b"Contoh Medika" in r.content
    assert client.get("/verifikasi/tidak-ada").status_code == 404
    r = client.post("/verifikasi/", {"file": _file(licence_bytes(api, done))})
    assert r.status_code == 200 and b"Asli dan tidak diubah" in r.content
    data = bytearray(licence_bytes(api, done))
    data[len(data) // 2] ^= 1
    r = client.post("/verifikasi/", {"file": _file(bytes(data))})
    assert b"Tidak dapat dipastikan asli" in r.content
    assert client.post("/verifikasi/", {}).status_code == 422


def test_licence_pdf_permissions_and_copies(api, done, application_data):
    assert api("applicant2").get(f"/applications/{done}/licence.pdf").status_code == 404
    assert api().get(f"/applications/{done}/licence.pdf").status_code == 401
    assert licence_bytes(api, done, "cs").startswith(b"%PDF-")
    r = api("registry").get(f"/applications/{done}/licence.pdf", print_copy="archive")
    text = " ".join(PdfReader(io.BytesIO(b"".join(r.streaming_content))).pages[0].extract_text().split())
    assert "SALINAN UNTUK ARSIP" in text and Licence.objects.get(application_id=done).number in text
    assert api("registry").get(f"/applications/{done}/licence.pdf", print_copy="bogus").status_code == 422
    unfinished = create_complete(api, application_data)
    assert api("applicant").get(f"/applications/{unfinished}/licence.pdf").status_code == 404


def test_every_step_document_is_stored_and_linked(api, done):
    r = api("cs").get(f"/applications/{done}/generated")
    kinds = [(d["kind"], d["step"]) for d in r.json()]
    for expected in [
        ("application_form", 3),
        ("checklist_form", 4),
        ("registration_receipt", 6),
        ("verification_form", 7),
        ("cover_letter", 7),
        ("liaison_receipt", 9),
        ("draft_licence", 11),
        ("draft_licence", 12),
        ("draft_licence", 13),
        ("licence_signed", 14),
        ("licence", 15),
        ("handover_receipt", 16),
    ]:
        assert expected in kinds, expected
    # The applicant sees only the final documents: no drafts, no internal forms.
    mine = api("applicant").get(f"/applications/{done}/generated").json()
    assert [(d["kind"], d["step"]) for d in mine] == [
        ("application_form", 3),
        ("registration_receipt", 6),
        ("cover_letter", 7),
        ("liaison_receipt", 9),
        ("licence", 15),
        ("handover_receipt", 16),
    ]
    doc = GeneratedDocument.objects.filter(application_id=done).first()
    doc.kind = "x"
    with pytest.raises(PermissionError):
        doc.save()
    first = mine[0]
    got = api("applicant").get(f"/applications/{done}/generated/{first['id']}")
    assert got.status_code == 200
    assert api("applicant2").get(f"/applications/{done}/generated/{first['id']}").status_code == 404


def test_export_dossier(done, tmp_path):
    reg = Application.objects.get(pk=done).registration_number
    out = tmp_path / "dossier.zip"
    call_command("export_dossier", reg, "--output", str(out))

    with zipfile.ZipFile(out) as z:
        manifest = json.loads(z.read("manifest.json"))
        assert manifest["process_log_chain"]["ok"] is True
        names = {f["path"] for f in manifest["files"]}
        assert "process-log.json" in names and "process-log.pdf" in names
        assert any(n.startswith("uploads/") for n in names) and any(n.endswith("-licence.pdf") for n in names)
        for f in manifest["files"]:
            assert hashlib.sha256(z.read(f["path"])).hexdigest() == f["sha256"]
        log = json.loads(z.read("process-log.json"))
        assert log[-1]["action"] == "confirm_receipt"


def test_signing_with_the_national_service(api, application_data, users, settings, tmp_path):
    head = users["office_head"]
    head.nik = "6471011501700003"
    head.save()
    with FakeBsre(tmp_path / "bsre") as bsre:
        bsre.users[head.nik] = ("rahasia-kadis", "ISSUE")
        settings.PERIZINAN_SIGNER = "bsre"
        settings.PERIZINAN_BSRE_URL = bsre.url
        settings.PERIZINAN_BSRE_USER, settings.PERIZINAN_BSRE_PASSWORD = "app", "secret"
        settings.PERIZINAN_TRUST_ROOTS = [*settings.PERIZINAN_TRUST_ROOTS, str(bsre.pki.root_pem)]
        app_id = create_complete(api, application_data)
        run_until(api, app_id, stop_before="sign")
        before = GeneratedDocument.objects.count()
        r = api("office_head").post(f"/applications/{app_id}/actions/sign", {"passphrase": "salah"})
        assert r.status_code == 422 and "Passphrase anda salah" in r.json()["errors"]["passphrase"][0]
        assert GeneratedDocument.objects.count() == before
        assert api("office_head").get(f"/applications/{app_id}").json()["state"] == "division_approved"
        act(api, app_id, "office_head", "sign", {"passphrase": "rahasia-kadis"})
        sign_request = [p for path, p in bsre.requests if path == "/api/v2/sign/pdf"][-1]
        assert (
            sign_request["nik"] == head.nik
            and sign_request["signatureProperties"][0]["tampilan"] == "VISIBLE"
        )
        run_until_end = ["number_licence", "hand_over", "confirm_receipt"]
        act(api, app_id, "registry", run_until_end[0], {"final_checklist_checked": True})
        drain()
        data = licence_bytes(api, app_id, "office_head")
        check = check_pdf(data)
        assert check.ok and [s.field_name for s in check.signatures] == ["BSrE", "TataUsaha"]

        assert BsreClient(bsre.url, "app", "secret").verify(data)["conclusion"] == "VALID"


@pytest.mark.parametrize(
    "kind", ["application_form", "checklist_form", "power_of_attorney_sign", "power_of_attorney_handle"]
)
def test_blank_forms_are_public(client, kind):
    r = client.get(f"/formulir/{kind}.pdf")
    assert r.status_code == 200 and r.content.startswith(b"%PDF-")
    assert client.get("/formulir/licence.pdf").status_code == 404
    assert client.post(f"/formulir/{kind}.pdf").status_code == 405


def test_signing_and_checking_work_where_an_event_loop_already_runs(api, done):
    """pyHanko's synchronous calls start an event loop; in a thread that already runs one (an
    async server, Playwright in the browser tests) they used to fail, and `check_pdf` then
    reported the sound licence as broken."""
    data = licence_bytes(api, done)

    async def inside_a_loop():  # type: ignore[no-untyped-def]
        signed = seal_signer().sign(
            sample_pdf("Uji"),
            Placement(field_name="Uji", page=0, box=(50, 50, 150, 100), stamp_text="Uji", reason="Uji"),
        )
        signature = sign_detached(b"anchor", seal_key())
        return check_pdf(data), check_pdf(signed), check_detached(b"anchor", signature)

    licence, signed, detached = asyncio.run(inside_a_loop())
    assert licence.ok and signed.ok and detached.ok, (licence, signed, detached)
