from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from perizinan.catalog.models import ApplicationKind
from perizinan.catalog.profile import Profile
from perizinan.catalog.selectors import active_permit_types, get_permit_type, requirements_for
from perizinan.workdays.calendar import current_calendar

from .schemas import DeadlineOut, Error, PermitTypeOut, RequirementOut

router = Router(tags=["catalogue"])


@router.get("/permit-types", response={200: list[PermitTypeOut]}, auth=None)
def permit_types(request: HttpRequest) -> Any:
    """The permit types the office issues."""
    return [
        {
            **{f: getattr(p, f) for f in PermitTypeOut.model_fields if f not in {"technical_agency", "fee"}},
            "fee": int(p.fee),
            "technical_agency": p.technical_agency,
        }
        for p in active_permit_types()
    ]


class RequirementQuery(Schema):
    kind: str = "new"
    foreign_investment: bool = False
    electromedical: bool = False
    radiation: bool = False
    technicians: bool = False
    agent: bool = False
    delegated_signing: bool = False


@router.get(
    "/permit-types/{code}/requirements",
    response={200: list[RequirementOut], 404: Error, 422: Error},
    auth=None,
)
def requirements(request: HttpRequest, code: str, q: Query[RequirementQuery]) -> Any:
    """The requirements that apply to a profile, in SOP order."""
    permit_type = get_permit_type(code)
    if permit_type is None:
        return Status(404, {"detail": _("Jenis izin tidak ditemukan.")})
    if q.kind not in ApplicationKind.values or q.kind not in permit_type.kinds:
        return Status(
            422,
            {
                "detail": _("kind: jenis permohonan tidak dikenal."),
                "errors": {"kind": [_("Jenis permohonan tidak dikenal.")]},
            },
        )
    return requirements_for(permit_type, Profile(**q.dict()))


@router.get("/workdays/deadline", response={200: DeadlineOut, 422: Error}, auth=None)
def deadline(request: HttpRequest, start: date, days: int) -> Any:
    """The N-th working day after `start` (the start day is never counted)."""
    if days < 0 or days > 3650:
        return Status(
            422,
            {
                "detail": _("days: harus antara 0 dan 3650."),
                "errors": {"days": [_("Harus antara 0 dan 3650.")]},
            },
        )
    return {"start": start, "days": days, "deadline": current_calendar().add_working_days(start, days)}
