"""Who may open which report page (roles from accounts.roles; never a username)."""

from django.core.exceptions import PermissionDenied

from perizinan.accounts.models import User
from perizinan.accounts.permissions import has_role, is_officer
from perizinan.accounts.roles import REPORTING_ROLES


def is_reporter(user: User) -> bool:
    return has_role(user, REPORTING_ROLES)


def require_reporter(user: User) -> None:
    if not is_reporter(user):
        raise PermissionDenied


def require_officer(user: User) -> None:
    if not is_officer(user):
        raise PermissionDenied
