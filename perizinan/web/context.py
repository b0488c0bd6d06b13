from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from perizinan.accounts.permissions import user_roles
from perizinan.accounts.roles import OFFICER_ROLES, REPORTING_ROLES, ROLE_LABELS, SUPERVISING_ROLES, Role
from perizinan.accounts.selectors import office_record
from perizinan.catalog.selectors import active_permit_codes
from perizinan.feedback.access import COMPLAINT_ROLES
from perizinan.workdays.calendar import service_hour_lines

# The front office (perizinan.frontoffice): queue counters, information desk, help desk.
FRONT_OFFICE_ROLES = frozenset({Role.INFO, Role.CS, Role.HELPDESK, Role.PICKUP}) | SUPERVISING_ROLES


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    roles = user_roles(user) if user is not None else frozenset()
    return {
        # The office (name, address, hours) on every page, and the permits it issues: read
        # only when a template shows them (a fragment swapped in by htmx does not).
        "site_office": SimpleLazyObject(office_record),
        "site_service_hours": SimpleLazyObject(lambda: service_hour_lines(office_record())),
        "nav_permit_codes": SimpleLazyObject(active_permit_codes),
        "nav_roles": [ROLE_LABELS[r] for r in roles],
        "nav_is_applicant": Role.APPLICANT in roles,
        "nav_is_officer": bool(roles & OFFICER_ROLES),
        "nav_is_supervisor": bool(roles & SUPERVISING_ROLES),
        "nav_is_reporter": bool(roles & REPORTING_ROLES),
        "nav_can_walk_in": Role.CS in roles,
        "nav_handles_complaints": bool(roles & COMPLAINT_ROLES),
        "nav_front_office": bool(roles & FRONT_OFFICE_ROLES),
    }
