"""The documents app listens to the workflow (which never imports it).

- Before a step's transaction: the head's signature (step 14) is made, so that a wrong
  passphrase or an unavailable BSrE is answered at once and no signing happens under a lock.
- Inside the transaction: that signed file gets its row, linked to the step's log entry, and
  every other document the step declares becomes a job for the worker.
"""

import hashlib
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.dispatch import receiver

from perizinan.licences.models import Licence
from perizinan.workflow.signals import Prepared, action_preparing, action_taken

from . import jobs
from .models import GeneratedDocument, generated_path
from .registry import SIGNED_LICENCE
from .services import sign_licence
from .signing.base import SigningError


class Presigned(Prepared):
    """A document signed before the transaction: its file is in storage, its row not yet."""

    def __init__(self, *, application: Any, kind: str, content: bytes, data: dict[str, Any]) -> None:
        super().__init__(data=data)
        self.kind = kind
        self.doc = GeneratedDocument(application=application, kind=kind, signed=True)
        self.doc.sha256 = hashlib.sha256(content).hexdigest()
        self.doc.size = len(content)
        self.name = default_storage.save(generated_path(self.doc, ""), ContentFile(content))

    def record(self, *, entry: Any, by: Any) -> GeneratedDocument:
        self.doc.log_entry = entry
        self.doc.step = entry.step
        self.doc.created_by = by
        self.doc.file.name = self.name
        self.doc.save()
        return self.doc

    def discard(self) -> None:
        default_storage.delete(self.name)


def _kinds(application: Any, action: Any) -> list[str]:
    return [d.kind for d in action.documents if d.wanted(application)]


@receiver(action_preparing, dispatch_uid="documents-sign-before-commit")
def sign_before_commit(
    sender: Any, *, application: Any, action: Any, by: Any, data: dict[str, Any], **kw: Any
) -> Presigned | None:
    if SIGNED_LICENCE not in _kinds(application, action):
        return None
    code = Licence.new_verification_code()
    try:
        pdf = sign_licence(application, code=code, by=by, passphrase=data.get("passphrase") or "")
    except SigningError as exc:
        raise ValidationError({"passphrase": str(exc)}) from None
    return Presigned(
        application=application, kind=SIGNED_LICENCE, content=pdf, data={"verification_code": code}
    )


@receiver(action_taken, dispatch_uid="documents-after-commit")
def record_and_request(
    sender: Any,
    *,
    application: Any,
    entry: Any,
    action: Any,
    by: Any,
    prepared: list[Prepared] | None = None,
    **kw: Any,
) -> None:
    made = {p.kind: p for p in prepared or [] if isinstance(p, Presigned)}
    for p in made.values():
        p.record(entry=entry, by=by)
    rest = [k for k in _kinds(application, action) if k not in made]
    if rest:
        jobs.request(application=application, entry=entry, kinds=rest)
