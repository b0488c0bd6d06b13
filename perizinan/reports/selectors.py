"""The supervision figures (SOP sections E, P, T), each one aggregate query over its period.

Nothing here loops over applications in Python: counts, rates and percentiles are computed
by the database; Python only maps a bounded number of grouped rows (states, steps, months,
pairs of dates) to labels. See docs/reports.md for the definition of every figure.
"""

from collections import Counter, defaultdict
from datetime import date
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncMonth

from perizinan.accounts.roles import ROLE_LABELS, ROLE_LANES, Role
from perizinan.applications.models import Application
from perizinan.licences.models import Licence
from perizinan.workdays.calendar import Calendar, current_calendar, today_wita
from perizinan.workflow.actions import roles_acting_in
from perizinan.workflow.models import ProcessLogEntry
from perizinan.workflow.states import (
    CLOCK_STOPPED,
    FINAL_STATES,
    STATE_STEP,
    STEPS,
    WAITING_ON_APPLICANT,
    State,
)

from .filters import Filters
from .percentiles import grouped_percentiles, percentile

WORK_DIRECTIONS = ("forward", "back", "reject")  # a step's work (notes do not move the file)
DECLINED_STATES = (State.DECLINED, State.REJECTED)


def in_progress(f: Filters) -> QuerySet[Application]:
    """Applications handed in and not finished (now), with the permit type and kind filter."""
    return Application.objects.filter(f.apps()).exclude(state__in=[*FINAL_STATES, State.DRAFT])


def overdue_q(today: date) -> Q:
    """The SQL form of `workflow.clock.is_overdue`."""
    running = Q(paused_since__isnull=True, due_date__lt=today)
    return (running | Q(step_due_date__lt=today)) & ~Q(state__in=CLOCK_STOPPED)


def step_log(f: Filters) -> QuerySet[ProcessLogEntry]:
    """The log entries of the period that did a step's work (forward, back, reject)."""
    return ProcessLogEntry.objects.filter(
        f.at("at"), f.apps("application__"), direction__in=WORK_DIRECTIONS, step__isnull=False
    )


def ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _minutes(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 60, 1)


def counts(f: Filters) -> dict[str, int]:
    """Received, registered, issued, declined, withdrawn in the period; in progress and overdue now."""
    apps = Application.objects.filter(f.apps())
    progress = in_progress(f)
    return {
        "received": apps.filter(f.at("submitted_at")).count(),
        "registered": apps.filter(f.at("registered_at")).count(),
        "issued": issued(f).count(),
        "declined": apps.filter(f.at("completed_at"), state__in=DECLINED_STATES).count(),
        "withdrawn": apps.filter(f.at("completed_at"), state=State.WITHDRAWN).count(),
        "in_progress": progress.count(),
        "overdue": progress.filter(overdue_q(today_wita())).count(),
    }


def issued(f: Filters) -> QuerySet[Licence]:
    """Licences numbered in the period (the numbering day is the issue date)."""
    return Licence.objects.filter(f.on("issued_on"), f.apps("application__"))


def on_time(f: Filters) -> dict[str, Any]:
    """Of the licences issued in the period, how many within the application's time limit."""
    row = issued(f).aggregate(
        total=Count("id"), on_time=Count("id", filter=Q(issued_on__lte=F("application__due_date")))
    )
    return {**row, "rate": ratio(row["on_time"], row["total"])}


def working_days_to_issue(f: Filters, cal: Calendar | None = None) -> dict[str, float | None]:
    """Median and mean working days from the clock's start (the recommendation) to the issue.

    The database groups the issued licences by (clock start, issue day); the calendar then
    counts working days once per distinct pair, so the cost follows the days, not the rows.
    """
    pairs = (
        issued(f)
        .filter(application__clock_started_on__isnull=False)
        .values_list("application__clock_started_on", "issued_on")
        .annotate(n=Count("id"))
        .order_by()
    )
    cal = cal or current_calendar()
    spread: Counter[int] = Counter()
    for started, on, n in pairs:
        spread[cal.working_days_between(started, on) if on > started else 0] += n
    total = sum(spread.values())
    if not total:
        return {"median": None, "mean": None}
    return {
        "median": percentile(_weighted_sorted(spread), 0.5),
        "mean": round(sum(d * n for d, n in spread.items()) / total, 2),
    }


def _weighted_sorted(spread: Counter[int]) -> list[float]:
    """The sorted sample a histogram stands for (bounded by the licences of one period)."""
    return [float(d) for d in sorted(spread) for _ in range(spread[d])]


def steps(f: Filters) -> list[dict[str, Any]]:
    """Per step: actions in the period, median and p90 minutes, late against the step's target day."""
    log = step_log(f)
    rows: dict[Any, Any] = {
        r["step"]: r
        for r in log.values("step").annotate(
            count=Count("id"),
            late=Count("id", filter=Q(late=True)),
            with_target=Count("id", filter=Q(due_on__isnull=False)),
        )
    }
    times = grouped_percentiles(log, "step", "seconds_taken")
    out = []
    for number in sorted(rows):
        r = rows[number]
        median, p90 = times.get(number, [None, None])
        out.append(
            {
                "step": number,
                "title": str(STEPS[number].title) if number in STEPS else "",
                "count": r["count"],
                "median_minutes": _minutes(median),
                "p90_minutes": _minutes(p90),
                "standard": str(STEPS[number].standard) if number in STEPS else "",
                "late": r["late"],
                "with_target": r["with_target"],
                "on_time_rate": ratio(r["with_target"] - r["late"], r["with_target"]),
            }
        )
    return out


def lane_of(state: str) -> tuple[int, str]:
    """The swimlane whose turn it is in `state` (the applicant's while the clock is paused)."""
    roles = {Role.APPLICANT} if state in WAITING_ON_APPLICANT else roles_acting_in(state) - {Role.APPLICANT}
    roles = roles or {Role.APPLICANT}
    lane = min(ROLE_LANES.get(r, 99) for r in roles)
    label = " / ".join(str(ROLE_LABELS[r]) for r in sorted(roles, key=lambda r: ROLE_LANES.get(r, 99)))
    return lane, label


def progress_by_step_and_lane(f: Filters) -> dict[str, list[dict[str, Any]]]:
    """Applications in progress now, per SOP step and per swimlane."""
    by_state = dict(in_progress(f).order_by().values_list("state").annotate(n=Count("id")))
    per_step: Counter[int] = Counter()
    per_lane: dict[int, dict[str, Any]] = {}
    for state, n in by_state.items():
        per_step[STATE_STEP[state]] += n
        lane, label = lane_of(state)
        per_lane.setdefault(lane, {"lane": lane, "label": label, "count": 0})["count"] += n
    return {
        "steps": [{"step": s, "title": str(STEPS[s].title), "count": per_step[s]} for s in sorted(per_step)],
        "lanes": [per_lane[k] for k in sorted(per_lane)],
    }


def overdue_list(f: Filters, *, states: list[str] | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """Overdue applications now, longest overdue first, with the lane that holds each."""
    today = today_wita()
    qs = in_progress(f).filter(overdue_q(today))
    if states is not None:
        qs = qs.filter(state__in=states)
    qs = qs.select_related("company", "permit_type").order_by(
        F("step_due_date").asc(nulls_last=True), F("due_date").asc(nulls_last=True), "id"
    )
    rows = []
    for app in qs[:limit]:
        _, holder = lane_of(app.state)
        rows.append(
            {
                "app": app,
                "step": STATE_STEP[app.state],
                "state_label": State(app.state).label,
                "holder": holder,
                "since": app.state_since,
            }
        )
    return rows


def issued_per_month(f: Filters) -> list[dict[str, Any]]:
    rows = issued(f).annotate(month=TruncMonth("issued_on")).values("month").annotate(n=Count("id"))
    found = {r["month"].strftime("%Y-%m"): r["n"] for r in rows.order_by("month")}
    months, y, m = [], f.start.year, f.start.month
    while (y, m) <= (f.end.year, f.end.month):
        key = f"{y:04d}-{m:02d}"
        months.append({"month": key, "count": found.get(key, 0)})
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


def returns_per_step(f: Filters, *, reasons_per_step: int = 3) -> list[dict[str, Any]]:
    """Send-backs and returns (direction "back") per step, with their most frequent reasons."""
    back = ProcessLogEntry.objects.filter(f.at("at"), f.apps("application__"), direction="back")
    totals = dict(back.order_by().values_list("step").annotate(n=Count("id")))
    reasons: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for step, note, n in (
        back.exclude(note="").values_list("step", "note").annotate(n=Count("id")).order_by("-n", "note")[:300]
    ):
        if len(reasons[step]) < reasons_per_step:
            reasons[step].append({"reason": note, "count": n})
    return [
        {
            "step": s,
            "title": str(STEPS[s].title) if s in STEPS else "",
            "count": totals[s],
            "reasons": reasons[s],
        }
        for s in sorted(k for k in totals if k is not None)
    ]


def supervision_notes(f: Filters, limit: int = 20) -> QuerySet[ProcessLogEntry]:
    return (
        ProcessLogEntry.objects.filter(f.at("at"), f.apps("application__"), action="supervision_note")
        .select_related("application", "application__company")
        .order_by("-at")[:limit]
    )


def summary(f: Filters) -> dict[str, Any]:
    """The API's /reports/summary: the period's counts, on-time rate and per-step times."""
    c = counts(f)
    rate = on_time(f)
    days = working_days_to_issue(f)
    return {
        "from": f.start.isoformat(),
        "to": f.end.isoformat(),
        **c,
        "on_time": rate["on_time"],
        "on_time_rate": rate["rate"],
        "median_working_days_to_issue": days["median"],
        "mean_working_days_to_issue": days["mean"],
        "steps": steps(f),
    }
