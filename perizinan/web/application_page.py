"""What the application page shows besides the raw records: the process log with the uploads
grouped, the last return for whoever holds the file, the documents the applicant replaced,
the applicant's progress tracker and the documents the applicant may read."""

from dataclasses import dataclass, field
from typing import Any

from perizinan.accounts.roles import ROLE_LABELS
from perizinan.workflow.actions import holders_of, note_for
from perizinan.workflow.states import FINAL_STATES, STATE_STEP, STEPS, State

HAND_IN = {"submit", "resubmit_to_cs", "resubmit_fix", "resubmit_to_agency"}
UPLOAD = "upload_document"


@dataclass
class LogItem:
    entry: Any  # the first entry of the group
    note: str
    entries: list[Any] = field(default_factory=list)  # an upload group: every upload

    @property
    def count(self) -> int:
        return len(self.entries)


def log_items(timeline: list[Any], *, officer: bool) -> list[LogItem]:
    """The process log, consecutive uploads by the same person folded into one item."""
    items: list[LogItem] = []
    for e in timeline:
        last = items[-1] if items else None
        if e.action == UPLOAD and last and last.entries and last.entry.actor_id == e.actor_id:
            last.entries.append(e)
            continue
        items.append(LogItem(e, note_for(e, officer=officer), [e] if e.action == UPLOAD else []))
    return items


def last_return(timeline: list[Any], state: str) -> Any:
    """The return that put the file where it is now, if the latest move was a return."""
    moves = [e for e in timeline if e.to_state != e.from_state]
    if moves and moves[-1].direction == "back" and moves[-1].to_state == state:
        return moves[-1]
    return None


def replaced_documents(timeline: list[Any]) -> list[int]:
    """Requirement numbers whose document changed between the last two hand-ins."""
    hand_ins = [e for e in timeline if e.action in HAND_IN and "documents" in (e.data or {})]
    if len(hand_ins) < 2 or hand_ins[-1].action == "submit":
        return []
    before, now = hand_ins[-2].data["documents"], hand_ins[-1].data["documents"]
    return sorted(int(n) for n, sha in now.items() if before.get(n) != sha)


def holder(state: str) -> str:
    """Who holds the file now, by role."""
    if state in FINAL_STATES:
        return ""
    return ", ".join(str(ROLE_LABELS[r]) for r in holders_of(state))


def progress(timeline: list[Any], state: str) -> list[dict[str, Any]]:
    """The applicant's tracker: each step of the SOP from 3 to 17, the day it was last done,
    and the current one."""
    done: dict[int, Any] = {}
    for e in timeline:
        if e.step and e.direction in {"forward", "back", "reject"}:
            done[e.step] = e.at
    current = STATE_STEP[state]
    final = state in FINAL_STATES
    return [
        {
            "number": n,
            "title": STEPS[n].title,
            "at": done.get(n),
            "current": n == current and not final,
            "done": n < current or (final and n in done),
        }
        for n in range(3, 18)
        if n not in {5}  # the help desk is optional
    ]


def state_label(state: str) -> str:
    return str(State(state).label)
