"""Requests are refused by their headers before their body is read (docs/adr/0010).

- A body larger than `PERIZINAN_REQUEST_MAX_BYTES` (the largest upload plus room for the form)
  -> 413, and a non-multipart body (JSON, form) larger than `DATA_UPLOAD_MAX_MEMORY_SIZE` -> 413,
  both judged from `Content-Length` before anything is read, for anonymous callers too.
- A multipart body without its boundary -> 400.
The API answers with the contract's JSON error; pages with a short page. The proxy in front
(docs/operations) caps the body size as well, so a slow client never reaches a worker.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

API_PREFIX = "/api/"


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def error_response(request: HttpRequest, status: int, detail: str) -> HttpResponse:
    """The contract's JSON error for the API, a short page elsewhere."""
    if is_api(request):
        return JsonResponse({"detail": detail}, status=status)
    return render(request, "web/request_error.html", {"detail": detail, "status": status}, status=status)


def _too_large(request: HttpRequest) -> bool:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    if length > settings.PERIZINAN_REQUEST_MAX_BYTES:
        return True
    multipart = request.META.get("CONTENT_TYPE", "").startswith("multipart/")
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return not multipart and limit is not None and length > limit


def _multipart_without_boundary(request: HttpRequest) -> bool:
    content_type = request.META.get("CONTENT_TYPE", "")
    return content_type.startswith("multipart/") and "boundary=" not in content_type.replace(" ", "")


class RequestLimitsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _too_large(request):
            return error_response(request, 413, _("Permintaan terlalu besar."))
        if _multipart_without_boundary(request):
            return error_response(request, 400, _("Isi permintaan multipart tidak valid (tanpa boundary)."))
        return self.get_response(request)


# Django's error views for requests that never reach the API's own handlers (an unknown path,
# a refused body, a crash): JSON under /api/, the pages elsewhere (config/urls.py).


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_response(request, 400, _("Permintaan tidak valid."))


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if is_api(request):
        return error_response(request, 403, _("Anda tidak berwenang."))
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if is_api(request):
        return error_response(request, 404, _("Tidak ditemukan."))
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    if is_api(request):
        return JsonResponse({"detail": _("Terjadi kesalahan pada server.")}, status=500)
    return HttpResponse(
        "<!doctype html><title>500</title><h1>Terjadi kesalahan pada server / Server error</h1>",
        status=500,
    )
