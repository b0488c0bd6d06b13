"""The receipt of the fee's payment (a permit type with `fee` > 0): what was paid, when, under
which bank reference, recorded by which officer. Sealed by the registry's seal like the
licence's number (`producers`), so that its copy can be checked."""

from typing import Any

from perizinan.applications.models import Application
from perizinan.workflow.models import RecordKind

from ..render import format_date, format_rupiah
from .parts import DocumentSpec, common, officer, record

# Where the seal's visible signature goes: page coordinates (mm from the top left); the
# template's `#seal-area` is the same box in the page area (the page margins are 20 mm left,
# 14 mm top: documents/base.html).
SEAL_AREA_MM = (110.0, 214.0, 80.0, 26.0)


def build(app: Application, **extra: Any) -> dict[str, Any]:
    ctx = common(SPEC, app, extra)
    rec = record(app, RecordKind.PAYMENT, extra)
    d = rec.data
    ctx.update(
        {
            "record": rec,
            "receipt_number": f"{app.registration_number}/BYR",
            "amount": format_rupiah(d.get("amount")),
            "paid_on": format_date(d.get("paid_on")),
            "reference": d.get("reference", rec.number),
            "officer": officer(rec.log_entry),
            "product": app.permit_type.product or app.permit_type.name,
        }
    )
    return ctx


SPEC = DocumentSpec(
    "payment_receipt",
    "Bukti Pembayaran Biaya Izin",
    "documents/payment_receipt.html",
    None,
    False,
    build,
    one_page=True,
)
