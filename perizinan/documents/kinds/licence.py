"""12. The licence (steps 14/15) and what it shares with its draft: the permit type's title,
legal bases, activity and obligations (data), the office's place and head (office record)."""

from typing import Any

from perizinan.applications.models import Application
from perizinan.catalog.models import ApplicationKind
from perizinan.workflow.models import RecordKind

from ..render import format_date
from .parts import DocumentSpec, agency, applicant, common, latest, licence_title, npwp, recommendation


def default_obligations(office: dict[str, str]) -> list[str]:
    """For a permit type that lists no obligations of its own."""
    return [
        "Mematuhi ketentuan peraturan perundang-undangan yang berlaku.",
        f"Melaporkan setiap perubahan data perusahaan kepada {office['name']}.",
        "Bersedia dibina dan diawasi oleh instansi teknis yang berwenang.",
    ]


def two_columns(items: list[str], *, chars_per_line: int = 55) -> list[dict[str, Any]]:
    """`items` cut into two numbered lists of about the same height (in estimated lines), printed
    side by side. (WeasyPrint's CSS columns balance them exactly, but made the licence's layout
    four times slower.)"""
    lines = [1 + len(item) // chars_per_line for item in items]
    cut = min(range(1, len(items)), key=lambda n: abs(sum(lines[:n]) - sum(lines[n:])))
    return [{"start": 1, "bases": items[:cut]}, {"start": cut + 1, "bases": items[cut:]}]


def licence_base(app: Application, ctx: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    permit_type = app.permit_type
    office = ctx["office"]
    legal_bases = list(permit_type.legal_bases or [])
    return {
        "licence_title": licence_title(permit_type),
        "licence_activity": permit_type.licence_activity or permit_type.name,
        "legal_bases": legal_bases,
        # A long list (the SOP names 14 legal bases) in smaller type, in two columns.
        "legal_basis_columns": two_columns(legal_bases) if len(legal_bases) > 6 else None,
        "validity": permit_type.validity,
        # A permit type whose licences expire prints the date (a form field filled at step 15).
        "has_expiry": bool(permit_type.validity_months),
        "obligations": list(permit_type.obligations or []) or default_obligations(office),
        "recommendation": recommendation(app),
        "needs_recommendation": permit_type.needs_recommendation,
        "agency": agency(app, permit_type),
        "kind": app.kind,
        "kind_label": app.get_kind_display(),
        "is_extension": app.kind == ApplicationKind.EXTENSION,
        "previous_licence_number": applicant(app)["previous_licence_number"],
        "submitted_on": format_date(app.submitted_at or app.registered_at),
        "place": office["place"],
        "signer_position": extra.get("signer_position") or office["head_position"],
    }


def build(app: Application, **extra: Any) -> dict[str, Any]:
    ctx = common(SPEC, app, extra)
    ctx.update(licence_base(app, ctx, extra))
    c = app.company
    signature = latest(app, RecordKind.SIGNATURE)
    ctx.update(
        {
            "holder": {
                "name": str(c),
                "address": c.address,
                "npwp": npwp(c.npwp),
                "nib": c.nib,
                "director": app.director_name,
                "technical_lead": app.tech_lead_name,
                "technical_lead_education": app.get_tech_lead_education_display(),
                "warehouse_address": c.address,
                "device_categories": list(app.device_categories or []),
            },
            "number": extra.get("number") or "",
            "issued_on": format_date(extra.get("issued_on")),
            "expires_on": format_date(extra.get("expires_on")),
            "verification_url": extra.get("verification_url") or "",
            "qr_svg": extra.get("qr_svg") or "",
            "copy_label": extra.get("copy_label") or "",
            "form_fields": bool(extra.get("form_fields")),
            "signer_name": extra.get("signer_name")
            or (signature.data.get("signed_by", "") if signature else ""),
            # The process log's head when the licence was made (docs/adr/0014): signed with it.
            "log_head": f"{app.log_seq}:{app.log_head}" if app.log_head else "",
        }
    )
    return ctx


SPEC = DocumentSpec(
    "licence",
    "Surat Izin",
    "documents/licence.html",
    15,
    False,
    build,
    permit_title="{product}",
    one_page=True,
)
