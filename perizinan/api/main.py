"""The HTTP API v1 (see ../shared/docs/api-contract.md). Errors are {"detail": "...", "errors": {...}}."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from perizinan.api.feedback import router as feedback_router
from perizinan.errors import Conflict, NotFound

from . import (
    actions,
    applications,
    auth,
    catalog,
    generated,
    health,
    licences,
    queue,
    reports,
    status,
    tasks,
)
from .renderer import Renderer


def _docs_access(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The docs page (/api/v1/docs) needs a signed-in user in production; the schema is public.
    (django-ninja puts one decorator on both views.)"""
    protected = login_required(view)

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if settings.PERIZINAN_API_DOCS_PUBLIC or request.path.endswith("/openapi.json"):
            return view(request, *args, **kwargs)
        return protected(request, *args, **kwargs)

    return guarded


class PerizinanAPI(NinjaAPI):
    """The API whose document declares the 400 of a body that cannot be parsed (any operation
    that reads one: django-ninja answers it before the view runs, so no route declares it)."""

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        bad_body = {
            "description": "Bad Request",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }
        for operations in schema["paths"].values():
            for operation in operations.values():
                responses = operation["responses"]
                if "requestBody" in operation and 400 not in responses and "400" not in responses:
                    responses[400] = bad_body
        return schema


api = PerizinanAPI(
    docs_decorator=_docs_access,
    title="Perizinan API",
    version="1",
    description="The licensing system of a one-stop licensing office (DPMPTSP): catalogue, applications, the 17 SOP steps, tasks, licences.",
    urls_namespace="api-v1",
    renderer=Renderer(),
)


def _error(
    request: HttpRequest, status: int, detail: str, errors: dict[str, list[str]] | None = None
) -> HttpResponse:
    body: dict[str, Any] = {"detail": detail}
    if errors:
        body["errors"] = errors
    return api.create_response(request, body, status=status)


@api.exception_handler(NotFound)
def _not_found(request: HttpRequest, exc: NotFound) -> HttpResponse:
    return _error(request, 404, _("Tidak ditemukan."))


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, 403, str(exc) or _("Anda tidak berwenang."))


@api.exception_handler(Conflict)
def _conflict(request: HttpRequest, exc: Conflict) -> HttpResponse:
    return _error(request, 409, str(exc))


@api.exception_handler(DjangoValidationError)
def _invalid(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    first_field, messages = next(iter(errors.items()))
    return _error(request, 422, f"{first_field}: {messages[0]}", errors)


@api.exception_handler(NinjaValidationError)
def _schema_invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for err in exc.errors:
        loc = [
            str(p)
            for p in err.get("loc", [])
            if p not in ("body", "payload", "query", "q", "path", "form", "file")
        ]
        errors.setdefault(".".join(loc) or "__all__", []).append(err.get("msg", ""))
    first_field, messages = next(iter(errors.items())) if errors else ("__all__", [""])
    return _error(request, 422, f"{first_field}: {messages[0]}", errors)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, 401, _("Diperlukan autentikasi."))


@api.exception_handler(RequestDataTooBig)
def _too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return _error(request, 413, _("Permintaan terlalu besar."))


@api.exception_handler(MultiPartParserError)
def _bad_multipart(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
    return _error(request, 400, _("Isi permintaan multipart tidak valid."))


# django-ninja's answer to a body it cannot parse (in English, before the view runs).
UNPARSABLE_BODY = "Cannot parse request body"


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 400 and str(exc).startswith(UNPARSABLE_BODY):
        return _error(request, 400, _("Isi permintaan bukan JSON yang valid."))
    return _error(request, exc.status_code, str(exc))


api.add_router("/health", health.router)
api.add_router("/auth", auth.router)
api.add_router("/", catalog.router)
api.add_router("/applications", applications.router)
api.add_router("/applications", actions.router)
api.add_router("/applications", generated.router)
api.add_router("/tasks", tasks.router)
api.add_router("/licences", licences.router)
api.add_router("/status", status.router)
api.add_router("/", feedback_router)
api.add_router("/queue", queue.router)
api.add_router("/reports", reports.router)
