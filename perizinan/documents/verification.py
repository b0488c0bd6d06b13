"""Public verification of licences: by the code in the QR, or by a PDF someone was given."""

import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from perizinan.licences.models import Licence, LicenceStatus
from perizinan.workdays.calendar import today_wita

from .models import GeneratedDocument
from .signing.validate import PdfCheck, check_pdf


def past_expiry(licence: Licence) -> bool:
    """The licence's expiry date has passed today (WITA; the last day still counts)."""
    return licence.expired_on(today_wita())


def standing(licence: Licence) -> str:
    """What a licence is today, for the verification answers and pages: its status as decided
    (active, revoked, closed), except that an active licence past its expiry date has expired."""
    if licence.status == LicenceStatus.ACTIVE and past_expiry(licence):
        return "expired"
    return str(licence.status)


@dataclass
class LicenceCheck:
    licence: Licence
    document: GeneratedDocument | None
    pdf: PdfCheck | None

    @cached_property
    def document_ok(self) -> bool:
        """The stored PDF is intact (hash as recorded) and every signature in it checks out."""
        if self.document is None or self.pdf is None or not self.pdf.ok:
            return False
        with self.document.file.open("rb") as f:
            return hashlib.sha256(f.read()).hexdigest() == self.document.sha256

    @cached_property
    def standing(self) -> str:
        return standing(self.licence)

    @property
    def expired(self) -> bool:
        return past_expiry(self.licence)

    @property
    def valid(self) -> bool:
        """The one rule for "this licence is valid", for the API and the page alike: in force
        (active and not past its expiry date), and its stored PDF (once made) intact and trusted."""
        return self.standing == LicenceStatus.ACTIVE and (self.document is None or self.document_ok)

    @property
    def verdict(self) -> str:
        """ok: valid with its signed PDF checked; warn: valid, the PDF not made yet; bad: not valid."""
        if not self.valid:
            return "bad"
        return "ok" if self.document_ok else "warn"


def final_pdf(licence: Licence) -> GeneratedDocument | None:
    return (
        GeneratedDocument.objects.filter(application_id=licence.application_id, kind="licence")
        .order_by("-id")
        .first()
    )


def check_licence(code: str) -> LicenceCheck | None:
    licence = Licence.objects.select_related("permit_type").filter(verification_code=code).first()
    if licence is None:
        return None
    doc = final_pdf(licence)
    pdf = None
    if doc is not None:
        with doc.file.open("rb") as f:
            pdf = check_pdf(f.read())
    return LicenceCheck(licence, doc, pdf)


@dataclass
class UploadCheck:
    genuine: bool
    unaltered: bool
    licence: Licence | None
    pdf: PdfCheck
    reasons: list[str] = field(default_factory=list)

    @cached_property
    def standing(self) -> str | None:
        return standing(self.licence) if self.licence else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "genuine": self.genuine,
            "unaltered": self.unaltered,
            "licence_number": self.licence.number if self.licence else None,
            "status": self.licence.status if self.licence else None,
            "expired": bool(self.licence and past_expiry(self.licence)),
            "company": self.licence.holder_name if self.licence else None,
            "verification_code": self.licence.verification_code if self.licence else None,
            "signatures": [s.summary() for s in self.pdf.signatures],
            "reasons": self.reasons,
        }


NUMBER_IN_REASON = re.compile(r"Nomor izin (\S+)")


def identify_pdf(data: bytes) -> UploadCheck:
    """Is this PDF a genuine, unaltered licence of this office, and which one?"""
    sha = hashlib.sha256(data).hexdigest()
    pdf = check_pdf(data)
    reasons: list[str] = []
    stored = (
        GeneratedDocument.objects.filter(kind="licence", sha256=sha).select_related("application").first()
    )
    licence = (
        Licence.objects.filter(application_id=stored.application_id).first()
        if stored and stored.application_id
        else None
    )
    if licence is None:
        for s in pdf.signatures:
            match = NUMBER_IN_REASON.search(s.reason)
            if match:
                licence = Licence.objects.filter(number=match.group(1)).first()
    if not pdf.readable:
        reasons.append("not_a_pdf")
    elif not pdf.signatures:
        reasons.append("no_signature")
    elif not pdf.ok:
        reasons.append("signature_invalid_or_untrusted")
    if stored is None:
        reasons.append("not_issued_by_this_office" if licence is None else "differs_from_issued_licence")
    unaltered = stored is not None and pdf.ok
    return UploadCheck(
        genuine=unaltered and licence is not None,
        unaltered=unaltered,
        licence=licence,
        pdf=pdf,
        reasons=reasons,
    )
