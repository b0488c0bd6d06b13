"""Detached CMS (PKCS#7) signatures over plain bytes: the office's seal on the daily anchor of
the process log (docs/adr/0016). The signature is a `.p7s` file beside the signed bytes;
`openssl cms -verify -binary -inform DER -in x.p7s -content x.json -CAfile root.pem` checks it too."""

import asyncio
from dataclasses import dataclass
from datetime import datetime

from asn1crypto import cms
from asn1crypto import x509 as asn1_x509
from pyhanko.sign import signers
from pyhanko.sign.validation.generic_cms import async_validate_detached_cms
from pyhanko_certvalidator import ValidationContext

from .loop import outside_any_loop
from .validate import trust_roots


def sign_detached(data: bytes, signer: signers.SimpleSigner) -> bytes:
    """The DER of a CMS SignedData over `data` (SHA-256, content not embedded)."""
    info = outside_any_loop(
        lambda: asyncio.run(signer.async_sign_general_data(data, "sha256", detached=True))
    )
    return bytes(info.dump())


@dataclass(frozen=True)
class DetachedCheck:
    ok: bool
    signer: str = ""
    signed_at: datetime | None = None
    reason: str = ""


def check_detached(
    data: bytes, signature: bytes, *, expected: asn1_x509.Certificate | None = None
) -> DetachedCheck:
    """Does `signature` sign exactly `data`, by a certificate the office trusts (and, when
    `expected` is given, by that very certificate)? Never raises on bad input."""
    try:
        info = cms.ContentInfo.load(signature)
        signed_data = info["content"]
        context = ValidationContext(
            trust_roots=trust_roots(), allow_fetching=False, revocation_mode="soft-fail"
        )
        status = outside_any_loop(
            lambda: asyncio.run(
                async_validate_detached_cms(data, signed_data, signer_validation_context=context)
            )
        )
    except Exception as exc:  # a mangled or foreign file is a failed check, not a crash
        return DetachedCheck(False, reason=f"unreadable signature: {str(exc)[:200]}")
    cert = status.signing_cert
    signer = cert.subject.native.get("common_name", "") if cert else ""
    signed_at = status.signer_reported_dt
    if not (status.intact and status.valid):
        return DetachedCheck(False, signer, signed_at, "signature does not match the content")
    if not status.trusted:
        return DetachedCheck(False, signer, signed_at, "signer not trusted by the office")
    if expected is not None and (cert is None or cert.dump() != expected.dump()):
        return DetachedCheck(False, signer, signed_at, "not signed with the office's seal certificate")
    return DetachedCheck(True, signer, signed_at)
