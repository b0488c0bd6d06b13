"""What applicants are told when an action is taken (perizinan.workflow.signals.action_taken).

Runs inside take_action's transaction and adds nothing to it: it asks for the fan-out task once
the step has committed (see fanout.py); the worker writes the outbox rows and sends them.
"""

from functools import partial
from typing import Any

from django.db import transaction

from .fanout import ACTION_EVENTS, fan_out


def on_action_taken(
    sender: Any, *, application: Any, entry: Any, action: Any, by: Any, data: Any, **kw: Any
) -> None:
    event = ACTION_EVENTS.get(action.name)
    if event is None:
        return
    reason = str((data or {}).get("reason") or "")
    transaction.on_commit(
        partial(fan_out.enqueue, event=event, entry_id=entry.pk, application_id=application.pk, reason=reason)
    )
