"""Reads for the workflow: the inbox (tasks) of an officer."""

from datetime import UTC, date, datetime

from django.db.models import DateField, DateTimeField, F, Q, QuerySet, Value
from django.db.models.functions import Coalesce

from perizinan.accounts.models import User
from perizinan.accounts.permissions import user_roles
from perizinan.accounts.roles import Role
from perizinan.applications import keyset
from perizinan.applications.models import Application
from perizinan.applications.selectors import SUMMARY_COLUMNS, visible_applications

from .actions import states_for_roles

# The inbox order (oldest step deadline first) as never-NULL keys, for keyset paging.
INBOX_ORDER = (
    keyset.Key("k_step_due", keyset.parse_date),
    keyset.Key("k_due", keyset.parse_date),
    keyset.Key("k_since", keyset.parse_datetime),
    keyset.Key("id", keyset.parse_int),
)
_NO_DATE = Value(date(9999, 12, 31), output_field=DateField())
_NO_TIME = Value(datetime(9999, 1, 1, tzinfo=UTC), output_field=DateTimeField())


def tasks_for(user: User) -> QuerySet[Application]:
    """Applications waiting for a forward, back or reject action of one of the user's roles."""
    return (
        _waiting(user)
        .select_related("permit_type", "company", "licence")
        .order_by(
            F("step_due_date").asc(nulls_last=True), F("due_date").asc(nulls_last=True), "state_since", "id"
        )
    )


def task_rows(user: User, *, limit: int, offset: int = 0, after: str | None = None) -> keyset.Page:
    """One page of the inbox as rows of SUMMARY_COLUMNS (no model instances), in INBOX_ORDER."""
    return keyset.page(
        inbox_page_query(user, limit=limit, offset=offset, after=after), INBOX_ORDER, limit=limit
    )


def inbox_page_query(user: User, *, limit: int, offset: int = 0, after: str | None = None) -> QuerySet:
    """The rows of one page: the waiting applications are sorted and cut to the page on their own
    table (no index serves this order: the database sorts the rows waiting for the caller's
    roles), then only the page's rows are joined to permit type, company and licence."""
    ids = keyset.page_query(
        _with_keys(_waiting(user)).values("id"), INBOX_ORDER, limit=limit, offset=offset, after=after
    )
    return _with_keys(Application.objects.filter(id__in=ids)).values(*SUMMARY_COLUMNS, *_KEYS)


_KEYS = ("k_step_due", "k_due", "k_since")


def _with_keys(qs: QuerySet[Application]) -> QuerySet[Application]:
    return qs.annotate(
        k_step_due=Coalesce("step_due_date", _NO_DATE),
        k_due=Coalesce("due_date", _NO_DATE),
        k_since=Coalesce("state_since", _NO_TIME),
    )


def _waiting(user: User) -> QuerySet[Application]:
    roles = set(user_roles(user)) - {Role.APPLICANT}
    states = states_for_roles(roles)
    waiting = Q(state__in=states)
    if Role.CS in roles:  # walk-in applications: customer service acts for the applicant
        waiting |= Q(walk_in=True, state__in=states_for_roles({Role.APPLICANT}))
    qs = visible_applications(user).filter(waiting)
    if roles == {Role.TECHNICAL_TEAM}:
        qs = qs.filter(referred_agency_id=user.agency_id)
    return qs
