"""The swimlane of Lampiran 1 is drawn from the workflow definition, and overlaid with an application's log."""

import re
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

from perizinan.accounts.roles import ROLE_LABELS, ROLE_LANES, Role
from perizinan.demo import new_application, run_forward
from perizinan.web import swimlane, swimlane_layout
from perizinan.web.swimlane import swimlane_svg
from perizinan.web.swimlane_layout import INFO_DESK_STEPS, layout
from perizinan.workflow.actions import ActionDef, all_actions
from perizinan.workflow.effects import nothing
from perizinan.workflow.services import take_action
from perizinan.workflow.states import STATE_STEP, STEPS, State

SVG = "{http://www.w3.org/2000/svg}"

# The lane of each step's main box, as Lampiran 1 draws it.
SOP_LANES = {1: 1, 2: 2, 3: 1, 4: 3, 5: 3, 6: 4, 7: 5, 8: 3, 9: 6, 10: 8, 11: 7, 12: 9, 13: 10, 14: 11, 15: 12,
             16: 13, 17: 1}  # fmt: skip


def parse(svg: str) -> ET.Element:
    return ET.fromstring(str(svg))


def classes(el: ET.Element) -> set[str]:
    return set((el.get("class") or "").split())


def boxes(root: ET.Element) -> dict[tuple[int, int], ET.Element]:
    return {
        (int(g.get("data-step", 0)), int(g.get("data-lane", 0))): g
        for g in root.iter(f"{SVG}g")
        if "step" in classes(g)
    }


def edges(root: ET.Element, kind: str) -> list[ET.Element]:
    return [p for p in root.iter(f"{SVG}path") if {"edge", kind} <= classes(p)]


def edge_for(root: ET.Element, action: str) -> ET.Element:
    found = [p for p in root.iter(f"{SVG}path") if action in (p.get("data-actions") or "").split()]
    assert len(found) == 1, f"{action}: {len(found)} edges"
    return found[0]


def lanes_of(action: ActionDef) -> set[int]:
    return {ROLE_LANES[r] for r in action.roles if r in ROLE_LANES}


def test_thirteen_lanes_in_role_lane_order_with_sop_labels():
    root = parse(swimlane_svg())
    lanes = [g for g in root.iter(f"{SVG}g") if "lane" in classes(g)]
    assert [int(g.get("data-lane", 0)) for g in lanes] == list(range(1, 14))
    titles = {int(g.get("data-lane", 0)): g.find(f"{SVG}title").text for g in lanes}  # type: ignore[union-attr]
    for role, lane in ROLE_LANES.items():
        assert str(ROLE_LABELS[role]) in titles[lane]
    # CS and help desk share lane 3.
    assert str(ROLE_LABELS[Role.CS]) in titles[3] and str(ROLE_LABELS[Role.HELPDESK]) in titles[3]


def test_accessible_and_csp_safe():
    svg = str(swimlane_svg())
    root = parse(svg)
    assert root.get("role") == "img" and root.get("class") == "swimlane"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and desc is not None and title.text and desc.text
    assert root.get("aria-labelledby") == title.get("id")
    assert root.get("aria-describedby") == desc.get("id")
    assert "style" not in svg and "<script" not in svg
    ids = re.findall(r'\bid="([^"]+)"', svg)
    assert len(ids) == len(set(ids))
    # Two diagrams on one page never share an id.
    other = re.findall(r'\bid="([^"]+)"', str(swimlane_svg()))
    assert not set(ids) & set(other)
    # Every marker referenced is defined in the same SVG.
    for ref in re.findall(r"url\(#([^)]+)\)", svg):
        assert ref in ids


def test_every_step_sits_in_the_lane_of_the_roles_acting_there():
    root = parse(swimlane_svg())
    found = boxes(root)
    assert {s for s, _ in found} == set(range(1, 18)) == set(STEPS)
    for action in all_actions().values():
        if action.step is None:
            continue
        for lane in lanes_of(action):
            assert (action.step, lane) in found, (
                f"{action.name}: no box for step {action.step} in lane {lane}"
            )
    for step, role in INFO_DESK_STEPS.items():
        assert (step, ROLE_LANES[role]) in found
    main = {s: lane for (s, lane), g in found.items() if "main" in classes(g)}
    assert main == SOP_LANES
    # The applicant's answers inside loops, and the office receiving a recommendation, are secondary boxes.
    secondary = {cell for cell, g in found.items() if "secondary" in classes(g)}
    assert secondary == {(4, 1), (8, 1), (10, 1), (10, 7)}


def test_forward_path_joins_consecutive_steps():
    root = parse(swimlane_svg())
    path = [(int(p.get("data-from", 0)), int(p.get("data-to", 0))) for p in edges(root, "forward")]
    assert path == [(n, n + 1) for n in range(1, 17)]


def test_every_back_action_has_a_dashed_return_arrow_and_a_decision():
    root = parse(swimlane_svg())
    found = boxes(root)
    back = [a for a in all_actions().values() if a.direction == "back"]
    assert len(back) >= 10
    for action in back:
        edge = edge_for(root, action.name)
        assert "back" in classes(edge) and edge.get("stroke-dasharray")
        assert int(edge.get("data-from", 0)) == action.step
        assert int(edge.get("data-to", 0)) == STATE_STEP[action.target]  # type: ignore[index]
    decisions = {
        (a.step, lane)
        for a in all_actions().values()
        if a.direction in {"back", "reject"}
        for lane in lanes_of(a)
    }
    for cell in decisions:
        assert found[cell].find(f"{SVG}polygon") is not None, f"no decision diamond at {cell}"  # type: ignore[union-attr]
    rejects = {a.name for a in all_actions().values() if a.direction == "reject"}
    drawn = {
        n
        for g in root.iter(f"{SVG}g")
        if "reject" in classes(g)
        for n in (g.get("data-actions") or "").split()
    }
    assert drawn == rejects


def test_loops_close_back_to_the_step_that_sent_them():
    root = parse(swimlane_svg())
    # The applicant's answer from a loop, and CS forwarding fixes back to the verifier.
    for name, frm, to in [("resubmit_to_cs", 4, 4), ("resubmit_fix", 8, 8), ("resubmit_to_agency", 10, 10),
                          ("cs_forward_fix", 8, 7), ("receive_recommendation", 10, 11)]:  # fmt: skip
        edge = edge_for(root, name)
        assert "alt" in classes(edge)
        assert (int(edge.get("data-from", 0)), int(edge.get("data-to", 0))) == (frm, to)


def test_drawn_from_the_definition_when_it_changes(monkeypatch):
    """A new decision and a new step appear without touching the drawing code."""
    base = dict(all_actions())
    extended = {
        **base,
        # The registry may send a wrongly signed licence back to the head of the office.
        "registry_return": ActionDef(
            name="registry_return",
            label="Kembalikan ke Kepala Dinas",
            step=15,
            roles=(Role.REGISTRY,),
            direction="back",
            sources=frozenset({State.SIGNED}),
            target=State.DIVISION_APPROVED,
            fields=(),
            outputs=(),
            standard="",
            doc="",
            effect=nothing,
            documents=(),
        ),
        # An 18th step: the applicant fills in the satisfaction survey.
        "fill_survey": ActionDef(
            name="fill_survey",
            label="Isi survei",
            step=18,
            roles=(Role.APPLICANT,),
            direction="forward",
            sources=frozenset({State.COMPLETED}),
            target=State.COMPLETED,
            fields=(),
            outputs=(),
            standard="",
            doc="",
            effect=nothing,
            documents=(),
        ),
        # Hand-over moves to the registry's lane.
        "hand_over": replace(base["hand_over"], roles=(Role.REGISTRY,)),
    }
    monkeypatch.setattr(swimlane_layout, "all_actions", lambda: extended)
    root = parse(swimlane_svg())
    found = boxes(root)
    edge = edge_for(root, "registry_return")
    assert (int(edge.get("data-from", 0)), int(edge.get("data-to", 0))) == (15, 14)
    assert found[(15, 12)].find(f"{SVG}polygon") is not None  # type: ignore[union-attr]
    assert (18, 1) in found and "main" in classes(found[(18, 1)])
    assert (16, 12) in found and (16, 13) not in found
    path = [(int(p.get("data-from", 0)), int(p.get("data-to", 0))) for p in edges(root, "forward")]
    assert path[-1] == (17, 18)
    # The geometry grows with the columns.
    assert root.get("viewBox", "").split()[2] == str(
        swimlane.LABEL_W + 18 * swimlane.COL_W + swimlane.RIGHT_PAD
    )
    # layout() takes an explicit list too, with the same result.
    assert layout(extended.values()).main == {**SOP_LANES, 16: 12, 18: 1}


@pytest.mark.django_db
def test_overlay_marks_done_current_and_loops_taken(users):
    app = new_application(users)
    for actor, name, data in [
        ("applicant", "submit", {}),
        ("cs", "cs_return", {"reason": "Akta belum dilegalisir"}),
        ("applicant", "resubmit_to_cs", {}),
        ("cs", "cs_accept", {"confirm_all": True}),
        ("registration", "register", {}),
        ("verifier", "verify_return", {"reason": "NPWP tidak terbaca"}),
        ("cs", "cs_request_fix", {"reason": "Unggah ulang NPWP"}),
    ]:
        app.refresh_from_db()
        take_action(application=app, name=name, by=users[actor], data=data)
    app.refresh_from_db()
    assert app.state == State.AWAITING_FIX
    root = parse(swimlane_svg(app))
    found = boxes(root)
    done = {cell for cell, g in found.items() if "done" in classes(g)}
    assert done == {(3, 1), (4, 1), (4, 3), (6, 4)}
    current = {cell for cell, g in found.items() if "current" in classes(g)}
    assert current == {(8, 1)}  # waiting on the applicant at step 8
    rect = found[(8, 1)].find(f"{SVG}rect")
    assert rect is not None and float(rect.get("stroke-width", 0)) >= 3
    green = found[(3, 1)].find(f"{SVG}rect")
    assert green is not None and green.get("fill") == swimlane.DONE_FILL
    taken = {
        n for p in edges(root, "back") if "taken" in classes(p) for n in (p.get("data-actions") or "").split()
    }
    assert {"cs_return", "verify_return", "cs_request_fix"} <= taken
    assert "section_send_back" not in taken
    for p in edges(root, "back"):
        assert (p.get("stroke") == swimlane.LOOP) == ("taken" in classes(p))
    desc = root.find(f"{SVG}desc")
    assert desc is not None and "langkah 8" in (desc.text or "")


@pytest.mark.django_db
def test_overlay_of_a_completed_application(users, django_assert_max_num_queries):
    app = run_forward(new_application(users), users)
    assert app.state == State.COMPLETED
    with django_assert_max_num_queries(1):
        root = parse(swimlane_svg(app))
    found = boxes(root)
    done = {s for (s, lane), g in found.items() if "done" in classes(g)}
    assert done == set(range(3, 18)) - {5, 8}  # help desk and the fix loop were not needed
    assert {cell for cell, g in found.items() if "current" in classes(g)} == {(17, 1)}
    assert not [p for p in edges(root, "back") if "taken" in classes(p)]
