"""The fee of a permit type (`PermitType.fee` > 0): what is due, recording its payment, and the
check that it is paid before the licence is handed over (docs/adr, the second permit type)."""

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from perizinan.accounts.models import User
from perizinan.errors import Conflict

from .models import Payment


def amount_due(app: Any) -> Decimal:
    return Decimal(app.permit_type.fee or 0)


def payment_of(app: Any) -> Payment | None:
    return Payment.objects.filter(application_id=app.pk).first()


def is_unpaid(app: Any) -> bool:
    """A fee is due and no payment is recorded."""
    return amount_due(app) > 0 and not Payment.objects.filter(application_id=app.pk).exists()


def payment_summary(app: Any) -> dict[str, Any] | None:
    """What the applicant and the officers see of the fee: None for a permit type without one
    (the API's `payment` and the application page read this)."""
    due = amount_due(app)
    if not due:
        return None
    paid = payment_of(app)
    return {
        "amount_due": int(due),
        "paid": paid is not None,
        "amount_paid": int(paid.amount) if paid else None,
        "paid_on": paid.paid_on if paid else None,
        "reference": paid.reference if paid else "",
    }


def rupiah(value: Decimal) -> str:
    return "Rp " + f"{int(value):,}".replace(",", ".")


def parse_amount(raw: Any) -> Decimal:
    """Rupiah as digits, with or without thousands dots ("250.000"); else ValidationError naming `amount`."""
    text = str(raw or "").strip().replace("Rp", "").replace(".", "").replace(" ", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal(-1)
    if not text.isdigit() or value <= 0:
        raise ValidationError({"amount": _("Jumlah harus berupa angka rupiah, misalnya 250000.")})
    return value


def record_payment(
    *, application: Any, amount: Any, paid_on: date, reference: str, by: User, at: datetime, today: date
) -> Payment:
    """Record the fee's payment, inside the step's transaction (the application row is locked).

    ValidationError naming the field for a wrong amount or a future date; Conflict when a
    payment is already recorded."""
    due = amount_due(application)
    value = parse_amount(amount)
    if value != due:
        raise ValidationError(
            {"amount": _("Jumlah harus sama dengan biaya izin: %(due)s.") % {"due": rupiah(due)}}
        )
    if paid_on > today:
        raise ValidationError({"paid_on": _("Tanggal bayar tidak boleh setelah hari ini.")})
    if Payment.objects.filter(application_id=application.pk).exists():
        raise Conflict(_("Pembayaran permohonan ini sudah dicatat."))
    return Payment.objects.create(
        application=application,
        amount=value,
        paid_on=paid_on,
        reference=reference,
        recorded_by=by,
        recorded_at=at,
    )


def require_paid(app: Any) -> None:
    """The step that hands the licence over needs the fee paid: else ValidationError naming `payment`."""
    if is_unpaid(app):
        raise ValidationError(
            {
                "payment": _(
                    "Biaya izin %(due)s belum dibayar: catat pembayarannya (“Catat pembayaran biaya izin”) "
                    "sebelum izin diserahkan."
                )
                % {"due": rupiah(amount_due(app))}
            }
        )
