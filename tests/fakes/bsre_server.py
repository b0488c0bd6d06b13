"""A fake of the national e-signature service (BSrE Esign API v2) on loopback.

It speaks the same JSON over HTTP: Basic authentication, /api/v2/user/check/status,
/api/v2/sign/pdf (signs with its own demo CA through pyHanko, placing the visible signature
as asked) and /api/v2/verify/pdf. Users are NIK -> (passphrase, status).
"""

import base64
import io
import json
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from pyhanko.pdf_utils.reader import PdfFileReader

from perizinan.documents.signing.base import Placement
from perizinan.documents.signing.local import LocalSigner
from perizinan.documents.signing.pki import create_demo_pki


class FakeBsre:
    def __init__(self, directory: Path, *, username: str = "app", password: str = "secret") -> None:
        self.pki = create_demo_pki(directory, passphrase=b"fake-bsre")
        self.signer = LocalSigner(self.pki.head_p12, b"fake-bsre")
        self.auth = "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()
        self.users: dict[str, tuple[str, str]] = {}
        self.requests: list[tuple[str, dict[str, Any]]] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "FakeBsre":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def reply(self, status: int, body: dict[str, Any]) -> None:
                raw = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def do_POST(self) -> None:
                if self.headers.get("Authorization") != fake.auth:
                    return self.reply(HTTPStatus.UNAUTHORIZED, {"error": "Unauthorized", "status_code": 401})
                try:
                    payload = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))))
                except ValueError:
                    return self.reply(HTTPStatus.BAD_REQUEST, {"error": "Invalid JSON", "status_code": 400})
                fake.requests.append((self.path, {k: v for k, v in payload.items() if k != "file"}))
                if self.path == "/api/v2/user/check/status":
                    user = fake.users.get(payload.get("nik", ""))
                    if user is None:
                        return self.reply(
                            HTTPStatus.OK, {"status": "NOT_REGISTERED", "message": "NIK tidak terdaftar"}
                        )
                    return self.reply(HTTPStatus.OK, {"status": user[1], "message": "OK"})
                if self.path == "/api/v2/sign/pdf":
                    return self.sign(payload)
                if self.path == "/api/v2/verify/pdf":
                    return self.verify(payload)
                return self.reply(HTTPStatus.NOT_FOUND, {"error": "Not found", "status_code": 404})

            def sign(self, payload: dict[str, Any]) -> None:
                user = fake.users.get(payload.get("nik", ""))
                if user is None or user[0] != payload.get("passphrase"):
                    return self.reply(
                        HTTPStatus.BAD_REQUEST, {"error": "Passphrase anda salah", "status_code": 2031}
                    )
                props = (payload.get("signatureProperties") or [{}])[0]
                out = []
                for item in payload.get("file") or []:
                    pdf = base64.b64decode(item)
                    x, y = float(props.get("originX", 0)), float(props.get("originY", 0))
                    w, h = float(props.get("width", 0)), float(props.get("height", 0))
                    placement = Placement(
                        field_name="BSrE",
                        page=int(props.get("page", 1)) - 1,
                        box=(x, y, x + w, y + h),
                        stamp_text="Ditandatangani secara elektronik\nBalai Sertifikasi Elektronik (FAKE)",
                        reason=str(props.get("reason", "")),
                        location=str(props.get("location", "")),
                    )
                    out.append(base64.b64encode(fake.signer.sign(pdf, placement)).decode())
                return self.reply(HTTPStatus.OK, {"file": out, "time": 42})

            def verify(self, payload: dict[str, Any]) -> None:
                reader = PdfFileReader(io.BytesIO(base64.b64decode(payload.get("file", ""))), strict=False)
                infos = [
                    {"signerName": s.field_name, "fieldName": s.field_name}
                    for s in reader.embedded_signatures
                ]
                conclusion = "VALID" if infos else "NO_SIGNATURE"
                return self.reply(HTTPStatus.OK, {"conclusion": conclusion, "signatureInformations": infos,
                                                  "jumlahSignature": len(infos)})  # fmt: skip

        return Handler
