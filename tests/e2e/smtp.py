"""A real SMTP server on the loopback for tests: aiosmtpd collecting every message it receives.

from tests.e2e.smtp import smtp  # noqa: F401  (the fixture)

def test_x(smtp, settings):
    smtp.use(settings)              # MAILERS -> this server through Django's SMTP backend
    ...
    message = smtp.wait_for("someone@example.id")
    link = smtp.link(message, "/akun/verifikasi/")
"""

import email
import email.policy
import re
import socket
import threading
import time
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller


class _Collector:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        message = email.message_from_bytes(
            envelope.original_content or envelope.content, policy=email.policy.default
        )
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        with self.lock:
            self.messages.append(message)  # type: ignore[arg-type]
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SmtpServer:
    def __init__(self) -> None:
        self.handler = _Collector()
        self.port = _free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def start(self) -> "SmtpServer":
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()

    @property
    def messages(self) -> list[EmailMessage]:
        with self.handler.lock:
            return list(self.handler.messages)

    def use(self, settings) -> None:  # type: ignore[no-untyped-def]
        """Point Django's default mailer at this server (pytest-django's `settings` fixture)."""
        settings.MAILERS = {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {"host": "127.0.0.1", "port": self.port},
            }
        }

    def wait_for(self, to: str, *, timeout: float = 10.0, count: int = 1) -> EmailMessage:
        """The `count`-th message received for `to` (waits for it)."""
        deadline = time.monotonic() + timeout
        while True:
            found = [m for m in self.messages if to.lower() in str(m["X-Envelope-To"]).lower()]
            if len(found) >= count:
                return found[count - 1]
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"no message #{count} for {to}; received: {[m['To'] for m in self.messages]}"
                )
            time.sleep(0.05)

    @staticmethod
    def body(message: EmailMessage) -> str:
        part = message.get_body(preferencelist=("plain",))
        return part.get_content() if part is not None else ""

    def link(self, message: EmailMessage, contains: str) -> str:
        """The first http(s) link in the message's text that contains `contains`."""
        for url in re.findall(r"https?://\S+", self.body(message)):
            if contains in url:
                return url
        raise AssertionError(f"no link with {contains!r} in: {self.body(message)}")


@pytest.fixture(name="smtp")
def smtp_fixture():  # type: ignore[no-untyped-def]
    """The running server; import `smtp_fixture` into a test module and ask for `smtp`."""
    server = SmtpServer().start()
    yield server
    server.stop()
