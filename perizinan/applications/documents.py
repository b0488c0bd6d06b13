"""Storing uploaded documents: checked by content, stored with their SHA-256 through Django's storage."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from perizinan.catalog.models import Requirement

from .models import Application, Document
from .uploads import check_upload


def store(
    *, application: Application, requirement_number: Any, upload: Any, by: Any, field: str = "file"
) -> Document:
    """Check and store one upload for one requirement; earlier uploads for it stop being current.

    Must run inside the caller's transaction; on failure the caller calls `discard`.
    """
    from .selectors import checklist

    try:
        number = int(requirement_number)
    except (TypeError, ValueError):
        raise ValidationError({"requirement": _("Nomor persyaratan tidak valid.")}) from None
    requirement = Requirement.objects.filter(permit_type_id=application.permit_type_id, number=number).first()
    applicable = {row["number"] for row in checklist(application)}
    if requirement is None or number not in applicable:
        raise ValidationError(
            {"requirement": _("Persyaratan nomor %d tidak berlaku untuk permohonan ini.") % number}
        )
    checked = check_upload(upload, field=field)
    Document.objects.filter(application=application, requirement=requirement, is_current=True).update(
        is_current=False
    )
    doc = Document(
        application=application,
        requirement=requirement,
        original_name=checked.name,
        sha256=checked.sha256,
        size=checked.size,
        content_type=checked.content_type,
        uploaded_by=by,
    )
    doc.file.save(checked.sha256, ContentFile(checked.content), save=False)
    doc.save()
    return doc


def discard(stored: list[Any]) -> None:
    """Remove the files of documents whose transaction rolled back (no orphaned file)."""
    for doc in stored:
        if doc.file.name:
            doc.file.storage.delete(doc.file.name)
