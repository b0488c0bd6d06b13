"""The SLA clock: start, pauses while the applicant is to act, due dates per application and step.

The clock starts the day the recommendation reaches the office (or, for permit types
without a recommendation, the day of the registration receipt). The due date is the N-th
working day after that day, pushed back by the working days the clock stood still. A
pause's working days are those after the day it began, up to and including the day it
ended (the applicant's resubmission day is not charged to the office).
"""

from datetime import date, datetime

from perizinan.workdays.calendar import Calendar, to_wita

from .states import CLOCK_STOPPED, STATE_STEP, STEPS, WAITING_ON_APPLICANT


def start(app, *, on: date, cal: Calendar) -> None:
    if app.clock_started_on is None:
        app.clock_started_on = on
        app.paused_working_days = 0


def on_state_change(app, *, now: datetime, cal: Calendar) -> None:
    """Open or close a pause as the application enters or leaves the applicant's hands."""
    waiting = app.state in WAITING_ON_APPLICANT
    if app.clock_started_on is not None and waiting and app.paused_since is None:
        app.paused_since = now
        app.pauses.create(started_at=now, state=app.state)
    elif app.paused_since is not None and not waiting:
        days = cal.working_days_between(to_wita(app.paused_since).date(), to_wita(now).date())
        app.pauses.filter(ended_at__isnull=True).update(ended_at=now, working_days=days)
        app.paused_working_days += days
        app.paused_since = None
    recompute(app, cal=cal)


def recompute(app, *, cal: Calendar) -> None:
    if app.clock_started_on is not None:
        app.due_date = cal.add_working_days(
            app.clock_started_on, app.permit_type.sla_working_days + app.paused_working_days
        )
    app.step_due_date = step_due(app, cal=cal)


def step_due(app, *, cal: Calendar) -> date | None:
    if app.state in CLOCK_STOPPED or app.state in WAITING_ON_APPLICANT:
        return None
    standard = STEPS[STATE_STEP[app.state]]
    if standard.anchor == "clock" and app.clock_started_on is not None:
        return cal.add_working_days(app.clock_started_on, standard.offset + app.paused_working_days)
    if standard.anchor == "registration" and app.registered_at is not None:
        day = to_wita(app.registered_at).date()
        if app.fix_received_at is not None and app.state_since is not None:
            # After a fix loop the step is measured from its own start (day H of the step).
            day = max(day, to_wita(app.state_since).date())
        return cal.add_working_days(day, standard.offset)
    return None


def is_overdue(app, *, today: date) -> bool:
    return overdue(
        state=app.state,
        paused_since=app.paused_since,
        due_date=app.due_date,
        step_due_date=app.step_due_date,
        today=today,
    )


def overdue(
    *,
    state: str,
    paused_since: datetime | None,
    due_date: date | None,
    step_due_date: date | None,
    today: date,
) -> bool:
    """Past the application's deadline (unless the clock is paused) or past its step's deadline."""
    if state in CLOCK_STOPPED:
        return False
    if paused_since is None and due_date is not None and today > due_date:
        return True
    return step_due_date is not None and today > step_due_date
