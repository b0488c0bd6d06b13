"""Checks the PAdES signatures of a PDF against the certificates the office trusts."""

import io
from dataclasses import dataclass, field
from typing import Any

from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from django.conf import settings
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from .loop import outside_any_loop


@dataclass(frozen=True)
class SignatureCheck:
    field_name: str
    signer: str
    signed_at: str | None
    intact: bool
    valid: bool
    trusted: bool
    covers_whole_document: bool
    modification_level: str
    reason: str
    ok: bool

    def summary(self) -> dict[str, Any]:
        """What the public verification answers tell about this signature."""
        return {
            "field": self.field_name,
            "signer": self.signer,
            "signed_at": self.signed_at,
            "intact": self.intact,
            "trusted": self.trusted,
            "ok": self.ok,
        }


@dataclass(frozen=True)
class PdfCheck:
    readable: bool
    signatures: list[SignatureCheck] = field(default_factory=list)
    error: str = ""

    @property
    def ok(self) -> bool:
        """Readable, signed, every signature intact and trusted, the last one covering everything."""
        return (
            self.readable
            and bool(self.signatures)
            and all(s.ok for s in self.signatures)
            and self.signatures[-1].covers_whole_document
        )


def trust_roots() -> list[asn1_x509.Certificate]:
    roots = []
    for path in settings.PERIZINAN_TRUST_ROOTS:
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError:
            continue
        for _type, _headers, der in (
            pem.unarmor(data, multiple=True) if pem.detect(data) else [(None, None, data)]
        ):
            roots.append(asn1_x509.Certificate.load(der))
    return roots


def check_pdf(data: bytes) -> PdfCheck:
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception as exc:
        return PdfCheck(readable=False, error=str(exc)[:200])
    context = ValidationContext(trust_roots=trust_roots(), allow_fetching=False, revocation_mode="soft-fail")
    checks = []
    for sig in embedded:
        try:
            status = outside_any_loop(validate_pdf_signature, sig, context)
        except Exception as exc:  # a mangled signature is a failed check, not a crash
            checks.append(
                SignatureCheck(
                    sig.field_name, "", None, False, False, False, False, "", str(exc)[:200], False
                )
            )
            continue
        coverage = getattr(status, "coverage", None)
        mod_level = getattr(status, "modification_level", None)
        checks.append(
            SignatureCheck(
                field_name=sig.field_name,
                signer=status.signing_cert.subject.native.get("common_name", "")
                if status.signing_cert
                else "",
                signed_at=status.signer_reported_dt.isoformat() if status.signer_reported_dt else None,
                intact=bool(status.intact),
                valid=bool(status.valid),
                trusted=bool(status.trusted),
                covers_whole_document=bool(coverage is not None and coverage.name == "ENTIRE_FILE"),
                modification_level=mod_level.name if mod_level is not None else "",
                reason=str(sig.sig_object.get("/Reason", "")),
                ok=bool(status.bottom_line),
            )
        )
    return PdfCheck(readable=True, signatures=checks)
