"""Run the task worker for real, as `manage.py db_worker --batch` does, until the queue is drained."""

from django.core.management import call_command


def run_worker() -> None:
    call_command("db_worker", batch=True, no_reload=True, verbosity=0)
