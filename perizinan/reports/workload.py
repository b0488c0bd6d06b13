"""Current workload: applications waiting now in the states each role acts in (one grouped query)."""

from typing import Any

from django.db.models import Count

from perizinan.accounts.roles import ROLE_LABELS, Role
from perizinan.applications.models import Application
from perizinan.workflow.actions import roles_acting_in
from perizinan.workflow.states import FINAL_STATES, State


def open_tasks_by_role() -> list[dict[str, Any]]:
    by_state = dict(
        Application.objects.exclude(state__in=[*FINAL_STATES, State.DRAFT])
        .order_by()
        .values_list("state")
        .annotate(n=Count("id"))
    )
    per_role: dict[Role, int] = {}
    for state, n in by_state.items():
        for role in roles_acting_in(state) - {Role.APPLICANT}:
            per_role[role] = per_role.get(role, 0) + n
    return [
        {"role": r.value, "label": str(ROLE_LABELS[r]), "count": per_role[r]} for r in Role if r in per_role
    ]
