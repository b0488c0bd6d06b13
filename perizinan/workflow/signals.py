"""What the workflow tells the rest of the system, so that no other app is imported by it.

`action_taken` is sent by `services.take_action` inside its transaction, after the process-log
entry is written and before the commit: receivers write their own rows (a document job, a
notification outbox row) in the same transaction, so they commit or roll back with the step,
and hand slow work to the task worker (a task enqueued on the database backend is itself a
row in that transaction). Receivers never render, sign, send or call out here.

Arguments: `application` (Application), `entry` (ProcessLogEntry), `action` (ActionDef),
`by` (User), `data` (the action's cleaned fields), `prepared` (list of `Prepared`).
"""

from typing import Any

from django.dispatch import Signal

action_taken = Signal()

# Sent by `services.take_action` before its transaction opens, once the action is known to be
# the caller's and its fields are valid: a receiver may do the slow part of a step whose
# outcome *is* a document (the head's signature, step 14) here, and raise ValidationError to
# refuse it at once (a wrong passphrase). It returns None or a `Prepared`; their `data` is
# given to the step's effect as `ctx.prepared`, the objects themselves to `action_taken`
# receivers as `prepared` (to record them in the transaction), and `discard()` is called on
# each if the step does not commit. Arguments: `application`, `action`, `by`, `data`.
action_preparing = Signal()


class Prepared:
    """What an `action_preparing` receiver made before the transaction."""

    def __init__(self, *, data: dict[str, Any] | None = None) -> None:
        self.data = data or {}

    def discard(self) -> None:
        """Undo what was made outside the transaction (e.g. remove a stored file)."""
