"""Staff performance per officer and role (SOP section T), aggregated from the process log."""

from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from perizinan.accounts.models import User
from perizinan.accounts.roles import ROLE_LABELS, Role
from perizinan.workflow.models import ProcessLogEntry

from .filters import Filters
from .percentiles import grouped_percentiles
from .selectors import WORK_DIRECTIONS, ratio


def role_label(code: str) -> str:
    return str(ROLE_LABELS[Role(code)]) if code in {r.value for r in Role} else code


def officer_log(f: Filters, user: User | None = None) -> QuerySet[ProcessLogEntry]:
    """Officers' entries in the period (the applicant's own actions are not staff work)."""
    qs = ProcessLogEntry.objects.filter(f.at("at"), f.apps("application__")).exclude(role=Role.APPLICANT)
    return qs.filter(actor=user) if user is not None else qs


def returns_received(f: Filters, user: User | None = None) -> dict[tuple[int, str], int]:
    """{(officer id, role): n}: send-backs in the period of work that officer had passed forward."""
    previous_forward = ProcessLogEntry.objects.filter(
        application=OuterRef("application"), seq__lt=OuterRef("seq"), direction="forward"
    ).order_by("-seq")
    back = (
        ProcessLogEntry.objects.filter(f.at("at"), f.apps("application__"), direction="back")
        .annotate(
            to_actor=Subquery(previous_forward.values("actor")[:1]),
            to_role=Subquery(previous_forward.values("role")[:1]),
        )
        .exclude(to_role=Role.APPLICANT)
    )
    if user is not None:
        back = back.filter(to_actor=user.pk)
    rows = back.order_by().values_list("to_actor", "to_role").annotate(n=Count("id"))
    return {(actor, role): n for actor, role, n in rows if actor is not None}


def staff_performance(f: Filters, user: User | None = None) -> list[dict[str, Any]]:
    """Per (officer, role): actions, handling time, share on time, returns given and received, workload."""
    log = officer_log(f, user)
    rows = (
        log.order_by()
        .values("actor", "role")
        .annotate(
            actions=Count("id"),
            steps_done=Count("id", filter=Q(direction__in=WORK_DIRECTIONS)),
            with_target=Count("id", filter=Q(due_on__isnull=False, direction__in=WORK_DIRECTIONS)),
            late=Count("id", filter=Q(late=True)),
            returns_given=Count("id", filter=Q(direction="back")),
            workload=Count("application", distinct=True),
        )
    )
    work = log.filter(direction__in=WORK_DIRECTIONS)
    # One percentile query per role present (an officer holding several roles is listed per role).
    per_role = {
        role: grouped_percentiles(work.filter(role=role), "actor", "seconds_taken")
        for role in {r["role"] for r in rows}
    }
    received = returns_received(f, user)
    people = {u.pk: u for u in User.objects.filter(pk__in={r["actor"] for r in rows})}
    out = []
    for r in rows:
        person = people[r["actor"]]
        median, p90 = per_role[r["role"]].get(r["actor"], [None, None])
        out.append(
            {
                "user_id": person.pk,
                "username": person.username,
                "name": person.get_full_name() or person.username,
                "role": r["role"],
                "role_label": role_label(r["role"]),
                "actions": r["actions"],
                "steps_done": r["steps_done"],
                "median_minutes": None if median is None else round(median / 60, 1),
                "p90_minutes": None if p90 is None else round(p90 / 60, 1),
                "with_target": r["with_target"],
                "late": r["late"],
                "on_time_rate": ratio(r["with_target"] - r["late"], r["with_target"]),
                "returns_given": r["returns_given"],
                "returns_received": received.get((r["actor"], r["role"]), 0),
                "workload": r["workload"],
            }
        )
    out.sort(key=lambda x: (x["role"], x["name"]))
    return out
