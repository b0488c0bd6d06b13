"""What the browser walks (`test_corrections_walk.py`, `test_issuing_walk.py`) share: taking
an action on the application page as a user, waiting for the worker, checking what every step
left behind."""

import time

from perizinan.applications.models import Application
from perizinan.documents.models import DocumentJob, GeneratedDocument, JobState
from perizinan.workflow.actions import get_action


def act(visit, username: str, app_id: int, button: str, fill=None, check=(), files=None):  # type: ignore[no-untyped-def]
    """Open the page as `username`, fill the form of `button` and send it; return the visitor."""
    v = visit(username)
    v.goto(f"/permohonan/{app_id}/")
    form = v.page.locator("form", has=v.page.get_by_role("button", name=button, exact=True))
    for label, value in (fill or {}).items():
        form.get_by_label(label).fill(value)
    for label in check:
        form.get_by_label(label).check()
    for label, path in (files or {}).items():
        form.get_by_label(label).set_input_files(path)
    form.get_by_role("button", name=button, exact=True).click()
    v.page.wait_for_load_state()
    v.axe()
    return v


def documents_made(app_id: int, kind: str) -> None:
    """Wait until the worker has made the step's document (it runs after the step's commit)."""
    for _ in range(300):
        if GeneratedDocument.objects.filter(application_id=app_id, kind=kind).exists():
            return
        time.sleep(0.2)
    raise AssertionError(f"the worker made no {kind} in a minute")


def done(v) -> str:  # type: ignore[no-untyped-def]
    messages = v.page.locator(".messages").inner_text()
    assert "tercatat" in messages, messages
    return messages


def every_step_made_its_documents(app: Application) -> None:
    """Every forward step's documents exist, once each, and no document job is left undone."""
    assert not DocumentJob.objects.exclude(state=JobState.DONE).exists()
    for entry in app.log.filter(direction="forward"):
        action = get_action(entry.action)
        assert action is not None
        wanted = sorted(d.kind for d in action.documents if d.wanted(app))
        assert sorted(entry.generated.values_list("kind", flat=True)) == wanted, entry.action
