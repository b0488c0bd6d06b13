"""The effects of the back office and the technical agency, steps 7-10
(`steps_technical.py`): the verification form and cover letter, the agency's receipt, the
inspection report and the recommendation (which may start the clock)."""

from django.utils import translation
from django.utils.translation import gettext as _

from perizinan.applications import stored_files
from perizinan.catalog.models import ClockStart

from . import clock
from .current_uploads import current_documents, hashes
from .effects import Ctx, Outputs, Record, returned
from .records import RecordKind


# Step 7: verification form and cover letter to the technical agency.
def verify(ctx: Ctx) -> Outputs:
    app = ctx.app
    agency = app.permit_type.technical_agency
    # Printed on the cover letter and the verification form, which are always Indonesian,
    # whatever language the verifier reads the pages in.
    with translation.override("id"):
        kind = ctx.data.get("recommendation_kind") or _("Rekomendasi teknis %(permit)s") % {
            "permit": app.permit_type.name
        }
    letter_number = f"{app.registration_number}/SP"
    return Outputs(
        data={"cover_letter": letter_number, "recommendation_kind": kind},
        records=[
            Record(
                RecordKind.VERIFICATION_FORM, data={"result": "valid", "note": ctx.data.get("note") or ""}
            ),
            Record(
                RecordKind.COVER_LETTER,
                number=letter_number,
                data={"to": agency.name if agency else "", "recommendation_kind": kind},
            ),
        ],
    )


def verify_return(ctx: Ctx) -> Outputs:
    returned(ctx)
    return Outputs(
        records=[
            Record(RecordKind.VERIFICATION_FORM, data={"result": "invalid", "reason": ctx.data["reason"]})
        ]
    )


# Step 9: handover receipt at the agency.
def deliver(ctx: Ctx) -> Outputs:
    agency = ctx.app.referred_agency
    data = {"agency": agency.name if agency else "", "received_by": ctx.data["received_by"]}
    return Outputs(data=data, records=[Record(RecordKind.LIAISON_RECEIPT, data=data)])


# Step 10: inspection report and recommendation; the clock starts the day they arrive.
def recommend(ctx: Ctx) -> Outputs:
    app, d = ctx.app, ctx.data
    bap = stored_files.record(ctx.uploads["inspection_report"], application=app, by=ctx.by)
    rec = stored_files.record(ctx.uploads["recommendation"], application=app, by=ctx.by)
    if app.permit_type.clock_start == ClockStart.RECOMMENDATION:
        clock.start(app, on=ctx.today, cal=ctx.cal)
    app.last_reason = ""
    data = {
        "recommendation_number": d["recommendation_number"],
        "recommendation_date": d["recommendation_date"].isoformat(),
        "inspection_date": d["inspection_date"].isoformat() if d.get("inspection_date") else None,
        "received_on": ctx.today.isoformat(),
        "inspection_report_sha256": bap.sha256,
        "recommendation_sha256": rec.sha256,
    }
    return Outputs(
        data=data,
        records=[
            Record(
                RecordKind.INSPECTION_REPORT, data={"inspection_date": data["inspection_date"]}, document=bap
            ),
            Record(RecordKind.RECOMMENDATION, number=d["recommendation_number"], data=data, document=rec),
        ],
    )


def agency_note(ctx: Ctx) -> Outputs:
    d = ctx.data
    return Outputs(
        data={
            "activity": d["activity"],
            "activity_date": d["activity_date"].isoformat() if d.get("activity_date") else None,
        }
    )


def resubmit_to_agency(ctx: Ctx) -> Outputs:
    return Outputs(data={"documents": hashes(current_documents(ctx.app))})
