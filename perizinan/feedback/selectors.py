"""Reads of the feedback app: the IKM of a period and its breakdowns, complaints and their figures."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from perizinan.accounts.models import User
from perizinan.catalog.models import PermitType
from perizinan.errors import NotFound
from perizinan.workdays.calendar import WITA, today_wita
from perizinan.workflow.models import RecordKind, StepRecord

from . import access
from .ikm import ELEMENT_FIELDS, IkmResult, compute_from_sums, minimum_sample
from .models import (
    AgeGroup,
    Complaint,
    ComplaintCategory,
    ComplaintChannel,
    ComplaintStatus,
    Education,
    Occupation,
    Sex,
    SurveyResponse,
)

GROUPS: dict[str, Any] = {"sex": Sex, "age_group": AgeGroup, "education": Education, "occupation": Occupation}
MAX_RANGE_DAYS = 3 * 366


def semester_of(day: date) -> tuple[date, date]:
    """The half year holding `day`: 1 January–30 June or 1 July–31 December."""
    if day.month <= 6:
        return date(day.year, 1, 1), date(day.year, 6, 30)
    return date(day.year, 7, 1), date(day.year, 12, 31)


def recent_semesters(count: int = 4) -> list[tuple[date, date]]:
    """The current semester and the ones before it, newest first (the report's quick choices)."""
    start, end = semester_of(today_wita())
    out = [(start, end)]
    while len(out) < count:
        start, end = semester_of(start - timedelta(days=1))
        out.append((start, end))
    return out


def period(start: date | None, end: date | None) -> tuple[date, date]:
    """The period asked for; the current semester when either end is missing."""
    if start is None or end is None:
        return semester_of(today_wita())
    if start > end:
        raise ValidationError({"from": [_("Tanggal awal harus sebelum tanggal akhir.")]})
    if (end - start).days > MAX_RANGE_DAYS:
        raise ValidationError({"to": [_("Rentang paling lama tiga tahun.")]})
    return start, end


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    return datetime.combine(start, time.min, WITA), datetime.combine(end + timedelta(days=1), time.min, WITA)


def responses_in(start: date, end: date, permit_type: PermitType | None = None) -> QuerySet[SurveyResponse]:
    lo, hi = _bounds(start, end)
    qs = SurveyResponse.objects.filter(submitted_at__gte=lo, submitted_at__lt=hi)
    return qs.filter(permit_type=permit_type) if permit_type is not None else qs


def ikm_of(qs: QuerySet[SurveyResponse]) -> IkmResult:
    """The index of a set of responses, summed in the database (one query)."""
    sums = qs.aggregate(n=Count("id"), **{f: Sum(f) for f in ELEMENT_FIELDS})
    n = sums.pop("n")
    return compute_from_sums(n, {f: sums[f] or 0 for f in ELEMENT_FIELDS}, dict.fromkeys(ELEMENT_FIELDS, n))


def population(start: date, end: date, permit_type: PermitType | None = None) -> int:
    """Service users of the period: the licences handed over (each handover prints a survey code)."""
    lo, hi = _bounds(start, end)
    qs = StepRecord.objects.filter(kind=RecordKind.HANDOVER_RECEIPT, created_at__gte=lo, created_at__lt=hi)
    if permit_type is not None:
        qs = qs.filter(application__permit_type=permit_type)
    return qs.count()


@dataclass
class Breakdown:
    label: str
    result: IkmResult
    code: str = ""  # the permit type code or the profile value ("" = not stated)


@dataclass
class IkmReport:
    start: date
    end: date
    permit_type: PermitType | None
    result: IkmResult
    population: int
    minimum_sample: int
    by_permit_type: list[Breakdown] = field(default_factory=list)
    by_group: dict[str, list[Breakdown]] = field(default_factory=dict)
    comments: list[SurveyResponse] = field(default_factory=list)
    complaints: dict[str, Any] = field(default_factory=dict)

    @property
    def sample_reached(self) -> bool:
        return self.result.respondents >= self.minimum_sample

    def groups(self) -> list[tuple[str, list[Breakdown]]]:
        return [(str(GROUP_TITLES[name]), rows) for name, rows in self.by_group.items()]


GROUP_TITLES = {
    "sex": gettext_lazy("Jenis kelamin"),
    "age_group": gettext_lazy("Kelompok umur"),
    "education": gettext_lazy("Pendidikan"),
    "occupation": gettext_lazy("Pekerjaan"),
}


def ikm_by(qs: QuerySet[SurveyResponse], column: str) -> dict[Any, IkmResult]:
    """The index of each value of `column` (one grouped query)."""
    rows = qs.order_by().values(column).annotate(n=Count("id"), **{f"s_{f}": Sum(f) for f in ELEMENT_FIELDS})
    return {
        row[column]: compute_from_sums(
            row["n"], {f: row[f"s_{f}"] or 0 for f in ELEMENT_FIELDS}, dict.fromkeys(ELEMENT_FIELDS, row["n"])
        )
        for row in rows
    }


def ikm_report(start: date, end: date, permit_type: PermitType | None = None) -> IkmReport:
    """The report of a period: the index, per service, per respondent group, the sample, the
    comments and the complaint figures (a fixed number of queries whatever the data)."""
    qs = responses_in(start, end, permit_type)
    pop = population(start, end, permit_type)
    report = IkmReport(start, end, permit_type, ikm_of(qs), pop, minimum_sample(pop))
    per_type = ikm_by(qs, "permit_type")
    for pt in PermitType.objects.filter(pk__in=[k for k in per_type if k is not None]).order_by("code"):
        report.by_permit_type.append(Breakdown(pt.code, per_type[pt.pk], pt.code))
    if None in per_type:
        report.by_permit_type.append(Breakdown(_("Tidak disebutkan"), per_type[None]))
    for name, choices in GROUPS.items():
        per_value = ikm_by(qs, name)
        report.by_group[name] = [
            Breakdown(str(label), per_value[value], value)
            for value, label in [*choices.choices, ("", _("Tidak disebutkan"))]
            if value in per_value
        ]
    report.comments = list(qs.exclude(comment="").order_by("-submitted_at")[:50])
    report.complaints = complaint_figures(start, end)
    return report


def complaint_figures(start: date, end: date) -> dict[str, Any]:
    """Complaints received in the period: totals per status, channel and category, and on time."""
    lo, hi = _bounds(start, end)
    qs = Complaint.objects.filter(received_at__gte=lo, received_at__lt=hi)
    by_status = dict(qs.order_by().values_list("status").annotate(n=Count("id")))
    by_channel = dict(qs.order_by().values_list("channel").annotate(n=Count("id")))
    by_category = list(
        ComplaintCategory.objects.annotate(
            n=Count("complaint", filter=Q(complaint__received_at__gte=lo, complaint__received_at__lt=hi))
        ).filter(n__gt=0)
    )
    answered = qs.exclude(answered_at=None)
    on_time = len(
        [
            a
            for a, d in answered.values_list("answered_at", "due_date")
            if a and a.astimezone(WITA).date() <= d
        ]
    )
    return {
        "total": qs.count(),
        "by_status": [(s.label, by_status.get(s.value, 0)) for s in ComplaintStatus],
        "by_channel": [
            (c.label, by_channel.get(c.value, 0)) for c in ComplaintChannel if by_channel.get(c.value)
        ],
        "by_category": [(c.name, c.n) for c in by_category],
        "answered": answered.count(),
        "answered_on_time": on_time,
        "overdue": qs.filter(answered_at=None, due_date__lt=today_wita()).count(),
    }


# --- complaints ------------------------------------------------------------------------------


def active_categories() -> QuerySet[ComplaintCategory]:
    return ComplaintCategory.objects.filter(active=True)


def complaint_by_tracking_code(code: str) -> Complaint:
    """The public view of one complaint: by its tracking code only."""
    code = "".join((code or "").split()).upper()
    c = Complaint.objects.select_related("category").filter(tracking_code=code).first() if code else None
    if c is None:
        raise NotFound
    return c


def complaints_for(user: User) -> QuerySet[Complaint]:
    """The complaints an officer may see: all for the complaint roles, nothing for others."""
    if not access.can_handle(user):
        return Complaint.objects.none()
    return Complaint.objects.select_related("category", "assigned_to")


def complaint_for(user: User, pk: int) -> Complaint:
    c = complaints_for(user).filter(pk=pk).first()
    if c is None:
        raise NotFound
    return c


def complaint_officers() -> QuerySet[User]:
    """The officers a complaint may be assigned to."""
    names = [r.value for r in access.COMPLAINT_ROLES]
    return User.objects.filter(is_active=True, groups__name__in=names).distinct().order_by("username")
