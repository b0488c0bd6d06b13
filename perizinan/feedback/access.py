"""Who may do what in the feedback app, by role (never by name).

- The IKM report and complaint statistics: the heads of section, division and office, the
  supervisor (and the site admin) - the supervising roles.
- Complaints are received and registered by the front office (information desk, customer
  service, help desk) and the supervising roles; the supervising roles assign them to an
  officer, reopen them; the assigned officer (or a supervising role) answers and closes.
"""

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _

from perizinan.accounts.models import User
from perizinan.accounts.permissions import has_role
from perizinan.accounts.roles import SUPERVISING_ROLES, Role

from .models import Complaint

FRONT_OFFICE = frozenset({Role.INFO, Role.CS, Role.HELPDESK})
COMPLAINT_ROLES = FRONT_OFFICE | SUPERVISING_ROLES
IKM_ONLY_FOR_SUPERVISORS = _("Laporan IKM hanya untuk pimpinan dan pengawas.")


def can_view_ikm(user: User | AnonymousUser) -> bool:
    return has_role(user, SUPERVISING_ROLES)


def can_handle(user: User | AnonymousUser) -> bool:
    """Sees the complaints list and may be given complaints to answer."""
    return user.is_active and has_role(user, COMPLAINT_ROLES)


def can_register(user: User | AnonymousUser) -> bool:
    return has_role(user, COMPLAINT_ROLES)


def can_assign(user: User | AnonymousUser) -> bool:
    return has_role(user, SUPERVISING_ROLES)


def can_answer(user: User | AnonymousUser, complaint: Complaint) -> bool:
    return can_assign(user) or (can_handle(user) and complaint.assigned_to_id == user.pk)
