"""The filters every report shares: a period of WITA days, a permit type and an application kind."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from perizinan.catalog.models import ApplicationKind, PermitType
from perizinan.workdays.calendar import today_wita

WITA = ZoneInfo("Asia/Makassar")
MAX_DAYS = 3 * 366  # a report never spans more than three years


@dataclass(frozen=True)
class Filters:
    start: date
    end: date  # inclusive
    permit_type: str = ""  # a permit type code, "" = all
    kind: str = ""  # an application kind, "" = all

    @property
    def span(self) -> tuple[datetime, datetime]:
        """[start 00:00 WITA, the day after end 00:00 WITA) as aware datetimes."""
        return (
            datetime.combine(self.start, time.min, tzinfo=WITA),
            datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=WITA),
        )

    def at(self, field: str) -> Q:
        """`field` (a datetime) falls in the period."""
        lo, hi = self.span
        return Q(**{f"{field}__gte": lo, f"{field}__lt": hi})

    def on(self, field: str) -> Q:
        """`field` (a date) falls in the period."""
        return Q(**{f"{field}__gte": self.start, f"{field}__lte": self.end})

    def apps(self, prefix: str = "") -> Q:
        """The permit-type and kind filter on an application (reached through `prefix`)."""
        q = Q()
        if self.permit_type:
            q &= Q(**{f"{prefix}permit_type__code": self.permit_type})
        if self.kind:
            q &= Q(**{f"{prefix}kind": self.kind})
        return q

    def query(self) -> dict[str, str]:
        """The filters as query-string parameters (for links and exports)."""
        out = {"from": self.start.isoformat(), "to": self.end.isoformat()}
        if self.permit_type:
            out["permit_type"] = self.permit_type
        if self.kind:
            out["kind"] = self.kind
        return out


def default_period(today: date | None = None) -> tuple[date, date]:
    """The last twelve months up to today."""
    today = today or today_wita()
    return today - timedelta(days=364), today


def parse_date(raw: Any, field: str) -> date | None:
    if raw in (None, ""):
        return None
    if isinstance(raw, date):
        return raw
    try:
        return date.fromisoformat(str(raw))
    except ValueError:
        raise ValidationError({field: _("Tanggal tidak valid (format YYYY-MM-DD).")}) from None


def parse_filters(params: Any) -> Filters:
    """Read from/to/permit_type/kind; ValidationError naming the field on bad input."""
    start_default, end_default = default_period()
    start = parse_date(params.get("from"), "from") or start_default
    end = parse_date(params.get("to"), "to") or end_default
    if end < start:
        raise ValidationError({"to": _("Tanggal akhir tidak boleh sebelum tanggal awal.")})
    if (end - start).days > MAX_DAYS:
        raise ValidationError({"to": _("Periode laporan paling lama tiga tahun.")})
    permit_type = (params.get("permit_type") or "").strip()
    if permit_type and not PermitType.objects.filter(code=permit_type).exists():
        raise ValidationError({"permit_type": _("Jenis izin tidak dikenal.")})
    kind = (params.get("kind") or "").strip()
    if kind and kind not in ApplicationKind.values:
        raise ValidationError({"kind": _("Jenis permohonan tidak dikenal.")})
    return Filters(start=start, end=end, permit_type=permit_type, kind=kind)


def semester_period(year: int, semester: int) -> tuple[date, date]:
    if semester == 1:
        return date(year, 1, 1), date(year, 6, 30)
    return date(year, 7, 1), date(year, 12, 31)


def parse_semester(params: Any, today: date | None = None) -> tuple[int, int]:
    """Read year and semester (1 or 2); default: the current semester."""
    today = today or today_wita()
    try:
        year = int(params.get("year") or today.year)
    except ValueError:
        raise ValidationError({"year": _("Tahun tidak valid.")}) from None
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": _("Tahun tidak valid.")})
    try:
        semester = int(params.get("semester") or (1 if today.month <= 6 else 2))
    except ValueError:
        raise ValidationError({"semester": _("Semester harus 1 atau 2.")}) from None
    if semester not in (1, 2):
        raise ValidationError({"semester": _("Semester harus 1 atau 2.")})
    return year, semester
