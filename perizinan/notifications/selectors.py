"""Reads of notifications: the delivery log of an application, as its page shows it."""

from django.db.models import QuerySet

from perizinan.accounts.models import User
from perizinan.accounts.permissions import is_officer
from perizinan.applications.models import Application

from .models import Notification


def for_application(user: User, app: Application) -> QuerySet[Notification]:
    """Officers see every message about the application; an applicant only those sent to them.
    The caller has already checked that `user` may see `app`."""
    qs = Notification.objects.filter(application=app).order_by("-created_at", "-pk")
    return qs if is_officer(user) else qs.filter(recipient=user)
