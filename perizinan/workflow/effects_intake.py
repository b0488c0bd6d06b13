"""The effects of the front office, steps 3-6 (`steps_intake.py`): the checklist ticked,
the help desk's advice, the registration number and receipt. The dossier handed in (steps
3, 4 and 8) and every return are `effects.hand_in` and `effects.returned`."""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from perizinan.applications.models import ChecklistItem
from perizinan.applications.numbers import next_registration_number
from perizinan.applications.selectors import profile_of
from perizinan.catalog.models import ClockStart
from perizinan.catalog.selectors import requirements_for

from . import clock
from .current_uploads import complete_dossier
from .effects import Ctx, Outputs, Record
from .records import RecordKind


# Step 4: "complete and correct" needs every requirement present ticked: by customer service
# one by one (each tick logged with who and when), or all at once with `confirm_all`.
def cs_accept(ctx: Ctx) -> Outputs:
    current = complete_dossier(ctx.app)
    ctx.app.last_reason = ""
    applicable = {r.pk for r in requirements_for(ctx.app.permit_type, profile_of(ctx.app))}
    present = {rid: number for rid, (number, _sha) in current.items() if rid in applicable}
    existing = {c.requirement_id: c for c in ChecklistItem.objects.filter(application=ctx.app)}
    unticked = sorted(n for rid, n in present.items() if not (rid in existing and existing[rid].ticked))
    if unticked and not ctx.data.get("confirm_all"):
        raise ValidationError(
            {
                "confirm_all": _(
                    "Persyaratan nomor %s belum dicentang: centang satu per satu, atau centang "
                    "“Saya telah memeriksa semua persyaratan” untuk mencentang semuanya."
                )
                % ", ".join(map(str, unticked))
            }
        )
    to_update = [i for rid, i in existing.items() if rid in present and not i.ticked]
    for item in to_update:
        item.ticked, item.ticked_by, item.ticked_at = True, ctx.by, ctx.now
    if to_update:
        ChecklistItem.objects.bulk_update(to_update, ["ticked", "ticked_by", "ticked_at"])
    new = [
        ChecklistItem(
            application=ctx.app, requirement_id=rid, ticked=True, ticked_by=ctx.by, ticked_at=ctx.now
        )
        for rid in present
        if rid not in existing
    ]
    if new:
        ChecklistItem.objects.bulk_create(new)
    data: dict[str, Any] = {"ticked": sorted(present.values())}
    if unticked:
        data["ticked_at_acceptance"] = unticked  # the ones "tick all" ticked, confirmed explicitly
    return Outputs(data=data)


# Step 5: help desk consultation.
def consult(ctx: Ctx) -> Outputs:
    data = {"question": ctx.data["question"], "answer": ctx.data["answer"]}
    return Outputs(data=data, records=[Record(RecordKind.CONSULTATION, data=data)])


# Step 6: registration number, receipt, the applicant's status code.
def register(ctx: Ctx) -> Outputs:
    app = ctx.app
    app.registration_number = next_registration_number(permit_type=app.permit_type, year=ctx.today.year)
    app.registered_at = ctx.now
    app.status_code = ctx.app.new_status_code()
    app.referred_agency_id = app.permit_type.technical_agency_id
    app.last_reason = ""
    if app.permit_type.clock_start == ClockStart.RECEIPT:
        clock.start(app, on=ctx.today, cal=ctx.cal)
    receipt = {"registration_number": app.registration_number, "received_at": ctx.now.isoformat()}
    return Outputs(
        data={"registration_number": app.registration_number},
        records=[Record(RecordKind.REGISTRATION_RECEIPT, number=app.registration_number, data=receipt)],
    )
