"""Uploaded documents: checked by content and written to storage *before* the write
transaction opens (`stage`), recorded inside it (`record`), and removed again if it fails
(`discard`): no slow check under a lock, no orphaned file."""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from perizinan.catalog.models import Requirement
from perizinan.catalog.selectors import requirements_for

from .models import Application, Document, upload_path
from .selectors import profile_of
from .uploads import CheckedFile, check_upload


@dataclass
class StagedUpload:
    """A checked file already in storage, waiting for its row."""

    requirement: Requirement
    checked: CheckedFile
    name: str  # the storage name it was written under
    document: Document | None = None  # set by `record`

    @property
    def sha256(self) -> str:
        return self.checked.sha256


def stage(
    *, application: Application, requirement_number: Any, upload: Any, field: str = "file"
) -> StagedUpload:
    """Check the requirement applies and the file is what it says, and write it to storage.

    Runs outside any transaction; the caller records it (`record`) in its transaction and
    calls `discard` if that fails."""
    try:
        number = int(requirement_number)
    except (TypeError, ValueError):
        raise ValidationError({"requirement": _("Nomor persyaratan tidak valid.")}) from None
    applicable = {r.number: r for r in requirements_for(application.permit_type, profile_of(application))}
    if number not in applicable:
        raise ValidationError(
            {"requirement": _("Persyaratan nomor %d tidak berlaku untuk permohonan ini.") % number}
        )
    requirement = applicable[number]
    checked = check_upload(upload, field=field)
    probe = Document(application=application, sha256=checked.sha256)
    name = default_storage.save(upload_path(probe, checked.name), ContentFile(checked.content))
    return StagedUpload(requirement=requirement, checked=checked, name=name)


def record(staged: StagedUpload, *, application: Application, by: Any) -> Document:
    """Inside the caller's transaction: the staged file becomes the current document for its
    requirement; earlier uploads for it stop being current."""
    Document.objects.filter(application=application, requirement=staged.requirement, is_current=True).update(
        is_current=False
    )
    checked = staged.checked
    doc = Document(
        application=application,
        requirement=staged.requirement,
        original_name=checked.name,
        sha256=checked.sha256,
        size=checked.size,
        content_type=checked.content_type,
        uploaded_by=by,
    )
    doc.file.name = staged.name
    doc.save()
    staged.document = doc
    return doc


def discard(staged: list[StagedUpload]) -> None:
    """Remove the files of uploads whose transaction did not commit."""
    for item in staged:
        default_storage.delete(item.name)
