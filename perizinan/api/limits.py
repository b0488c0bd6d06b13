"""The API's side of the throttle (perizinan/throttle.py): a 429 with Retry-After in the contract's JSON."""

from django.http import JsonResponse
from django.utils.translation import gettext as _

from perizinan import throttle

from .schemas import Error

LIMITED = {429: Error}


def too_many(verdict: throttle.Verdict) -> JsonResponse:
    response = JsonResponse(
        {
            "detail": _("Terlalu banyak percobaan. Coba lagi dalam %(seconds)s detik.")
            % {"seconds": verdict.retry_after}
        },
        status=429,
    )
    response["Retry-After"] = str(verdict.retry_after)
    return response
