"""A realistic past for the demo: applications moved through every step by `take_action`.

Each application follows a script (straight through, or with one of the SOP's loops back,
or stopping part way) and each action is taken at its own moment in the past: the clock is
moved there with `time-machine` (a development dependency, like the rest of the demo), so
the process log, the SLA clock and the licence numbers are written exactly as the services
write them on that day. Nothing is inserted behind the services' back.
"""

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

import time_machine
from stdnum import luhn

from perizinan.accounts.models import User
from perizinan.applications.models import Application
from perizinan.demo import DEMO_APPLICATION, new_application, step_files
from perizinan.demo import Step as DemoStep
from perizinan.workdays.calendar import WITA, Calendar
from perizinan.workflow.services import take_action

COMPANIES = [
    "Borneo Medika Utama",
    "Mahakam Alkesindo",
    "Samarinda Sehat Sentosa",
    "Etam Farma Medika",
    "Kaltim Husada Prima",
    "Balikpapan Medical Supply",
    "Bontang Alat Kesehatan",
    "Nusantara Medika Timur",
    "Kutai Sarana Medis",
    "Berau Husada Abadi",
    "Paser Medika Jaya",
    "Tenggarong Alkes Mandiri",
]
REASONS = {
    "cs_return": [
        "Akta perusahaan belum dilegalisir",
        "Denah bangunan tidak terbaca",
        "Surat sewa kurang 2 tahun",
    ],
    "verify_return": [
        "Ijazah PJT tidak sesuai nama",
        "NPWP berbeda dengan akta",
        "Daftar alat tidak lengkap",
    ],
    "cs_request_fix": ["Mohon perbaiki sesuai catatan verifikator"],
    "agency_return": ["Gudang belum memenuhi CDAKB", "Peralatan bengkel belum lengkap"],
    "agency_decline": ["Lokasi tidak sesuai peruntukan"],
    "section_send_back": ["Salah ketik alamat pada draf", "Nama PJT pada draf keliru"],
    "office_send_back_section": ["Konsiderans draf perlu diperbaiki"],
    "withdraw": ["Perusahaan batal mengajukan"],
}


@dataclass
class Move:
    actor: str
    action: str
    working_days: int = 0  # whole working days after the previous action
    minutes: int = 20  # then this many minutes
    data: dict[str, Any] = field(default_factory=dict)


FORWARD = [
    Move("applicant", "submit", 0, 5),
    Move("cs", "cs_accept", 0, 25, {"confirm_all": True}),
    Move("registration", "register", 0, 10),
    Move("verifier", "verify", 0, 40),
    Move("liaison", "deliver_to_agency", 0, 60, {"received_by": "Staf Seksi Farmalkes Dinkes"}),
    Move("technical_team", "recommend", 5),
    Move("admin_monitoring", "draft_licence", 0, 90),
    Move("section_head", "section_approve", 1, 30),
    Move("division_head", "division_approve", 1, 30),
    Move("office_head", "sign", 1, 45),
    Move("registry", "number_licence", 0, 20, {"final_checklist_checked": True}),
    Move(
        "pickup",
        "hand_over",
        1,
        30,
        {"recipient_name": "Rudi Hartono", "recipient_id_number": "6471011501900001"},
    ),
    Move("applicant", "confirm_receipt", 0, 10),
]
LOOPS: dict[str, tuple[str, list[Move]]] = {
    # name: (insert before this action, the moves of the loop)
    "cs_return": ("cs_accept", [Move("cs", "cs_return", 0, 20), Move("applicant", "resubmit_to_cs", 2, 0)]),
    "verify_return": (
        "verify",
        [
            Move("verifier", "verify_return", 0, 30),
            Move("cs", "cs_request_fix", 0, 15),
            Move("applicant", "resubmit_fix", 2, 0),
            Move("cs", "cs_forward_fix", 0, 15),
        ],
    ),
    "agency_return": (
        "recommend",
        [Move("technical_team", "agency_return", 3, 0), Move("applicant", "resubmit_to_agency", 4, 0)],
    ),
    "section_send_back": (
        "section_approve",
        [Move("section_head", "section_send_back", 1, 20), Move("admin_monitoring", "draft_licence", 0, 60)],
    ),
}


def _npwp(n: int) -> str:
    body = f"01{n:06d}"
    return f"{body}{luhn.calc_check_digit(body)}412000"


def company_data(index: int, kind: str = "new", previous: str = "") -> dict[str, Any]:
    data: dict[str, Any] = {**DEMO_APPLICATION, "kind": kind}
    name = COMPANIES[index % len(COMPANIES)]
    data["company"] = {
        **DEMO_APPLICATION["company"],
        "name": name,
        "nib": f"91200{index % len(COMPANIES):08d}",
        "npwp": _npwp(855000 + index % len(COMPANIES)),
        "email": f"info{index % len(COMPANIES)}@contoh.id",
    }
    if previous:
        data["previous_licence_number"] = previous
    return data


def script(rng: random.Random, *, loop: str | None = None, stop_after: int | None = None) -> list[Move]:
    """The moves of one application: the forward path, with one loop back and some variation."""
    moves = [Move(m.actor, m.action, m.working_days, m.minutes, dict(m.data)) for m in FORWARD]
    for m in moves:
        if m.action == "recommend":
            m.working_days = rng.choice([2, 3, 4, 5, 6, 8, 12])
        elif m.actor in {"section_head", "division_head", "office_head"}:
            m.working_days = rng.choice([0, 0, 1, 1, 1, 2, 3])
        elif m.action == "hand_over":
            m.working_days = rng.choice([1, 2, 3, 5])
        m.minutes = max(3, int(m.minutes * rng.uniform(0.4, 2.5)))
    if loop in LOOPS:
        before, extra = LOOPS[loop]
        at = next(i for i, m in enumerate(moves) if m.action == before)
        moves[at:at] = [Move(m.actor, m.action, m.working_days, m.minutes, dict(m.data)) for m in extra]
    elif loop == "agency_decline":
        at = next(i for i, m in enumerate(moves) if m.action == "recommend")
        moves = [*moves[:at], Move("technical_team", "agency_decline", 4, 0)]
    elif loop == "withdraw":
        moves = [Move("applicant", "withdraw", 0, 30)]
    return moves if stop_after is None else moves[:stop_after]


def moments(start: datetime, moves: list[Move], cal: Calendar) -> Iterator[tuple[Move, datetime]]:
    """Each move's moment: working days later at 08:xx, or minutes later within office hours."""
    at = start
    for m in moves:
        if m.working_days:
            day = cal.add_working_days(at.astimezone(WITA).date(), m.working_days)
            at = datetime.combine(day, time(8, 15), tzinfo=WITA) + timedelta(minutes=m.minutes)
        else:
            at = at + timedelta(minutes=m.minutes)
        local = at.astimezone(WITA)
        if local.hour >= 16 or not cal.is_working_day(local.date()):
            day = cal.add_working_days(local.date(), 1)
            at = datetime.combine(day, time(8, 5), tzinfo=WITA) + timedelta(minutes=m.minutes)
        yield m, at


def _data(m: Move, rng: random.Random) -> dict[str, Any]:
    data = dict(m.data)
    if m.action in REASONS and "reason" not in data:
        data["reason"] = rng.choice(REASONS[m.action])
    if m.action in {"recommend", "receive_recommendation"}:
        data.update(recommendation_number=f"445/{rng.randint(100, 999)}/Farmalkes", recommendation_date=None)
    return data


def play(
    users: dict[str, User],
    *,
    start: datetime,
    moves: list[Move],
    data: dict[str, Any],
    cal: Calendar,
    rng: random.Random,
    owner: str = "applicant",
    until: datetime | None = None,
) -> Application:
    """Create the application at `start` and take each move at its moment (none after `until`)."""
    with time_machine.travel(start, tick=False):
        app = new_application(users, data=data, owner=owner)
    for m, at in moments(start, moves, cal):
        if until is not None and at > until:
            break
        with time_machine.travel(at, tick=False):
            app = Application.objects.select_related("permit_type", "company").get(pk=app.pk)
            payload = _data(m, rng)
            if m.action in {"recommend", "receive_recommendation"}:
                payload["recommendation_date"] = at.astimezone(WITA).date().isoformat()
            files = step_files(DemoStep(m.actor, m.action, payload))
            by = users[owner if m.actor == "applicant" else m.actor]
            app = take_action(application=app, name=m.action, by=by, data=payload, files=files)
    return app


def start_days(cal: Calendar, first: date, last: date, count: int, rng: random.Random) -> list[datetime]:
    """`count` moments on working days between `first` and `last`, in order, in office hours."""
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    working = [d for d in days if cal.is_working_day(d)]
    picks = sorted(rng.choice(working) for _ in range(count))
    return [
        datetime.combine(d, time(8, 30), tzinfo=WITA) + timedelta(minutes=rng.randint(0, 360)) for d in picks
    ]


NOTES = [
    "Mohon dipercepat, pemohon menanyakan status",
    "Pastikan rekomendasi Dinkes sudah diterima",
    "Perhatikan batas waktu 7 hari kerja",
]
VARIANTS = [
    (None, 62),
    ("cs_return", 10),
    ("verify_return", 8),
    ("agency_return", 6),
    ("section_send_back", 6),
    ("agency_decline", 4),
    ("withdraw", 4),
]


def seed_history(
    users: dict[str, User],
    *,
    count: int,
    first: date,
    last: date,
    cal: Calendar,
    seed: int = 7,
    until: datetime | None = None,
    progress: Any = None,
) -> list[Application]:
    """`count` applications started between `first` and `last`, each played up to `until`."""
    rng = random.Random(seed)
    out = []
    licences: dict[int, str] = {}
    for i, start in enumerate(start_days(cal, first, last, count, rng)):
        company = rng.randrange(len(COMPANIES))
        loop = rng.choices([v for v, _ in VARIANTS], weights=[w for _, w in VARIANTS])[0]
        kind, previous = "new", ""
        if company in licences and rng.random() < 0.3:
            kind, previous = (
                rng.choice(["change", "technical_lead_change", "director_change"]),
                licences[company],
            )
        moves = script(rng, loop=loop)
        if rng.random() < 0.15:  # a head's remark in the process-control folder (section P)
            at = next((i for i, m in enumerate(moves) if m.action == "deliver_to_agency"), None)
            if at is not None:
                moves.insert(
                    at + 1, Move("section_head", "supervision_note", 0, 30, {"remark": rng.choice(NOTES)})
                )
        if until is not None and (until.astimezone(WITA).date() - start.astimezone(WITA).date()).days < 30:
            moves = moves[: rng.randint(1, max(1, len(moves) - 1))]  # the recent ones are still on their way
        app = play(
            users,
            start=start,
            moves=moves,
            data=company_data(company, kind, previous),
            cal=cal,
            rng=rng,
            owner="applicant" if company % 3 else "applicant2",
            until=until,
        )
        number = Application.objects.filter(pk=app.pk).values_list("licence__number", flat=True).first()
        if number:
            licences[company] = number
        out.append(app)
        if progress is not None:
            progress(i + 1, app)
    return out
