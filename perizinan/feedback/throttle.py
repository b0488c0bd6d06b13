"""Limits on the public posts of this app (surveys, complaints), per address and hour.

A kiosk tablet at the counter posts every survey from one address: SURVEYS_PER_HOUR lets
it take a respondent every 30 seconds for an hour (120, twice the 60 an hour a busy
counter reaches) and stops a script filling the survey with answers. Fixed windows in the
cache: the first post of an address opens the window, Retry-After is what is left of it.
"""

import time
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpRequest

WINDOW = 60 * 60
SURVEYS_PER_HOUR = 120
COMPLAINTS_PER_HOUR = 20
LIMITS = {"survey": SURVEYS_PER_HOUR, "complaint": COMPLAINTS_PER_HOUR}


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int = 0


def hit(request: HttpRequest, scope: str) -> Verdict:
    """Count one post of `scope` from the request's address; refused above the limit."""
    address = request.META.get("REMOTE_ADDR", "")
    key = f"feedback-posts:{scope}:{address}"
    now = int(time.time())
    opened = cache.get_or_set(f"{key}:opened", now, WINDOW) or now
    if cache.add(key, 1, WINDOW):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:
            cache.set(key, 1, WINDOW)
            count = 1
    if count > LIMITS[scope]:
        return Verdict(False, max(1, WINDOW - (now - int(opened))))
    return Verdict(True)


# Tracking codes that match nothing: at most TRACKING_MISSES per address in MISS_WINDOW
# seconds (a code has 32^10 values; this keeps guessing hopeless and never hinders a
# complainant, whose code matches).
TRACKING_MISSES = 30
MISS_WINDOW = 15 * 60


def _miss_key(request: HttpRequest) -> str:
    return f"feedback-tracking-miss:{request.META.get('REMOTE_ADDR', '')}"


def tracking_blocked(request: HttpRequest) -> bool:
    return (cache.get(_miss_key(request)) or 0) >= TRACKING_MISSES


def record_tracking_miss(request: HttpRequest) -> None:
    key = _miss_key(request)
    if not cache.add(key, 1, MISS_WINDOW):
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, MISS_WINDOW)
