"""Client for the national e-signature service (BSrE Esign API v2).

POST {base}/api/v2/sign/pdf           {"nik", "passphrase", "signatureProperties": [...], "file": [base64]}
                                      -> 200 {"file": [base64], "time": ...} | 4xx/5xx {"error", "status_code"}
POST {base}/api/v2/verify/pdf         {"file": base64} -> {"conclusion", "description", "signatureInformations": [...]}
POST {base}/api/v2/user/check/status  {"nik"} -> {"status": "ISSUE" | ..., "message"}
HTTP Basic authentication with the client application's credentials.
"""

import base64
import io
import json
import urllib.error
import urllib.request
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from .base import Placement, SigningError
from .local import with_empty_signature_fields


def stamp_image(text: str, size: tuple[int, int] = (600, 220)) -> bytes:
    """A PNG of the signature text for the visible signature (BSrE draws an image)."""
    img = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(img)
    font: ImageFont.FreeTypeFont | ImageFont.ImageFont
    try:
        font = ImageFont.truetype("DejaVuSans.ttf", 22)
    except OSError:
        font = ImageFont.load_default()
    draw.rectangle([1, 1, size[0] - 2, size[1] - 2], outline="black", width=2)
    draw.multiline_text((14, 14), text, fill="black", font=font, spacing=6)
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


class BsreClient:
    def __init__(self, base_url: str, username: str, password: str, *, timeout: float = 30) -> None:
        self.base_url = base_url.rstrip("/")
        token = base64.b64encode(f"{username}:{password}".encode()).decode()
        self.headers = {
            "Authorization": f"Basic {token}",
            "Content-Type": "application/json",
            "Accept": "application/json",
        }
        self.timeout = timeout

    def _post(self, path: str, payload: dict[str, Any]) -> dict[str, Any]:
        request = urllib.request.Request(
            self.base_url + path, data=json.dumps(payload).encode(), headers=self.headers, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as exc:
            try:
                body = json.loads(exc.read() or b"{}")
            except ValueError:
                body = {}
            message = body.get("error") or body.get("message") or f"HTTP {exc.code}"
            raise SigningError(f"Layanan tanda tangan elektronik menolak: {message}") from None
        except (urllib.error.URLError, TimeoutError, ValueError) as exc:
            raise SigningError(f"Layanan tanda tangan elektronik tidak dapat dihubungi: {exc}") from None

    def check_status(self, nik: str) -> dict[str, Any]:
        return self._post("/api/v2/user/check/status", {"nik": nik})

    def verify(self, pdf: bytes) -> dict[str, Any]:
        return self._post("/api/v2/verify/pdf", {"file": base64.b64encode(pdf).decode()})

    def sign_pdf(self, pdf: bytes, placement: Placement, *, nik: str, passphrase: str) -> bytes:
        x1, y1, x2, y2 = placement.box
        payload = {
            "nik": nik,
            "passphrase": passphrase,
            "signatureProperties": [
                {
                    "tampilan": "VISIBLE",
                    "imageBase64": base64.b64encode(stamp_image(placement.stamp_text)).decode(),
                    "page": placement.page + 1,
                    "originX": round(x1, 2),
                    "originY": round(y1, 2),
                    "width": round(x2 - x1, 2),
                    "height": round(y2 - y1, 2),
                    "location": placement.location,
                    "reason": placement.reason,
                }
            ],
            "file": [base64.b64encode(pdf).decode()],
        }
        body = self._post("/api/v2/sign/pdf", payload)
        files = body.get("file") or []
        if not files:
            raise SigningError("Layanan tanda tangan elektronik tidak mengembalikan berkas.")
        return base64.b64decode(files[0])


class BsreSigner:
    """The PdfSigner for the head of the office through BSrE (NIK + passphrase per signature)."""

    def __init__(self, client: BsreClient) -> None:
        self.client = client

    def sign(self, pdf: bytes, placement: Placement, *, nik: str = "", passphrase: str = "") -> bytes:
        if not nik:
            raise SigningError("NIK penandatangan belum diisi pada akun Kepala Dinas.")
        if not passphrase:
            raise SigningError("Passphrase tanda tangan elektronik wajib diisi.")
        status = self.client.check_status(nik)
        if status.get("status") != "ISSUE":
            raise SigningError(
                f"Sertifikat elektronik penandatangan tidak aktif: {status.get('message', '')}"
            )
        # BSrE's API makes approval signatures only (no DocMDP certification): the fields for
        # the signatures that follow are added before; form filling stays permitted after it.
        pdf = with_empty_signature_fields(pdf, placement)
        return self.client.sign_pdf(pdf, placement, nik=nik, passphrase=passphrase)
