"""SMS/WhatsApp gateways: pluggable by dotted path in PERIZINAN_MESSAGE_GATEWAY.

`HttpGateway` speaks a small JSON API: POST {url}/messages with `Authorization: Bearer <token>`
and `Idempotency-Key`, body {"channel": "sms" | "whatsapp", "to": "+62…", "text": "…"};
2xx {"id": "…"} is accepted; 4xx other than 408/429 is a permanent refusal; anything else is
retried. An office plugs a provider in by writing a class with the same `send` method.
"""

import json
import os
import urllib.error
import urllib.request
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

TIMEOUT_SECONDS = 10


class GatewayError(Exception):
    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


class MessageGateway(Protocol):
    def send(self, *, channel: str, to: str, text: str, idempotency_key: str) -> str:
        """Send one message; returns the provider's id. Raises GatewayError."""
        ...


def _setting(name: str, default: str = "") -> str:
    return str(getattr(settings, name, None) or os.environ.get(name, default))


class HttpGateway:
    def __init__(self, url: str | None = None, token: str | None = None) -> None:
        self.url = (url if url is not None else _setting("PERIZINAN_MESSAGE_GATEWAY_URL")).rstrip("/")
        self.token = token if token is not None else _setting("PERIZINAN_MESSAGE_GATEWAY_TOKEN")

    def send(self, *, channel: str, to: str, text: str, idempotency_key: str) -> str:
        if not self.url:
            raise GatewayError("PERIZINAN_MESSAGE_GATEWAY_URL is not set", permanent=True)
        request = urllib.request.Request(
            f"{self.url}/messages",
            data=json.dumps({"channel": channel, "to": to, "text": text}).encode(),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {self.token}",
                "Idempotency-Key": idempotency_key,
            },
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
                body = json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as exc:
            permanent = 400 <= exc.code < 500 and exc.code not in (408, 429)
            raise GatewayError(f"gateway answered {exc.code}", permanent=permanent) from None
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
            raise GatewayError(f"gateway unreachable: {exc}") from None
        return str(body.get("id", ""))


def get_gateway() -> MessageGateway:
    path = _setting("PERIZINAN_MESSAGE_GATEWAY", "perizinan.notifications.gateway.HttpGateway")
    return import_string(path)()
