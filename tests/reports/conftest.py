"""A small history with known times, played through the workflow, counted by hand in the tests.

All in October 2026 (no public holiday that month in Indonesia). Times are WITA.

A  straight through; registered 10 min after CS accepted; recommendation on Tue 13 Oct,
   licence numbered 3 working days later (Fri 16 Oct): on time.
B  CS returns it once, then straight through with one send-back by the section head;
   registered 20 min after acceptance; numbered 4 working days after the recommendation.
C  the technical team declines it; registered 30 min after acceptance.
D  withdrawn while still a draft (never handed in).
E  stops after registration (Tue 6 Oct): 40 min after acceptance; still at step 7, overdue.
F  straight through but slow: verified 2 working days after registration (late for step 7);
   the section head waits 9 working days, numbered 11 working days after the
   recommendation: past the 7-working-day limit.
"""

import random
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from perizinan.reports.history import Move, company_data, play
from perizinan.workdays.calendar import WITA, current_calendar
from tests.dossier import shared_world

HOLDER = {"recipient_name": "Rudi Hartono", "recipient_id_number": "6471011501900001"}


def front(register_minutes: int, verify_days: int = 0) -> list[Move]:
    return [
        Move("applicant", "submit", 0, 5),
        Move("cs", "cs_accept", 0, 20, {"confirm_all": True}),
        Move("registration", "register", 0, register_minutes),
        Move("verifier", "verify", verify_days, 30),
        Move("liaison", "deliver_to_agency", 0, 60, {"received_by": "Staf Dinkes"}),
    ]


def back_office(section_days: int) -> list[Move]:
    return [
        Move("admin_monitoring", "draft_licence", 0, 60),
        Move("section_head", "section_approve", section_days, 30),
        Move("division_head", "division_approve", 1, 30),
        Move("office_head", "sign", 1, 30),
        Move("registry", "number_licence", 0, 15, {"final_checklist_checked": True}),
        Move("pickup", "hand_over", 1, 20, dict(HOLDER)),
        Move("applicant", "confirm_receipt", 0, 10),
    ]


SCRIPTS = {
    "A": (
        datetime(2026, 10, 5, 9, 0, tzinfo=WITA),
        [*front(10), Move("technical_team", "recommend", 6, 0), *back_office(1)],
    ),
    "B": (
        datetime(2026, 10, 5, 9, 30, tzinfo=WITA),
        [
            Move("applicant", "submit", 0, 5),
            Move("cs", "cs_return", 0, 15, {"reason": "Akta belum dilegalisir"}),
            Move("applicant", "resubmit_to_cs", 0, 60),
            Move("cs", "cs_accept", 0, 20, {"confirm_all": True}),
            Move("registration", "register", 0, 20),
            Move("verifier", "verify", 0, 30),
            Move("liaison", "deliver_to_agency", 0, 60, {"received_by": "Staf Dinkes"}),
            Move("technical_team", "recommend", 6, 0),
            Move("admin_monitoring", "draft_licence", 0, 60),
            Move("section_head", "section_send_back", 1, 30, {"reason": "Salah ketik alamat"}),
            Move("admin_monitoring", "draft_licence", 0, 30),
            *back_office(1)[1:],
        ],
    ),
    "C": (
        datetime(2026, 10, 6, 9, 0, tzinfo=WITA),
        [*front(30), Move("technical_team", "agency_decline", 4, 0, {"reason": "Lokasi tidak sesuai"})],
    ),
    "D": (
        datetime(2026, 10, 6, 10, 0, tzinfo=WITA),
        [Move("applicant", "withdraw", 0, 30, {"reason": "Batal"})],
    ),
    "E": (datetime(2026, 10, 6, 11, 0, tzinfo=WITA), front(40)[:3]),
    "F": (
        datetime(2026, 10, 7, 9, 0, tzinfo=WITA),
        [*front(50, verify_days=2), Move("technical_team", "recommend", 2, 0), *back_office(9)],
    ),
}


def play_all(users):  # type: ignore[no-untyped-def]
    cal = current_calendar()
    rng = random.Random(1)
    return {
        name: play(users, start=start, moves=moves, data=company_data(i), cal=cal, rng=rng)
        for i, (name, (start, moves)) in enumerate(SCRIPTS.items())
    }


class History(dict[str, Any]):
    """The applications of SCRIPTS by name, played once for the module (see tests/dossier.py)."""

    media_root: Path


@pytest.fixture(scope="module")
def shared_history(django_db_setup, django_db_blocker, demo_pki, tmp_path_factory) -> Iterator[History]:  # type: ignore[no-untyped-def]
    with shared_world(django_db_blocker, demo_pki, tmp_path_factory) as world:
        played = History(play_all(world.users))
        played.media_root = world.media_root
        yield played


@pytest.fixture
def history(shared_history: History) -> History:
    return shared_history


OCTOBER = {"from": "2026-10-01", "to": "2026-10-31"}
