"""The public survey pages: by the code of the handover receipt, by the public link, and on
the kiosk tablet at the counter (which returns to an empty form after each respondent)."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from perizinan import throttle
from perizinan.errors import Conflict

from . import services
from .forms import SurveyForm
from .ikm import ELEMENTS
from .models import SurveyChannel, SurveyResponse


def _survey_page(
    request: HttpRequest, *, channel: str, code: str = "", with_code_field: bool = True
) -> HttpResponse:
    kiosk = channel == SurveyChannel.KIOSK
    record = services.handover_for_code(code) if code else None
    if code and record is None:
        raise Http404
    used = bool(code) and SurveyResponse.objects.filter(survey_code=code).exists()
    form = SurveyForm(request.POST or None, with_code=with_code_field)
    status = 200
    if request.method == "POST" and not used and form.is_valid():
        verdict = throttle.hit("survey", address=throttle.address(request))
        if not verdict.allowed:
            form.add_error(None, _("Terlalu banyak kiriman dari alamat ini. Coba lagi nanti."))
            response = render(
                request, "feedback/survey.html", _context(form, kiosk, code, record, used), status=429
            )
            response["Retry-After"] = str(verdict.retry_after)
            return response
        given_code = code or form.cleaned_data.get("survey_code", "")
        try:
            saved = services.submit_survey(
                answers=form.answers(),
                channel=SurveyChannel.CODE if given_code and not kiosk else channel,
                survey_code=given_code,
                permit_type=form.cleaned_data.get("permit_type"),
                profile=form.profile(),
                comment=form.cleaned_data.get("comment", ""),
                by=None,
            )
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                form.add_error(name if name in form.fields else None, messages)
        except Conflict as exc:
            form.add_error("survey_code" if "survey_code" in form.fields else None, str(exc))
        else:
            name = "feedback:kiosk_thanks" if kiosk else "feedback:survey_thanks"
            return redirect(reverse(name, args=[saved.reference]))
    if request.method == "POST":
        status = 409 if used else 422
    return render(request, "feedback/survey.html", _context(form, kiosk, code, record, used), status=status)


def _context(form: SurveyForm, kiosk: bool, code: str, record, used: bool) -> dict:
    return {
        "form": form,
        "kiosk": kiosk,
        "code": code,
        "service": record.application.permit_type if record else None,
        "used": used,
        "elements": ELEMENTS,
    }


@never_cache
@require_http_methods(["GET", "POST"])
def survey(request: HttpRequest) -> HttpResponse:
    """The public link: anyone may answer; a survey code typed in links the answer to its service."""
    code = services.normalise_code(request.GET.get("kode"))
    if code and request.method == "GET":
        return redirect("feedback:survey_code", code=code)
    return _survey_page(request, channel=SurveyChannel.LINK)


@never_cache
@require_http_methods(["GET", "POST"])
def survey_by_code(request: HttpRequest, code: str) -> HttpResponse:
    """The survey for the code printed on the handover receipt (one response per code)."""
    return _survey_page(
        request, channel=SurveyChannel.CODE, code=services.normalise_code(code), with_code_field=False
    )


@never_cache
@require_http_methods(["GET", "POST"])
def kiosk(request: HttpRequest) -> HttpResponse:
    """The kiosk tablet at the counter: large controls, back to an empty form after each answer."""
    return _survey_page(request, channel=SurveyChannel.KIOSK)


def _thanks(request: HttpRequest, reference: str, *, kiosk: bool) -> HttpResponse:
    response = SurveyResponse.objects.filter(reference=reference).first()
    if response is None:
        raise Http404
    low = [e for e in ELEMENTS if e.code in response.low_elements]
    return render(request, "feedback/survey_thanks.html", {"response": response, "low": low, "kiosk": kiosk})


@require_GET
def survey_thanks(request: HttpRequest, reference: str) -> HttpResponse:
    return _thanks(request, reference, kiosk=False)


@require_GET
def kiosk_thanks(request: HttpRequest, reference: str) -> HttpResponse:
    return _thanks(request, reference, kiosk=True)


urlpatterns: list[URLPattern] = [
    path("survei/", survey, name="survey"),
    path("survei/kode/<str:code>/", survey_by_code, name="survey_code"),
    path("survei/kios/", kiosk, name="kiosk"),
    path("survei/terima-kasih/<str:reference>/", survey_thanks, name="survey_thanks"),
    path("survei/kios/terima-kasih/<str:reference>/", kiosk_thanks, name="kiosk_thanks"),
]
