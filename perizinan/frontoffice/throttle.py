"""A fixed-window limit on public ticket requests per address (a kiosk issues many, a script more)."""

from django.core.cache import cache
from django.http import HttpRequest

TICKETS_PER_WINDOW = 120
WINDOW_SECONDS = 10 * 60


def ticket_retry_after(request: HttpRequest) -> int | None:
    """Count this request; seconds to wait when the address is over the limit, else None."""
    key = f"queue-ticket:ip:{request.META.get('REMOTE_ADDR', '')}"
    if cache.add(key, 1, WINDOW_SECONDS):
        return None
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, WINDOW_SECONDS)
        return None
    return WINDOW_SECONDS if count > TICKETS_PER_WINDOW else None
