"""Reads of the information desk and the help desk."""

from django.core.exceptions import PermissionDenied
from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext as _

from perizinan.accounts.models import User
from perizinan.accounts.permissions import has_role
from perizinan.applications.models import Application
from perizinan.applications.selectors import visible_applications
from perizinan.errors import NotFound

from .models import Consultation
from .permissions import DESK_ROLES, HELPDESK_READ_ROLES

SEARCH_LIMIT = 50
HELPDESK_STANDARD = (10, 30)  # SOP step 5: day H, 10–30 minutes


def enquiry_search(user: User, q: str) -> list[Application]:
    """Every application (read-only) by registration number, company name, NIB or NPWP."""
    if not has_role(user, DESK_ROLES):
        raise PermissionDenied(_("Pencarian ini untuk petugas informasi, CS dan help desk."))
    q = q.strip()
    if len(q) < 3:
        return []
    digits = "".join(ch for ch in q if ch.isdigit())
    cond = Q(registration_number__icontains=q) | Q(company__name__icontains=q)
    if len(digits) >= 6:
        cond |= Q(company__nib__startswith=digits) | Q(company__npwp__startswith=digits)
    qs = visible_applications(user).filter(cond).select_related("company", "permit_type")
    return list(qs.order_by("-created_at")[:SEARCH_LIMIT])


def info_consultations(user: User) -> QuerySet[Consultation]:
    if not has_role(user, DESK_ROLES):
        raise PermissionDenied
    return Consultation.objects.filter(desk=Consultation.Desk.INFO).select_related(
        "officer", "permit_type", "ticket"
    )


def helpdesk_consultations(user: User, *, application_id: int | None = None) -> QuerySet[Consultation]:
    """Help-desk consultations, open requests first (CS who asked, help desk and supervisors see them)."""
    if not has_role(user, HELPDESK_READ_ROLES):
        raise PermissionDenied
    qs = Consultation.objects.filter(desk=Consultation.Desk.HELPDESK).select_related(
        "application", "application__company", "ticket", "requested_by", "officer"
    )
    if application_id is not None:
        qs = qs.filter(application_id=application_id)
    return qs.order_by(F("ended_at").desc(nulls_first=True), "-requested_at")


def helpdesk_consultation(user: User, pk: int) -> Consultation:
    c = helpdesk_consultations(user).filter(pk=pk).first()
    if c is None:
        raise NotFound
    return c


def against_standard(c: Consultation) -> str:
    """ "short", "within" or "over" the 10–30 minute standard ("" when not recorded)."""
    if c.duration_minutes is None:
        return ""
    low, high = HELPDESK_STANDARD
    return "short" if c.duration_minutes < low else "over" if c.duration_minutes > high else "within"
