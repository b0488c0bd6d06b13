"""A fake SMS/WhatsApp gateway on loopback speaking the JSON API of perizinan.notifications.gateway.HttpGateway.

POST /messages with `Authorization: Bearer <token>` and `Idempotency-Key`; 201 {"id": ...}.
A repeated Idempotency-Key returns the first id without a second message. `fail_next(n, status)`
makes the next n requests answer `status` (e.g. 503) to exercise retries.
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class FakeMessageGateway:
    def __init__(self, *, token: str = "gateway-token") -> None:
        self.token = token
        self.messages: list[dict[str, Any]] = []
        self.by_key: dict[str, str] = {}
        self.failures: list[int] = []
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "FakeMessageGateway":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def fail_next(self, count: int, status: int = 503) -> None:
        with self.lock:
            self.failures += [status] * count

    def use(self, settings) -> None:  # type: ignore[no-untyped-def]
        settings.PERIZINAN_MESSAGE_GATEWAY = "perizinan.notifications.gateway.HttpGateway"
        settings.PERIZINAN_MESSAGE_GATEWAY_URL = self.url
        settings.PERIZINAN_MESSAGE_GATEWAY_TOKEN = self.token

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
                if self.path != "/messages":
                    return self.reply(404, {"error": "not found"})
                if self.headers.get("Authorization") != f"Bearer {fake.token}":
                    return self.reply(401, {"error": "unauthorized"})
                with fake.lock:
                    if fake.failures:
                        return self.reply(fake.failures.pop(0), {"error": "unavailable"})
                try:
                    payload = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))))
                except ValueError:
                    return self.reply(400, {"error": "bad json"})
                if payload.get("channel") not in ("sms", "whatsapp") or not str(
                    payload.get("to", "")
                ).startswith("+"):
                    return self.reply(422, {"error": "bad message"})
                key = self.headers.get("Idempotency-Key", "")
                with fake.lock:
                    if key and key in fake.by_key:
                        return self.reply(200, {"id": fake.by_key[key]})
                    message_id = f"msg-{len(fake.messages) + 1}"
                    fake.messages.append({**payload, "id": message_id, "key": key})
                    if key:
                        fake.by_key[key] = message_id
                return self.reply(201, {"id": message_id})

        return Handler
