"""The queue API for kiosks, counters and the display board (perizinan.frontoffice)."""

from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema, Status

from perizinan import throttle
from perizinan.frontoffice import selectors, services
from perizinan.frontoffice.models import QueueTicket

from .auth import AUTH, current_user
from .limits import too_many
from .schemas import Error

router = Router(tags=["queue"])

ServiceName = Literal["info", "cs", "pickup"]


class TicketIn(Schema):
    service: ServiceName
    phone: str = ""


class IssuedOut(Schema):
    id: int
    number: str
    service: str
    issued_at: str
    waiting_before: int


class ClosedOut(Schema):
    detail: str
    next_opening: str | None


class CallNextIn(Schema):
    service: ServiceName
    counter: str


class TransferIn(Schema):
    service: ServiceName


class TicketOut(Schema):
    id: int
    number: str
    service: str
    status: str
    counter: str
    issued_at: str
    called_at: str | None
    finished_at: str | None
    calls: int
    application_id: int | None


class CalledOut(Schema):
    counter: str
    number: str
    service: str
    at: str


class BoardOut(Schema):
    called: list[CalledOut]
    waiting: dict[str, int]


def _ticket(t: QueueTicket) -> dict[str, Any]:
    return {
        "id": t.pk,
        "number": t.number,
        "service": t.service.code,
        "status": t.status,
        "counter": t.counter,
        "issued_at": t.issued_at.isoformat(),
        "called_at": t.called_at.isoformat() if t.called_at else None,
        "finished_at": t.finished_at.isoformat() if t.finished_at else None,
        "calls": t.calls,
        "application_id": t.application_id,
    }


@router.post("/tickets", response={201: IssuedOut, 409: ClosedOut, 422: Error, 429: Error}, auth=None)
def issue_ticket(request: HttpRequest, response: HttpResponse, payload: TicketIn) -> Any:
    """Take a ticket (the kiosk). Outside service hours or on a non-working day: 409 with the next opening."""
    verdict = throttle.hit("queue_ticket", address=throttle.address(request))
    if not verdict.allowed:
        return too_many(verdict)
    try:
        ticket = services.issue_ticket(service=payload.service, phone=payload.phone)
    except services.QueueClosed as closed:
        opening = closed.next_opening.isoformat() if closed.next_opening else None
        return Status(409, {"detail": str(closed), "next_opening": opening})
    return Status(
        201,
        {
            "id": ticket.pk,
            "number": ticket.number,
            "service": ticket.service.code,
            "issued_at": ticket.issued_at.isoformat(),
            "waiting_before": selectors.waiting_before(ticket),
        },
    )


@router.post(
    "/call-next",
    response={200: TicketOut, 204: None, 401: Error, 403: Error, 422: Error},
    auth=AUTH,
)
def call_next(request: HttpRequest, payload: CallNextIn) -> Any:
    """Call the longest-waiting ticket of the service to the counter; 204 when nobody waits."""
    ticket = services.call_next(service=payload.service, counter=payload.counter, by=current_user(request))
    if ticket is None:
        return Status(204, None)
    return Status(200, _ticket(ticket))


_TICKET_RESPONSES = {200: TicketOut, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error}


@router.post("/tickets/{ticket_id}/recall", response=_TICKET_RESPONSES, auth=AUTH)
def recall(request: HttpRequest, ticket_id: int) -> Any:
    """Announce the ticket again on the board."""
    user = current_user(request)
    return _ticket(services.recall(ticket=selectors.ticket_for_officer(user, ticket_id), by=user))


@router.post("/tickets/{ticket_id}/skip", response=_TICKET_RESPONSES, auth=AUTH)
def skip(request: HttpRequest, ticket_id: int) -> Any:
    """The visitor did not come: set the ticket aside."""
    user = current_user(request)
    return _ticket(services.skip(ticket=selectors.ticket_for_officer(user, ticket_id), by=user))


@router.post("/tickets/{ticket_id}/done", response=_TICKET_RESPONSES, auth=AUTH)
def done(request: HttpRequest, ticket_id: int) -> Any:
    """Service finished."""
    user = current_user(request)
    return _ticket(services.done(ticket=selectors.ticket_for_officer(user, ticket_id), by=user))


@router.post("/tickets/{ticket_id}/transfer", response=_TICKET_RESPONSES, auth=AUTH)
def transfer(request: HttpRequest, ticket_id: int, payload: TransferIn) -> Any:
    """Send the visitor to another service's queue; returns the new ticket there."""
    user = current_user(request)
    ticket = selectors.ticket_for_officer(user, ticket_id)
    return _ticket(services.transfer(ticket=ticket, to_service=payload.service, by=user))


@router.get("/board", response={200: BoardOut}, auth=None)
def board(request: HttpRequest) -> Any:
    """What the display board shows: the tickets called now per counter and how many wait per service."""
    services.ensure_services()
    day = selectors.today()
    return {
        "called": [
            {
                "counter": t.counter,
                "number": t.number,
                "service": t.service.code,
                "at": t.last_called_at.isoformat(),
            }
            for t in selectors.called_now(day)
            if t.last_called_at
        ],
        "waiting": selectors.waiting_counts(day),
    }
