"""Reads for the workflow: the inbox (tasks) of an officer."""

from django.db.models import F, Q, QuerySet

from perizinan.accounts.models import User
from perizinan.accounts.permissions import user_roles
from perizinan.accounts.roles import Role
from perizinan.applications.models import Application
from perizinan.applications.selectors import visible_applications

from .actions import states_for_roles


def tasks_for(user: User) -> QuerySet[Application]:
    """Applications waiting for a forward, back or reject action of one of the user's roles."""
    roles = set(user_roles(user)) - {Role.APPLICANT}
    states = states_for_roles(roles)
    waiting = Q(state__in=states)
    if Role.CS in roles:  # walk-in applications: customer service acts for the applicant
        waiting |= Q(walk_in=True, state__in=states_for_roles({Role.APPLICANT}))
    qs = visible_applications(user).filter(waiting)
    if roles == {Role.TECHNICAL_TEAM}:
        qs = qs.filter(referred_agency_id=user.agency_id)
    return qs.select_related("permit_type", "company", "licence").order_by(
        F("step_due_date").asc(nulls_last=True), F("due_date").asc(nulls_last=True), "state_since", "id"
    )
