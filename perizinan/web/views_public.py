"""Public pages (no login): home, the permit page with its requirements checklist, the status check."""

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from perizinan import throttle
from perizinan.accounts.permissions import has_role, is_officer, user_roles
from perizinan.accounts.roles import REPORTING_ROLES, Role
from perizinan.applications.presenters import public_status
from perizinan.applications.selectors import status_lookup
from perizinan.catalog.models import ApplicationKind, ClockStart, Condition, PermitType, Requirement, Stage
from perizinan.catalog.profile import Profile
from perizinan.catalog.selectors import active_permit_types, get_permit_type, requirements_for
from perizinan.workflow.actions import actions_of_permit_type
from perizinan.workflow.states import STEPS

from .swimlane import swimlane_svg
from .swimlane_layout import step_actors


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.is_authenticated and request.GET.get("public") != "1" and is_officer(user):
        # The heads and the supervisor land on their dashboard, other officers on their inbox.
        return redirect("reports:dashboard" if has_role(user, REPORTING_ROLES) else "web:inbox")
    roles = user_roles(user)
    english = (get_language() or "").startswith("en")
    permit_types = list(active_permit_types())
    for p in permit_types:
        p.display_name = (p.name_en or p.name) if english else p.name
    return render(
        request,
        "web/public/home.html",
        {
            "permit_types": permit_types,
            "is_applicant": Role.APPLICANT in roles,
        },
    )


# --- the permit page -------------------------------------------------------------------------


class ProfileForm(forms.Form):
    """The visitor's situation: which kind of application, which conditions apply."""

    kind = forms.ChoiceField(
        label=_("Jenis permohonan"),
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        initial=ApplicationKind.NEW,
    )
    foreign_investment = forms.BooleanField(label=_("Perusahaan penanaman modal asing (PMA)"), required=False)
    electromedical = forms.BooleanField(label=_("Menyalurkan alat kesehatan elektromedik"), required=False)
    radiation = forms.BooleanField(
        label=_("Menyalurkan alat kesehatan elektromedik yang memancarkan radiasi"), required=False
    )
    technicians = forms.BooleanField(label=_("Mempekerjakan teknisi"), required=False)
    agent = forms.BooleanField(label=_("Permohonan diurus oleh kuasa"), required=False)
    delegated_signing = forms.BooleanField(
        label=_("Permohonan ditandatangani oleh selain direktur"), required=False
    )

    FLAGS = ("foreign_investment", "electromedical", "radiation", "technicians", "agent", "delegated_signing")

    def __init__(self, *args: Any, permit_type: PermitType, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in self.FLAGS:
            self.fields[name].widget.attrs["class"] = "form-check-input"
        labels = dict(ApplicationKind.choices)
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = [(k, labels.get(k, k)) for k in permit_type.kinds]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("radiation"):  # radiation devices are electromedical devices
            data["electromedical"] = True
        return data

    def profile(self) -> Profile:
        if not self.is_bound:
            return Profile(kind=str(self.fields["kind"].initial))
        if not self.is_valid():
            return Profile()
        return Profile(
            kind=self.cleaned_data["kind"], **{f: bool(self.cleaned_data.get(f)) for f in self.FLAGS}
        )


def _permit_type(code: str) -> PermitType:
    permit_type = get_permit_type(code)
    if permit_type is None:
        raise Http404
    return permit_type


def _requirements(request: HttpRequest, permit_type: PermitType) -> dict[str, Any]:
    data: QueryDict | None = None
    if "kind" in request.GET:
        data = request.GET.copy()
        if "radiation" in data:
            data["electromedical"] = "on"  # radiation devices are electromedical: show the box ticked
    form = ProfileForm(data, permit_type=permit_type)
    profile = form.profile()
    english = (get_language() or "").startswith("en")
    kind_labels = dict(ApplicationKind.choices)
    condition_labels = dict(Condition.choices)
    rows = []
    for r in requirements_for(permit_type, profile):
        rows.append(
            {
                "number": r.number,
                "title": (r.title_en or r.title) if english else r.title,
                "at_review": r.stage == Stage.TECHNICAL_REVIEW,
                "condition": condition_labels.get(r.condition) if r.condition != Condition.ALWAYS else None,
            }
        )
    chosen = [form.fields[f].label for f in ProfileForm.FLAGS if getattr(profile, f)]
    query = urlencode(
        [("kind", profile.kind)] + [(f, "on") for f in ProfileForm.FLAGS if getattr(profile, f)]
    )
    return {
        "permit_type": permit_type,
        "form": form,
        "flag_fields": [form[f] for f in ProfileForm.FLAGS],
        "profile": profile,
        "kind_label": kind_labels.get(profile.kind, profile.kind),
        "chosen": chosen,
        "requirements": rows,
        "submission_count": sum(1 for r in rows if not r["at_review"]),
        "page_url": reverse("web:permit", args=[permit_type.code.lower()]) + "?" + query,
    }


@require_GET
def permit(request: HttpRequest, code: str) -> HttpResponse:
    permit_type = _permit_type(code)
    english = (get_language() or "").startswith("en")
    flow = actions_of_permit_type(permit_type)
    actors = step_actors(flow)
    context = _requirements(request, permit_type)
    status = 400 if context["form"].is_bound and not context["form"].is_valid() else 200
    context.update(
        name=(permit_type.name_en or permit_type.name) if english else permit_type.name,
        validity=(permit_type.validity_en or permit_type.validity) if english else permit_type.validity,
        purpose=(permit_type.purpose_en or permit_type.purpose) if english else permit_type.purpose,
        clock_label=dict(ClockStart.choices).get(permit_type.clock_start, ""),
        from_recommendation=permit_type.clock_start == ClockStart.RECOMMENDATION,
        steps=[
            {"number": n, "title": s.title, "standard": s.standard, "actor": actors.get(n, "")}
            for n, s in sorted(STEPS.items())
        ],
        swimlane=swimlane_svg(actions=flow),
        requirement_total=Requirement.objects.filter(permit_type=permit_type).count(),
    )
    return render(request, "web/public/permit.html", context, status=status)


@require_GET
def permit_requirements(request: HttpRequest, code: str) -> HttpResponse:
    """Only the requirement list (htmx swaps it in when the checklist form changes)."""
    permit_type = _permit_type(code)
    context = _requirements(request, permit_type)
    status = 400 if context["form"].is_bound and not context["form"].is_valid() else 200
    response = render(request, "web/public/_requirements.html", {**context, "oob": True}, status=status)
    if request.headers.get("HX-Request") and status == 200:
        response["HX-Replace-Url"] = context["page_url"]
    return response


# --- the status check --------------------------------------------------------------------------


class StatusForm(forms.Form):
    registration_number = forms.CharField(
        label=_("Nomor registrasi"),
        max_length=40,
        help_text=_(
            "Tertera pada bukti tanda terima, seperti tertulis di sana (kode jenis izin, tahun, nomor urut)."
        ),
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "off", "spellcheck": "false"}),
    )
    code = forms.CharField(
        label=_("Kode status"),
        max_length=12,
        help_text=_("Kode rahasia 8 karakter pada bukti tanda terima."),
        widget=forms.TextInput(
            attrs={
                "class": "form-control status-code",
                "autocomplete": "off",
                "spellcheck": "false",
                "autocapitalize": "characters",
            }
        ),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def status(request: HttpRequest) -> HttpResponse:
    """Status check with the registration number and the secret code from the receipt. A POST:
    the secret code never travels in the address (logs, history, Referer)."""
    form = StatusForm(request.POST if request.method == "POST" else None)
    context: dict[str, Any] = {"form": form, "steps_total": len(STEPS)}
    code = 200
    if request.method == "POST" and form.is_valid():
        found = status_lookup(
            registration_number=form.cleaned_data["registration_number"],
            code=form.cleaned_data["code"],
            address=throttle.address(request),
        )
        if not found.verdict.allowed:
            context.update(throttled=True, minutes=throttle.minutes(found.verdict))
            response = render(request, "web/public/status.html", context, status=429)
            response["Retry-After"] = str(found.verdict.retry_after)
            return response
        app = found.application
        if app is None:
            context["not_found"] = True
            code = 404
        else:
            result = public_status(app)
            step = STEPS.get(result["step"])
            context.update(
                result=result,
                app=app,
                step_title=step.title if step else "",
                clock_from_recommendation=app.permit_type.clock_start == ClockStart.RECOMMENDATION,
            )
    elif request.method == "POST":
        code = 400
    return render(request, "web/public/status.html", context, status=code)


urlpatterns: list[URLPattern] = [
    path("", home, name="home"),
    path("izin/<slug:code>/", permit, name="permit"),
    path("izin/<slug:code>/persyaratan/", permit_requirements, name="permit_requirements"),
    path("status/", status, name="status"),
]
