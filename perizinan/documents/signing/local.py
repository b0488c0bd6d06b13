"""PAdES signing with a local PKCS#12 key (pyHanko)."""

import io
from functools import lru_cache
from pathlib import Path

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.stamp import TextStampStyle

from .base import Placement, SigningError


@lru_cache(maxsize=8)
def _load(path: str, passphrase: bytes, mtime: float) -> signers.SimpleSigner:
    signer = signers.SimpleSigner.load_pkcs12(path, passphrase=passphrase)
    if signer is None:
        raise SigningError(f"Kunci penandatangan tidak dapat dibuka: {path}")
    return signer


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

    def sign(self, pdf: bytes, placement: Placement, *, nik: str = "", passphrase: str = "") -> bytes:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        fields.append_signature_field(
            writer,
            sig_field_spec=fields.SigFieldSpec(
                placement.field_name,
                on_page=placement.page,
                box=placement.box,  # type: ignore[arg-type]  # pyHanko accepts float points
            ),
        )
        meta = signers.PdfSignatureMetadata(
            field_name=placement.field_name,
            reason=placement.reason,
            location=placement.location,
            subfilter=fields.SigSeedSubFilter.PADES,
            md_algorithm="sha256",
        )
        style = TextStampStyle(
            stamp_text=placement.stamp_text,
            border_width=1,
            text_box_style=TextBoxStyle(font_size=7),
        )
        pdf_signer = signers.PdfSigner(meta, signer=self._signer(), stamp_style=style)
        out = pdf_signer.sign_pdf(writer, bytes_reserved=8192)
        return out.getvalue()
