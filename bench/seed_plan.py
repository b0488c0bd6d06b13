"""What a seeded history looks like (bench/bulk_seed.py): the mix of ends, the log entries of
each kind of end, and the plan every batch reads.

The forward path is copied from one real application made through the services; each end
(withdrawal, decline, rejection) is logged after the forward entry of each state it may be
taken from. `Plan` holds what the batches need, made once before the worker processes fork.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from copyload import Chain

FINAL_MIX = [("completed", 85), ("withdrawn", 6), ("declined", 5), ("rejected", 2), ("draft", 2)]
HOURS = timedelta(hours=6)  # between two log entries of a seeded application
# How each kind of end is logged: (action, step, role, the states it is taken from).
ENDS = {
    "withdrawn": ("withdraw", 3, "applicant", ("submitted", "accepted")),
    "declined": ("decline", 10, "technical_team", ("at_agency",)),
    "rejected": ("reject", 14, "office_head", ("division_approved",)),
}
LOG_COLUMNS = ("step", "action", "direction", "from_state", "to_state", "actor_id", "actor_name", "role")
LOG_COLUMNS += ("standard",)


@dataclass
class Plan:
    """Everything a batch needs (read by worker processes forked after it is made)."""

    n: int
    seed_value: int
    pg: bool
    first_app: int
    first_company: int
    n_companies: int
    first_number: int
    first_licence_seq: int
    types: list[int]
    applicants: list[int]
    forward: list[dict[str, Any]]  # the real application's forward entries
    ends: dict[str, tuple[int, list[int]]]  # state: (its first template entry, prefixes it follows)
    open_prefixes: list[int]
    chain: Chain
    escaped: list[str]  # the template entries' constant columns as COPY text
    documents: list[dict[str, Any]]
    head_id: int
    now: datetime
    start: datetime


def template_entries(
    forward: list[dict[str, Any]],
) -> tuple[list[dict[str, Any]], dict[str, tuple[int, list[int]]]]:
    """The forward path, then one entry per kind of end and per state it is taken from."""
    actors = {e["role"]: (e["actor_id"], e["actor_name"]) for e in forward}
    template = [dict(e) for e in forward]
    ends: dict[str, tuple[int, list[int]]] = {}
    for state, (action, step, role, sources) in ENDS.items():
        prefixes = [k for k, e in enumerate(forward, start=1) if e["to_state"] in sources]
        actor_id, actor_name = actors[role]
        ends[state] = (len(template), prefixes)
        for k in prefixes:
            template.append(
                {
                    "step": step,
                    "action": action,
                    "direction": "reject",
                    "from_state": forward[k - 1]["to_state"],
                    "to_state": state,
                    "actor_id": actor_id,
                    "actor_name": actor_name,
                    "role": role,
                    "standard": "",
                }
            )
    return template, ends
