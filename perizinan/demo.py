"""Demo data and a scripted walk through all 17 steps, used by `seed_demo`, `run_demo` and the benchmarks."""

import io
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from perizinan.accounts.models import TechnicalAgency, User
from perizinan.accounts.roles import Role
from perizinan.applications.models import Application
from perizinan.applications.selectors import checklist
from perizinan.applications.services import create_application, upload_document
from perizinan.catalog.models import PermitType
from perizinan.workflow.services import take_action

DEMO_USERS: dict[str, tuple[str, list[Role], str]] = {
    "applicant": ("Andi Pratama", [Role.APPLICANT], "AP"),
    "applicant2": ("Budi Santoso", [Role.APPLICANT], "BS"),
    "info": ("Citra Lestari", [Role.INFO], "CL"),
    "cs": ("Dewi Anggraini", [Role.CS], "DA"),
    "helpdesk": ("Eko Saputra", [Role.HELPDESK], "ES"),
    "registration": ("Fitri Handayani", [Role.REGISTRATION], "FH"),
    "verifier": ("Gilang Ramadhan", [Role.VERIFIER], "GR"),
    "liaison": ("Hendra Wijaya", [Role.LIAISON], "HW"),
    "admin_monitoring": ("Indah Permata", [Role.ADMIN_MONITORING], "IP"),
    "technical_team": ("dr. Joko Susilo", [Role.TECHNICAL_TEAM], "JS"),
    "section_head": ("Ir. Kurniawan", [Role.SECTION_HEAD], "KUR"),
    "division_head": ("Lina Marlina, SE, MM", [Role.DIVISION_HEAD], "LM"),
    "office_head": ("H. Muhammad Rizal, SE, MM", [Role.OFFICE_HEAD], "MR"),
    "registry": ("Nur Aisyah", [Role.REGISTRY], "NA"),
    "pickup": ("Oki Setiawan", [Role.PICKUP], "OS"),
    "supervisor": ("Putri Maharani", [Role.SUPERVISOR], "PM"),
}


def seed_users(password: str) -> dict[str, User]:
    agency = TechnicalAgency.objects.get(code="dinkes-kaltim")
    users = {}
    for username, (full_name, roles, initials) in DEMO_USERS.items():
        first, _, last = full_name.partition(" ")
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@demo.perizinan.local"},
        )
        if created or not user.check_password(password):
            user.set_password(password)
        user.agency = agency if Role.TECHNICAL_TEAM in roles else None
        user.initials = initials
        user.save()
        user.groups.set(Group.objects.filter(name__in=[r.value for r in roles]))
        users[username] = user
    return users


def sample_pdf(title: str = "Dokumen") -> bytes:
    """A small valid PDF (one page with a title) for demos and tests."""
    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    safe = title.replace("(", "[").replace(")", "]").encode("latin-1", "replace")
    stream = DecodedStreamObject()
    stream.set_data(b"BT /F1 14 Tf 60 780 Td (" + safe + b") Tj ET")
    page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_upload(name: str, title: str | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, sample_pdf(title or name), content_type="application/pdf")


DEMO_APPLICATION: dict[str, Any] = {
    "permit_type": "PAK",
    "kind": "new",
    "company": {
        "name": "Contoh Medika",
        "legal_form": "PT",
        "nib": "1234567890123",
        "npwp": "01.855.081.4-412.000",
        "address": "Jl. Jenderal Sudirman No. 1, Balikpapan",
        "phone": "0542-123456",
        "email": "info@contohmedika.id",
    },
    "director": {"name": "Rudi Hartono", "nik": "6471011501900001"},
    "technical_lead": {"name": "Siti Rahmawati, A.Md.", "nik": "6471015501900002", "education": "D3"},
    "building": {"status": "owned"},
    "profile": {
        "foreign_investment": False,
        "electromedical": False,
        "radiation": False,
        "technicians": False,
    },
    "device_categories": ["Alat kesehatan non-elektromedik steril"],
    "device_list": "Spuit, kasa steril, kateter",
}


@dataclass
class Step:
    actor: str
    action: str
    data: dict[str, Any]
    files: dict[str, Any] | None = None


def forward_path() -> list[Step]:
    return [
        Step("applicant", "submit", {"note": "Berkas lengkap"}),
        Step("cs", "cs_accept", {"confirm_all": True, "note": "Lengkap dan benar secara administratif"}),
        Step("registration", "register", {}),
        Step("verifier", "verify", {"note": "Valid"}),
        Step("liaison", "deliver_to_agency", {"received_by": "Staf Seksi Farmalkes Dinkes"}),
        Step(
            "technical_team",
            "recommend",
            {"recommendation_number": "445/123/Farmalkes", "recommendation_date": "2026-11-27"},
            None,
        ),
        Step("admin_monitoring", "draft_licence", {}),
        Step("section_head", "section_approve", {"note": "Format dan isi benar"}),
        Step("division_head", "division_approve", {}),
        Step("office_head", "sign", {}),
        Step("registry", "number_licence", {"final_checklist_checked": True}),
        Step(
            "pickup",
            "hand_over",
            {"recipient_name": "Rudi Hartono", "recipient_id_number": "6471011501900001"},
        ),
        Step("applicant", "confirm_receipt", {"note": "Izin diterima"}),
    ]


def new_application(
    users: dict[str, User], *, data: dict[str, Any] | None = None, owner: str = "applicant"
) -> Application:
    """Create an application and upload every submission document it needs."""
    permit_type = PermitType.objects.get(code="PAK")
    app = create_application(by=users[owner], permit_type=permit_type, data=data or DEMO_APPLICATION)
    for row in checklist(app):
        if row["stage"] == "submission":
            upload_document(
                application=app,
                by=users[owner],
                requirement_number=row["number"],
                upload=pdf_upload(f"req-{row['number']}.pdf", f"Persyaratan {row['number']}"),
            )
    return Application.objects.select_related("permit_type", "company").get(pk=app.pk)  # as read now


def step_files(step: Step) -> dict[str, Any]:
    if step.action in {"recommend", "receive_recommendation"}:
        return {
            "inspection_report": pdf_upload("bap.pdf", "Berita Acara Pemeriksaan"),
            "recommendation": pdf_upload("rekomendasi.pdf", "Rekomendasi Teknis"),
        }
    return step.files or {}


def run_forward(app: Application, users: dict[str, User]) -> Application:
    for s in forward_path():
        app = Application.objects.select_related("permit_type", "company").get(pk=app.pk)
        take_action(application=app, name=s.action, by=users[s.actor], data=s.data, files=step_files(s))
    return Application.objects.get(pk=app.pk)
