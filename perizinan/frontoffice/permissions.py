"""Who may do what at the front office, by role (never by name)."""

from django.contrib.auth.models import AnonymousUser

from perizinan.accounts.models import User
from perizinan.accounts.permissions import has_role, user_roles
from perizinan.accounts.roles import SUPERVISING_ROLES, Role

from .models import ServiceCode

# The officers who call tickets of each queue (SOP steps 2, 4 and 16).
SERVICE_ROLES: dict[str, frozenset[Role]] = {
    ServiceCode.INFO: frozenset({Role.INFO}),
    ServiceCode.CS: frozenset({Role.CS, Role.HELPDESK}),
    ServiceCode.PICKUP: frozenset({Role.PICKUP}),
}
# Enquiries over all applications, the consultation log and e-mailing forms (steps 1–2, 4–5).
DESK_ROLES = frozenset({Role.INFO, Role.CS, Role.HELPDESK})
# Help-desk consultations: CS asks, the help desk answers; supervisors read.
HELPDESK_REQUEST_ROLES = frozenset({Role.CS})
HELPDESK_ROLES = frozenset({Role.HELPDESK})
HELPDESK_READ_ROLES = HELPDESK_REQUEST_ROLES | HELPDESK_ROLES | SUPERVISING_ROLES
STATS_ROLES = SUPERVISING_ROLES


def services_of(user: User | AnonymousUser) -> list[str]:
    """The queue services whose tickets `user` may call, in display order."""
    roles = user_roles(user)
    return [code for code, allowed in SERVICE_ROLES.items() if roles & allowed]


def can_serve(user: User | AnonymousUser, service_code: str) -> bool:
    return has_role(user, SERVICE_ROLES.get(service_code, frozenset()))


def is_desk_officer(user: User | AnonymousUser) -> bool:
    return has_role(user, DESK_ROLES)
