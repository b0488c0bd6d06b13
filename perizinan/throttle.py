"""One throttle for every way in (docs/adr/0009-one-throttle.md).

Each *scope* (a login, a status lookup, a public post) counts hits on one or more *subjects*:
the account, the account and the address together, the address, the object looked up. Each
subject has its own limit in a fixed window; the first hit opens the window and `Retry-After` is
what is left of it. A login counts per account and per account+address, never per address
alone, so one office's NAT never locks out the other accounts behind it.

The counters live in the `default` cache, which is Django's DatabaseCache in every settings
(`createcachetable`), so every server process sees the same counts. A read-modify-write of a
counter is not atomic across processes: two simultaneous hits may count once. That lets an
attacker at most one extra try per concurrent request, which the limits allow for.

Limits can be changed per deployment with the setting `PERIZINAN_THROTTLES`
(`{"login": {"account_address": [5, 900]}}`, limit and window seconds).
"""

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

MINUTE = 60
HOUR = 60 * MINUTE

# scope -> subject -> (limit, window seconds)
DEFAULTS: dict[str, dict[str, tuple[int, int]]] = {
    # Failed sign-ins (web login and API token share it).
    "login": {"account_address": (5, 15 * MINUTE), "account": (30, 15 * MINUTE)},
    # Status lookups that match nothing (registration number + secret code of 32^8 values).
    "status": {"address": (30, 15 * MINUTE), "object": (10, 15 * MINUTE)},
    # Public PDF checks (each one parses and validates a PDF).
    "pdf_check": {"address": (60, HOUR)},
    # Mails asked for (password reset, verification again): per e-mail address and per address.
    "mail": {"account": (3, HOUR), "address": (30, HOUR)},
    # Sign-ups and password resets posted from one address.
    "signup": {"address": (20, HOUR)},
    "password_reset": {"address": (30, HOUR)},
    # Public posts. A kiosk tablet posts every survey from one address: 120 an hour is twice
    # what a busy counter reaches.
    "survey": {"address": (120, HOUR)},
    "complaint": {"address": (20, HOUR)},
    # Complaint tracking codes that match nothing (32^10 values).
    "complaint_tracking": {"address": (30, 15 * MINUTE)},
    # Queue tickets from the kiosk.
    "queue_ticket": {"address": (120, 10 * MINUTE)},
}


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int = 0


def address(request: HttpRequest) -> str:
    """The client's address as the server sees it (behind the documented proxy: the proxy sets it)."""
    return str(request.META.get("REMOTE_ADDR", ""))


def account_subjects(request: HttpRequest, username: str) -> dict[str, str]:
    """The subjects of a sign-in: the account, and the account from this address."""
    account = username.strip().lower()
    return {"account": account, "account_address": f"{account}|{address(request)}"}


def _rules(scope: str) -> dict[str, tuple[int, int]]:
    rules = dict(DEFAULTS[scope])
    for subject, (limit, window) in getattr(settings, "PERIZINAN_THROTTLES", {}).get(scope, {}).items():
        rules[subject] = (int(limit), int(window))
    return rules


def _key(scope: str, subject: str, value: str) -> str:
    digest = hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:40]
    return f"throttle:{scope}:{subject}:{digest}"


def _read(key: str, now: float) -> tuple[int, float]:
    stored = cache.get(key)
    if not stored or stored[1] <= now:
        return 0, now
    return int(stored[0]), float(stored[1])


def check(scope: str, **subjects: str) -> Verdict:
    """Whether another attempt is allowed now (counts nothing)."""
    now = time.time()
    wait = 0
    for subject, (limit, _window) in _rules(scope).items():
        if subject not in subjects:
            continue
        count, ends = _read(_key(scope, subject, subjects[subject]), now)
        if count >= limit:
            wait = max(wait, int(ends - now) + 1)
    return Verdict(wait == 0, wait)


def hit(scope: str, **subjects: str) -> Verdict:
    """Count one attempt on every subject; refused when any subject is now over its limit.

    A refused attempt is counted too, so hammering a closed door keeps it closed no longer
    than the window opened by the first attempt."""
    now = time.time()
    wait = 0
    for subject, (limit, window) in _rules(scope).items():
        if subject not in subjects:
            continue
        key = _key(scope, subject, subjects[subject])
        count, ends = _read(key, now)
        if count == 0:
            ends = now + window
        count += 1
        cache.set(key, (count, ends), max(1, int(ends - now) + 1))
        if count > limit:
            wait = max(wait, int(ends - now) + 1)
    return Verdict(wait == 0, wait)


def reset(scope: str, **subjects: str) -> None:
    """Forget the counts of these subjects (a successful sign-in clears its failures)."""
    cache.delete_many([_key(scope, s, v) for s, v in subjects.items()])


def refused_page(request: HttpRequest, verdict: Verdict) -> HttpResponse:
    """The friendly 429 page of the web (the API answers JSON: perizinan/api/limits.py)."""
    response = render(request, "web/throttled.html", {"minutes": minutes(verdict)}, status=429)
    response["Retry-After"] = str(verdict.retry_after)
    return response


def minutes(verdict: Verdict) -> int:
    """Retry-After in whole minutes, rounded up, for people."""
    return max(1, -(-verdict.retry_after // 60))
