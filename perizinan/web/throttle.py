"""Login throttling: at most MAX_FAILURES failed logins per username and per address in WINDOW seconds."""

from django.core.cache import cache
from django.http import HttpRequest

MAX_FAILURES = 5
WINDOW = 15 * 60


def _keys(request: HttpRequest, username: str) -> list[str]:
    address = request.META.get("REMOTE_ADDR", "")
    return [f"login-fail:user:{username.lower()}", f"login-fail:ip:{address}"]


def blocked(request: HttpRequest, username: str) -> bool:
    return any((cache.get(k) or 0) >= MAX_FAILURES for k in _keys(request, username))


def record_failure(request: HttpRequest, username: str) -> None:
    for key in _keys(request, username):
        if cache.add(key, 1, WINDOW) is False:
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, WINDOW)


def reset(request: HttpRequest, username: str) -> None:
    cache.delete_many(_keys(request, username))
