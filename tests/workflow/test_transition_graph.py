"""The transition graph against ADR 0002, as a table written out by hand (no database).

Each row: action -> (SOP step, source states, target state or None for a note, roles,
direction). A change to the workflow that is not also a change to the ADR fails here.
"""

import pytest

from perizinan.workflow.actions import all_actions
from perizinan.workflow.states import State

ACTIVE = {s.value for s in State} - {"draft", "completed", "withdrawn", "declined", "rejected"}
APPLICANTS_HANDS = {"draft", "submitted", "returned_by_cs", "awaiting_fix", "agency_returned"}
SUPERVISORS = {"supervisor", "section_head", "division_head", "office_head", "admin_monitoring"}

GRAPH: dict[str, tuple[int | None, set[str], str | None, set[str], str]] = {
    "submit": (3, {"draft"}, "submitted", {"applicant"}, "forward"),
    "withdraw": (
        3,
        {"draft", "submitted", "returned_by_cs", "accepted"},
        "withdrawn",
        {"applicant"},
        "reject",
    ),
    "cs_accept": (4, {"submitted"}, "accepted", {"cs"}, "forward"),
    "cs_return": (4, {"submitted"}, "returned_by_cs", {"cs"}, "back"),
    "resubmit_to_cs": (4, {"returned_by_cs"}, "submitted", {"applicant"}, "forward"),
    "helpdesk_consult": (5, APPLICANTS_HANDS, None, {"helpdesk"}, "note"),
    "register": (6, {"accepted"}, "registered", {"registration"}, "forward"),
    "registration_return": (6, {"accepted"}, "submitted", {"registration"}, "back"),
    "verify": (7, {"registered"}, "verified", {"verifier"}, "forward"),
    "verify_return": (7, {"registered"}, "verification_returned", {"verifier"}, "back"),
    "cs_request_fix": (8, {"verification_returned"}, "awaiting_fix", {"cs"}, "back"),
    "resubmit_fix": (8, {"awaiting_fix"}, "fix_received", {"applicant"}, "forward"),
    "cs_forward_fix": (8, {"fix_received"}, "registered", {"cs"}, "forward"),
    "cs_reject_fix": (8, {"fix_received"}, "awaiting_fix", {"cs"}, "back"),
    "deliver_to_agency": (9, {"verified"}, "at_agency", {"liaison"}, "forward"),
    "recommend": (10, {"at_agency"}, "recommended", {"technical_team"}, "forward"),
    "receive_recommendation": (10, {"at_agency"}, "recommended", {"admin_monitoring"}, "forward"),
    "agency_return": (10, {"at_agency"}, "agency_returned", {"technical_team"}, "back"),
    "agency_decline": (10, {"at_agency", "agency_returned"}, "declined", {"technical_team"}, "reject"),
    "agency_note": (10, {"at_agency"}, None, {"technical_team"}, "note"),
    "resubmit_to_agency": (10, {"agency_returned"}, "at_agency", {"applicant"}, "forward"),
    "draft_licence": (11, {"recommended"}, "drafted", {"admin_monitoring"}, "forward"),
    "section_approve": (12, {"drafted"}, "section_approved", {"section_head"}, "forward"),
    "section_send_back": (12, {"drafted"}, "recommended", {"section_head"}, "back"),
    "section_propose_meeting": (12, {"drafted", "section_approved"}, None, {"section_head"}, "note"),
    "division_approve": (13, {"section_approved"}, "division_approved", {"division_head"}, "forward"),
    "division_send_back": (13, {"section_approved"}, "recommended", {"division_head"}, "back"),
    "division_propose_meeting": (13, {"section_approved"}, None, {"division_head"}, "note"),
    "sign": (14, {"division_approved"}, "signed", {"office_head"}, "forward"),
    "office_send_back_section": (14, {"division_approved"}, "drafted", {"office_head"}, "back"),
    "office_send_back_division": (14, {"division_approved"}, "section_approved", {"office_head"}, "back"),
    "office_send_to_agency": (14, {"division_approved"}, "at_agency", {"office_head"}, "back"),
    "call_meeting": (14, {"division_approved"}, "meeting_called", {"office_head"}, "back"),
    "meeting_held": (14, {"meeting_called"}, "division_approved", {"office_head"}, "forward"),
    "office_reject": (14, {"division_approved", "meeting_called"}, "rejected", {"office_head"}, "reject"),
    "number_licence": (15, {"signed"}, "numbered", {"registry"}, "forward"),
    "hand_over": (16, {"numbered"}, "handed_over", {"pickup"}, "forward"),
    "confirm_receipt": (17, {"handed_over"}, "completed", {"applicant"}, "forward"),
    "supervision_note": (None, ACTIVE, None, SUPERVISORS, "note"),
    # The steps only some permit types have (docs/adr/0018-second-permit-type.md): without a
    # technical recommendation, verification goes straight to drafting; with a fee, the pickup
    # counter records its payment from registration until the licence is handed over.
    "verify_for_drafting": (7, {"registered"}, "recommended", {"verifier"}, "forward"),
    "record_payment": (
        None,
        ACTIVE - {"submitted", "returned_by_cs", "accepted", "handed_over"},
        None,
        {"pickup"},
        "note",
    ),
}


def _defined() -> dict[str, tuple[int | None, set[str], str | None, set[str], str]]:
    return {
        name: (a.step, set(a.sources), a.target, {r.value for r in a.roles}, a.direction)
        for name, a in all_actions().items()
    }


def test_the_workflow_has_exactly_the_actions_of_the_adr():
    assert set(_defined()) == set(GRAPH)


@pytest.mark.parametrize("name", sorted(GRAPH))
def test_each_action_matches_its_row(name):
    assert _defined()[name] == GRAPH[name]


def test_every_active_state_is_reachable_from_draft_and_can_reach_an_end():
    edges = {(s, t) for _, sources, t, _, _ in GRAPH.values() if t for s in sources}
    reached, frontier = {"draft"}, ["draft"]
    while frontier:
        here = frontier.pop()
        for s, t in edges:
            if s == here and t not in reached:
                reached.add(t)
                frontier.append(t)
    assert reached == {s.value for s in State}
    ends = {"completed", "withdrawn", "declined", "rejected"}
    for state in ACTIVE:
        seen, todo = {state}, [state]
        while todo:
            here = todo.pop()
            for s, t in edges:
                if s == here and t not in seen:
                    seen.add(t)
                    todo.append(t)
        assert seen & ends, state
