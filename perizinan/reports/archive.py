"""The archive: every application an officer may see, in any state, filtered, sorted, exported."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext as _

from perizinan.accounts.models import User
from perizinan.applications.models import Application
from perizinan.applications.selectors import visible_applications
from perizinan.catalog.models import ApplicationKind
from perizinan.workdays.calendar import today_wita
from perizinan.workflow.states import State

from .filters import Filters, parse_date
from .selectors import overdue_q

# ?sort= value -> the ordering (a leading "-" in the value reverses it).
SORTS = {
    "created": "created_at",
    "registration": "registration_number",
    "company": "company__name",
    "state": "state",
    "due": "due_date",
    "completed": "completed_at",
}
DEFAULT_SORT = "-created"


@dataclass(frozen=True)
class ArchiveQuery:
    start: date | None = None
    end: date | None = None
    state: str = ""
    kind: str = ""
    company: str = ""
    q: str = ""
    overdue: bool = False
    sort: str = DEFAULT_SORT

    def params(self) -> dict[str, str]:
        """The query as query-string parameters (pagination and export links)."""
        out = {
            "from": self.start.isoformat() if self.start else "",
            "to": self.end.isoformat() if self.end else "",
            "state": self.state,
            "kind": self.kind,
            "company": self.company,
            "q": self.q,
            "overdue": "1" if self.overdue else "",
            "sort": self.sort,
        }
        return {k: v for k, v in out.items() if v}


def parse_archive(params: Any) -> ArchiveQuery:
    start, end = parse_date(params.get("from"), "from"), parse_date(params.get("to"), "to")
    if start and end and end < start:
        raise ValidationError({"to": _("Tanggal akhir tidak boleh sebelum tanggal awal.")})
    state = (params.get("state") or "").strip()
    if state and state not in State.values:
        raise ValidationError({"state": _("Status tidak dikenal.")})
    kind = (params.get("kind") or "").strip()
    if kind and kind not in ApplicationKind.values:
        raise ValidationError({"kind": _("Jenis permohonan tidak dikenal.")})
    sort = (params.get("sort") or DEFAULT_SORT).strip()
    if sort.lstrip("-") not in SORTS:
        raise ValidationError({"sort": _("Urutan tidak dikenal.")})
    return ArchiveQuery(
        start=start,
        end=end,
        state=state,
        kind=kind,
        company=(params.get("company") or "").strip()[:200],
        q=(params.get("q") or "").strip()[:100],
        overdue=params.get("overdue") == "1",
        sort=sort,
    )


def archive(user: User, a: ArchiveQuery) -> QuerySet[Application]:
    """Applications `user` may see (handed in, any state), filtered and sorted by `a`."""
    qs = visible_applications(user).filter(submitted_at__isnull=False)  # the office received it
    if a.start or a.end:
        f = Filters(start=a.start or date(2000, 1, 1), end=a.end or date(2100, 12, 31))
        qs = qs.filter(f.at("created_at"))
    if a.state:
        qs = qs.filter(state=a.state)
    if a.kind:
        qs = qs.filter(kind=a.kind)
    if a.company:
        digits = "".join(ch for ch in a.company if ch.isdigit())
        cond = Q(company__name__icontains=a.company)
        if len(digits) >= 6:
            cond |= Q(company__nib__startswith=digits) | Q(company__npwp__startswith=digits)
        qs = qs.filter(cond)
    if a.q:
        qs = qs.filter(Q(registration_number__icontains=a.q) | Q(licence__number__icontains=a.q))
    if a.overdue:
        qs = qs.exclude(state__in=[State.DRAFT]).filter(overdue_q(today_wita()))
    field = SORTS[a.sort.lstrip("-")]
    order = F(field).desc(nulls_last=True) if a.sort.startswith("-") else F(field).asc(nulls_last=True)
    return qs.select_related("company", "permit_type", "licence").order_by(order, "-id")
