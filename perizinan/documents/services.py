"""Generating, storing and signing the SOP's documents."""

import hashlib
from datetime import date
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from perizinan.accounts.models import User
from perizinan.applications.models import Application

from .catalog import render
from .models import GeneratedDocument
from .qr import qr_svg, verification_url
from .render import format_date
from .signing import head_signer, seal_signer
from .signing.base import HEAD_SIGNATURE_BOX, NUMBER_STAMP_BOX, Placement


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
    signer_name: str = "",
    copy_label: str = "",
) -> bytes:
    url = verification_url(code)
    return render(
        "licence",
        app,
        verification_url=url,
        qr_svg=qr_svg(url),
        number=number,
        issued_on=issued_on,
        signer_name=signer_name,
        copy_label=copy_label,
    )


def sign_licence(app: Application, *, code: str, by: User, passphrase: str = "") -> bytes:
    """Step 14: the head of the office signs the licence (PAdES), number still to come."""
    pdf = render_licence(app, code=code, signer_name=by.get_full_name() or by.username)
    when = timezone.localtime().strftime("%d-%m-%Y %H:%M WITA")
    placement = Placement(
        field_name="KepalaDinas",
        page=0,
        box=HEAD_SIGNATURE_BOX,
        stamp_text=f"Ditandatangani secara elektronik oleh\n{by.get_full_name() or by.username}\n"
        f"Kepala DPMPTSP Prov. Kaltim\n{when}",
        reason=f"Persetujuan izin {app.permit_type.code} permohonan {app.registration_number}",
    )
    return head_signer().sign(pdf, placement, nik=getattr(by, "nik", ""), passphrase=passphrase)


def stamp_number(signed_pdf: bytes, *, number: str, issued_on: date) -> bytes:
    """Step 15: the registry's electronic seal stamps the licence number and date on the signed licence."""
    placement = Placement(
        field_name="TataUsaha",
        page=0,
        box=NUMBER_STAMP_BOX,
        stamp_text=f"Nomor: {number}\nTanggal: {format_date(issued_on)}\nTata Usaha DPMPTSP Prov. Kaltim",
        reason=f"Nomor izin {number} tanggal {issued_on.isoformat()}",
    )
    return seal_signer().sign(signed_pdf, placement)
