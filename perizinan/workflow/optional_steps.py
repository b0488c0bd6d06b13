"""The steps only some permit types have, chosen by the permit type's data (`conditions.py`):

- `verify_for_drafting` (step 7): a permit type without a technical recommendation
  (`needs_recommendation` false) goes from verification straight to drafting; steps 9 and
  10 (the liaison's delivery, the agency's review) do not exist for it.
- `record_payment`: a permit type with a fee (`fee` > 0) has its payment recorded by the
  pickup counter, from registration until the licence is handed over, which needs it
  (`effects_issuing.hand_over` checks it). Its receipt is a document of its own, sealed.

See docs/adr/0018-second-permit-type.md.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _

from perizinan.accounts.roles import Role
from perizinan.licences import payments
from perizinan.workdays.calendar import to_wita

from .conditions import has_fee, without_recommendation
from .effects import Ctx, Outputs, Record
from .fields import Doc, Field, note
from .records import RecordKind
from .states import State as S
from .steps import step

# From the registration receipt (the fee is known) until the licence is handed over.
PAYABLE = [
    S.REGISTERED,
    S.VERIFICATION_RETURNED,
    S.AWAITING_FIX,
    S.FIX_RECEIVED,
    S.VERIFIED,
    S.AT_AGENCY,
    S.AGENCY_RETURNED,
    S.RECOMMENDED,
    S.DRAFTED,
    S.SECTION_APPROVED,
    S.DIVISION_APPROVED,
    S.MEETING_CALLED,
    S.SIGNED,
    S.NUMBERED,
]


def unpaid(app: Any) -> bool:
    return has_fee(app) and payments.is_unpaid(app)


def verify_for_drafting(ctx: Ctx) -> Outputs:
    data = {"result": "valid", "note": ctx.data.get("note") or ""}
    return Outputs(data={"recommendation": False}, records=[Record(RecordKind.VERIFICATION_FORM, data=data)])


def record_payment(ctx: Ctx) -> Outputs:
    d = ctx.data
    paid = payments.record_payment(
        application=ctx.app,
        amount=d["amount"],
        paid_on=d["paid_on"],
        reference=d["reference"],
        by=ctx.by,
        at=ctx.now,
        today=to_wita(ctx.now).date(),
    )
    data = {"amount": int(paid.amount), "paid_on": paid.paid_on.isoformat(), "reference": paid.reference}
    return Outputs(data=data, records=[Record(RecordKind.PAYMENT, number=paid.reference, data=data)])


class OptionalSteps:
    @step(
        source=S.REGISTERED,
        target=S.RECOMMENDED,
        number=7,
        role=Role.VERIFIER,
        direction="forward",
        label=_("Nyatakan valid dan teruskan ke penyusunan draf"),
        outputs=(_("Form verifikasi"),),
        fields=(note(),),
        effect=verify_for_drafting,
        documents=(Doc("verification_form"),),
        when=without_recommendation,
    )
    def verify_for_drafting(self) -> None:
        """Complete and valid, and no technical recommendation is needed: on to the draft (step 11)."""

    @step(
        source=PAYABLE,
        target=None,
        number=None,  # not a step of the SOP: logged at the step the application is in
        role=Role.PICKUP,
        direction="note",
        label=_("Catat pembayaran biaya izin"),
        outputs=(_("Bukti pembayaran"),),
        fields=(
            Field("amount", "text", _("Jumlah dibayar (Rp)"), max_length=20),
            Field("paid_on", "date", _("Tanggal bayar")),
            Field("reference", "text", _("Nomor bukti bayar / referensi bank"), max_length=100),
            note(),
        ),
        effect=record_payment,
        documents=(Doc("payment_receipt"),),
        when=unpaid,
    )
    def record_payment(self) -> None:
        """The fee is paid (bank proof shown): record it and give the receipt."""
