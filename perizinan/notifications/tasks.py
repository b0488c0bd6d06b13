"""Delivery of the outbox by the task worker, after the commit of the event that wrote it."""

import logging
from datetime import datetime, timedelta

from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
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
        status=Notification.Status.SENDING, attempts=F("attempts") + 1, claimed_at=timezone.now()
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


STUCK_AFTER = timedelta(minutes=15)


def requeue_stuck(*, now: datetime | None = None) -> int:
    """Hand the worker again what it lost: a send interrupted mid-way (a crash while SENDING) or a
    pending message whose task never ran. Safe to repeat: `deliver` claims a row only once."""
    now = now or timezone.now()
    cutoff = now - STUCK_AFTER
    stuck = Notification.objects.filter(status=Notification.Status.SENDING, claimed_at__lt=cutoff)
    ids = list(stuck.values_list("pk", flat=True)[:1000])
    Notification.objects.filter(pk__in=ids, status=Notification.Status.SENDING).update(
        status=Notification.Status.PENDING
    )
    due = Notification.objects.filter(status=Notification.Status.PENDING).filter(
        Q(next_attempt_at__lt=cutoff) | Q(next_attempt_at__isnull=True, created_at__lt=cutoff)
    )
    ids += [pk for pk in due.values_list("pk", flat=True)[:1000] if pk not in ids]
    for pk in ids:
        deliver.enqueue(pk)
    return len(ids)
