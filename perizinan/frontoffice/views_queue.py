"""Queue pages: the kiosk, the printed ticket, the counter, the display board and the time report."""

from datetime import date

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from perizinan import throttle
from perizinan.accounts.permissions import has_role, signed_in_user
from perizinan.applications.models import Application
from perizinan.errors import Conflict, NotFound

from . import selectors, services
from .models import QueueTicket, ServiceCode
from .permissions import STATS_ROLES, services_of

TICKET_SALT = "frontoffice.ticket"


def ticket_url(ticket: QueueTicket) -> str:
    return reverse("frontoffice:ticket", args=[signing.dumps(ticket.pk, salt=TICKET_SALT)])


class KioskForm(forms.Form):
    service = forms.ChoiceField(label=gettext_lazy("Layanan"), choices=ServiceCode.choices)
    phone = forms.CharField(
        label=gettext_lazy("Nomor HP (tidak wajib, untuk SMS saat dipanggil)"), required=False, max_length=20
    )


@require_http_methods(["GET", "POST"])
def kiosk(request: HttpRequest) -> HttpResponse:
    """The touchscreen at the entrance: pick a service, optionally leave a phone number, get a ticket."""
    form = KioskForm(request.POST or None)
    closed = None
    status = 200
    verdict = throttle.Verdict(True)
    if request.method == "POST" and form.is_valid():
        verdict = throttle.hit("queue_ticket", address=throttle.address(request))
        if not verdict.allowed:
            form.add_error(None, _("Terlalu banyak permintaan; coba lagi nanti."))
            status = 429
        else:
            try:
                ticket = services.issue_ticket(
                    service=form.cleaned_data["service"], phone=form.cleaned_data["phone"]
                )
                return redirect(ticket_url(ticket))
            except services.QueueClosed as exc:
                closed = exc
                status = 409
            except ValidationError as exc:
                for field, errs in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errs)
                status = 400
    elif request.method == "POST":
        status = 400
    services.ensure_services()
    response = render(
        request,
        "frontoffice/kiosk.html",
        {"form": form, "services": selectors.services(), "closed": closed},
        status=status,
    )
    if not verdict.allowed:
        response["Retry-After"] = str(verdict.retry_after)
    return response


@require_GET
def ticket(request: HttpRequest, token: str) -> HttpResponse:
    """The ticket to print on the thermal printer (58 or 80 mm) through the browser's print dialog."""
    try:
        pk = signing.loads(token, salt=TICKET_SALT, max_age=24 * 3600)
    except signing.BadSignature:
        raise Http404 from None
    t = QueueTicket.objects.select_related("service").filter(pk=pk).first()
    if t is None:
        raise Http404
    return render(
        request,
        "frontoffice/ticket.html",
        {
            "ticket": t,
            "waiting_before": selectors.waiting_before(t),
            "kiosk_url": reverse("frontoffice:kiosk"),
        },
    )


@require_GET
def board(request: HttpRequest) -> HttpResponse:
    """The display board for the TV in the waiting room (public, read-only)."""
    services.ensure_services()
    return render(request, "frontoffice/board.html", _board_context())


@require_GET
def board_rows(request: HttpRequest) -> HttpResponse:
    """The part of the board that htmx polls."""
    return render(request, "frontoffice/_board_rows.html", _board_context())


def _board_context() -> dict:
    day = selectors.today()
    svc = selectors.services()
    waiting = selectors.waiting_counts(day)
    return {
        "called": selectors.called_now(day),
        "waiting": [(s, waiting.get(s.code, 0)) for s in svc],
    }


def _officer_services(request: HttpRequest) -> list[str]:
    codes = services_of(request.user)
    if not codes:
        raise PermissionDenied
    return codes


class LinkForm(forms.Form):
    registration_number = forms.CharField(
        label=gettext_lazy("Nomor registrasi atau ID permohonan"), max_length=40
    )

    def clean_registration_number(self) -> Application:
        raw = self.cleaned_data["registration_number"].strip()
        app = Application.objects.filter(registration_number=raw).first()
        if app is None and raw.isdigit():
            app = Application.objects.filter(pk=int(raw)).first()
        if app is None:
            raise ValidationError(_("Permohonan dengan nomor itu tidak ditemukan."))
        return app


@login_required
@require_GET
def counter(request: HttpRequest) -> HttpResponse:
    """A counter's page: the ticket being served, the waiting list, and the buttons."""
    codes = _officer_services(request)
    service = request.GET.get("service") or request.session.get("fo_service") or codes[0]
    if service not in codes:
        raise PermissionDenied
    number = (request.GET.get("counter") or request.session.get("fo_counter") or "1").strip()[:10] or "1"
    request.session["fo_service"], request.session["fo_counter"] = service, number
    day = selectors.today()
    current = selectors.at_counter(service, number, day)
    return render(
        request,
        "frontoffice/counter.html",
        {
            "service": service,
            "service_label": ServiceCode(service).label,
            "my_services": [(c, ServiceCode(c).label) for c in codes],
            "counter": number,
            "current": current,
            "waiting": selectors.waiting_list(service, day),
            "skipped": selectors.skipped_today(service, day),
            "others": [(c, label) for c, label in ServiceCode.choices if c != service],
            "link_form": LinkForm(),
        },
    )


def _back(request: HttpRequest) -> HttpResponse:
    return redirect(reverse("frontoffice:counter"))


@login_required
@require_POST
def call_next(request: HttpRequest) -> HttpResponse:
    codes = _officer_services(request)
    service = request.session.get("fo_service") or codes[0]
    ticket = services.call_next(
        service=service,
        counter=request.session.get("fo_counter") or "1",
        by=signed_in_user(request),
    )
    if ticket is None:
        messages.info(request, _("Tidak ada yang menunggu."))
    return _back(request)


@login_required
@require_POST
def ticket_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Recall, skip, finish, transfer or link the ticket (the counter's buttons)."""
    user = signed_in_user(request)
    _officer_services(request)
    try:
        t = selectors.ticket_for_officer(user, pk)
    except NotFound:
        raise Http404 from None
    try:
        if action == "recall":
            services.recall(ticket=t, by=user)
        elif action == "skip":
            services.skip(ticket=t, by=user)
        elif action == "done":
            services.done(ticket=t, by=user)
        elif action == "transfer":
            new = services.transfer(ticket=t, to_service=request.POST.get("service", ""), by=user)
            messages.success(
                request, _("Pengunjung dialihkan dengan nomor %(number)s.") % {"number": new.number}
            )
        elif action == "link":
            form = LinkForm(request.POST)
            if not form.is_valid():
                messages.error(
                    request, "; ".join(f"{form.fields[f].label}: {e[0]}" for f, e in form.errors.items())
                )
                return _back(request)
            app = form.cleaned_data["registration_number"]
            services.link(ticket=t, by=user, application=app)
            messages.success(request, _("Tiket %(number)s ditautkan ke permohonan.") % {"number": t.number})
        else:
            raise Http404
    except Conflict as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return _back(request)


@login_required
@require_GET
def stats(request: HttpRequest) -> HttpResponse:
    """Waiting and service times per service and hour (for the reports)."""
    if not has_role(request.user, STATS_ROLES):
        raise PermissionDenied
    day = selectors.today()
    try:
        first = date.fromisoformat(request.GET.get("from") or day.isoformat())
        last = date.fromisoformat(request.GET.get("to") or day.isoformat())
    except ValueError:
        first = last = day
        messages.error(request, _("Tanggal tidak valid; ditampilkan hari ini."))
    labels = dict(ServiceCode.choices)
    rows = [(labels.get(r.service, r.service), r) for r in selectors.time_stats(first, last)]
    return render(request, "frontoffice/stats.html", {"rows": rows, "first": first, "last": last})


urlpatterns: list[URLPattern] = [
    path("antrian/", kiosk, name="kiosk"),
    path("antrian/tiket/<str:token>/", ticket, name="ticket"),
    path("antrian/layar/", board, name="board"),
    path("antrian/layar/isi/", board_rows, name="board_rows"),
    path("antrian/loket/", counter, name="counter"),
    path("antrian/loket/panggil/", call_next, name="call_next"),
    path("antrian/loket/tiket/<int:pk>/<slug:action>/", ticket_action, name="ticket_action"),
    path("antrian/statistik/", stats, name="stats"),
]
