"""Officers: a daily digest of their queue, a reminder one working day before a step's target and when
it is late; supervisors: overdue applications. Each once, however often the job runs."""

from datetime import timedelta

import pytest
from django.core.management import call_command

from perizinan.applications.models import Application
from perizinan.notifications.models import Notification
from perizinan.notifications.reminders import notify_officers
from perizinan.workdays.calendar import current_calendar
from tests.helpers import create_complete, run_until

pytestmark = pytest.mark.django_db


@pytest.fixture
def registered(api, application_data):  # type: ignore[no-untyped-def]
    app_id = create_complete(api, application_data)
    run_until(api, app_id, stop_before="verify")
    return Application.objects.get(pk=app_id)


def previous_working_day(day):  # type: ignore[no-untyped-def]
    cal = current_calendar()
    day -= timedelta(days=1)
    while not cal.is_working_day(day):
        day -= timedelta(days=1)
    return day


def test_digest_and_step_due_reminder(registered, users):
    due = registered.step_due_date
    assert due is not None
    day_before = previous_working_day(due)
    notify_officers(today=day_before)
    verifier = Notification.objects.filter(recipient=users["verifier"])
    assert sorted(verifier.values_list("event", flat=True)) == ["digest", "step_due"]
    digest = verifier.get(event="digest")
    assert registered.registration_number in digest.body and digest.to == "verifier@demo.perizinan.local"
    assert not Notification.objects.filter(recipient=users["cs"], event="step_due").exists()
    notify_officers(today=day_before)  # the same day again: nothing new
    assert verifier.count() == 2


def test_late_step_and_overdue_application(registered, users):
    late_day = registered.step_due_date + timedelta(days=7)
    Application.objects.filter(pk=registered.pk).update(due_date=registered.step_due_date)
    notify_officers(today=late_day)
    assert Notification.objects.filter(recipient=users["verifier"], event="step_late").count() == 1
    overdue = Notification.objects.filter(recipient=users["supervisor"], event="overdue")
    assert overdue.count() == 1 and registered.registration_number in overdue.get().subject
    notify_officers(today=late_day + timedelta(days=1))
    assert Notification.objects.filter(recipient=users["verifier"], event="step_late").count() == 1
    assert overdue.count() == 1


def test_command_runs(registered, capsys):
    call_command("notify_officers")
    assert "notifications queued" in capsys.readouterr().out
