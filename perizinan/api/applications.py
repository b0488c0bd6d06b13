from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile

from perizinan.accounts.permissions import has_role, is_officer
from perizinan.accounts.roles import SUPERVISING_ROLES
from perizinan.applications import presenters, services
from perizinan.applications.models import Document
from perizinan.applications.selectors import (
    COUNT_CAP,
    application_detail_for_user,
    application_rows,
    count_visible,
    get_application_for_user,
    may_create_applications,
)
from perizinan.catalog.selectors import get_permit_type, only_permit_type
from perizinan.errors import NotFound
from perizinan.workdays.calendar import today_wita
from perizinan.workflow.log import verify_chain

from . import paging
from .auth import AUTH, current_user
from .schemas import (
    MAX_OFFSET,
    PROTECTED,
    ApplicationIn,
    ApplicationOut,
    ApplicationSummary,
    ChainOut,
    ChecklistTickIn,
    DocumentOut,
    Error,
)

router = Router(tags=["applications"], auth=AUTH)


def _load(request: HttpRequest, pk: int):
    return get_application_for_user(current_user(request), pk)


def detail_of(request: HttpRequest, pk: int) -> dict[str, Any]:
    user = current_user(request)
    return presenters.detail(application_detail_for_user(user, pk), officer=is_officer(user))


@router.post("", response={201: ApplicationOut, **PROTECTED})
def create(request: HttpRequest, payload: ApplicationIn) -> Any:
    """Create a draft application (applicant, or customer service for a walk-in applicant)."""
    user = current_user(request)
    if not may_create_applications(user):  # before the body is looked at: a 403, not a 422
        raise PermissionDenied(services.CREATE_REFUSED)
    permit_type = get_permit_type(payload.permit_type) if payload.permit_type else only_permit_type()
    if permit_type is None:
        msg = _("Jenis izin tidak dikenal.") if payload.permit_type else _("Sebutkan kode jenis izin.")
        return Status(422, {"detail": f"permit_type: {msg}", "errors": {"permit_type": [msg]}})
    app = services.create_application(by=user, permit_type=permit_type, data=payload.dict())
    return Status(201, detail_of(request, app.pk))


@router.get("", response={200: list[ApplicationSummary], 401: Error, 422: Error})
def list_applications(
    request: HttpRequest,
    response: HttpResponse,
    state: str | None = None,
    limit: int = Query(100, description=paging.LIMIT_DOC),
    offset: int = Query(0, le=MAX_OFFSET, description=paging.OFFSET_DOC),
    after: str | None = Query(None, description=paging.AFTER_DOC, max_length=200),
) -> Any:
    """The applications the caller may see, newest first.

    Paged: `limit` (at most 500) with `offset`, or `after` (the `X-Next-Cursor` header of the
    previous page). Without `after`, `X-Total-Count` gives the number of matches when it is at
    most 10,000; above that the header is `X-Total-Count-Over: 10000` instead (counts stop there)."""
    user = current_user(request)
    limit, offset = paging.clamp(limit, offset, after)
    page = application_rows(user, state=state, limit=limit, offset=offset, after=after)
    paging.link_next(request, response, page)
    if not after:
        # A short page that is not empty (or the first page) holds the last row: its position
        # is the total, no count needed. Otherwise count (at most COUNT_CAP + 1 rows).
        if page.next is None and (page.rows or offset == 0):
            position = offset + len(page.rows)
            total: int | None = position if position <= COUNT_CAP else None
        else:
            total = count_visible(user, state=state, cap=COUNT_CAP)
        if total is None:
            response["X-Total-Count-Over"] = str(COUNT_CAP)
        else:
            response["X-Total-Count"] = str(total)
    shape = presenters.RowShaper(today=today_wita())
    return paging.rows_response(request, response, [shape(row) for row in page.rows])


@router.get("/{int:pk}", response={200: ApplicationOut, **PROTECTED})
def get(request: HttpRequest, pk: int) -> Any:
    """One application with its checklist, documents and process log."""
    return detail_of(request, pk)


@router.put("/{int:pk}", response={200: ApplicationOut, 409: Error, **PROTECTED})
def update(request: HttpRequest, pk: int, payload: ApplicationIn) -> Any:
    """Change the data of a draft or returned application (the applicant, or CS at the counter)."""
    services.update_application(application=_load(request, pk), by=current_user(request), data=payload.dict())
    return detail_of(request, pk)


@router.post("/{int:pk}/documents", response={201: DocumentOut, 409: Error, **PROTECTED})
def upload(request: HttpRequest, pk: int, requirement: Form[str], file: File[UploadedFile]) -> Any:
    """Upload the document for one requirement (PDF, JPEG or PNG, checked by content)."""
    doc = services.upload_document(
        application=_load(request, pk), by=current_user(request), requirement_number=requirement, upload=file
    )
    return Status(
        201,
        {
            "id": doc.pk,
            "requirement": doc.requirement.number,
            "sha256": doc.sha256,
            "size": doc.size,
            "content_type": doc.content_type,
            "original_name": doc.original_name,
            "uploaded_at": doc.uploaded_at,
        },
    )


@router.get("/{int:pk}/documents/{int:doc_id}", response={200: None, **PROTECTED})
def download(request: HttpRequest, pk: int, doc_id: int) -> Any:
    """The stored file, to those who may see the application."""
    app = _load(request, pk)
    doc = Document.objects.filter(application=app, pk=doc_id).first()
    if doc is None:
        raise NotFound
    response = FileResponse(doc.file.open("rb"), content_type=doc.content_type)
    response["Content-Disposition"] = f'inline; filename="{doc.requirement_id}-{doc.sha256[:12]}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@router.post("/{int:pk}/checklist/{int:number}", response={200: ApplicationOut, 409: Error, **PROTECTED})
def tick(request: HttpRequest, pk: int, number: int, payload: ChecklistTickIn) -> Any:
    """Customer service ticks one requirement of the checklist, with a note (step 4)."""
    services.tick_checklist(
        application=_load(request, pk),
        by=current_user(request),
        requirement_number=number,
        ticked=payload.ticked,
        note=payload.note,
    )
    return detail_of(request, pk)


@router.get("/{int:pk}/log/verify", response={200: ChainOut, **PROTECTED})
def verify_log(request: HttpRequest, pk: int) -> Any:
    """Check the hash chain of the process log (supervisors)."""
    user = current_user(request)
    app = _load(request, pk)
    if not has_role(user, SUPERVISING_ROLES):
        raise PermissionDenied(_("Hanya pengawas yang dapat memeriksa rantai log."))
    report = verify_chain(app.pk)
    return {
        "ok": report.ok,
        "entries": report.entries,
        "broken_seq": report.broken_seq,
        "reason": report.reason,
    }
