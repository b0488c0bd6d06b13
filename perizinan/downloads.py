"""Responses that hand a generated file to the browser (shown in it, `inline`, or saved), and the
stamp a printed report carries."""

from typing import Any

from django.http import HttpResponse
from django.utils import timezone

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def file_response(content: bytes, *, content_type: str, filename: str, inline: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def print_stamp(user: Any) -> dict[str, Any]:
    """Who printed a report and when (its footer)."""
    return {"printed_at": timezone.now(), "printed_by": user.get_full_name() or user.username}
