"""Background work of the front office, run by the task worker after the commit."""

import logging
from datetime import timedelta

from django.core.mail import EmailMessage
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone, translation

from perizinan.accounts.selectors import office_record
from perizinan.catalog.models import Condition
from perizinan.documents.registry import DOCUMENTS
from perizinan.documents.registry import render as render_document
from perizinan.workdays.calendar import service_hour_lines

from .models import FormMailing

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 5


def blank_forms() -> list[tuple[str, str]]:
    """(kind, title) of every form that can be printed blank (also served at /formulir/<kind>.pdf)."""
    return [(kind, spec.title) for kind, spec in DOCUMENTS.items() if spec.blank_allowed]


def checklist(mailing: FormMailing) -> list[tuple[int, str, str]]:
    """(number, title, condition) of every requirement of the permit type for the kind, conditions named."""
    english = mailing.language == "en"
    rows = []
    for r in mailing.permit_type.requirements.order_by("number"):
        if r.kinds and mailing.kind not in r.kinds:
            continue
        title = (r.title_en or r.title) if english else r.title
        rows.append(
            (r.number, title, "" if r.condition == Condition.ALWAYS else str(r.get_condition_display()))
        )
    return rows


@task()
def send_form_mailing(mailing_id: int, attempt: int = 1) -> str:
    """E-mail the checklist and the chosen blank forms; idempotent, retried with a growing delay."""
    mailing = FormMailing.objects.select_related("permit_type").filter(pk=mailing_id).first()
    if mailing is None or mailing.status == FormMailing.Status.SENT:
        return "nothing to do"
    titles = dict(blank_forms())
    try:
        office = office_record()
        with translation.override(mailing.language):
            english = mailing.language == "en"
            context = {
                "mailing": mailing,
                "permit_name": (mailing.permit_type.name_en or mailing.permit_type.name)
                if english
                else mailing.permit_type.name,
                "requirements": checklist(mailing),
                "forms": [titles[k] for k in mailing.forms if k in titles],
                "office": office,
                "service_hours": service_hour_lines(office),
            }
            subject = render_to_string("frontoffice/mail/forms_subject.txt", context).strip()
            body = render_to_string("frontoffice/mail/forms_body.txt", context)
        message = EmailMessage(subject=subject, body=body, to=[mailing.email])
        for kind in mailing.forms:
            if kind in titles:
                message.attach(f"{kind}.pdf", render_document(kind, None), "application/pdf")
        message.send()
    except Exception as exc:
        log.warning("form mailing %s attempt %s failed: %s", mailing_id, attempt, exc)
        failed = attempt >= MAX_ATTEMPTS
        FormMailing.objects.filter(pk=mailing_id).update(
            status=FormMailing.Status.FAILED if failed else FormMailing.Status.PENDING, error=str(exc)[:500]
        )
        if not failed:
            run_after = timezone.now() + timedelta(minutes=2**attempt)
            transaction.on_commit(
                lambda: send_form_mailing.using(run_after=run_after).enqueue(mailing_id, attempt + 1)
            )
        return "retry" if not failed else "failed"
    FormMailing.objects.filter(pk=mailing_id).update(
        status=FormMailing.Status.SENT, sent_at=timezone.now(), error=""
    )
    return "sent"
