"""Information desk (consultation log, enquiry search, forms by e-mail) and help desk pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from perizinan.accounts.models import User
from perizinan.accounts.permissions import has_role, signed_in_user
from perizinan.catalog.selectors import active_permit_types
from perizinan.errors import Conflict, NotFound
from perizinan.workflow.states import STATE_STEP, State

from . import selectors_desk, services_desk
from .forms import ConsultationForm, EnquiryForm, HelpdeskRequestForm, HelpdeskResultForm, MailFormsForm
from .permissions import (
    DESK_ROLES,
    HELPDESK_READ_ROLES,
    HELPDESK_REQUEST_ROLES,
    HELPDESK_ROLES,
    STATS_ROLES,
    services_of,
)


def _user(request: HttpRequest) -> User:
    return signed_in_user(request)


def _require(request: HttpRequest, roles: frozenset) -> None:
    if not has_role(_user(request), roles):
        raise PermissionDenied


def _add_errors(form, exc: ValidationError) -> None:
    for field, errs in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errs)


@login_required
@require_GET
def hub(request: HttpRequest) -> HttpResponse:
    """The front office's start page: the tools of one's roles."""
    user = _user(request)
    if not (services_of(user) or has_role(user, DESK_ROLES | HELPDESK_READ_ROLES)):
        raise PermissionDenied
    return render(
        request,
        "frontoffice/hub.html",
        {
            "can_queue": bool(services_of(user)),
            "is_desk": has_role(user, DESK_ROLES),
            "sees_helpdesk": has_role(user, HELPDESK_READ_ROLES),
            "sees_stats": has_role(user, STATS_ROLES),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def consultations(request: HttpRequest) -> HttpResponse:
    """The information desk's consultation log (SOP step 2): record one, see today's."""
    _require(request, DESK_ROLES)
    form = ConsultationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                services_desk.log_consultation(
                    by=_user(request),
                    visitor_name=d["visitor_name"],
                    visitor_contact=d["visitor_contact"],
                    channel=d["channel"],
                    topic=d["topic"],
                    permit_type=d["permit_type"],
                    duration_minutes=d["duration_minutes"],
                    explanation=d["explanation"],
                    outcome=d["outcome"],
                    feedback=d["feedback"],
                    feedback_note=d["feedback_note"],
                    ticket=d["ticket_number"],
                )
                messages.success(request, _("Konsultasi dicatat."))
                return redirect(reverse("frontoffice:consultations"))
            except ValidationError as exc:
                _add_errors(form, exc)
        status = 400
    rows = selectors_desk.info_consultations(_user(request))[:50]
    return render(request, "frontoffice/consultations.html", {"form": form, "rows": rows}, status=status)


@login_required
@require_GET
def enquiry(request: HttpRequest) -> HttpResponse:
    """Read-only search over every application, to answer a visitor's or caller's question."""
    _require(request, DESK_ROLES)
    form = EnquiryForm(request.GET or None)
    results = []
    if form.is_bound and form.is_valid():
        results = [
            {"app": a, "step": STATE_STEP.get(a.state), "state_label": State(a.state).label}
            for a in selectors_desk.enquiry_search(_user(request), form.cleaned_data["q"])
        ]
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "frontoffice/enquiry.html", {"form": form, "results": results}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def mail_forms(request: HttpRequest) -> HttpResponse:
    """E-mail the requirements checklist and blank forms to someone not present (step 2)."""
    _require(request, DESK_ROLES)
    form = MailFormsForm(
        request.POST or None, initial={"kind": "new", "permit_type": active_permit_types().first()}
    )
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                services_desk.mail_forms(
                    by=_user(request),
                    email=d["email"],
                    permit_type=d["permit_type"],
                    kind=d["kind"],
                    forms=d["forms"],
                )
                messages.success(request, _("Formulir akan dikirim ke %(email)s.") % {"email": d["email"]})
                return redirect(reverse("frontoffice:mail_forms"))
            except ValidationError as exc:
                _add_errors(form, exc)
        return render(request, "frontoffice/mail_forms.html", {"form": form}, status=400)
    return render(request, "frontoffice/mail_forms.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def helpdesk(request: HttpRequest) -> HttpResponse:
    """Help-desk consultations (step 5): CS asks, the help desk answers; both see them."""
    _require(request, HELPDESK_READ_ROLES)
    user = _user(request)
    form = HelpdeskRequestForm(request.POST or None)
    status = 200
    if request.method == "POST":
        _require(request, HELPDESK_REQUEST_ROLES)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services_desk.request_helpdesk(
                    by=user,
                    topic=d["topic"],
                    visitor_name=d["visitor_name"],
                    application=d["application"],
                    ticket=d["ticket_number"],
                )
                messages.success(request, _("Permintaan konsultasi dikirim ke help desk."))
                return redirect(reverse("frontoffice:helpdesk"))
            except ValidationError as exc:
                _add_errors(form, exc)
        status = 400
    app_filter = request.GET.get("application")
    rows = selectors_desk.helpdesk_consultations(
        user, application_id=int(app_filter) if app_filter and app_filter.isdigit() else None
    )[:100]
    return render(
        request,
        "frontoffice/helpdesk.html",
        {
            "form": form,
            "rows": [(c, selectors_desk.against_standard(c)) for c in rows],
            "can_request": has_role(user, HELPDESK_REQUEST_ROLES),
            "can_answer": has_role(user, HELPDESK_ROLES),
            "result_form": HelpdeskResultForm(),
        },
        status=status,
    )


@login_required
@require_POST
def helpdesk_complete(request: HttpRequest, pk: int) -> HttpResponse:
    """The help desk records its answer and the time it took."""
    _require(request, HELPDESK_ROLES)
    try:
        consultation = selectors_desk.helpdesk_consultation(_user(request), pk)
    except NotFound:
        raise Http404 from None
    form = HelpdeskResultForm(request.POST)
    if not form.is_valid():
        for field, errs in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {errs[0]}")
        return redirect(reverse("frontoffice:helpdesk"))
    try:
        services_desk.complete_helpdesk(consultation=consultation, by=_user(request), **form.cleaned_data)
        messages.success(request, _("Hasil konsultasi dicatat."))
    except (Conflict, ValidationError) as exc:
        messages.error(request, " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc))
    return redirect(reverse("frontoffice:helpdesk"))


urlpatterns: list[URLPattern] = [
    path("kantor-depan/", hub, name="hub"),
    path("layanan-informasi/", consultations, name="consultations"),
    path("layanan-informasi/cari/", enquiry, name="enquiry"),
    path("layanan-informasi/kirim-formulir/", mail_forms, name="mail_forms"),
    path("help-desk/", helpdesk, name="helpdesk"),
    path("help-desk/<int:pk>/selesai/", helpdesk_complete, name="helpdesk_complete"),
]
