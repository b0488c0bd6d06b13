"""What a step does besides moving the state: its effect, which keeps its records (receipt,
cover letter, initials...) and updates fields. Each transition names its effect; the effects
of each phase of the SOP have a module of their own (`effects_intake.py`, steps 3-6;
`effects_technical.py`, 7-10; `effects_issuing.py`, 11-17). This module holds what an effect
takes (`Ctx`) and returns (`Outputs`, `Record`), and the effects no single phase owns: the
dossier handed in (steps 3, 4, 8), every return, decline or rejection, and the remark.

`services.take_action` calls the effect inside the transaction, after the transition and
before the single save and the process-log entry. An effect returns the data to log and the
records to keep; it never renders, signs or sends anything (documents are made after commit
by the task worker, or, for a signature, before the transaction opens).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from perizinan.accounts.models import User
from perizinan.applications.models import Application
from perizinan.workdays.calendar import Calendar

from .current_uploads import complete_dossier, hashes
from .states import WAITING_ON_APPLICANT


@dataclass
class Ctx:
    app: Application
    by: User
    role: str
    data: dict[str, Any]
    now: datetime
    today: date
    cal: Calendar
    # What was made before the transaction opened: the action's uploads, checked and in
    # storage (`stored_files.StagedUpload` by field name), and the data of a signature.
    uploads: dict[str, Any] = field(default_factory=dict)
    prepared: dict[str, Any] = field(default_factory=dict)


@dataclass
class Record:
    kind: str
    number: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    document: Any = None


@dataclass
class Outputs:
    data: dict[str, Any] = field(default_factory=dict)
    records: list[Record] = field(default_factory=list)


Effect = Callable[[Ctx], Outputs]


# A step that only moves the application (step 8: the fixes handed back to the verifier).
def nothing(ctx: Ctx) -> Outputs:
    return Outputs()


# Steps 3, 4 and 8: the applicant hands in or hands back a complete dossier.
def hand_in(ctx: Ctx) -> Outputs:
    current = complete_dossier(ctx.app)
    if ctx.app.submitted_at is None:
        ctx.app.submitted_at = ctx.now
    if ctx.app.state == "fix_received":
        ctx.app.fix_received_at = ctx.now
    return Outputs(data={"documents": hashes(current)})


# Every return, decline or rejection. A return to the applicant, a decline or a rejection
# carries the reason the applicant reads; a return between officers carries an internal note
# (kept in the process log only), and leaves the applicant no reason to read.
def returned(ctx: Ctx) -> Outputs:
    to_applicant = ctx.app.state in WAITING_ON_APPLICANT or ctx.app.state in {
        "declined",
        "rejected",
        "withdrawn",
    }
    ctx.app.last_reason = ctx.data["reason"] if to_applicant else ""
    out = Outputs()
    if ctx.app.state in {"declined", "rejected", "withdrawn"}:
        ctx.app.completed_at = ctx.now
    return out


# Section P: a supervisor's remark, at any active step.
def remark(ctx: Ctx) -> Outputs:
    return Outputs(data={"remark": ctx.data["remark"]})
