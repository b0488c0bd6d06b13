"""Who may open which report page (roles from accounts.roles; never a username)."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from perizinan.accounts.models import User
from perizinan.accounts.permissions import has_role, is_officer
from perizinan.accounts.roles import REPORTING_ROLES

# The labels of the navigation links this app adds to web/base.html: declared here so that
# this app's catalogue carries their English (the shared catalogue is not edited).
NAV_LABELS = (_("Dasbor"), _("Arsip"))
NOT_A_REPORTER = _("Laporan hanya untuk kepala seksi, kepala bidang, kepala dinas dan pengawas.")


def is_reporter(user: User) -> bool:
    return has_role(user, REPORTING_ROLES)


def require_reporter(user: User) -> None:
    if not is_reporter(user):
        raise PermissionDenied


def require_officer(user: User) -> None:
    if not is_officer(user):
        raise PermissionDenied
