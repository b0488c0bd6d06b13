"""`step`: one SOP decision as a django-fsm transition, with everything the workflow needs to
know about it (see `transitions.py`). `when` makes a step exist only for the applications it
fits, read from the permit type's data (`conditions.py`): never from its code."""

from collections.abc import Callable
from typing import Any

from django_fsm import transition

from perizinan.accounts.roles import Role

from .effects import Effect
from .fields import Doc, Field
from .states import STEPS
from .states import State as S

Condition = Callable[[Any], bool]


def step(
    *,
    source: Any,
    target: S | None,
    number: int | None,
    role: Role | tuple[Role, ...],
    direction: str,
    label: Any,
    outputs: tuple[Any, ...] = (),
    fields: tuple[Field, ...] = (),
    effect: Effect,
    documents: tuple[Doc, ...] = (),
    when: Condition | None = None,
) -> Any:
    return transition(
        field="state",
        source=source,
        target=target,
        conditions=[when] if when is not None else [],
        custom={
            "step": number,
            "roles": role if isinstance(role, tuple) else (role,),
            "direction": direction,
            "label": label,
            "outputs": outputs,
            "fields": fields,
            "standard": STEPS[number].standard if number else "",
            "effect": effect,
            "documents": documents,
            "when": when,
        },
    )
