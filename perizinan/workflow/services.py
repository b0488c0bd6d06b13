"""The one way to move an application: `take_action`."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition, TransitionNotAllowed

from perizinan.accounts.models import User
from perizinan.applications import documents
from perizinan.applications.models import Application
from perizinan.applications.selectors import can_see
from perizinan.documents.steps import produce as produce_documents
from perizinan.errors import Conflict, NotFound
from perizinan.workdays.calendar import LazyCalendar, to_wita

from . import clock, log
from .actions import acting_role, get_action
from .effects import EFFECTS, Ctx, nothing
from .fields import clean_fields
from .models import StepRecord
from .signals import action_taken
from .states import STATE_STEP


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
    if action is None or not can_see(by, application):
        raise NotFound
    role = acting_role(by, application, action)
    if role is None:
        raise PermissionDenied(_("Tindakan ini bukan untuk peran Anda."))
    if application.state not in action.sources:
        raise Conflict(_("Tindakan ini tidak tersedia pada tahap permohonan saat ini."))
    cleaned = clean_fields(action.fields, data or {}, files or {})

    stored: list[Any] = []
    try:
        with transaction.atomic():
            app = application
            from_state = app.state
            due_on = app.step_due_date if action.direction != "note" else None
            now = timezone.now()
            if action.target is None:
                # A note: lock the row and make sure nobody moved it meanwhile.
                current = (
                    Application.objects.select_for_update()
                    .filter(pk=app.pk)
                    .values_list("state", flat=True)
                    .first()
                )
                if current != from_state:
                    raise Conflict(_("Permohonan telah berubah sejak dibaca; muat ulang."))
            else:
                try:
                    getattr(app, action.name)()
                except TransitionNotAllowed:
                    raise Conflict(_("Tindakan ini tidak tersedia pada tahap permohonan saat ini.")) from None
                app.state_since = now
                try:
                    app.save(update_fields=["state", "state_since", "updated_at"])
                except ConcurrentTransition:
                    raise Conflict(_("Permohonan telah berubah sejak dibaca; muat ulang.")) from None
            cal = LazyCalendar()
            ctx = Ctx(
                app=app,
                by=by,
                role=role,
                data=cleaned,
                now=now,
                today=to_wita(now).date(),
                cal=cal,
                stored=stored,
            )
            outputs = EFFECTS.get(action.name, nothing)(ctx)
            if action.target is not None:
                clock.on_state_change(app, now=now, cal=cal)
            note = cleaned.get("note") or cleaned.get("reason") or cleaned.get("remark") or ""
            entry = log.append(
                application=app,
                by=by,
                role=role,
                action=action.name,
                direction=action.direction,
                step=action.step if action.step is not None else STATE_STEP.get(from_state),
                from_state=from_state,
                to_state=app.state,
                at=now,
                note=note,
                data=outputs.data,
                standard=action.standard,
                initial=by.paraf,
                due_on=due_on,
            )
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
            app.save()
            produce_documents(action=action.name, app=app, by=by, entry=entry, data=cleaned, stored=stored)
            action_taken.send(
                sender=Application, application=app, entry=entry, action=action, by=by, data=cleaned
            )
    except BaseException:
        documents.discard(stored)
        raise
    return app
