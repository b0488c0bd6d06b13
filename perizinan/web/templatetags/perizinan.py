from django import template
from django.utils.translation import gettext_noop

from perizinan.accounts.roles import ROLE_LABELS, Role
from perizinan.workflow.actions import get_action

register = template.Library()

OTHER_ACTIONS = {
    "create": gettext_noop("Permohonan dibuat"),
    "edit": gettext_noop("Data diubah"),
    "upload_document": gettext_noop("Dokumen diunggah"),
    "tick_checklist": gettext_noop("Checklist dicentang"),
}


@register.filter
def action_label(name: str) -> str:
    from django.utils.translation import gettext

    action = get_action(name)
    if action is not None:
        return str(action.label)
    return gettext(OTHER_ACTIONS[name]) if name in OTHER_ACTIONS else name


@register.filter
def role_label(code: str) -> str:
    try:
        return str(ROLE_LABELS[Role(code)])
    except ValueError:
        return code


@register.filter
def document_title(kind: str) -> str:
    try:
        from perizinan.documents.registry import DOCUMENTS
    except ImportError:
        return kind
    if kind == "licence_signed":
        from django.utils.translation import gettext

        return gettext("Surat izin (ditandatangani Kepala Dinas, sebelum penomoran)")
    spec = DOCUMENTS.get(kind)
    return str(spec.title) if spec else kind
