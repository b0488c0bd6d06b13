"""seed_history plays applications through the workflow, with a valid process log, once."""

import io

import pytest
from django.core.management import call_command

from perizinan.applications.models import Application
from perizinan.workflow.log import verify_chain
from perizinan.workflow.models import ProcessLogEntry

pytestmark = pytest.mark.django_db


def test_seed_history_plays_recent_applications_and_runs_once(users, settings):
    settings.DEBUG = True
    call_command("seed_history", count=2, days=20, stdout=io.StringIO())
    apps = list(Application.objects.all())
    assert len(apps) == 2
    assert all(a.submitted_at is not None or a.state == "withdrawn" for a in apps)
    assert ProcessLogEntry.objects.count() >= 2
    assert all(verify_chain(a.pk).ok for a in apps)  # written by the services, chain intact
    out = io.StringIO()
    call_command("seed_history", count=2, stdout=out)
    assert "no history added" in out.getvalue() and Application.objects.count() == 2


def test_seed_history_refuses_production_settings(users, settings):
    settings.DEBUG = False
    with pytest.raises(Exception, match="DJANGO_DEBUG=0"):
        call_command("seed_history", count=1, stdout=io.StringIO())
