"""Paging of the API's lists (see ../shared/docs/api-contract.md): `limit` (1..500) with `offset`,
or `after` = the previous page's `next` cursor. The cursor of the next page comes back in the
`X-Next-Cursor` header and as a `Link: <...>; rel="next"` header; no header on the last page."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from perizinan.applications.keyset import Page

from .renderer import dumps

MAX_LIMIT = 500

LIMIT_DOC = "Rows per page, 1 to 500."
OFFSET_DOC = "Rows to skip (with `limit`); costs grow with the offset, prefer `after`."
AFTER_DOC = (
    "Cursor from the previous page's `next` (header `X-Next-Cursor`, or the `Link` header with "
    'rel="next"): the page after it, at constant cost at any depth. Not together with `offset`.'
)


def clamp(limit: int, offset: int, after: str | None) -> tuple[int, int]:
    if after and offset:
        raise ValidationError({"after": _("Pakai `offset` atau `after`, tidak keduanya.")})
    return max(1, min(limit, MAX_LIMIT)), max(offset, 0)


def link_next(request: HttpRequest, response: HttpResponse, page: Page) -> None:
    if page.next is None:
        return
    query = request.GET.copy()
    query.pop("offset", None)
    query["after"] = page.next
    response["X-Next-Cursor"] = page.next
    response["Link"] = f'<{request.path}?{query.urlencode()}>; rel="next"'


def rows_response(request: HttpRequest, response: HttpResponse, rows: list[dict]) -> HttpResponse:
    """The page written straight to JSON (the API's renderer, so the bytes are the same).

    The rows are shaped by the presenters exactly as the declared schema (tests/api/test_paging.py
    validates them against it); skipping pydantic's per-field re-validation of up to 500 rows
    halves the cost of a list request (docs/adr/0013-production-server.md)."""
    response.content = dumps(rows)
    return response
