"""Satisfaction survey (IKM, PermenPAN-RB 14/2017) and complaints: see ../shared/docs/api-contract.md."""

from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from perizinan import throttle
from perizinan.catalog.selectors import get_permit_type
from perizinan.errors import NotFound
from perizinan.feedback import access, presenters, selectors, services
from perizinan.feedback.models import ComplaintChannel, SurveyChannel
from perizinan.feedback.services import COMPLAINT_FIELDS

from .auth import AUTH, current_user
from .limits import LIMITED, too_many
from .schemas import Error

router = Router(tags=["feedback"])


class Profile(Schema):
    sex: str = ""
    age_group: str = ""
    education: str = ""
    occupation: str = ""


class SurveyIn(Schema):
    survey_code: str | None = Field(
        None, max_length=40, description="The code printed on the handover receipt"
    )
    answers: dict[str, Any] = Field(description='{"u1": 1-4, ..., "u9": 1-4}; 1 = worst, 4 = best')
    comment: str = Field("", max_length=2000)
    permit_type: str | None = Field(
        None, description="The service used (permit type code) when there is no code"
    )
    profile: Profile | None = None


class SurveyOut(Schema):
    reference: str
    survey_code: str | None
    permit_type: str | None
    submitted_at: datetime
    low_elements: list[str]
    complaint_url: str | None


@router.post(
    "/surveys",
    response={201: SurveyOut, 409: Error, 422: Error, **LIMITED},
    auth=None,
)
def submit_survey(request: HttpRequest, payload: SurveyIn) -> Any:
    """Answer the satisfaction survey (public). One response per survey code. Answers 1 or 2
    on any element come back in `low_elements` with the link to file a complaint."""
    verdict = throttle.hit("survey", address=throttle.address(request))
    if not verdict.allowed:
        return too_many(verdict)
    permit_type = None
    if payload.permit_type and not services.normalise_code(payload.survey_code):
        permit_type = get_permit_type(payload.permit_type)
        if permit_type is None:
            raise ValidationError({"permit_type": [_("Jenis izin tidak ditemukan.")]})
    response = services.submit_survey(
        answers=payload.answers,
        channel=SurveyChannel.CODE if services.normalise_code(payload.survey_code) else SurveyChannel.API,
        survey_code=payload.survey_code,
        permit_type=permit_type,
        profile=payload.profile.dict() if payload.profile else None,
        comment=payload.comment,
        by=None,
    )
    low = response.low_elements
    return Status(
        201,
        {
            "reference": response.reference,
            "survey_code": response.survey_code,
            "permit_type": response.permit_type.code if response.permit_type else None,
            "submitted_at": response.submitted_at,
            "low_elements": low,
            "complaint_url": (
                request.build_absolute_uri(reverse("feedback:complaint_form"))
                + f"?survei={response.reference}"
                if low
                else None
            ),
        },
    )


class ElementOut(Schema):
    code: str
    name: str
    nrr: float
    nrr_weighted: float
    converted: float
    flagged: bool


class BreakdownOut(Schema):
    group: str = Field(description='A permit type code or a profile value ("" = not stated)')
    label: str
    respondents: int
    ikm: float | None
    grade: str | None
    performance: str | None


class IkmOut(Schema):
    start: date = Field(alias="from")
    end: date = Field(alias="to")
    permit_type: str | None
    respondents: int
    population: int
    minimum_sample: int
    elements: list[ElementOut]
    ikm: float | None
    grade: str | None
    performance: str | None
    by_permit_type: list[BreakdownOut]
    by_group: dict[str, list[BreakdownOut]] = Field(description="sex, age_group, education, occupation")

    model_config = {"populate_by_name": True}


class IkmQuery(Schema):
    start: date | None = Field(None, alias="from")
    end: date | None = Field(None, alias="to")
    permit_type: str | None = None


@router.get("/ikm", response={200: IkmOut, 401: Error, 403: Error, 422: Error}, auth=AUTH, by_alias=True)
def ikm(request: HttpRequest, q: Query[IkmQuery]) -> Any:
    """The IKM of a period (the current semester by default), computed by PermenPAN-RB 14/2017:
    weight exactly 1/9 per element, x 25, two decimals; grades A >= 88.31, B >= 76.61,
    C >= 65.00, else D. For supervisors and the heads of section, division and office."""
    if not access.can_view_ikm(current_user(request)):
        raise PermissionDenied(str(access.IKM_ONLY_FOR_SUPERVISORS))
    start, end = selectors.period(q.start, q.end)
    permit_type = None
    if q.permit_type:
        permit_type = get_permit_type(q.permit_type)
        if permit_type is None:
            raise ValidationError({"permit_type": [_("Jenis izin tidak ditemukan.")]})
    report = selectors.ikm_report(start, end, permit_type)
    return {
        "from": start,
        "to": end,
        "permit_type": permit_type.code if permit_type else None,
        "population": report.population,
        "minimum_sample": report.minimum_sample,
        **presenters.ikm_dict(report.result),
        "by_permit_type": [
            presenters.breakdown_dict(b.code, b.label, b.result) for b in report.by_permit_type
        ],
        "by_group": {
            name: [presenters.breakdown_dict(b.code, b.label, b.result) for b in rows]
            for name, rows in report.by_group.items()
        },
    }


class ComplaintIn(Schema):
    category: str = Field(description="A category code, see GET /complaints/categories")
    description: str = Field(max_length=5000)
    name: str = Field("", max_length=150, description="Empty for an anonymous complaint")
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=30)
    registration_number: str = Field("", max_length=60)
    survey_reference: str = Field("", max_length=16)


class HistoryOut(Schema):
    action: str
    status: str
    status_label: str
    at: datetime


class ComplaintOut(Schema):
    tracking_code: str
    status: str
    status_label: str
    channel: str
    category: str
    category_name: str
    received_at: datetime
    due_date: date
    answer: str | None
    answered_at: datetime | None
    closed_at: datetime | None
    history: list[HistoryOut]


class CategoryOut(Schema):
    code: str
    name: str
    name_en: str
    deadline_working_days: int


@router.get("/complaints/categories", response={200: list[CategoryOut]}, auth=None)
def complaint_categories(request: HttpRequest) -> Any:
    """The complaint categories and the working days the office has to answer each."""
    return list(selectors.active_categories())


class CountOut(Schema):
    label: str
    count: int


class ComplaintStatsOut(Schema):
    start: date = Field(alias="from")
    end: date = Field(alias="to")
    total: int
    answered: int
    answered_on_time: int
    overdue: int
    by_status: list[CountOut]
    by_channel: list[CountOut]
    by_category: list[CountOut]

    model_config = {"populate_by_name": True}


class PeriodQuery(Schema):
    start: date | None = Field(None, alias="from")
    end: date | None = Field(None, alias="to")


@router.get(
    "/complaints/stats",
    response={200: ComplaintStatsOut, 401: Error, 403: Error, 422: Error},
    auth=AUTH,
    by_alias=True,
)
def complaint_stats(request: HttpRequest, q: Query[PeriodQuery]) -> Any:
    """Complaints received in a period (the current semester by default): per status, channel
    and category, answered on time, overdue. For the heads and the supervisor."""
    if not access.can_view_ikm(current_user(request)):
        raise PermissionDenied(str(access.IKM_ONLY_FOR_SUPERVISORS))
    start, end = selectors.period(q.start, q.end)
    figures = selectors.complaint_figures(start, end)
    return {
        "from": start,
        "to": end,
        **{k: figures[k] for k in ("total", "answered", "answered_on_time", "overdue")},
        **{
            k: [{"label": str(label), "count": n} for label, n in figures[k]]
            for k in ("by_status", "by_channel", "by_category")
        },
    }


@router.post("/complaints", response={201: ComplaintOut, 422: Error, **LIMITED}, auth=None)
def file_complaint(request: HttpRequest, payload: ComplaintIn) -> Any:
    """File a complaint (public). Identity is optional; an e-mail or phone number is required.
    The answer is shown at GET /complaints/{tracking_code}."""
    verdict = throttle.hit("complaint", address=throttle.address(request))
    if not verdict.allowed:
        return too_many(verdict)
    category = selectors.active_categories().filter(code=payload.category).first()
    if category is None:
        raise ValidationError({"category": [_("Kategori tidak dikenal.")]})
    fields = {name: getattr(payload, name) for name in COMPLAINT_FIELDS if name != "category"}
    complaint = services.file_complaint(channel=ComplaintChannel.WEB, category=category, **fields, by=None)
    return Status(201, presenters.public_complaint(complaint))


@router.get(
    "/complaints/{tracking_code}", response={200: ComplaintOut, 404: Error, 422: Error, **LIMITED}, auth=None
)
def complaint_status(request: HttpRequest, tracking_code: str) -> Any:
    """A complaint's status, history and answer, by its tracking code. Too many unknown codes
    from one address -> 429."""
    verdict = throttle.check("complaint_tracking", address=throttle.address(request))
    if not verdict.allowed:
        return too_many(verdict)
    try:
        complaint = selectors.complaint_by_tracking_code(tracking_code)
    except NotFound:
        throttle.hit("complaint_tracking", address=throttle.address(request))
        raise
    return presenters.public_complaint(complaint)
