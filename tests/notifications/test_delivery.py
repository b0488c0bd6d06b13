"""Applicants are told of their application's steps: outbox rows written with the action, sent by the
task worker after the commit through a real SMTP server and a fake SMS gateway on loopback."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import formats, timezone, translation
from django_tasks_db.models import DBTaskResult

from perizinan.applications.models import Application
from perizinan.notifications.models import ContactPreference, MessageTemplate, Notification
from perizinan.workdays.calendar import WITA
from perizinan.workflow.actions import get_action
from perizinan.workflow.models import ProcessLogEntry
from perizinan.workflow.services import take_action
from perizinan.workflow.signals import action_taken
from tests.e2e.smtp import smtp_fixture  # noqa: F401  (provides the `smtp` fixture)
from tests.helpers import act, create_complete, run_until

# The worker opens and closes its own connections, as in production.
pytestmark = pytest.mark.django_db(transaction=True)


def run_worker() -> None:
    call_command("db_worker", batch=True, no_reload=True, verbosity=0)


@pytest.fixture
def mail(smtp, settings):  # type: ignore[no-untyped-def]
    smtp.use(settings)
    return smtp


def test_submitted_is_mailed_after_commit_once(api, application_data, mail):
    app_id = create_complete(api, application_data)
    act(api, app_id, "applicant", "submit")
    assert mail.messages == [] and not Notification.objects.exists()  # nothing is done by the request itself
    run_worker()
    n = Notification.objects.get()
    assert (n.event, n.channel, n.to) == ("submitted", "email", "applicant@demo.perizinan.local")
    message = mail.wait_for("applicant@demo.perizinan.local")
    assert "diterima" in message["Subject"]
    assert "/status/" in mail.body(message)
    n.refresh_from_db()
    assert n.status == "sent" and n.sent_at is not None and n.attempts == 1
    run_worker()
    assert len(mail.messages) == 1


def test_the_same_event_never_writes_twice(api, application_data, users):
    app_id = create_complete(api, application_data)
    act(api, app_id, "applicant", "submit")
    entry = ProcessLogEntry.objects.get(application_id=app_id, action="submit")

    app = Application.objects.get(pk=app_id)
    run_worker()
    action_taken.send(
        sender=Application,
        application=app,
        entry=entry,
        action=get_action("submit"),
        by=users["applicant"],
        data={},
    )
    run_worker()
    assert Notification.objects.count() == 1
    call_command("requeue_notifications")
    run_worker()
    assert Notification.objects.count() == 1


def test_returned_names_the_reason(api, application_data, mail):
    app_id = create_complete(api, application_data)
    act(api, app_id, "applicant", "submit")
    act(api, app_id, "cs", "cs_return", {"reason": "Surat kuasa belum bermeterai."})
    run_worker()
    message = mail.wait_for("applicant@demo.perizinan.local", count=2)
    assert "perlu diperbaiki" in message["Subject"]
    assert "Surat kuasa belum bermeterai." in mail.body(message)


def test_registered_carries_number_and_status_code_and_sms(api, application_data, users, mail, gateway):
    ContactPreference.objects.create(user=users["applicant"], sms=True, whatsapp=True, phone="+6281234567890")
    app_id = create_complete(api, application_data)
    run_until(api, app_id, stop_before="verify")
    run_worker()

    app = Application.objects.get(pk=app_id)
    registered = [m for m in mail.messages if "terdaftar" in str(m["Subject"])]
    assert len(registered) == 1
    assert app.registration_number in mail.body(registered[0]) and app.status_code in mail.body(registered[0])
    texts = [m for m in gateway.messages if app.registration_number in m["text"]]
    assert sorted(m["channel"] for m in texts) == ["sms", "whatsapp"]
    assert all(m["to"] == "+6281234567890" and len(m["text"]) <= 480 for m in texts)
    assert Notification.objects.filter(status="sent").count() == Notification.objects.count()


def test_english_for_those_who_choose_it(api, application_data, users, mail):
    ContactPreference.objects.create(user=users["applicant"], language="en")
    app_id = create_complete(api, application_data)
    act(api, app_id, "applicant", "submit")
    run_worker()
    assert "received" in mail.wait_for("applicant@demo.perizinan.local")["Subject"]


def test_the_administrators_text_is_used(api, application_data, mail):
    MessageTemplate.objects.update_or_create(
        event="submitted",
        language="id",
        defaults={"subject": "Terima kasih, {{ company }}", "body": "Halo {{ name }}.", "short": "Halo"},
    )
    app_id = create_complete(api, application_data)
    act(api, app_id, "applicant", "submit")
    run_worker()
    message = mail.wait_for("applicant@demo.perizinan.local")
    assert message["Subject"] == f"Terima kasih, {application_data['company']['name']}"


def test_no_channel_chosen_no_message(api, application_data, users):
    ContactPreference.objects.create(user=users["applicant"], email=False)
    app_id = create_complete(api, application_data)
    act(api, app_id, "applicant", "submit")
    run_worker()
    assert not Notification.objects.exists()


def test_gateway_outage_is_retried_later(api, application_data, users, gateway):
    ContactPreference.objects.create(user=users["applicant"], email=False, sms=True, phone="+6281234567890")
    app_id = create_complete(api, application_data)
    gateway.fail_next(1, 503)
    act(api, app_id, "applicant", "submit")
    run_worker()
    n = Notification.objects.get()
    assert (n.status, n.attempts) == ("pending", 1) and "503" in n.last_error
    assert gateway.messages == []
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.run_after > timezone.now()
    with time_machine.travel(timezone.now() + timedelta(minutes=3), tick=False):
        run_worker()
    n.refresh_from_db()
    assert (n.status, n.attempts) == ("sent", 2)
    assert len(gateway.messages) == 1 and gateway.messages[0]["key"] == f"notification-{n.pk}"


def test_gateway_refusal_is_not_retried(api, application_data, users, gateway, settings):
    settings.PERIZINAN_MESSAGE_GATEWAY_TOKEN = "wrong"
    ContactPreference.objects.create(user=users["applicant"], email=False, sms=True, phone="+6281234567890")
    app_id = create_complete(api, application_data)
    act(api, app_id, "applicant", "submit")
    run_worker()
    n = Notification.objects.get()
    assert n.status == "failed" and "401" in n.last_error
    assert not DBTaskResult.objects.filter(status="READY").exists()


def test_ticket_called_sends_an_sms(api, users, gateway):
    with time_machine.travel(datetime(2026, 12, 2, 10, 0, tzinfo=WITA), tick=False):
        api().post("/queue/tickets", {"service": "cs", "phone": "0812 1111 2222"})
        api("cs").post("/queue/call-next", {"service": "cs", "counter": "4"})
        run_worker()
    assert gateway.messages[0]["to"] == "+6281211112222"
    assert "B-001" in gateway.messages[0]["text"] and "loket 4" in gateway.messages[0]["text"]


def test_recommendation_ready_and_issued_through_to_the_survey(api, application_data, mail):
    app_id = create_complete(api, application_data)
    run_until(api, app_id)
    run_worker()

    app = Application.objects.get(pk=app_id)
    subjects = [str(m["Subject"]) for m in mail.messages]
    assert any("Rekomendasi teknis diterima" in s for s in subjects)
    recommendation = next(m for m in mail.messages if "Rekomendasi teknis" in str(m["Subject"]))
    with translation.override("id"):
        assert formats.date_format(app.due_date, "j F Y") in mail.body(recommendation)
    ready = next(m for m in mail.messages if "siap diambil" in str(m["Subject"]))
    assert app.licence.number in mail.body(ready) and "KTP" in mail.body(ready)
    assert any(app.licence.number in s and "diserahkan" in s for s in subjects)
    assert any("survei" in mail.body(m) for m in mail.messages)
    events = sorted(Notification.objects.filter(application=app).values_list("event", flat=True))
    assert events == sorted(["submitted", "registered", "recommendation", "ready", "issued", "survey"])


def test_an_interrupted_send_is_picked_up_again(api, application_data, mail):
    app_id = create_complete(api, application_data)
    act(api, app_id, "applicant", "submit")
    DBTaskResult.objects.all().delete()  # lost between the commit and the enqueue
    call_command("requeue_notifications")  # fans the action out again
    DBTaskResult.objects.all().delete()  # and the worker died before delivering
    n = Notification.objects.get()
    Notification.objects.filter(pk=n.pk).update(
        status="sending", claimed_at=timezone.now() - timedelta(hours=1)
    )
    call_command("requeue_notifications")
    run_worker()
    assert mail.wait_for("applicant@demo.perizinan.local")
    n.refresh_from_db()
    assert n.status == "sent"
    call_command("requeue_notifications")  # nothing left to do
    run_worker()
    assert len(mail.messages) == 1


def test_the_steps_commit_path_does_not_grow(api, application_data, users):
    """Nothing of the notifications runs inside take_action's transaction: the fan-out is a task after commit."""

    app_id = create_complete(api, application_data)
    with CaptureQueriesContext(connection) as ctx:
        take_action(
            application=Application.objects.get(pk=app_id), name="submit", by=users["applicant"], data={}
        )
    inside = [q["sql"] for q in ctx.captured_queries if "notifications_" in q["sql"]]
    assert inside == []
