"""How each kind of step document is made, for the worker: most are rendered from the
application as the step left it (`as_of` its log entry); the numbered licence is the head's
signed licence with the registry's seal stamping its number (step 15); the fee's receipt is
rendered and sealed by the registry."""

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured

from perizinan.applications.models import Application
from perizinan.licences.models import Licence
from perizinan.workflow.models import ProcessLogEntry

from . import services
from .models import GeneratedDocument
from .registry import DOCUMENTS, NUMBERED_LICENCE, PAYMENT_RECEIPT, SIGNED_LICENCE, render

Producer = Callable[[Application, ProcessLogEntry], bytes]


def _numbered_licence(app: Application, entry: ProcessLogEntry) -> bytes:
    signed = GeneratedDocument.objects.filter(application=app, kind=SIGNED_LICENCE).order_by("-id").first()
    licence = Licence.objects.filter(application=app).first()
    if signed is None or licence is None:
        raise ImproperlyConfigured(f"{app}: no signed licence or licence record to number")
    with signed.file.open("rb") as f:
        return services.stamp_number(
            f.read(), number=licence.number, issued_on=licence.issued_on, expires_on=licence.expires_on
        )


def _payment_receipt(app: Application, entry: ProcessLogEntry) -> bytes:
    pdf = render(PAYMENT_RECEIPT, app, as_of=entry)
    reference = entry.data.get("reference", "")
    return services.seal_payment_receipt(
        pdf, reference=reference, registration_number=app.registration_number or ""
    )


SPECIAL: dict[str, tuple[Producer, bool]] = {
    NUMBERED_LICENCE: (_numbered_licence, True),
    PAYMENT_RECEIPT: (_payment_receipt, True),
}


def produce(kind: str, app: Application, entry: ProcessLogEntry) -> tuple[bytes, bool]:
    """The PDF of `kind` for the step of `entry`, and whether it carries a signature."""
    if kind in SPECIAL:
        make, signed = SPECIAL[kind]
        return make(app, entry), signed
    if kind not in DOCUMENTS:
        raise ImproperlyConfigured(f"unknown document kind {kind!r}")
    return render(kind, app, as_of=entry), False


def known_kinds() -> set[str]:
    """Every kind a step may declare (tests check each action's declaration against this)."""
    return set(DOCUMENTS) | set(SPECIAL) | {SIGNED_LICENCE}
