"""Reads of the queue: the display board, a counter's view, waiting and service times."""

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from perizinan.accounts.models import Office, User
from perizinan.errors import NotFound
from perizinan.workdays.calendar import to_wita

from .models import QueueService, QueueTicket, TicketStatus
from .permissions import can_serve

BOARD_ROWS = 8


def services() -> list[QueueService]:
    return list(QueueService.objects.filter(office=Office.current(), active=True).order_by("order", "code"))


def today(now: datetime | None = None) -> date:
    return to_wita(now or timezone.now()).date()


def waiting_counts(day: date) -> dict[str, int]:
    counts = dict(
        QueueTicket.objects.filter(day=day, status=TicketStatus.WAITING)
        .values_list("service__code")
        .annotate(n=Count("id"))
    )
    return {s.code: counts.get(s.code, 0) for s in services()}


def waiting_before(ticket: QueueTicket) -> int:
    return (
        QueueTicket.objects.filter(service=ticket.service_id, day=ticket.day, status=TicketStatus.WAITING)
        .filter(Q(issued_at__lt=ticket.issued_at) | Q(issued_at=ticket.issued_at, pk__lt=ticket.pk))
        .count()
    )


def called_now(day: date, limit: int = BOARD_ROWS) -> list[QueueTicket]:
    """The tickets being served now, the latest call first (one row per counter and service)."""
    rows = (
        QueueTicket.objects.filter(day=day, status=TicketStatus.CALLED)
        .select_related("service")
        .order_by("-last_called_at", "-pk")
    )
    seen: set[tuple[int, str]] = set()
    out: list[QueueTicket] = []
    for t in rows[: limit * 3]:
        key = (t.service_id, t.counter)
        if key not in seen:
            seen.add(key)
            out.append(t)
    return out[:limit]


def waiting_list(service_code: str, day: date, limit: int = 20) -> list[QueueTicket]:
    return list(
        QueueTicket.objects.filter(service__code=service_code, day=day, status=TicketStatus.WAITING)
        .select_related("service")
        .order_by("issued_at", "pk")[:limit]
    )


def at_counter(service_code: str, counter: str, day: date) -> QueueTicket | None:
    return (
        QueueTicket.objects.filter(
            service__code=service_code, day=day, counter=counter, status=TicketStatus.CALLED
        )
        .select_related("service", "application", "application__company")
        .order_by("-last_called_at")
        .first()
    )


def skipped_today(service_code: str, day: date) -> list[QueueTicket]:
    return list(
        QueueTicket.objects.filter(service__code=service_code, day=day, status=TicketStatus.SKIPPED)
        .select_related("service")
        .order_by("-finished_at")[:10]
    )


def ticket_for_officer(user: User, pk: int) -> QueueTicket:
    """A ticket the officer may act on: unknown → NotFound, another service's → PermissionDenied."""
    ticket = QueueTicket.objects.select_related("service").filter(pk=pk).first()
    if ticket is None:
        raise NotFound
    if not can_serve(user, ticket.service.code):
        raise PermissionDenied(_("Antrian ini bukan untuk peran Anda."))
    return ticket


@dataclass(frozen=True)
class HourStats:
    service: str
    hour: int
    tickets: int
    served: int
    mean_wait_minutes: float | None
    mean_service_minutes: float | None


def time_stats(first: date, last: date) -> list[HourStats]:
    """Waiting time (issue → call) and service time (call → done) per service and WITA hour of issue."""
    buckets: dict[tuple[str, int], list[QueueTicket]] = {}
    qs = QueueTicket.objects.filter(day__gte=first, day__lte=last).select_related("service").order_by("pk")
    for t in qs.iterator():
        buckets.setdefault((t.service.code, to_wita(t.issued_at).hour), []).append(t)
    out = []
    for (code, hour), tickets in sorted(buckets.items()):
        waits = [t.waiting_seconds for t in tickets if t.waiting_seconds is not None]
        serves = [
            t.service_seconds
            for t in tickets
            if t.service_seconds is not None and t.status == TicketStatus.DONE
        ]
        out.append(
            HourStats(
                service=code,
                hour=hour,
                tickets=len(tickets),
                served=len(serves),
                mean_wait_minutes=round(sum(waits) / len(waits) / 60, 1) if waits else None,
                mean_service_minutes=round(sum(serves) / len(serves) / 60, 1) if serves else None,
            )
        )
    return out
