"""When a queue is open: the office calendar (perizinan.workdays) and the service hours, in WITA."""

from datetime import datetime, time, timedelta

from perizinan.accounts.models import DEFAULT_SERVICE_HOURS, Office
from perizinan.workdays.calendar import WITA, Calendar, in_service_hours, to_wita

from .models import QueueService

LOOKAHEAD_DAYS = 60


def hours_of(service: QueueService, office: Office | None = None) -> dict[str, list[str]]:
    """The service's own hours, else the office's, else the SOP's (Mon–Thu 08–19, Fri 08–11)."""
    if service.service_hours:
        return service.service_hours
    office = office or service.office
    return office.service_hours or DEFAULT_SERVICE_HOURS


def is_open(moment: datetime, hours: dict[str, list[str]], calendar: Calendar) -> bool:
    return in_service_hours(moment, hours, calendar)


def next_opening(moment: datetime, hours: dict[str, list[str]], calendar: Calendar) -> datetime | None:
    """The first opening time strictly after `moment` (in WITA), or None within LOOKAHEAD_DAYS."""
    local = to_wita(moment)
    for offset in range(LOOKAHEAD_DAYS + 1):
        day = local.date() + timedelta(days=offset)
        span = hours.get(str(day.weekday()))
        if not span or not calendar.is_working_day(day):
            continue
        opens = datetime.combine(day, time.fromisoformat(span[0]), tzinfo=WITA)
        if opens > local:
            return opens
    return None
