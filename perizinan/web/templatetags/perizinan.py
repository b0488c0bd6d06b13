from datetime import datetime
from typing import Any

from django import template
from django.utils.dateformat import format as date_format
from django.utils.formats import number_format
from django.utils.translation import gettext, gettext_noop

from perizinan.accounts.roles import ROLE_LABELS, Role
from perizinan.documents.registry import title_of
from perizinan.workdays.calendar import to_wita
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
    return title_of(kind)


@register.filter
def wita(value: Any) -> str:
    """A moment (datetime or ISO text) as people read it: '2 Desember 2026 09.15 WITA'."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    return f"{date_format(to_wita(value), 'j F Y H:i')} WITA"


@register.filter
def filesize(size: Any) -> str:
    """A file size with the units people write (B, KB, MB), never "bita"."""
    n = int(size or 0)
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{number_format(n / 1024, 1)} KB"
    return f"{number_format(n / 1024 / 1024, 1)} MB"


@register.filter
def rupiah(amount: Any) -> str:
    """An amount of rupiah as people write it: 'Rp 250.000'."""
    return "Rp " + f"{int(amount or 0):,}".replace(",", ".")
