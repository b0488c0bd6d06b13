"""Writes of the queue: issue, call, recall, skip, transfer, finish and link tickets.

Every function takes keyword-only arguments and runs in one transaction; officer actions
take an explicit `by=` and check the caller's role for the ticket's service.
"""

import re
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from perizinan.accounts.models import Office, User
from perizinan.applications.models import Application
from perizinan.errors import Conflict
from perizinan.notifications import services as notifications
from perizinan.notifications.models import Channel, Event
from perizinan.workdays.calendar import current_calendar, to_wita

from .hours import hours_of, is_open, next_opening
from .models import Consultation, QueueService, QueueTicket, ServiceCode, TicketStatus
from .permissions import can_serve

DEFAULT_SERVICES = [
    (ServiceCode.INFO, "Informasi", "A"),
    (ServiceCode.CS, "Customer Service", "B"),
    (ServiceCode.PICKUP, "Pengambilan Izin", "C"),
]
_PHONE = re.compile(r"^(\+62|62|0)8\d{7,12}$")


class QueueClosed(Conflict):
    """No tickets now: outside service hours or not a working day."""

    def __init__(self, message: str, next_opening: datetime | None) -> None:
        super().__init__(message)
        self.next_opening = next_opening


def ensure_services(office: Office | None = None) -> list[QueueService]:
    """The office's queue services; the three of the SOP are created the first time."""
    office = office or Office.current()
    existing = list(office.queue_services.all())
    if existing:
        return existing
    for order, (code, name, prefix) in enumerate(DEFAULT_SERVICES):
        QueueService.objects.get_or_create(
            office=office, code=code, defaults={"name": name, "prefix": prefix, "order": order}
        )
    return list(office.queue_services.all())


def normalise_phone(raw: str) -> str:
    """An Indonesian mobile number as +628…; ValidationError naming the field otherwise."""
    cleaned = re.sub(r"[\s.\-()]", "", raw or "")
    if not cleaned:
        return ""
    if not _PHONE.match(cleaned):
        raise ValidationError({"phone": [_("Nomor HP tidak valid (contoh: 0812 3456 7890).")]})
    digits = cleaned.lstrip("+")
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    return "+" + digits


def _service(code: str, *, lock: bool = False) -> QueueService:
    ensure_services()
    qs = QueueService.objects.select_related("office").filter(office=Office.current(), code=code, active=True)
    if lock:
        qs = qs.select_for_update()
    service = qs.first()
    if service is None:
        raise ValidationError({"service": [_("Layanan antrian tidak dikenal.")]})
    return service


def issue_ticket(*, service: str, phone: str = "", now: datetime | None = None) -> QueueTicket:
    """A new waiting ticket from the kiosk (public: no actor). Numbers count per service per day."""
    now = now or timezone.now()
    phone = normalise_phone(phone)
    with transaction.atomic():
        svc = _service(service, lock=True)  # the lock serialises numbering for this service
        hours = hours_of(svc)
        calendar = current_calendar()
        if not is_open(now, hours, calendar):
            opening = next_opening(now, hours, calendar)
            raise QueueClosed(_("Layanan antrian sedang tutup."), opening)
        day = to_wita(now).date()
        last = QueueTicket.objects.filter(service=svc, day=day).aggregate(m=Max("seq"))["m"] or 0
        seq = last + 1
        return QueueTicket.objects.create(
            service=svc, day=day, seq=seq, number=f"{svc.prefix}-{seq:03d}", phone=phone, issued_at=now
        )


def _check(by: User, ticket: QueueTicket) -> None:
    if not can_serve(by, ticket.service.code):
        raise PermissionDenied(_("Antrian ini bukan untuk peran Anda."))


def _locked(ticket: QueueTicket) -> QueueTicket:
    return QueueTicket.objects.select_for_update().select_related("service").get(pk=ticket.pk)


def _clean_counter(counter: str) -> str:
    counter = (counter or "").strip()
    if not counter or len(counter) > 10:
        raise ValidationError({"counter": [_("Isi nomor loket (paling banyak 10 karakter).")]})
    return counter


def call_next(*, service: str, counter: str, by: User, now: datetime | None = None) -> QueueTicket | None:
    """Call the longest-waiting ticket of `service` to `counter`; the counter's current ticket is done."""
    if not can_serve(by, service):
        raise PermissionDenied(_("Antrian ini bukan untuk peran Anda."))
    counter = _clean_counter(counter)
    now = now or timezone.now()
    with transaction.atomic():
        svc = _service(service)
        day = to_wita(now).date()
        today = QueueTicket.objects.filter(service=svc, day=day)
        today.filter(status=TicketStatus.CALLED, counter=counter).update(
            status=TicketStatus.DONE, finished_at=now
        )
        ticket = (
            today.filter(status=TicketStatus.WAITING)
            .select_for_update(skip_locked=True)
            .order_by("issued_at", "pk")
            .first()
        )
        if ticket is None:
            return None
        ticket.status = TicketStatus.CALLED
        ticket.called_at = ticket.last_called_at = now
        ticket.calls = 1
        ticket.counter = counter
        ticket.served_by = by
        ticket.save()
        if ticket.phone:
            _sms_called(ticket)
        return ticket


def _sms_called(ticket: QueueTicket) -> None:
    """A text message to the phone left at the kiosk, sent by the worker after the commit."""
    notifications.queue(
        event=Event.QUEUE_CALLED,
        key=f"ticket:{ticket.pk}:called",
        recipients=[
            notifications.Recipient(name="", language="id", phone=ticket.phone, channels=(Channel.SMS,))
        ],
        context={"ticket": ticket.number, "counter": ticket.counter, "office": Office.current().name},
    )


# The moves an officer makes on a called ticket: from which states, to which, and why not otherwise.
_MOVES: dict[str, tuple[tuple[str, ...], str, Any]] = {
    "recall": (
        (TicketStatus.CALLED, TicketStatus.SKIPPED),
        TicketStatus.CALLED,
        gettext_lazy("Hanya tiket yang sudah dipanggil yang dapat dipanggil ulang."),
    ),
    "skip": (
        (TicketStatus.CALLED, TicketStatus.WAITING),
        TicketStatus.SKIPPED,
        gettext_lazy("Tiket ini sudah selesai."),
    ),
    "done": (
        (TicketStatus.CALLED,),
        TicketStatus.DONE,
        gettext_lazy("Hanya tiket yang sedang dilayani yang dapat diselesaikan."),
    ),
}


def _move(
    ticket: QueueTicket, by: User, move: str, *, count_call: bool = False, **times: datetime
) -> QueueTicket:
    """Make one of `_MOVES` under the ticket's row lock, setting `times` (and counting one more call)."""
    allowed, to, refusal = _MOVES[move]
    _check(by, ticket)
    with transaction.atomic():
        t = _locked(ticket)
        if t.status not in allowed:
            raise Conflict(str(refusal))
        t.status = to
        for name, value in times.items():
            setattr(t, name, value)
        if count_call:
            t.calls += 1
        t.save()
        return t


def recall(*, ticket: QueueTicket, by: User, now: datetime | None = None) -> QueueTicket:
    """Announce a called ticket again (the visitor did not come yet)."""
    return _move(ticket, by, "recall", last_called_at=now or timezone.now(), count_call=True)


def skip(*, ticket: QueueTicket, by: User, now: datetime | None = None) -> QueueTicket:
    """The visitor did not come: set the ticket aside (it can still be recalled today)."""
    return _move(ticket, by, "skip", finished_at=now or timezone.now())


def done(*, ticket: QueueTicket, by: User, now: datetime | None = None) -> QueueTicket:
    """Service finished: the service time runs from the call to now."""
    return _move(ticket, by, "done", finished_at=now or timezone.now())


def transfer(*, ticket: QueueTicket, to_service: str, by: User, now: datetime | None = None) -> QueueTicket:
    """Send the visitor to another queue: a new ticket there that keeps the original place in time."""
    _check(by, ticket)
    now = now or timezone.now()
    with transaction.atomic():
        t = _locked(ticket)
        if t.status not in (TicketStatus.CALLED, TicketStatus.WAITING):
            raise Conflict(_("Tiket ini sudah selesai."))
        target = _service(to_service, lock=True)
        if target.pk == t.service_id:
            raise ValidationError({"service": [_("Pilih layanan lain.")]})
        last = QueueTicket.objects.filter(service=target, day=t.day).aggregate(m=Max("seq"))["m"] or 0
        new = QueueTicket.objects.create(
            service=target,
            day=t.day,
            seq=last + 1,
            number=f"{target.prefix}-{last + 1:03d}",
            phone=t.phone,
            issued_at=t.issued_at,
            transferred_from=t,
            application=t.application,
        )
        t.status = TicketStatus.TRANSFERRED
        t.finished_at = now
        t.save()
        return new


def link(
    *,
    ticket: QueueTicket,
    by: User,
    application: Application | None = None,
    consultation: Consultation | None = None,
) -> QueueTicket:
    """Record which application (or consultation) the visitor of this ticket came for."""
    _check(by, ticket)
    if application is None and consultation is None:
        raise ValidationError({"application": [_("Pilih permohonan atau konsultasi.")]})
    with transaction.atomic():
        t = _locked(ticket)
        if application is not None:
            t.application = application
            t.save(update_fields=["application"])
        if consultation is not None:
            Consultation.objects.filter(pk=consultation.pk).update(ticket=t)
        return t
