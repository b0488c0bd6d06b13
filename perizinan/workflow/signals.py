"""What the workflow tells the rest of the system, so that no other app is imported by it.

`action_taken` is sent by `services.take_action` inside its transaction, after the process-log
entry is written and before the commit: receivers write their own rows (a document job, a
notification outbox row) in the same transaction, so they commit or roll back with the step,
and hand slow work to the task worker (a task enqueued on the database backend is itself a
row in that transaction). Receivers never render, sign, send or call out here.

Arguments: `application` (Application), `entry` (ProcessLogEntry), `action` (ActionDef),
`by` (User), `data` (the action's cleaned fields).
"""

from django.dispatch import Signal

action_taken = Signal()
