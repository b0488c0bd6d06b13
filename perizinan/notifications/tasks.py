"""Delivery of the outbox by the task worker, after the commit of the event that wrote it."""

import logging
from datetime import timedelta

from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.tasks import task
from django.utils import timezone

from .gateway import GatewayError, get_gateway
from .models import Channel, Notification

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 5


def backoff(attempt: int) -> timedelta:
    return timedelta(minutes=2**attempt)


@task()
def deliver(notification_id: int) -> str:
    """Send one notification once: claimed by an atomic update, sent outside any transaction, retried on failure."""
    claimed = Notification.objects.filter(pk=notification_id, status=Notification.Status.PENDING).update(
        status=Notification.Status.SENDING, attempts=F("attempts") + 1
    )
    if not claimed:
        return "not pending"
    n = Notification.objects.get(pk=notification_id)
    try:
        if n.channel == Channel.EMAIL:
            EmailMessage(subject=n.subject, body=n.body, to=[n.to]).send()
            provider_id = ""
        else:
            provider_id = get_gateway().send(
                channel=n.channel, to=n.to, text=n.body, idempotency_key=f"notification-{n.pk}"
            )
    except Exception as exc:
        permanent = isinstance(exc, GatewayError) and exc.permanent
        give_up = permanent or n.attempts >= MAX_ATTEMPTS
        log.warning("notification %s attempt %s failed: %s", n.pk, n.attempts, exc)
        Notification.objects.filter(pk=n.pk).update(
            status=Notification.Status.FAILED if give_up else Notification.Status.PENDING,
            last_error=str(exc)[:500],
        )
        if not give_up:
            run_after = timezone.now() + backoff(n.attempts)
            transaction.on_commit(lambda: deliver.using(run_after=run_after).enqueue(n.pk))
        return "failed" if give_up else "retry"
    Notification.objects.filter(pk=n.pk).update(
        status=Notification.Status.SENT, sent_at=timezone.now(), provider_id=provider_id, last_error=""
    )
    return "sent"
