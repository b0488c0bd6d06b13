"""Working days: concrete 2025–2026 cases around Idul Fitri, Christmas and cuti bersama; properties."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perizinan.accounts.models import Office
from perizinan.workdays.calendar import Calendar
from perizinan.workdays.models import OfficeClosure

CAL = Calendar()
CUTI_WORKING = Calendar(cuti_bersama_is_working=True)


@pytest.mark.parametrize(
    ("start", "days", "deadline", "deadline_if_cuti_bersama_works"),
    [
        # Idul Fitri 2025: Nyepi cuti 28 Mar, Idul Fitri 31 Mar–1 Apr, cuti bersama 2–4 and 7 Apr.
        (date(2025, 3, 27), 1, date(2025, 4, 8), date(2025, 3, 28)),
        (date(2025, 3, 26), 7, date(2025, 4, 15), date(2025, 4, 8)),
        # Christmas 2025: 25 Dec holiday, 26 Dec cuti bersama.
        (date(2025, 12, 24), 1, date(2025, 12, 29), date(2025, 12, 26)),
        (date(2025, 12, 22), 7, date(2026, 1, 5), date(2026, 1, 2)),
        # Idul Fitri 2026: cuti 18 Mar, Nyepi 19 Mar, cuti 20, 23, 24 Mar.
        (date(2026, 3, 17), 1, date(2026, 3, 25), date(2026, 3, 18)),
        (date(2026, 3, 17), 7, date(2026, 4, 2), date(2026, 3, 27)),
        # Christmas 2026: cuti bersama 24 Dec, Christmas 25 Dec; New Year 1 Jan 2027.
        (date(2026, 12, 23), 1, date(2026, 12, 28), date(2026, 12, 24)),
        (date(2026, 12, 23), 5, date(2027, 1, 4), date(2026, 12, 31)),
    ],
)
def test_deadlines_around_holidays(start, days, deadline, deadline_if_cuti_bersama_works):
    assert CAL.add_working_days(start, days) == deadline
    assert CUTI_WORKING.add_working_days(start, days) == deadline_if_cuti_bersama_works


def test_start_day_never_counts():
    saturday = date(2026, 11, 28)
    assert CAL.add_working_days(saturday, 1) == date(2026, 11, 30)
    monday = date(2026, 11, 30)
    assert CAL.add_working_days(monday, 1) == date(2026, 12, 1)
    assert CAL.add_working_days(monday, 0) == monday


def test_office_closure_is_not_a_working_day():
    closed = Calendar(closures=frozenset({date(2026, 12, 1)}))
    assert closed.add_working_days(date(2026, 11, 30), 1) == date(2026, 12, 2)


@pytest.mark.django_db
def test_deadline_api_uses_closures_and_office_setting(client):
    url = "/api/v1/workdays/deadline"
    r = client.get(url, {"start": "2026-11-30", "days": 1})
    assert r.json() == {"start": "2026-11-30", "days": 1, "deadline": "2026-12-01"}
    OfficeClosure.objects.create(date=date(2026, 12, 1), reason="Rapat kerja")
    assert client.get(url, {"start": "2026-11-30", "days": 1}).json()["deadline"] == "2026-12-02"
    assert client.get(url, {"start": "2026-12-23", "days": 1}).json()["deadline"] == "2026-12-28"
    office = Office.current()
    office.cuti_bersama_is_working = True
    office.save()
    assert client.get(url, {"start": "2026-12-23", "days": 1}).json()["deadline"] == "2026-12-24"


@pytest.mark.django_db
def test_deadline_api_bad_input_is_422(client):
    assert client.get("/api/v1/workdays/deadline", {"start": "2026-13-01", "days": 1}).status_code == 422
    assert client.get("/api/v1/workdays/deadline", {"start": "2026-11-30", "days": -1}).status_code == 422
    assert client.get("/api/v1/workdays/deadline", {"start": "2026-11-30"}).status_code == 422


starts = st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 6, 30))
closures = st.frozensets(st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31)), max_size=20)


@settings(max_examples=300, deadline=None)
@given(start=starts, days=st.integers(min_value=1, max_value=40), cuti=st.booleans(), closed=closures)
def test_property_deadline_is_the_nth_working_day(start, days, cuti, closed):
    cal = Calendar(cuti_bersama_is_working=cuti, closures=closed)
    due = cal.add_working_days(start, days)
    assert due > start
    assert cal.is_working_day(due)
    assert cal.working_days_between(start, due) == days
    # No working day was skipped: the day before the deadline leaves one to go.
    assert cal.working_days_between(start, due - timedelta(days=1)) == days - 1


@settings(max_examples=200, deadline=None)
@given(start=starts, days=st.integers(min_value=0, max_value=30), closed=closures)
def test_property_monotone_and_closures_only_delay(start, days, closed):
    base = Calendar()
    assert base.add_working_days(start, days) <= base.add_working_days(start, days + 1)
    assert Calendar(closures=closed).add_working_days(start, days) >= base.add_working_days(start, days)
    # Counting cuti bersama as working never makes a deadline later.
    assert Calendar(cuti_bersama_is_working=True).add_working_days(start, days) <= base.add_working_days(
        start, days
    )


@settings(max_examples=200, deadline=None)
@given(start=starts, a=st.integers(min_value=0, max_value=20), b=st.integers(min_value=0, max_value=20))
def test_property_additive(start, a, b):
    assert CAL.add_working_days(CAL.add_working_days(start, a), b) == CAL.add_working_days(start, a + b)
