"""Every PDF document kind of the SOP, and rendering one (see `kinds` for their builders).

`render(kind, application, **extra)` builds the context of one document and renders it
with `render.render_pdf` (one-page documents with `render.render_one_page`). Forms marked
`blank_allowed` can also be printed empty, to be filled in by hand.
"""

from typing import Any

from django.utils import translation
from django.utils.translation import gettext

from perizinan.applications.models import Application

from .kinds import (
    application_form,
    checklist_form,
    cover_letter,
    draft_licence,
    handover_receipt,
    inspection_report_form,
    liaison_receipt,
    licence,
    payment_receipt,
    power_of_attorney,
    process_control_sheet,
    recommendation_letter,
    registration_receipt,
    verification_form,
)
from .kinds.parts import DocumentSpec
from .render import render_one_page, render_pdf

# The head's signature (step 14) is made before its transaction, not by the worker (see
# receivers.sign_before_commit); the worker stamps its number into it at step 15.
SIGNED_LICENCE = "licence_signed"
NUMBERED_LICENCE = "licence"
PAYMENT_RECEIPT = "payment_receipt"

DOCUMENTS: dict[str, DocumentSpec] = {
    spec.kind: spec
    for spec in [
        application_form.SPEC,
        checklist_form.SPEC,
        power_of_attorney.SIGN,
        power_of_attorney.HANDLE,
        registration_receipt.SPEC,
        verification_form.SPEC,
        cover_letter.SPEC,
        liaison_receipt.SPEC,
        inspection_report_form.SPEC,
        recommendation_letter.SPEC,
        draft_licence.SPEC,
        handover_receipt.SPEC,
        licence.SPEC,
        payment_receipt.SPEC,
        process_control_sheet.SPEC,
    ]
}


def title_of(kind: str) -> str:
    """The title of a document kind as shown in lists (the kind itself when unknown)."""
    if kind == SIGNED_LICENCE:
        return gettext("Surat izin (ditandatangani Kepala Dinas, sebelum penomoran)")
    spec = DOCUMENTS.get(kind)
    return str(spec.title) if spec else kind


def build_context(kind: str, application: Application | None = None, **extra: Any) -> dict[str, Any]:
    """The template context of one document (for tests and previews); same checks as `render`."""
    spec = DOCUMENTS[kind]
    if application is None and not spec.blank_allowed:
        raise ValueError(f"Dokumen '{kind}' memerlukan permohonan.")
    with translation.override("id"):
        return spec.build(application, **extra)


def render(kind: str, application: Application | None = None, **extra: Any) -> bytes:
    """The PDF of document `kind` for `application` (or blank). KeyError for an unknown kind;
    ValueError without an application for a document that cannot be blank, or when the
    application has not yet reached the step that produces it."""
    spec = DOCUMENTS[kind]
    context = build_context(kind, application, **extra)
    if spec.one_page:
        with translation.override("id"):
            return render_one_page(spec.template, context)
    return render_pdf(spec.template, context)
