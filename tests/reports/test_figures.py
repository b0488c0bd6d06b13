"""The report figures against a hand count of the small history in conftest.py."""

import pytest

from perizinan.reports.filters import parse_filters
from perizinan.reports.selectors import (
    issued_per_month,
    overdue_list,
    progress_by_step_and_lane,
    returns_per_step,
    summary,
)
from perizinan.reports.staff import staff_performance

from .conftest import OCTOBER

pytestmark = pytest.mark.django_db


def test_summary_matches_the_hand_count(history):
    s = summary(parse_filters(OCTOBER))
    assert s["received"] == 5  # A B C E F (D was withdrawn as a draft)
    assert s["registered"] == 5
    assert s["issued"] == 3  # A B F
    assert s["declined"] == 1  # C
    assert s["withdrawn"] == 1  # D
    assert s["in_progress"] == 1  # E
    assert s["overdue"] == 1  # E, registered on 6 Oct and never verified
    assert s["on_time"] == 2  # F issued on 28 Oct, due 22 Oct
    assert s["on_time_rate"] == pytest.approx(2 / 3, abs=1e-4)
    assert s["median_working_days_to_issue"] == 4  # A 3, B 4, F 11
    assert s["mean_working_days_to_issue"] == 6.0


def test_step_times_and_lateness_match_the_hand_count(history):
    steps = {r["step"]: r for r in summary(parse_filters(OCTOBER))["steps"]}
    registration = steps[6]
    assert registration["count"] == 5
    assert registration["median_minutes"] == 30.0  # 10 20 30 40 50
    assert registration["p90_minutes"] == 46.0
    verification = steps[7]
    assert (verification["count"], verification["with_target"], verification["late"]) == (4, 4, 1)
    assert verification["on_time_rate"] == 0.75
    section = steps[12]  # A, B's send-back and approval, F
    assert (section["count"], section["late"]) == (4, 1)
    assert section["standard"]


def test_a_period_without_the_history_counts_nothing(history):
    s = summary(parse_filters({"from": "2026-11-01", "to": "2026-11-30"}))
    assert (s["received"], s["issued"], s["declined"], s["steps"]) == (0, 0, 0, [])
    assert s["in_progress"] == 1  # a snapshot of now, whatever the period


def test_the_kind_filter_narrows_every_figure(history):
    s = summary(parse_filters({**OCTOBER, "kind": "change"}))
    assert (s["received"], s["issued"], s["in_progress"]) == (0, 0, 0)
    s = summary(parse_filters({**OCTOBER, "kind": "new", "permit_type": "PAK"}))
    assert s["received"] == 5


def test_progress_overdue_returns_and_months(history):
    f = parse_filters(OCTOBER)
    progress = progress_by_step_and_lane(f)
    assert progress["steps"] == [{"step": 7, "title": progress["steps"][0]["title"], "count": 1}]
    assert [lane["lane"] for lane in progress["lanes"]] == [5]  # the verifier's lane
    overdue = overdue_list(f)
    assert [r["app"].pk for r in overdue] == [history["E"].pk]
    assert "Verifikasi" in overdue[0]["holder"]
    returns = {r["step"]: r for r in returns_per_step(f)}
    assert returns[4]["count"] == 1 and returns[4]["reasons"] == [
        {"reason": "Akta belum dilegalisir", "count": 1}
    ]
    assert returns[12]["reasons"] == [{"reason": "Salah ketik alamat", "count": 1}]
    assert set(returns) == {4, 12}
    year = parse_filters({"from": "2026-09-01", "to": "2026-11-30"})
    assert issued_per_month(year) == [
        {"month": "2026-09", "count": 0},
        {"month": "2026-10", "count": 3},
        {"month": "2026-11", "count": 0},
    ]


def test_staff_performance_matches_the_hand_count(history):
    rows = {(r["username"], r["role"]): r for r in staff_performance(parse_filters(OCTOBER))}
    section = rows[("section_head", "section_head")]
    assert (section["actions"], section["returns_given"], section["late"]) == (4, 1, 1)
    assert section["on_time_rate"] == 0.75
    assert rows[("admin_monitoring", "admin_monitoring")]["returns_received"] == 1  # B's first draft
    assert rows[("admin_monitoring", "admin_monitoring")]["actions"] == 4  # A, B twice, F
    cs = rows[("cs", "cs")]
    assert (cs["actions"], cs["returns_given"], cs["returns_received"]) == (6, 1, 0)
    verifier = rows[("verifier", "verifier")]
    assert (verifier["actions"], verifier["on_time_rate"], verifier["workload"]) == (4, 0.75, 4)
    registration = rows[("registration", "registration")]
    assert (registration["median_minutes"], registration["workload"]) == (30.0, 5)
    assert not any(role == "applicant" for _, role in rows)
