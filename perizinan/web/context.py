from typing import Any

from django.http import HttpRequest
from django.utils.dates import WEEKDAYS
from django.utils.functional import SimpleLazyObject

from perizinan.accounts.models import DEFAULT_SERVICE_HOURS, Office
from perizinan.accounts.permissions import user_roles
from perizinan.accounts.roles import OFFICER_ROLES, REPORTING_ROLES, ROLE_LABELS, SUPERVISING_ROLES, Role
from perizinan.accounts.selectors import office_record
from perizinan.catalog.selectors import active_permit_codes
from perizinan.feedback.access import COMPLAINT_ROLES
from perizinan.workdays.calendar import group_service_hours

# The front office (perizinan.frontoffice): queue counters, information desk, help desk.
FRONT_OFFICE_ROLES = frozenset({Role.INFO, Role.CS, Role.HELPDESK, Role.PICKUP}) | SUPERVISING_ROLES


def service_hours(office: Office) -> list[str]:
    """The office's service hours, consecutive days with equal hours grouped: `Senin–Kamis 08.00–19.00 WITA`."""
    hours: dict[str, list[str]] = office.service_hours or DEFAULT_SERVICE_HOURS
    lines = []
    for first, last, opens, closes in group_service_hours(hours):
        days = str(WEEKDAYS[first]) if first == last else f"{WEEKDAYS[first]}–{WEEKDAYS[last]}"
        lines.append(f"{days} {opens}–{closes} WITA")
    return lines


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    roles = user_roles(user) if user is not None else frozenset()
    return {
        # The office (name, address, hours) on every page, and the permits it issues: read
        # only when a template shows them (a fragment swapped in by htmx does not).
        "site_office": SimpleLazyObject(office_record),
        "site_service_hours": SimpleLazyObject(lambda: service_hours(office_record())),
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
