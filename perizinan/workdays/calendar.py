"""Working days of the office and deadline arithmetic (in WITA).

A working day is Monday to Friday, except national holidays, collective leave (cuti
bersama, unless the office counts it as working) and office closures entered by an
administrator. `add_working_days(start, n)` is the n-th working day after `start`: the
start day itself is never counted, whether or not it is a working day.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.utils.dates import WEEKDAYS

from perizinan.accounts.models import DEFAULT_SERVICE_HOURS, Office
from perizinan.refcache import cached

from .models import OfficeClosure

WITA = ZoneInfo("Asia/Makassar")


@lru_cache(maxsize=64)
def _national(year: int, with_cuti_bersama: bool) -> dict[date, str]:
    categories = (holidays.PUBLIC, holidays.GOVERNMENT) if with_cuti_bersama else (holidays.PUBLIC,)
    return dict(holidays.country_holidays("ID", years=year, categories=categories, language="id"))


@dataclass(frozen=True)
class Calendar:
    """A snapshot of the rules: closures as a set, so arithmetic needs no queries."""

    cuti_bersama_is_working: bool = False
    closures: frozenset[date] = frozenset()

    def holiday_name(self, day: date) -> str | None:
        return _national(day.year, not self.cuti_bersama_is_working).get(day)

    def is_working_day(self, day: date) -> bool:
        if day.weekday() >= 5 or day in self.closures:
            return False
        return self.holiday_name(day) is None

    def add_working_days(self, start: date, days: int) -> date:
        if days < 0:
            raise ValueError("days must be >= 0")
        day, left = start, days
        while left:
            day += timedelta(days=1)
            if self.is_working_day(day):
                left -= 1
        return day

    def working_days_between(self, first: date, last: date) -> int:
        """Working days d with first < d <= last."""
        count, day = 0, first
        while day < last:
            day += timedelta(days=1)
            count += self.is_working_day(day)
        return count


def current_calendar() -> Calendar:
    """The calendar with the office's setting and closures (cached reference data, see
    perizinan/refcache.py; dropped whenever the office record or a closure changes)."""
    return cached("calendar", _load_calendar)


def _load_calendar() -> Calendar:
    office = Office.current()
    return Calendar(
        cuti_bersama_is_working=office.cuti_bersama_is_working,
        closures=frozenset(OfficeClosure.objects.values_list("date", flat=True)),
    )


class LazyCalendar(Calendar):
    """The current calendar, read from the database only when first used."""

    def __init__(self) -> None:
        self._loaded: Calendar | None = None

    def _get(self) -> Calendar:
        if self._loaded is None:
            self._loaded = current_calendar()
        return self._loaded

    def holiday_name(self, day: date) -> str | None:
        return self._get().holiday_name(day)

    def is_working_day(self, day: date) -> bool:
        return self._get().is_working_day(day)


def today_wita() -> date:
    return datetime.now(WITA).date()


def to_wita(moment: datetime) -> datetime:
    return moment.astimezone(WITA)


def group_service_hours(hours: dict[str, list[str]]) -> list[tuple[int, int, str, str]]:
    """Consecutive days with equal hours grouped: [(first_day, last_day, "08.00", "19.00"), ...] (0 = Monday)."""
    groups: list[tuple[int, int, str, str]] = []
    for day in range(7):
        span = hours.get(str(day))
        if not span:
            continue
        opens, closes = (t.replace(":", ".") for t in span)
        if groups and groups[-1][2:] == (opens, closes) and groups[-1][1] == day - 1:
            groups[-1] = (groups[-1][0], day, opens, closes)
        else:
            groups.append((day, day, opens, closes))
    return groups


def service_hour_lines(office: Office) -> list[str]:
    """The office's service hours (else the SOP's), `Senin–Kamis 08.00–19.00 WITA`, one line per
    group of days with equal hours, the days in the active language."""
    lines = []
    for first, last, opens, closes in group_service_hours(office.service_hours or DEFAULT_SERVICE_HOURS):
        days = str(WEEKDAYS[first]) if first == last else f"{WEEKDAYS[first]}–{WEEKDAYS[last]}"
        lines.append(f"{days} {opens}–{closes} WITA")
    return lines


def in_service_hours(moment: datetime, hours: dict[str, list[str]], calendar: Calendar) -> bool:
    local = to_wita(moment)
    if not calendar.is_working_day(local.date()):
        return False
    span = hours.get(str(local.weekday()))
    if not span:
        return False
    opens, closes = (time.fromisoformat(t) for t in span)
    return opens <= local.time() < closes
