"""Periodic work run by the task worker (queued by `manage.py anchor_process_log --enqueue`
from a timer, docs/deployment.md)."""

from django.tasks import task

from .anchors import write_anchor


@task()
def anchor_process_log() -> str:
    """The daily anchor of the process log (docs/adr/0016); returns its storage name."""
    return write_anchor()
