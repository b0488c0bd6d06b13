"""`manage.py db_worker`, except that the first document it starts to produce never finishes:
it writes the marker file (argv[1]) and waits to be killed. Used by tests/faults/test_faults.py
to kill the real worker exactly mid-job: the job claimed and marked running, nothing stored."""

import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402

from perizinan.documents import jobs  # noqa: E402


def produce_forever(*args: Any, **kwargs: Any) -> tuple[bytes, bool]:
    Path(sys.argv[1]).write_text("producing")
    while True:
        time.sleep(1)


if __name__ == "__main__":
    jobs.produce = produce_forever
    call_command("db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1")
