"""The one way to move an application: `take_action`.

A step commits in milliseconds: everything slow happens outside the transaction. Before it
opens, the action's uploads are checked and written to storage and a signature is made
(`signals.action_preparing`); inside it, one optimistic save of the application, the
step's effect, its process-log entry and records, and the rows of the work to do after
commit (`signals.action_taken`: document jobs, notifications), which the task worker picks
up once the transaction is visible. See docs/adr/0007-steps-commit-fast.md.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_fsm import TransitionNotAllowed

from perizinan.accounts.models import User
from perizinan.applications import stored_files
from perizinan.applications.models import Application
from perizinan.applications.selectors import can_see
from perizinan.errors import Conflict, NotFound
from perizinan.workdays.calendar import current_calendar, to_wita

from . import clock, log
from .actions import ActionDef, acting_role, get_action
from .effects import Ctx
from .fields import clean_fields
from .models import StepRecord, WorkflowApplication
from .signals import Prepared, action_preparing, action_taken
from .states import STATE_STEP

CHANGED = gettext_lazy("Permohonan telah berubah sejak dibaca; muat ulang.")
NOT_NOW = gettext_lazy("Tindakan ini tidak tersedia pada tahap permohonan saat ini.")


def take_action(
    *,
    application: Application,
    name: str,
    by: User,
    data: dict[str, Any] | None = None,
    files: dict[str, Any] | None = None,
) -> Application:
    """Take action `name` on `application` as `by`, in one transaction with its log entry.

    `application` is the instance the caller read: if its state changed since, Conflict.
    Raises NotFound (unknown action or invisible application), PermissionDenied (not the
    caller's role), Conflict (not available now, or changed since read) and
    ValidationError (missing or invalid field, or a precondition such as missing documents).
    """
    action = get_action(name)
    if action is None:
        raise NotFound
    role = acting_role(by, application, action)  # a role to act in implies the right to see it
    if role is None:
        if not can_see(by, application):
            raise NotFound
        raise PermissionDenied(_("Tindakan ini bukan untuk peran Anda."))
    if application.state not in action.sources or not action.applies(application):
        raise Conflict(str(NOT_NOW))
    cleaned = clean_fields(action.fields, data or {}, files or {})
    app = as_workflow(application)

    uploads: dict[str, stored_files.StagedUpload] = {}
    prepared: list[Prepared] = []
    try:
        for f in action.fields:
            if f.type == "file" and cleaned.get(f.name) is not None:
                uploads[f.name] = stored_files.stage(
                    application=app, requirement_number=f.requirement, upload=cleaned[f.name], field=f.name
                )
        responses = action_preparing.send_robust(
            sender=WorkflowApplication, application=app, action=action, by=by, data=cleaned
        )
        prepared = [r for _receiver, r in responses if isinstance(r, Prepared)]
        failure = next((r for _receiver, r in responses if isinstance(r, BaseException)), None)
        if failure is not None:
            raise failure  # after collecting what the others made, so that it is discarded
        # A step that made files before its transaction (uploads, a signature) must own its
        # transaction: as a savepoint of a caller's, the slow work above would have run under
        # the caller's lock, and the files would outlive a rollback of the caller's. Without
        # such files a caller may compose the step into its own transaction (a help-desk note
        # and its consultation record, for instance).
        with transaction.atomic(durable=bool(uploads or prepared)):
            _commit(app, action=action, role=role, by=by, data=cleaned, uploads=uploads, prepared=prepared)
    except BaseException:
        stored_files.discard(list(uploads.values()))
        for made in prepared:
            made.discard()
        raise
    _refresh(application, app)
    return application


def as_workflow(application: Application) -> WorkflowApplication:
    """The same row, as read by the caller, with the workflow's transitions."""
    if isinstance(application, WorkflowApplication):
        return application
    fields = application._meta.concrete_fields
    flow = WorkflowApplication.from_db(
        application._state.db, [f.attname for f in fields], [getattr(application, f.attname) for f in fields]
    )
    flow._state.fields_cache = dict(application._state.fields_cache)
    return flow


def _refresh(application: Application, flow: WorkflowApplication) -> None:
    """The caller's instance takes the values just saved (as if it had been moved itself)."""
    if application is flow:
        return
    for f in application._meta.concrete_fields:
        application.__dict__[f.attname] = flow.__dict__[f.attname]
    application._state.fields_cache.update(flow._state.fields_cache)
    application._update_initial_state()


def _commit(
    app: WorkflowApplication,
    *,
    action: ActionDef,
    role: str,
    by: User,
    data: dict[str, Any],
    uploads: dict[str, Any],
    prepared: list[Prepared],
) -> None:
    from_state = app.state
    read_seq = app.log_seq
    due_on = app.step_due_date if action.direction != "note" else None
    now = timezone.now()
    if action.target is None:
        # A note: lock the row, make sure nobody moved it meanwhile, continue its chain.
        row = (
            Application.objects.select_for_update()
            .filter(pk=app.pk)
            .values_list("state", "log_seq", "log_head", "log_at")
            .first()
        )
        if row is None or row[0] != from_state:
            raise Conflict(str(CHANGED))
        app.log_seq, app.log_head, app.log_at = row[1:]
    else:
        _lock(app, from_state=from_state, read_seq=read_seq)
        try:
            getattr(app, action.name)()
        except TransitionNotAllowed:
            raise Conflict(str(NOT_NOW)) from None
        app.state_since = now
    cal = current_calendar()
    ctx = Ctx(
        app=app,
        by=by,
        role=role,
        data=data,
        now=now,
        today=to_wita(now).date(),
        cal=cal,
        uploads=uploads,
        prepared={k: v for made in prepared for k, v in made.data.items()},
    )
    outputs = action.effect(ctx)
    if action.target is not None:
        clock.on_state_change(app, now=now, cal=cal)
    entry = log.next_entry(
        application=app,
        head=log.Head.of(app),
        by=by,
        role=role,
        action=action.name,
        direction=action.direction,
        step=action.step if action.step is not None else STATE_STEP.get(from_state),
        from_state=from_state,
        to_state=app.state,
        at=now,
        note=data.get("note") or data.get("reason") or data.get("remark") or "",
        data=outputs.data,
        standard=action.standard,
        initial=by.paraf,
        due_on=due_on,
    )
    app.log_seq, app.log_head, app.log_at = entry.seq, entry.hash, entry.at
    if action.target is not None:
        _save(app, from_state=from_state, read_seq=read_seq, now=now)
    else:
        Application.objects.filter(pk=app.pk).update(
            log_seq=app.log_seq, log_head=app.log_head, log_at=app.log_at
        )
    entry.save()
    if outputs.records:
        StepRecord.objects.bulk_create(
            StepRecord(
                application=app,
                log_entry=entry,
                kind=r.kind,
                step=entry.step,
                number=r.number,
                data=log.normalise(r.data),
                document=r.document,
            )
            for r in outputs.records
        )
    action_taken.send(
        sender=WorkflowApplication,
        application=app,
        entry=entry,
        action=action,
        by=by,
        data=data,
        prepared=prepared,
    )


def _lock(app: WorkflowApplication, *, from_state: str, read_seq: int) -> None:
    """Take the application's row lock before the effect writes anything, checking it is still
    as the caller read it: every writer locks this row first, so no two steps (or a step and an
    upload or a checklist tick) take their other locks in opposite orders. SQLite's
    `BEGIN IMMEDIATE` already serialises every writer: nothing to lock there."""
    if not connection.features.has_select_for_update:
        return
    if not (
        Application.objects.select_for_update().filter(pk=app.pk, state=from_state, log_seq=read_seq).exists()
    ):
        raise Conflict(str(CHANGED))


def _save(app: WorkflowApplication, *, from_state: str, read_seq: int, now: Any) -> None:
    """The one write of the application row: UPDATE ... WHERE state and chain head are still
    what the caller read (optimistic check; it also takes the row lock that serialises what
    follows). Nothing matched: somebody acted on it meanwhile."""
    app.updated_at = now
    values = {
        f.attname: getattr(app, f.attname) for f in Application._meta.concrete_fields if not f.primary_key
    }
    updated = Application.objects.filter(pk=app.pk, state=from_state, log_seq=read_seq).update(**values)
    if not updated:
        raise Conflict(str(CHANGED))
    app._update_initial_state()
