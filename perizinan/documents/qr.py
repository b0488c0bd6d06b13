"""The QR code printed on every licence: the public verification link."""

import segno
from django.conf import settings


def verification_url(code: str) -> str:
    return f"{settings.PERIZINAN_PUBLIC_URL}/verifikasi/{code}"


def qr_svg(data: str, *, size_mm: float = 25) -> str:
    """Inline SVG markup of a QR code (error correction M), `size_mm` wide."""
    qr = segno.make(data, error="m", micro=False)
    svg = qr.svg_inline(scale=1, border=2, dark="#000", light="#fff", omitsize=True)
    return svg.replace("<svg ", f'<svg width="{size_mm}mm" height="{size_mm}mm" ', 1)
