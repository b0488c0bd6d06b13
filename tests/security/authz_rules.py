"""Who may do what, written out by hand from the API contract, ADR 0002 and the SOP roles.

The authorisation matrix (test_authorization_matrix.py) compares the server with these
statements; nothing here asks the code under test what the rules are. The workflow's
actions come from the hand-written table of tests/workflow/test_transition_graph.py.
"""

from dataclasses import dataclass

from tests.workflow.test_transition_graph import GRAPH

ANONYMOUS = "anonymous"
OWNER = "applicant"  # the applicant who filed the matrix's applications
OTHER_APPLICANT = "other_applicant"  # an applicant who does not own them

ROLES = (
    "applicant",
    "info",
    "cs",
    "helpdesk",
    "registration",
    "verifier",
    "liaison",
    "admin_monitoring",
    "technical_team",
    "section_head",
    "division_head",
    "office_head",
    "registry",
    "pickup",
    "supervisor",
    "site_admin",
)
PRINCIPALS = (ANONYMOUS, *ROLES, OTHER_APPLICANT)

EVERYONE = frozenset(ROLES) | {OTHER_APPLICANT}
OFFICERS = frozenset(ROLES) - {"applicant"}
# Section P of the SOP: the heads, the supervisor and the site admin supervise (log check, IKM).
SUPERVISING = frozenset({"section_head", "division_head", "office_head", "supervisor", "site_admin"})
# Contract, Reports: "heads of section, division and office; supervisor".
REPORTING = frozenset({"section_head", "division_head", "office_head", "supervisor"})
# Contract, Applications: the applicant files; ADR 0002 / walk-in service: customer service too.
CREATORS = frozenset({"applicant", "other_applicant", "cs"})
# Contract, Queue: "the officer of that service" (CS queue: customer service and the help desk).
CS_QUEUE = frozenset({"cs", "helpdesk"})

# States after `deliver_to_agency` in ADR 0002: the application has been referred to the agency.
REFERRED_STATES = frozenset(
    {
        "at_agency",
        "agency_returned",
        "recommended",
        "drafted",
        "section_approved",
        "division_approved",
        "meeting_called",
        "signed",
        "numbered",
        "handed_over",
        "completed",
        "declined",
        "rejected",
    }
)
STATES = tuple(sorted({s for _, sources, target, _, _ in GRAPH.values() for s in (*sources, target) if s}))


def sees(principal: str, *, referred: bool) -> bool:
    """Contract: another applicant's application is 404; roles.py: the office's officers see every
    application, the technical team only those referred to its agency."""
    if principal in {ANONYMOUS, OTHER_APPLICANT}:
        return False
    if principal == "technical_team":
        return referred
    return True


# The matrix's applications are of the catalogue's permit type (a technical recommendation, no
# fee): the steps only other permit types have (ADR 0018) are not available to them (409).
NOT_FOR_THIS_PERMIT_TYPE = frozenset({"verify_for_drafting", "record_payment"})


def action_outcome(principal: str, action: str, state: str) -> int | str:
    """The contract's answer to POST /applications/{id}/actions/{action} on an application in
    `state` owned by OWNER (not a walk-in): 401, 404, 403, 409, or "allowed"."""
    _, sources, _, roles, _ = GRAPH[action]
    if principal == ANONYMOUS:
        return 401
    if not sees(principal, referred=state in REFERRED_STATES):
        return 404
    if principal not in roles:
        return 403
    return "allowed" if state in sources and action not in NOT_FOR_THIS_PERMIT_TYPE else 409


def offered(principal: str, state: str) -> set[str]:
    """GET /applications/{id}/actions: what the caller may take now."""
    return {a for a in GRAPH if action_outcome(principal, a, state) == "allowed"}


@dataclass(frozen=True)
class Rule:
    """The expectation for one API operation.

    `audience`: None = public (no token); otherwise who may use it (the rest get 403).
    `scoped`: the path names an application, so who may not see it gets 404 first.
    `ok`: the status of an allowed call with the matrix's valid input.
    """

    audience: frozenset[str] | None
    ok: tuple[int, ...]
    scoped: bool = False


def _app(audience: frozenset[str], *ok: int) -> Rule:
    return Rule(audience, ok or (200,), scoped=True)


PUBLIC = Rule(None, ())  # the answers of PUBLIC_ANSWERS: never 401, 403 or a 5xx
PUBLIC_ANSWERS = (200, 201, 204, 404, 409, 413, 422, 429)
# The applicant's data and documents: the owner while in their hands, CS at the counter (ADR 0002).
EDITORS = frozenset({"applicant", "cs"})

API_RULES: dict[tuple[str, str], Rule] = {
    ("GET", "/api/v1/health"): PUBLIC,
    ("GET", "/api/v1/health/ready"): Rule(None, (200, 503)),  # 503 names the failed checks (no worker here)
    ("POST", "/api/v1/auth/token"): PUBLIC,
    ("DELETE", "/api/v1/auth/token"): Rule(EVERYONE, (204,)),
    ("GET", "/api/v1/permit-types"): PUBLIC,
    ("GET", "/api/v1/permit-types/{code}/requirements"): PUBLIC,
    ("GET", "/api/v1/workdays/deadline"): PUBLIC,
    ("POST", "/api/v1/applications"): Rule(CREATORS, (201,)),
    ("GET", "/api/v1/applications"): Rule(EVERYONE, (200,)),
    ("GET", "/api/v1/applications/{pk}"): _app(EVERYONE),
    # 409 when not in the owner's hands (ADR 0002: submitted is at customer service).
    ("PUT", "/api/v1/applications/{pk}"): _app(EDITORS, 200, 409),
    ("POST", "/api/v1/applications/{pk}/documents"): _app(EDITORS, 201, 409),
    ("GET", "/api/v1/applications/{pk}/documents/{doc_id}"): _app(EVERYONE),
    ("POST", "/api/v1/applications/{pk}/checklist/{number}"): _app(frozenset({"cs"}), 200, 409),
    ("GET", "/api/v1/applications/{pk}/log/verify"): _app(SUPERVISING),
    ("GET", "/api/v1/applications/{pk}/actions"): _app(EVERYONE),
    # Every action x state x principal: test_authorization_matrix.test_workflow_actions.
    ("POST", "/api/v1/applications/{pk}/actions/{name}"): _app(EVERYONE, 200, 403, 409, 422),
    ("GET", "/api/v1/applications/{pk}/licence.pdf"): _app(EVERYONE),
    ("GET", "/api/v1/applications/{pk}/generated"): _app(EVERYONE),
    ("GET", "/api/v1/applications/{pk}/generated/{doc_id}"): _app(EVERYONE),
    ("GET", "/api/v1/applications/{pk}/document-jobs"): _app(EVERYONE),
    ("POST", "/api/v1/applications/{pk}/document-jobs/{job_id}/retry"): _app(OFFICERS),
    ("GET", "/api/v1/applications/{pk}/process-sheet.pdf"): _app(EVERYONE),
    ("GET", "/api/v1/tasks"): Rule(OFFICERS, (200,)),
    ("GET", "/api/v1/licences/verify/{code}"): PUBLIC,
    ("POST", "/api/v1/licences/verify-pdf"): PUBLIC,
    ("GET", "/api/v1/status/{registration_number}"): PUBLIC,
    ("POST", "/api/v1/surveys"): PUBLIC,
    ("GET", "/api/v1/ikm"): Rule(SUPERVISING, (200,)),
    ("GET", "/api/v1/complaints/categories"): PUBLIC,
    ("GET", "/api/v1/complaints/stats"): Rule(SUPERVISING, (200,)),
    ("POST", "/api/v1/complaints"): PUBLIC,
    ("GET", "/api/v1/complaints/{tracking_code}"): PUBLIC,
    ("POST", "/api/v1/queue/tickets"): PUBLIC,
    ("POST", "/api/v1/queue/call-next"): Rule(CS_QUEUE, (200, 204)),
    ("POST", "/api/v1/queue/tickets/{ticket_id}/recall"): Rule(CS_QUEUE, (200,)),
    ("POST", "/api/v1/queue/tickets/{ticket_id}/skip"): Rule(CS_QUEUE, (200,)),
    ("POST", "/api/v1/queue/tickets/{ticket_id}/done"): Rule(CS_QUEUE, (200,)),
    ("POST", "/api/v1/queue/tickets/{ticket_id}/transfer"): Rule(CS_QUEUE, (200,)),
    ("GET", "/api/v1/queue/board"): PUBLIC,
    ("GET", "/api/v1/reports/summary"): Rule(REPORTING, (200,)),
    ("GET", "/api/v1/reports/staff"): Rule(REPORTING, (200,)),
}


def api_outcome(rule: Rule, principal: str, *, referred: bool) -> int | tuple[int, ...]:
    """The status (or the allowed statuses) for `principal` calling an operation with `rule`."""
    if rule.audience is None:
        return rule.ok or PUBLIC_ANSWERS
    if principal == ANONYMOUS:
        return 401
    if rule.scoped and not sees(principal, referred=referred):
        return 404
    if principal not in rule.audience:
        return 403
    return rule.ok
