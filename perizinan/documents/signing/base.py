"""The signer interface: a local PKCS#12 key, or the national e-signature service (BSrE)."""

from dataclasses import dataclass, field
from typing import Protocol


class SigningError(Exception):
    """Signing failed (wrong passphrase, service unavailable...); the message is for the user."""


Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Placement:
    """Where the visible signature goes: page index and box in PDF points (x1, y1, x2, y2).

    `certify`: a certification signature that allows only form filling and later signatures
    (DocMDP level 2). `empty_fields`: signature fields (name, box) to add, empty, before
    signing, for the signatures that follow (a certified document accepts no new fields).
    `fill`: text form fields to fill in, in the same revision as this signature."""

    field_name: str
    page: int
    box: Box
    stamp_text: str
    reason: str
    location: str = ""
    certify: bool = False
    empty_fields: tuple[tuple[str, Box], ...] = ()
    fill: tuple[tuple[str, str], ...] = field(default_factory=tuple)


class PdfSigner(Protocol):
    def sign(self, pdf: bytes, placement: Placement, *, nik: str = "", passphrase: str = "") -> bytes:
        """Return the PDF with one more PAdES signature (an incremental update)."""
        ...


def mm(value: float) -> float:
    return value * 72 / 25.4


A4_HEIGHT_MM = 297.0


def box_from_css(left: float, top: float, width: float, height: float) -> tuple[float, float, float, float]:
    """Convert a CSS box on an A4 page (mm, origin top-left) to PDF points (origin bottom-left)."""
    bottom = A4_HEIGHT_MM - top - height
    return (mm(left), mm(bottom), mm(left + width), mm(bottom + height))


# The fixed areas of the licence template (documents/licence.html).
HEAD_SIGNATURE_BOX = box_from_css(110, 222, 80, 30)
NUMBER_STAMP_BOX = box_from_css(20, 252, 80, 22)
