"""The public complaint pages: the web form and the tracking page."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from perizinan import throttle
from perizinan.errors import NotFound

from . import selectors, services
from .forms import ComplaintForm
from .models import ComplaintChannel, SurveyResponse


def add_errors(form: ComplaintForm, exc: ValidationError) -> None:
    for name, messages in exc.message_dict.items():
        target = "email" if name == "contact" else name
        form.add_error(target if target in form.fields else None, messages)


@never_cache
@require_http_methods(["GET", "POST"])
def complaint_form(request: HttpRequest) -> HttpResponse:
    """File a complaint; identity optional, an e-mail or phone number required."""
    initial = {}
    reference = request.GET.get("survei", "").strip().upper()
    if reference and SurveyResponse.objects.filter(reference=reference).exists():
        initial["survey_reference"] = reference
    form = ComplaintForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            verdict = throttle.hit("complaint", address=throttle.address(request))
            if not verdict.allowed:
                form.add_error(None, _("Terlalu banyak kiriman dari alamat ini. Coba lagi nanti."))
                response = render(request, "feedback/complaint_form.html", {"form": form}, status=429)
                response["Retry-After"] = str(verdict.retry_after)
                return response
            try:
                complaint = services.file_complaint(channel=ComplaintChannel.WEB, **form.complaint(), by=None)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                return redirect(f"{_tracking_url(complaint.tracking_code)}?baru=1")
    return render(request, "feedback/complaint_form.html", {"form": form}, status=status)


def _tracking_url(code: str) -> str:
    return reverse("feedback:complaint_tracking_code", args=[code])


@never_cache
@require_GET
def tracking(request: HttpRequest) -> HttpResponse:
    """The tracking form: type the code, see the complaint."""
    code = services.normalise_code(request.GET.get("kode"))
    if code:
        return redirect("feedback:complaint_tracking_code", code=code)
    return render(request, "feedback/complaint_tracking.html", {})


@never_cache
@require_GET
def tracking_code(request: HttpRequest, code: str) -> HttpResponse:
    verdict = throttle.check("complaint_tracking", address=throttle.address(request))
    if not verdict.allowed:
        response = render(request, "feedback/complaint_tracking.html", {"throttled": True}, status=429)
        response["Retry-After"] = str(verdict.retry_after)
        return response
    try:
        complaint = selectors.complaint_by_tracking_code(code)
    except NotFound:
        throttle.hit("complaint_tracking", address=throttle.address(request))
        return render(
            request, "feedback/complaint_tracking.html", {"not_found": True, "code": code}, status=404
        )
    return render(
        request,
        "feedback/complaint_tracking.html",
        {
            "complaint": complaint,
            "events": complaint.events.all(),
            "new": request.GET.get("baru") == "1",
        },
    )


urlpatterns: list[URLPattern] = [
    path("pengaduan/", complaint_form, name="complaint_form"),
    path("pengaduan/lacak/", tracking, name="complaint_tracking"),
    path("pengaduan/lacak/<str:code>/", tracking_code, name="complaint_tracking_code"),
]
