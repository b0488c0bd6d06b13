from datetime import datetime

import pytest
import time_machine

from perizinan.workdays.calendar import WITA

# A Wednesday in service hours (Mon–Thu 08:00–19:00 WITA).
OPEN = datetime(2026, 12, 2, 10, 0, tzinfo=WITA)


@pytest.fixture
def open_hours():  # type: ignore[no-untyped-def]
    with time_machine.travel(OPEN, tick=False) as traveller:
        yield traveller
