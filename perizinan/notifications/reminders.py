"""Officers' daily digest, step reminders (one working day before the target, and when late) and
supervisors' overdue alerts. Run once a day (`manage.py notify_officers`, e.g. from cron at 07.00 WITA);
each message has a key, so running it twice the same day sends nothing new."""

from datetime import date

from django.db import transaction
from django.utils import formats, translation

from perizinan.accounts.models import Office, User
from perizinan.accounts.permissions import user_roles
from perizinan.accounts.roles import SUPERVISING_ROLES, Role
from perizinan.applications.models import Application
from perizinan.workdays.calendar import Calendar, current_calendar, today_wita
from perizinan.workflow.selectors import tasks_for
from perizinan.workflow.states import CLOCK_STOPPED, FINAL_STATES

from . import services
from .models import Event


def _day(d: date | None) -> str:
    if d is None:
        return "-"
    with translation.override("id"):
        return formats.date_format(d, "j F Y")


def _app_context(app: Application, office: str) -> dict:
    return {
        "reg": app.registration_number or f"#{app.pk}",
        "company": app.company.name,
        "step_due": _day(app.step_due_date),
        "due_date": _day(app.due_date),
        "office": office,
    }


def notify_officers(*, today: date | None = None, calendar: Calendar | None = None) -> int:
    """Write the day's officer and supervisor messages; returns how many outbox rows were written."""
    today = today or today_wita()
    cal = calendar or current_calendar()
    tomorrow = cal.add_working_days(today, 1)
    office = Office.current().name
    written = 0
    officers = (
        User.objects.filter(is_active=True).exclude(groups__name=Role.APPLICANT).distinct().order_by("pk")
    )
    with transaction.atomic():
        for user in officers:
            roles = user_roles(user)
            if not roles - {Role.APPLICANT}:
                continue
            recipient = services.recipient_for(user)
            waiting = list(tasks_for(user)[:200])
            if waiting and cal.is_working_day(today):
                rows = [
                    {
                        **_app_context(a, office),
                        "late": a.step_due_date is not None and a.step_due_date < today,
                    }
                    for a in waiting
                ]
                written += len(
                    services.queue(
                        event=Event.DIGEST,
                        key=f"digest:{user.pk}:{today.isoformat()}",
                        recipients=[recipient],
                        context={"rows": rows, "office": office},
                    )
                )
            for app in waiting:
                if app.step_due_date is None or app.state in CLOCK_STOPPED:
                    continue
                if app.step_due_date == tomorrow:
                    event = Event.STEP_DUE
                elif app.step_due_date < today:
                    event = Event.STEP_LATE
                else:
                    continue
                written += len(
                    services.queue(
                        event=event,
                        key=f"{event}:{app.pk}:{app.state}:{app.step_due_date.isoformat()}:{user.pk}",
                        recipients=[recipient],
                        context=_app_context(app, office),
                        application=app,
                    )
                )
            if roles & (SUPERVISING_ROLES - {Role.SITE_ADMIN}):
                overdue = (
                    Application.objects.filter(due_date__lt=today, paused_since__isnull=True)
                    .exclude(state__in=[*FINAL_STATES, *CLOCK_STOPPED])
                    .select_related("company")
                )
                for app in overdue:
                    written += len(
                        services.queue(
                            event=Event.OVERDUE,
                            key=f"overdue:{app.pk}:{app.due_date.isoformat() if app.due_date else ''}:{user.pk}",
                            recipients=[recipient],
                            context=_app_context(app, office),
                            application=app,
                        )
                    )
    return written
