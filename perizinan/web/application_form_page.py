"""The plumbing of the guided application form's pages: bound section forms, the data they make
together, the service's errors placed next to their fields (or linked to the section that holds
them), and the page itself."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from perizinan.accounts.models import User
from perizinan.accounts.permissions import has_role, signed_in_user
from perizinan.accounts.roles import Role
from perizinan.applications.models import Application

from .application_forms import SECTIONS, SectionForm, deep_merge, section_of
from .form_style import decorate


def home_crumb(user: User) -> tuple[str, str]:
    if has_role(user, Role.APPLICANT):
        return reverse("web:my_applications"), _("Permohonan saya")
    return reverse("web:inbox"), _("Kotak tugas")


def error_dict(exc: ValidationError) -> dict[str, list[str]]:
    return exc.message_dict if hasattr(exc, "error_dict") else {"__all__": list(exc.messages)}


def place_errors(
    forms: list[SectionForm], errors: dict[str, list[str]], app: Application | None
) -> list[dict]:
    """Put each service error next to its field; return the others (with their section's page)."""
    elsewhere = []
    for key, msgs in errors.items():
        name = key.replace(".", "__")
        form = next((f for f in forms if name in f.fields), None)
        if form is not None:
            for msg in msgs:
                form.add_error(name, msg)
            continue
        section = section_of(key)
        elsewhere.append(
            {
                "section": section.title if section else "",
                "url": reverse("web:application_edit", args=[app.pk, section.slug])
                if app and section
                else "",
                "messages": msgs,
            }
        )
    return elsewhere


def _error_summary(forms: list[SectionForm]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for form in forms:
        for name, msgs in form.errors.items():
            if name not in form.fields:
                out.append({"label": "", "anchor": "", "messages": msgs})
                continue
            bound = form[name]
            anchor = bound.id_for_label or f"{bound.auto_id}_0"
            out.append({"label": form.fields[name].label, "anchor": anchor, "messages": msgs})
    return out


def render_form(
    request: HttpRequest,
    *,
    mode: str,
    forms: list[SectionForm],
    app: Application | None = None,
    permit_type: Any = None,
    current: str = "",
    elsewhere: list[dict] | None = None,
    refusal: str = "",
    status: int = 200,
) -> HttpResponse:
    for f in forms:
        decorate(f)
    user = signed_in_user(request)
    crumb_url, crumb_label = home_crumb(user)
    index = next((i for i, s in enumerate(SECTIONS) if s.slug == current), -1)
    is_last = index == len(SECTIONS) - 1
    context = {
        "mode": mode,
        "app": app,
        "permit_type": permit_type or (app.permit_type if app else None),
        "forms": forms,
        "sections": SECTIONS,
        "current": current,
        "page_slugs": [f.slug for f in forms] if forms else [current],
        "section_title": SECTIONS[index].title if index >= 0 else "",
        "section_number": index + 1,
        "is_last": is_last,
        "elsewhere": elsewhere or [],
        "summary": _error_summary(forms),
        "refusal": refusal,
        "crumb_url": crumb_url,
        "crumb_label": crumb_label,
    }
    return render(request, "web/applicant/application_form.html", context, status=status)


def bound_forms(request: HttpRequest, sections: list[Any], permit_type: Any) -> list[SectionForm]:
    forms = [s.form(request.POST, permit_type=permit_type) for s in sections]
    for f in forms:
        f.is_valid()
    return forms


def data_of(forms: list[SectionForm]) -> dict[str, Any]:
    data: dict[str, Any] = {"agent": {}, "signer_name": ""}
    for f in forms:
        data = deep_merge(data, f.to_data())
    return data
