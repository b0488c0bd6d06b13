"""The heads' dashboard and the report pages in a real browser, with axe-core on every page."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from tests.reports.conftest import OCTOBER, play_all

pytestmark = pytest.mark.django_db(transaction=True)

HEADS = ["section_head", "division_head", "office_head", "supervisor"]
QUERY = f"?from={OCTOBER['from']}&to={OCTOBER['to']}"


@pytest.fixture
def history(users, browser):  # type: ignore[no-untyped-def]
    """The hand-counted history, played in a thread of its own (Playwright's loop runs in this one)."""

    def run():  # type: ignore[no-untyped-def]
        try:
            return play_all(users)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


def charts_drawn(page) -> int:  # type: ignore[no-untyped-def]
    return page.evaluate(
        "() => Array.from(document.querySelectorAll('canvas.report-chart'))"
        ".filter(c => window.Chart && window.Chart.getChart(c)).length"
    )


def test_the_heads_dashboard_the_report_pages_and_an_officers_own_view(visit, history):
    """One played history (it takes a while) for the three views: each head's landing page,
    the filters and report pages, and what an officer sees."""
    each_head_lands_on_the_dashboard_with_data(visit, history)
    filters_scope_and_the_other_report_pages(visit, history)
    an_officer_sees_the_archive_and_only_their_own_performance(visit, history)


def each_head_lands_on_the_dashboard_with_data(visit, history):  # type: ignore[no-untyped-def]
    for username in HEADS:
        v = visit(username)
        assert v.page.url.endswith("/petugas/dasbor/"), v.page.url  # the landing page after login
        v.goto(f"/petugas/dasbor/{QUERY}")
        page = v.page
        assert page.get_by_role("heading", name="Dasbor pengawasan").is_visible()
        assert charts_drawn(page) == 6
        assert (
            page.get_by_role("table", name="Permohonan terlambat dan pemegangnya")
            .get_by_text(history["E"].registration_number)
            .is_visible()
        )
        assert page.get_by_text("Salah ketik alamat").is_visible()
        v.close()
    # On a phone every wide table scrolls sideways in a named region the keyboard can reach and
    # scroll with the arrow keys (axe only asks for that when the table holds no link); at
    # 1280 px the same tables are no tab stop of their own.
    v = visit("office_head", width=360)
    for path in [f"/petugas/dasbor/{QUERY}", "/petugas/arsip/", "/petugas/rekap-tahunan/?year=2026"]:
        v.goto(path)
        wide = v.page.locator(".table-responsive").evaluate_all(
            "els => els.filter(e => e.scrollWidth > e.clientWidth)"
            ".map(e => [e.getAttribute('tabindex'), e.getAttribute('role'), !!e.getAttribute('aria-label')"
            " || !!e.getAttribute('aria-labelledby')])"
        )
        assert wide and all(w == ["0", "region", True] for w in wide), (path, wide)
    v.close()
    v = visit("office_head")
    # The dashboard's wrappers are named in the page (tabindex too, for browsers without
    # script): where they fit, the script takes the tab stop away and keeps the name.
    still = (
        "els => els.filter(e => e.hasAttribute('tabindex')"
        " && e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight).length"
    )
    named = "els => els.filter(e => e.getAttribute('role') === 'region').length"
    for path in [f"/petugas/dasbor/{QUERY}", "/petugas/arsip/"]:
        v.goto(path)
        assert v.page.locator(".table-responsive").evaluate_all(still) == 0, path
    v.goto(f"/petugas/dasbor/{QUERY}")
    # Six charts' tables and the list of late applications.
    assert v.page.locator(".table-responsive").evaluate_all(named) == 7
    v.close()


def filters_scope_and_the_other_report_pages(visit, history):  # type: ignore[no-untyped-def]
    v = visit("office_head")
    page = v.page
    v.goto(f"/petugas/dasbor/{QUERY}")
    page.get_by_label("Menunggu saya").check()
    page.get_by_role("button", name="Tampilkan").click()
    page.wait_for_load_state()
    v.axe()
    assert "scope=mine" in page.url
    assert page.get_by_text("Tidak ada permohonan terlambat.").is_visible()
    page.get_by_label("Jenis permohonan").select_option("change")
    page.get_by_role("button", name="Terapkan").click()
    page.wait_for_load_state()
    v.axe()
    assert "kind=change" in page.url
    for path in [
        "/petugas/arsip/",
        "/petugas/kinerja/?year=2026&semester=2",
        "/petugas/rekap-tahunan/?year=2026",
    ]:
        v.goto(path)
    v.goto("/petugas/arsip/?state=completed")
    assert page.get_by_text(history["A"].registration_number).is_visible()
    page.get_by_role("link", name=history["A"].registration_number).click()
    page.wait_for_load_state()
    v.axe()  # the application page keeps the whole history of a completed application
    assert page.get_by_text("confirm_receipt").count() + page.get_by_text("Selesai").count() > 0


def an_officer_sees_the_archive_and_only_their_own_performance(visit, history):  # type: ignore[no-untyped-def]
    v = visit("verifier")
    page = v.page
    assert page.url.endswith("/petugas/")  # officers still land on their inbox
    page.get_by_role("link", name="Arsip").first.click()
    page.wait_for_load_state()
    v.axe()
    assert page.get_by_text(history["C"].registration_number).is_visible()  # declined, still listed
    v.goto("/petugas/kinerja/?year=2026&semester=2")
    assert page.get_by_role("heading", name="Kinerja saya per semester").is_visible()
    assert page.get_by_text("Ir. Kurniawan").count() == 0
    assert page.get_by_text("Gilang Ramadhan").first.is_visible()
