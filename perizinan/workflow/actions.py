"""The actions: every transition of `transitions.ApplicationWorkflow`, with who may take it now.

The API's /actions endpoints and the officer pages are both served from here.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from types import SimpleNamespace
from typing import Any

from perizinan.accounts.models import User
from perizinan.accounts.permissions import user_roles
from perizinan.accounts.roles import Role
from perizinan.applications.selectors import is_applicant_of

from .effects import Effect
from .fields import INTERNAL_NOTE, Doc, Field
from .models import WorkflowApplication
from .states import State


@dataclass(frozen=True)
class ActionDef:
    name: str
    label: Any
    step: int | None
    roles: tuple[Role, ...]
    direction: str  # forward | back | reject | note
    sources: frozenset[str]
    target: str | None
    fields: tuple[Field, ...]
    outputs: tuple[Any, ...]
    standard: Any  # the step's time standard (mutu baku)
    doc: str
    effect: Effect  # records and field updates, inside the transaction (effects*.py)
    documents: tuple[Doc, ...]  # produced after commit by the worker (a signature: before)
    when: Callable[[Any], bool] | None = None  # the step exists only where true (conditions.py)

    def applies(self, app: Any) -> bool:
        """Whether this application's permit type has this step at all (and has it now)."""
        return self.when is None or bool(self.when(app))


@cache
def all_actions() -> dict[str, ActionDef]:
    field = WorkflowApplication._meta.get_field("state")
    actions: dict[str, ActionDef] = {}
    for t in field.get_all_transitions(WorkflowApplication):
        c = t.custom
        sources: set[str] = {str(t.source)} if isinstance(t.source, str) else {str(x) for x in t.source}  # type: ignore[union-attr]  # django-fsm has no types
        if t.name in actions:  # one transition per source state: merge
            existing = actions[t.name]
            actions[t.name] = ActionDef(**{**existing.__dict__, "sources": existing.sources | sources})
            continue
        actions[t.name] = ActionDef(
            name=t.name,
            label=c["label"],
            step=c["step"],
            roles=tuple(c["roles"]),
            direction=c["direction"],
            sources=frozenset(sources),
            target=str(t.target) if t.target is not None else None,
            fields=tuple(c["fields"]),
            outputs=tuple(c["outputs"]),
            standard=c["standard"],
            doc=(t.method.__doc__ or "").strip(),
            effect=c["effect"],
            documents=tuple(c["documents"]),
            when=c.get("when"),
        )
    return actions


@cache
def internal_actions() -> frozenset[str]:
    """Returns between officers: their note is for the office; the applicant does not see it."""
    return frozenset(a.name for a in all_actions().values() if any(f is INTERNAL_NOTE for f in a.fields))


def visible_note(action: str, note: str, *, officer: bool) -> str:
    """The note of a process-log entry of `action` as the viewer may read it."""
    return note if officer or action not in internal_actions() else ""


def note_for(entry: Any, *, officer: bool) -> str:
    return visible_note(entry.action, entry.note, officer=officer)


def get_action(name: str) -> ActionDef | None:
    return all_actions().get(name)


def acting_role(user: User, app: Any, action: ActionDef) -> Role | None:
    """The role in which `user` may take `action` on `app`, whatever the state; None if none."""
    roles = user_roles(user)
    for role in action.roles:
        if role == Role.APPLICANT and Role.CS in roles and getattr(app, "walk_in", False):
            return Role.CS  # walk-in service: customer service acts for the applicant at the counter
        if role not in roles:
            continue
        if role == Role.APPLICANT and not is_applicant_of(user, app):
            continue
        if role == Role.TECHNICAL_TEAM and (not user.agency_id or user.agency_id != app.referred_agency_id):
            continue
        return role
    return None


def available_actions(user: User, app: Any) -> list[ActionDef]:
    """The actions `user` may take on `app` in its current state."""
    return [
        a
        for a in all_actions().values()
        if app.state in a.sources and acting_role(user, app, a) is not None and a.applies(app)
    ]


def actions_of_permit_type(permit_type: Any) -> list[ActionDef]:
    """The SOP steps a permit type has (for drawing its flow): a step whose condition its data
    does not meet (`conditions.py`) is left out. Steps outside the SOP's numbering (notes such
    as the payment) are kept without asking: the drawing leaves them out anyway."""
    stub = SimpleNamespace(permit_type=permit_type, pk=None)
    return [a for a in all_actions().values() if a.step is None or a.applies(stub)]


def roles_acting_in(state: str) -> set[Role]:
    """Roles with a forward/back/reject action in `state` (whose task the application is)."""
    return {
        role
        for a in all_actions().values()
        if state in a.sources and a.direction != "note"
        for role in a.roles
    }


def holders_of(state: str) -> list[Role]:
    """Who holds the file in `state`: the roles that move it on or back (not a withdrawal)."""
    roles = {
        role
        for a in all_actions().values()
        if state in a.sources and a.direction in {"forward", "back"}
        for role in a.roles
    }
    return sorted(roles, key=list(Role).index)


def states_for_roles(roles: set[Role]) -> list[str]:
    return [s.value for s in State if roles_acting_in(s.value) & roles]
