"""Reference data that changes rarely (the office record, the requirement catalogue, the
working-day calendar, a user's roles), kept in Django's cache so that the commit path of a
step does not read it again for every request.

Every entry is dropped the moment its source rows change in this process, and again when that
change commits (the apps connect `post_save`/`post_delete`/`m2m_changed` to `invalidate`), and
lives at most `PERIZINAN_REFCACHE_SECONDS` (default 60 s) so that other processes catch up.
With the default per-process cache another server process may use a removed role or an old
calendar for up to that long; configure a shared backend for `CACHES["refcache"]` (Redis, memcached) to make
every drop immediate everywhere.
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import transaction

PREFIX = "perizinan:ref:"
ALIAS = "refcache"


def _ttl() -> int:
    return int(getattr(settings, "PERIZINAN_REFCACHE_SECONDS", 60))


def cached[T](key: str, load: Callable[[], T]) -> T:
    """The value under `key`, loaded with `load()` when missing."""
    full = PREFIX + key
    value = caches[ALIAS].get(full)
    if value is None:
        value = load()
        caches[ALIAS].set(full, value, _ttl())
    return value


def invalidate(*keys: str) -> None:
    """Drop `keys` now, and again once the transaction that changed their rows commits (a
    reader in between could have loaded the old committed values again)."""
    full = [PREFIX + k for k in keys]
    caches[ALIAS].delete_many(full)
    transaction.on_commit(lambda: caches[ALIAS].delete_many(full))


def invalidator(*keys: str) -> Callable[..., None]:
    """A signal receiver that drops `keys` (use with weak=False)."""

    def receiver(*args: Any, **kwargs: Any) -> None:
        invalidate(*keys)

    return receiver
