"""Generating, storing and signing the SOP's documents."""

import hashlib
from datetime import date
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from perizinan.accounts.models import User
from perizinan.accounts.selectors import office_record
from perizinan.applications.models import Application

from .kinds.payment_receipt import SEAL_AREA_MM
from .models import GeneratedDocument
from .qr import qr_svg, verification_url
from .registry import render
from .render import format_date
from .signing import head_signer, seal_signer
from .signing.base import HEAD_SIGNATURE_BOX, NUMBER_STAMP_BOX, Placement, box_from_css

# The licence's form fields (documents/licence.html) and signature fields.
NUMBER_FIELD = "nomor"
DATE_FIELD = "tanggal"
EXPIRY_FIELD = "berlaku"
HEAD_FIELD = "KepalaDinas"
REGISTRY_FIELD = "TataUsaha"


def store(
    *,
    application: Application | None,
    kind: str,
    content: bytes,
    by: User | None,
    step: int | None,
    log_entry: Any = None,
    signed: bool = False,
) -> GeneratedDocument:
    """Store a generated PDF (file and row). Inside the caller's transaction: if the row
    cannot be written, the file is removed again and the error raised."""
    sha = hashlib.sha256(content).hexdigest()
    doc = GeneratedDocument(
        application=application,
        kind=kind,
        step=step,
        log_entry=log_entry,
        sha256=sha,
        size=len(content),
        signed=signed,
        created_by=by,
    )
    doc.file.save(f"{sha}.pdf", ContentFile(content), save=False)
    try:
        with transaction.atomic():
            doc.save()
    except BaseException:
        if doc.file.name:
            doc.file.storage.delete(doc.file.name)
        raise
    return doc


def render_licence(
    app: Application,
    *,
    code: str,
    number: str | None = None,
    issued_on: date | None = None,
    expires_on: date | None = None,
    signer_name: str = "",
    copy_label: str = "",
    form_fields: bool = False,
) -> bytes:
    """The licence PDF. With `form_fields`, its number and date are empty form fields that the
    registry fills in at step 15 (see `sign_licence` and `stamp_number`)."""
    url = verification_url(code)
    return render(
        "licence",
        app,
        verification_url=url,
        qr_svg=qr_svg(url),
        number=number,
        issued_on=issued_on,
        expires_on=expires_on,
        signer_name=signer_name,
        copy_label=copy_label,
        form_fields=form_fields,
    )


def sign_licence(app: Application, *, code: str, by: User, passphrase: str = "") -> bytes:
    """Step 14: the head of the office signs the licence, number and date still to come.

    A certification signature (DocMDP: form filling allowed) over a licence whose number and
    date are empty form fields, with the registry's signature field already in place."""
    pdf = render_licence(app, code=code, signer_name=by.get_full_name() or by.username, form_fields=True)
    when = timezone.localtime().strftime("%d-%m-%Y %H:%M WITA")
    office = office_record()
    placement = Placement(
        field_name=HEAD_FIELD,
        page=0,
        box=HEAD_SIGNATURE_BOX,
        stamp_text=f"Ditandatangani secara elektronik oleh\n{by.get_full_name() or by.username}\n"
        f"{office.head_short}\n{when}",
        reason=f"Persetujuan izin {app.permit_type.code} permohonan {app.registration_number}",
        location=office.place,
        certify=True,
        empty_fields=((REGISTRY_FIELD, NUMBER_STAMP_BOX),),
    )
    return head_signer().sign(pdf, placement, nik=getattr(by, "nik", ""), passphrase=passphrase)


def stamp_number(signed_pdf: bytes, *, number: str, issued_on: date, expires_on: date | None = None) -> bytes:
    """Step 15: the registry fills the licence's number and date fields (and its expiry date,
    for a permit type whose licences expire) and seals it (an approval signature in the field
    the head's certification left for it)."""
    office = office_record()
    expiry = ((EXPIRY_FIELD, format_date(expires_on)),) if expires_on else ()
    placement = Placement(
        field_name=REGISTRY_FIELD,
        page=0,
        box=NUMBER_STAMP_BOX,
        stamp_text=f"Nomor: {number}\nTanggal: {format_date(issued_on)}\n{office.registry_short}",
        reason=f"Nomor izin {number} tanggal {issued_on.isoformat()}",
        location=office.place,
        fill=((NUMBER_FIELD, number), (DATE_FIELD, format_date(issued_on)), *expiry),
    )
    return seal_signer().sign(signed_pdf, placement)


def seal_payment_receipt(pdf: bytes, *, reference: str, registration_number: str) -> bytes:
    """The fee's receipt, sealed by the registry (an approval signature in its seal area)."""
    office = office_record()
    placement = Placement(
        field_name="TataUsaha",
        page=0,
        box=box_from_css(*SEAL_AREA_MM),
        stamp_text=f"Pembayaran tercatat\nRef. {reference}\n{office.registry_short}",
        reason=f"Bukti pembayaran biaya izin permohonan {registration_number}",
        location=office.place,
    )
    return seal_signer().sign(pdf, placement)
