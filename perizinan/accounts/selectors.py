"""Reads of the accounts app that other apps share."""

from perizinan.refcache import cached

from .models import Office


def office_record() -> Office:
    """The office record, read only (an unsaved one with the defaults if none exists yet),
    cached like the other reference data (perizinan/refcache.py; dropped when it is saved)."""
    return cached("office:record", lambda: Office.objects.order_by("pk").first() or Office())
