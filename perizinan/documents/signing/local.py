"""PAdES signing with a local PKCS#12 key (pyHanko)."""

import contextlib
import io
from functools import lru_cache
from pathlib import Path

from pyhanko.pdf_utils.font.basic import SimpleFontEngineFactory
from pyhanko.pdf_utils.form_tools import populate_static_text_field
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import FormFillingError
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.stamp import TextStampStyle

from .base import Placement, SigningError
from .loop import outside_any_loop

# The licence's serif, as a standard PDF font (text stays plain in the field's appearance).
FIELD_STYLE = TextBoxStyle(font=SimpleFontEngineFactory("Times-Bold", 0.5), font_size=9)


@lru_cache(maxsize=8)
def _load(path: str, passphrase: bytes, mtime: float) -> signers.SimpleSigner:
    signer = signers.SimpleSigner.load_pkcs12(path, passphrase=passphrase)
    if signer is None:
        raise SigningError(f"Kunci penandatangan tidak dapat dibuka: {path}")
    return signer


def with_empty_signature_fields(pdf: bytes, placement: Placement) -> bytes:
    """The PDF with `placement.empty_fields` added (an incremental update, unsigned): for a
    signer that cannot add them itself (BSrE)."""
    if not placement.empty_fields:
        return pdf
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    for name, box in placement.empty_fields:
        spec = fields.SigFieldSpec(name, on_page=placement.page, box=box)  # type: ignore[arg-type]  # pyHanko accepts float points
        fields.append_signature_field(writer, sig_field_spec=spec)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


class LocalSigner:
    def __init__(self, p12_path: Path, passphrase: bytes) -> None:
        self.p12_path = p12_path
        self.passphrase = passphrase

    def _signer(self) -> signers.SimpleSigner:
        if not self.p12_path.exists():
            raise SigningError(
                f"Sertifikat penandatangan tidak ada ({self.p12_path}); jalankan manage.py create_signing_certificate."
            )
        return _load(str(self.p12_path), self.passphrase, self.p12_path.stat().st_mtime)

    def key(self) -> signers.SimpleSigner:
        """The key and certificate themselves (a detached signature over non-PDF data)."""
        return self._signer()

    def sign(self, pdf: bytes, placement: Placement, *, nik: str = "", passphrase: str = "") -> bytes:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        for name, value in placement.fill:
            # A licence signed before it had form fields: the seal's stamp carries the text.
            with contextlib.suppress(FormFillingError):
                populate_static_text_field(writer, name, FIELD_STYLE, value)
        existing = {name for name, _value, _ref in fields.enumerate_sig_fields(writer)}
        for name, box in ((placement.field_name, placement.box), *placement.empty_fields):
            if name not in existing:
                spec = fields.SigFieldSpec(name, on_page=placement.page, box=box)  # type: ignore[arg-type]  # pyHanko accepts float points
                fields.append_signature_field(writer, sig_field_spec=spec)
        meta = signers.PdfSignatureMetadata(
            field_name=placement.field_name,
            reason=placement.reason,
            location=placement.location or None,
            subfilter=fields.SigSeedSubFilter.PADES,
            md_algorithm="sha256",
            certify=placement.certify,
            docmdp_permissions=fields.MDPPerm.FILL_FORMS,
        )
        style = TextStampStyle(
            stamp_text=placement.stamp_text,
            border_width=1,
            text_box_style=TextBoxStyle(font_size=7),
        )
        pdf_signer = signers.PdfSigner(meta, signer=self._signer(), stamp_style=style)
        out = outside_any_loop(pdf_signer.sign_pdf, writer, bytes_reserved=8192)
        return out.getvalue()
