"""The application's current uploads: their hashes for the process log, and the check that
the dossier holds every submission requirement (steps 3, 4, 8 and 10)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from perizinan.applications.models import Application
from perizinan.applications.selectors import profile_of
from perizinan.catalog.models import Stage
from perizinan.catalog.selectors import requirements_for


def current_documents(app: Application) -> dict[int, tuple[int, str]]:
    """requirement id -> (number, sha256) of every current upload: one query."""
    return {
        rid: (number, sha)
        for rid, number, sha in app.documents.filter(is_current=True).values_list(
            "requirement_id", "requirement__number", "sha256"
        )
    }


def complete_dossier(app: Application) -> dict[int, tuple[int, str]]:
    """The current uploads, after checking every submission requirement has one."""
    current = current_documents(app)
    missing = [
        r.number
        for r in requirements_for(app.permit_type, profile_of(app))
        if r.stage == Stage.SUBMISSION and r.pk not in current
    ]
    if missing:
        raise ValidationError(
            {"documents": _("Dokumen persyaratan belum lengkap: nomor %s.") % ", ".join(map(str, missing))}
        )
    return current


def hashes(current: dict[int, tuple[int, str]]) -> dict[str, str]:
    """requirement number -> sha256, as the process log keeps them."""
    return {str(number): sha for number, sha in current.values()}
