"""Where the swimlane of SOP-LP2N-KES-02 (Lampiran 1) puts its boxes and arrows, read from the
workflow definition (no drawing, no queries), and the overlay of one application's process log.

Rows are the 13 lanes of `ROLE_LANES` (CS and help desk share lane 3), columns the step numbers
of `STEPS`. Everything else is read from `workflow.actions.all_actions()`, so the drawing follows
the definition when it changes:

- a step box sits in the lane of every role that takes an action at that step; the *main* box of
  a step is the lane whose roles move the application on (forward actions, not counting the
  applicant's answers from states that wait on the applicant), the others are drawn dashed;
- the forward path joins the main boxes of consecutive steps;
- a decision diamond sits next to every box whose roles may send back or reject at that step;
- every `back` action is a dashed return arrow from its step to the step of its target state
  (`STATE_STEP[target]`), into the lane of whoever acts in that state; forward actions taken
  from a dashed box, or that lead to an earlier step, close their loop with a thin arrow;
- `reject` actions end in a small terminal under the diamond.

`Overlay` reads an application's process log: the boxes of steps done (forward entries), the
current step, and the loops taken (back entries).
"""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from perizinan.accounts.roles import ROLE_LABELS, ROLE_LANES, Role
from perizinan.workflow.actions import ActionDef, all_actions
from perizinan.workflow.states import STATE_STEP, STEPS, WAITING_ON_APPLICANT

# Steps 1 and 2 happen at the information desk before an application exists, so no transition
# carries them: the applicant seeks information (lane 1), the information officer answers (lane 2).
# This is the only hard-coded part of the drawing.
INFO_DESK_STEPS: dict[int, Role] = {1: Role.APPLICANT, 2: Role.INFO}

Cell = tuple[int, int]  # (step, lane)


@dataclass
class Box:
    step: int
    lane: int
    main: bool
    roles: list[Role] = field(default_factory=list)
    decision: bool = False
    rejects: list[ActionDef] = field(default_factory=list)


@dataclass
class Edge:
    kind: str  # forward (the path) | back (return arrow) | alt (closes a loop)
    src: Cell
    dst: Cell
    actions: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)


@dataclass
class Layout:
    steps: list[int]
    lanes: list[int]
    boxes: dict[Cell, Box]
    main: dict[int, int]  # step -> lane of its main box
    edges: list[Edge]
    state_cells: dict[str, Cell]  # where the application waits in each state

    def edge_for(self, action: str) -> list[Edge]:
        return [e for e in self.edges if action in e.actions]


def _lane(role: str) -> int | None:
    try:
        return ROLE_LANES.get(Role(role))
    except ValueError:
        return None


def _lanes_of(action: ActionDef) -> list[int]:
    return sorted({lane for r in action.roles if (lane := _lane(r)) is not None})


def _best_lane(actions: Iterable[ActionDef], allowed: set[int] | None = None) -> int | None:
    """The lane that moves things on: most forward actions, then most decisions; ties → upper lane."""
    score: dict[int, Counter[str]] = defaultdict(Counter)
    for a in actions:
        for lane in _lanes_of(a):
            if allowed is None or lane in allowed:
                score[lane][a.direction] += 1
    if not score:
        return None
    return max(score, key=lambda lane: (score[lane]["forward"], score[lane]["back"], score[lane]["reject"],
                                        score[lane]["note"], -lane))  # fmt: skip


def layout(actions: Iterable[ActionDef] | None = None) -> Layout:
    acts = list(all_actions().values() if actions is None else actions)
    by_step: dict[int, list[ActionDef]] = defaultdict(list)
    for a in acts:
        if a.step is not None and _lanes_of(a):
            by_step[a.step].append(a)
    steps = sorted(set(STEPS) | set(by_step) | set(INFO_DESK_STEPS))
    lanes = sorted(set(ROLE_LANES.values()))

    boxes: dict[Cell, Box] = {}
    main: dict[int, int] = {}
    for s in steps:
        here = by_step.get(s, [])
        if not here and s in INFO_DESK_STEPS:
            lane = ROLE_LANES[INFO_DESK_STEPS[s]]
            boxes[(s, lane)] = Box(s, lane, True, [INFO_DESK_STEPS[s]])
            main[s] = lane
            continue
        if not here:
            continue
        # The applicant's answers from a waiting state belong to a loop, not to the step's main actor.
        moving = [a for a in here if not (a.sources and a.sources <= WAITING_ON_APPLICANT)] or here
        main_lane = _best_lane(moving)
        assert main_lane is not None
        main[s] = main_lane
        for a in here:
            for lane in _lanes_of(a):
                box = boxes.setdefault((s, lane), Box(s, lane, lane == main_lane))
                box.roles.extend(Role(r) for r in a.roles if _lane(r) == lane and Role(r) not in box.roles)
                if a.direction in {"back", "reject"}:
                    box.decision = True
                if a.direction == "reject":
                    box.rejects.append(a)

    # Where the application waits in a state: the column of its step, the lane of whoever acts there.
    def state_cell(state: str) -> Cell | None:
        col = STATE_STEP.get(state)
        if col is None or col not in main:
            return None
        actors = [a for a in acts if state in a.sources and a.direction != "note" and a.step is not None]
        lane = _best_lane(actors, allowed={ln for (s, ln) in boxes if s == col})
        return (col, lane if lane is not None else main[col])

    state_cells = {st: c for st in STATE_STEP if (c := state_cell(st)) is not None}

    edges: list[Edge] = []
    path_steps = [s for s in steps if s in main]
    for a_step, b_step in pairwise(path_steps):
        edges.append(Edge("forward", (a_step, main[a_step]), (b_step, main[b_step])))
    path = {(e.src, e.dst) for e in edges}

    merged: dict[tuple[str, Cell, Cell], Edge] = {}
    for a in sorted(acts, key=lambda x: (x.step or 0, x.name)):
        if a.step is None or a.target is None or a.target not in state_cells:
            continue
        dst = state_cells[a.target]
        for lane in _lanes_of(a):
            src = (a.step, lane)
            if src not in boxes:
                continue
            if a.direction == "back":
                kind = "back"
            elif a.direction == "forward":
                backwards = dst[0] < a.step
                if (boxes[src].main and not backwards) or src == dst or (src, dst) in path:
                    continue
                kind = "alt"
            else:
                continue
            edge = merged.setdefault((kind, src, dst), Edge(kind, src, dst))
            edge.actions.append(a.name)
            edge.labels.append(str(a.label))
    edges.extend(merged.values())
    return Layout(steps, lanes, boxes, main, edges, state_cells)


def lane_label(lane: int) -> str:
    """The lane's label: its roles' labels joined as the SOP does (lane 3: CS + help desk)."""
    return " + ".join(str(ROLE_LABELS[r]) for r in ROLE_LANES if ROLE_LANES[r] == lane)


def step_actors(actions: Iterable[ActionDef] | None = None) -> dict[int, str]:
    """Step number → who acts in its main box (for text alternatives next to the diagram)."""
    lay = layout(actions)
    return {
        s: ", ".join(str(ROLE_LABELS[r]) for r in lay.boxes[(s, lane)].roles) or lane_label(lane)
        for s, lane in lay.main.items()
    }


class Overlay:
    """What an application's process log marks on a layout."""

    def __init__(self, lay: Layout, application: Any) -> None:
        self.done: set[Cell] = set()
        self.current: set[Cell] = set()
        self.loops: Counter[str] = Counter()
        self.done_steps: set[int] = set()
        self.loop_labels: list[str] = []
        self.current_step: int | None = None
        if application is None:
            return
        entries = application.log.order_by("seq").values_list("step", "direction", "role", "action")
        for step, direction, role, action in entries:
            if step is None:
                continue
            if direction == "forward":
                lane = _lane(role)
                cell = (step, lane) if lane is not None and (step, lane) in lay.boxes else None
                if cell is None and step in lay.main:
                    cell = (step, lay.main[step])
                if cell is not None:
                    self.done.add(cell)
                    self.done_steps.add(step)
            elif direction == "back":
                self.loops[action] += 1
                edges = lay.edge_for(action)
                if edges:
                    self.loop_labels.append(f"{edges[0].labels[edges[0].actions.index(action)]} ({step})")
        self.current_step = STATE_STEP.get(application.state)
        cell = lay.state_cells.get(application.state)
        if cell is not None:
            self.current.add(cell)
        elif self.current_step in lay.main:
            self.current.add((self.current_step, lay.main[self.current_step]))
