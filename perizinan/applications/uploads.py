"""Uploads are accepted by content, never by name: a PDF that parses, a JPEG/PNG that decodes."""

import hashlib
import io
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image
from pypdf import PdfReader

# Decoding beyond this raises in Pillow itself (a second guard behind the header check below).
Image.MAX_IMAGE_PIXELS = settings.PERIZINAN_IMAGE_MAX_PIXELS


@dataclass(frozen=True)
class CheckedFile:
    content: bytes
    sha256: str
    size: int
    content_type: str
    name: str


def _sniff(head: bytes) -> str | None:
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    return None


def _pixels(content: bytes) -> int | None:
    """The pixel count from the image's header (Image.open reads no pixel data); None if unreadable."""
    try:
        with Image.open(io.BytesIO(content)) as img:
            width, height = img.size
    except Image.DecompressionBombError:  # over twice Image.MAX_IMAGE_PIXELS: refused on opening
        return Image.MAX_IMAGE_PIXELS * 2 + 1 if Image.MAX_IMAGE_PIXELS else None
    except Exception:
        return None
    return width * height


def _parses(content: bytes, content_type: str) -> bool:
    try:
        if content_type == "application/pdf":
            reader = PdfReader(io.BytesIO(content), strict=False)
            return len(reader.pages) > 0
        with Image.open(io.BytesIO(content)) as img:
            img.verify()
        with Image.open(io.BytesIO(content)) as img:
            img.load()
        return True
    except Exception:
        return False


def check_upload(upload: UploadedFile, field: str = "file") -> CheckedFile:
    """Read and check an upload; raise ValidationError naming `field` when refused."""
    limit = settings.PERIZINAN_UPLOAD_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            {field: _("Berkas terlalu besar (maksimal %(size)s).") % {"size": filesizeformat(limit)}}
        )
    content = upload.read(limit + 1)
    if len(content) > limit:
        raise ValidationError(
            {field: _("Berkas terlalu besar (maksimal %(size)s).") % {"size": filesizeformat(limit)}}
        )
    if not content:
        raise ValidationError({field: _("Berkas kosong.")})
    content_type = _sniff(content[:16])
    if content_type is None:
        raise ValidationError({field: _("Jenis berkas tidak diterima: hanya PDF, JPEG atau PNG.")})
    if content_type != "application/pdf":
        pixels = _pixels(content)
        cap = settings.PERIZINAN_IMAGE_MAX_PIXELS
        if pixels is not None and pixels > cap:
            raise ValidationError(
                {
                    field: _("Gambar terlalu besar: lebih dari %(max)s megapiksel.")
                    % {"max": round(cap / 1_000_000)}
                }
            )
    if not _parses(content, content_type):
        raise ValidationError(
            {field: _("Berkas rusak atau tidak dapat dibaca sebagai %(type)s.") % {"type": content_type}}
        )
    return CheckedFile(
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        content_type=content_type,
        name=(upload.name or "berkas")[:255],
    )
