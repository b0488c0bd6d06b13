"""Helpers for driving applications through the API in tests."""

from typing import Any

from perizinan.demo import pdf_upload


def create_complete(api_as, data: dict[str, Any], *, owner: str = "applicant") -> int:  # type: ignore[no-untyped-def]
    """Create an application through the API and upload every submission document."""
    r = api_as(owner).post("/applications", data)
    assert r.status_code == 201, r.content
    app = r.json()
    for row in app["checklist"]:
        if row["stage"] == "submission":
            up = api_as(owner).upload(
                f"/applications/{app['id']}/documents",
                {"requirement": str(row["number"]), "file": pdf_upload(f"r{row['number']}.pdf")},
            )
            assert up.status_code == 201, up.content
    return app["id"]


def act(api_as, app_id: int, actor: str, name: str, data: dict[str, Any] | None = None, *, expect: int = 200):  # type: ignore[no-untyped-def]
    """Check the action is offered to `actor`, take it, and return the application JSON."""
    offered = api_as(actor).get(f"/applications/{app_id}/actions")
    assert offered.status_code == 200, offered.content
    names = [a["name"] for a in offered.json()]
    if expect == 200:
        assert name in names, f"{name} not offered to {actor}: {names}"
    if name in {"recommend", "receive_recommendation"}:
        payload = {
            "recommendation_number": "445/77/Farmalkes",
            "recommendation_date": "2026-11-20",
            **(data or {}),
            "inspection_report": pdf_upload("bap.pdf"),
            "recommendation": pdf_upload("rek.pdf"),
        }
        r = api_as(actor).upload(f"/applications/{app_id}/actions/{name}", payload)
    else:
        r = api_as(actor).post(f"/applications/{app_id}/actions/{name}", data or {})
    assert r.status_code == expect, (r.status_code, r.content)
    return r.json()


FORWARD = [
    ("applicant", "submit", {}),
    ("cs", "cs_accept", {"confirm_all": True}),
    ("registration", "register", {}),
    ("verifier", "verify", {}),
    ("liaison", "deliver_to_agency", {"received_by": "Staf Dinkes"}),
    ("technical_team", "recommend", {}),
    ("admin_monitoring", "draft_licence", {}),
    ("section_head", "section_approve", {}),
    ("division_head", "division_approve", {}),
    ("office_head", "sign", {}),
    ("registry", "number_licence", {"final_checklist_checked": True}),
    ("pickup", "hand_over", {"recipient_name": "Rudi Hartono", "recipient_id_number": "6471011501900001"}),
    ("applicant", "confirm_receipt", {}),
]


def run_until(api_as, app_id: int, stop_before: str | None = None) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    out: dict[str, Any] = {}
    for actor, name, data in FORWARD:
        if name == stop_before:
            break
        out = act(api_as, app_id, actor, name, data)
    return out
