"""Reads with permission checks: which applications a user may see."""

import hmac
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from perizinan import throttle
from perizinan.accounts.models import User
from perizinan.accounts.permissions import user_roles
from perizinan.accounts.roles import OFFICE_ROLES, Role
from perizinan.catalog.profile import Profile
from perizinan.catalog.selectors import requirements_for
from perizinan.errors import NotFound
from perizinan.workflow.states import State

from . import keyset
from .models import Application, ChecklistItem, Company, Document

# What a list row shows (the API's ApplicationSummary), read as values(): no model instances.
SUMMARY_COLUMNS = (
    "id",
    "permit_type__code",
    "kind",
    "state",
    "company__legal_form",
    "company__name",
    "registration_number",
    "licence__number",
    "clock_started_on",
    "due_date",
    "step_due_date",
    "paused_since",
    "last_reason",
    "created_at",
    "state_since",
)
# Newest first, served by the index `application_newest` (and `application_state_newest`).
NEWEST = (
    keyset.Key("created_at", keyset.parse_datetime, descending=True),
    keyset.Key("id", keyset.parse_int, descending=True),
)
COUNT_CAP = 10_000  # counts stop here: a count never reads more than this many index entries


def visibility_filter(user: User) -> Q | None:
    """The filter for what `user` may see; None means everything."""
    roles = user_roles(user)
    if roles & OFFICE_ROLES:
        return None
    q = Q(pk__in=[])
    if Role.TECHNICAL_TEAM in roles and user.agency_id:
        q |= Q(referred_agency_id=user.agency_id)
    if Role.APPLICANT in roles:
        # Company ids first (a handful), not a join or a subquery: no duplicate rows to remove,
        # and PostgreSQL then combines the two indexes (company_id, created_by_id) instead of
        # walking the whole newest-first index with a filter of unknown selectivity.
        companies = list(
            Company.members.through.objects.filter(user_id=user.pk).values_list("company_id", flat=True)
        )
        q |= Q(created_by=user) | Q(company_id__in=companies) if companies else Q(created_by=user)
    return q


def visible_applications(user: User) -> QuerySet[Application]:
    qs = Application.objects.all()
    q = visibility_filter(user)
    return qs if q is None else qs.filter(q)


def _visible_in_state(user: User, state: str | None) -> QuerySet[Application]:
    qs = visible_applications(user)
    return qs.filter(state=state) if state else qs


def application_rows(
    user: User, *, state: str | None = None, limit: int, offset: int = 0, after: str | None = None
) -> keyset.Page:
    """One page of the applications `user` may see, newest first, as rows of SUMMARY_COLUMNS.

    The page is cut on the applications table alone, then only its rows are joined to permit
    type, company and licence. An applicant's applications are found through two indexes
    (creator, company) and sorted; joined before the cut, PostgreSQL hashed the whole company
    table for them (bench/RESULTS.md, run 5: the applicant's list at 1,000,000)."""
    query = list_page_query(user, state=state, limit=limit, offset=offset, after=after)
    return keyset.page(query, NEWEST, limit=limit)


def list_page_query(
    user: User, *, state: str | None = None, limit: int, offset: int = 0, after: str | None = None
) -> QuerySet:
    """The rows of one page (one more than `limit`): the ids cut on the applications table,
    then SUMMARY_COLUMNS of those rows only."""
    ids = keyset.page_query(
        _visible_in_state(user, state).values("id"), NEWEST, limit=limit, offset=offset, after=after
    )
    return Application.objects.filter(id__in=ids).values(*SUMMARY_COLUMNS)


def count_visible(user: User, *, state: str | None = None, cap: int = COUNT_CAP) -> int | None:
    """How many applications `user` may see (in `state`); None when more than `cap`."""
    n = _visible_in_state(user, state).order_by()[: cap + 1].count()
    return None if n > cap else n


def get_application_for_user(user: User, pk: int) -> Application:
    """Load an application the user may see; anything else is NotFound (a 404)."""
    qs = visible_applications(user).select_related("permit_type", "company", "referred_agency")
    app = qs.filter(pk=pk).first()
    if app is None:
        raise NotFound
    return app


def application_detail_for_user(user: User, pk: int) -> Application:
    """`get_application_for_user` with everything the detail shows of its own row and its
    one-to-one neighbours (permit type, company, licence) read in the same statement."""
    app = visible_applications(user).select_related("permit_type", "company", "licence").filter(pk=pk).first()
    if app is None:
        raise NotFound
    return app


def can_see(user: User, app: Application) -> bool:
    q = visibility_filter(user)
    return q is None or Application.objects.filter(q, pk=app.pk).exists()


# While the dossier is at customer service (step 4, and again after a fix at step 8).
CHECKLIST_STATES = frozenset({State.SUBMITTED, State.FIX_RECEIVED})


def may_create_applications(user: User | AnonymousUser) -> bool:
    """Applicants file their own; customer service files for a walk-in applicant."""
    return bool(user_roles(user) & {Role.APPLICANT, Role.CS})


def may_tick_checklist(user: User | AnonymousUser, app: Application) -> bool:
    """Customer service ticks the checklist while the dossier is at the counter."""
    return Role.CS in user_roles(user) and app.state in CHECKLIST_STATES


def is_applicant_of(user: User, app: Application) -> bool:
    if Role.APPLICANT not in user_roles(user):
        return False
    return app.created_by_id == user.pk or app.company.members.filter(pk=user.pk).exists()


def profile_of(app: Application) -> Profile:
    return Profile(
        kind=app.kind,
        foreign_investment=app.foreign_investment,
        electromedical=app.electromedical,
        radiation=app.radiation,
        technicians=app.technicians,
        agent=app.has_agent,
        delegated_signing=app.delegated_signing,
    )


# A current document as the detail lists it (the API's DocumentOut, plus its requirement's id).
DOCUMENT_COLUMNS = (
    "id",
    "requirement_id",
    "requirement__number",
    "sha256",
    "size",
    "content_type",
    "original_name",
    "uploaded_at",
)


def current_documents(app: Application) -> list[dict]:
    """The application's current documents (one per requirement), in requirement order."""
    return list(Document.objects.filter(application=app, is_current=True).values(*DOCUMENT_COLUMNS))


def checklist(app: Application, *, documents: list[dict] | None = None) -> list[dict]:
    """Per applicable requirement: present or not, and customer service's tick and note.
    `documents`: the rows of `current_documents(app)` when the caller has read them already."""
    requirements = requirements_for(app.permit_type, profile_of(app))
    if documents is None:
        present = set(
            Document.objects.filter(application=app, is_current=True).values_list("requirement_id", flat=True)
        )
    else:
        present = {d["requirement_id"] for d in documents}
    ticks = {
        c.requirement_id: c for c in ChecklistItem.objects.filter(application=app).select_related("ticked_by")
    }
    rows = []
    for r in requirements:
        tick = ticks.get(r.pk)
        rows.append(
            {
                "number": r.number,
                "title": r.title,
                "title_en": r.title_en,
                "stage": r.stage,
                "requirement_id": r.pk,
                "present": r.pk in present,
                "ticked": bool(tick and tick.ticked),
                "note": tick.note if tick else "",
                # who ticked it and when (the checklist customer service signs, step 4)
                "ticked_by": (tick.ticked_by.get_full_name() or tick.ticked_by.username)
                if tick and tick.ticked and tick.ticked_by
                else "",
                "ticked_at": tick.ticked_at if tick and tick.ticked else None,
            }
        )
    return rows


def missing_submission_documents(app: Application) -> list[int]:
    return [row["number"] for row in checklist(app) if row["stage"] == "submission" and not row["present"]]


@dataclass(frozen=True)
class StatusLookup:
    """The outcome of a public status check: the application, or why there is none."""

    application: Application | None
    verdict: throttle.Verdict


def status_lookup(*, registration_number: str, code: str, address: str) -> StatusLookup:
    """The one status check of the API and the page: the registration number (any letter case)
    and the secret code printed on the receipt. Misses are counted per address and per
    registration number (perizinan/throttle.py); once either is over its limit nothing is looked up."""
    number = registration_number.strip().upper()
    subjects = {"address": address, "object": number}
    verdict = throttle.check("status", **subjects)
    if not verdict.allowed:
        return StatusLookup(None, verdict)
    given = code.strip().upper().encode("utf-8", "surrogatepass")
    app = (
        Application.objects.select_related("permit_type", "licence")
        .filter(registration_number=number)
        .first()
        if number
        else None
    )
    if app is None or not app.status_code or not hmac.compare_digest(app.status_code.encode(), given):
        throttle.hit("status", **subjects)
        return StatusLookup(None, verdict)
    return StatusLookup(app, verdict)
