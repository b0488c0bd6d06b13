"""Public pages in the browser: the PAK page's checklist, the language switch, the status check, 360 px."""

import re

import pytest

from perizinan.demo import new_application
from perizinan.workflow.services import take_action

pytestmark = pytest.mark.django_db(transaction=True)

PLAIN_NEW = sorted(set(range(1, 30)) - {7, 8, 16, 17, 25, 26, 27})


def listed(page) -> list[int]:  # type: ignore[no-untyped-def]
    return [
        int(n) for n in page.locator("#requirements li").evaluate_all("els => els.map(e => e.dataset.number)")
    ]


def wait_for_item(page, number: int, *, present: bool = True) -> None:  # type: ignore[no-untyped-def]
    item = page.locator(f"#requirements li[data-number='{number}']")
    if present:
        item.wait_for(state="attached")
    else:
        item.wait_for(state="detached")


def registered(users):  # type: ignore[no-untyped-def]
    app = new_application(users)
    for actor, name in [("applicant", "submit"), ("cs", "cs_accept"), ("registration", "register")]:
        app.refresh_from_db()
        take_action(application=app, name=name, by=users[actor], data={"confirm_all": True})
    app.refresh_from_db()
    return app


def test_pak_checklist_follows_the_ticked_boxes(visit):
    v = visit()
    v.goto("/izin/pak/")
    page = v.page
    assert page.get_by_role("heading", level=1).inner_text().startswith("Izin Penyalur Alat Kesehatan")
    assert listed(page) == PLAIN_NEW
    # With JavaScript the list follows every change; the submit button is only for no-JS.
    assert page.get_by_role("button", name="Tampilkan persyaratan").is_hidden()

    # Profile 1: change of technical lead, electromedical distributor.
    page.get_by_label("Pergantian PJT").check()
    wait_for_item(page, 31)
    page.get_by_label("Menyalurkan alat kesehatan elektromedik", exact=True).check()
    wait_for_item(page, 16)
    got = listed(page)
    assert set(got) == set(PLAIN_NEW) | {16, 17, 30, 31, 32}
    assert got == sorted(got)  # numbered as in the SOP
    assert page.locator("#req-count").inner_text().startswith("25 dokumen")
    assert "kind=technical_lead_change" in page.url and "electromedical=on" in page.url  # bookmarkable
    v.axe()

    # Profile 2: a new PMA company with radiation devices (which ticks electromedical itself).
    page.get_by_label("Baru", exact=True).check()
    wait_for_item(page, 31, present=False)
    page.get_by_label("Perusahaan penanaman modal asing (PMA)").check()
    wait_for_item(page, 7)
    page.get_by_label("Menyalurkan alat kesehatan elektromedik", exact=True).uncheck()
    wait_for_item(page, 16, present=False)
    page.get_by_label("Menyalurkan alat kesehatan elektromedik yang memancarkan radiasi").check()
    wait_for_item(page, 27)
    assert page.get_by_label("Menyalurkan alat kesehatan elektromedik", exact=True).is_checked()
    assert set(listed(page)) == set(PLAIN_NEW) | {7, 16, 17, 27}
    v.axe()

    # Reloading the page (or printing it) keeps the chosen profile.
    v.goto(page.url)
    assert set(listed(page)) == set(PLAIN_NEW) | {7, 16, 17, 27}
    assert page.get_by_role("button", name="Cetak").is_visible()


def test_pak_checklist_without_javascript(browser, live_server, users):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, locale="id-ID")
    try:
        page = context.new_page()
        page.goto("/izin/pak/")
        assert listed(page) == PLAIN_NEW
        page.get_by_label("Pergantian PJT").check()
        page.get_by_label("Menyalurkan alat kesehatan elektromedik", exact=True).check()
        page.get_by_role("button", name="Tampilkan persyaratan").click()
        page.wait_for_load_state()
        assert set(listed(page)) == set(PLAIN_NEW) | {16, 17, 30, 31, 32}
    finally:
        context.close()


def test_language_switch_turns_the_page_english(visit):
    v = visit()
    v.goto("/izin/pak/")
    page = v.page
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.get_by_text("Nomor Pokok Wajib Pajak (NPWP)").is_visible()
    page.locator("#lang-select").select_option(label="English")
    page.get_by_role("button", name="Ganti").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert re.search(r"/izin/pak/$", page.url)  # back on the same page
    # Requirement titles, the permit's name and validity come from the catalogue's English columns.
    assert page.get_by_text("Tax number (NPWP)").is_visible()
    assert "Nomor Pokok Wajib Pajak" not in page.content()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Medical-Device Distributor Licence")
    assert page.get_by_text("As long as the company runs its business").is_visible()
    v.axe()
    # The checklist keeps working in English.
    page.locator("input[name=kind][value=technical_lead_change]").check()
    wait_for_item(page, 31)
    assert (
        "previous technical lead" in page.locator("#requirements li[data-number='31']").inner_text().lower()
    )


def test_status_check(visit, users):
    app = registered(users)
    v = visit()
    v.goto("/status/")
    page = v.page
    page.get_by_label("Nomor registrasi").fill(app.registration_number)
    page.get_by_label("Kode status").fill(app.status_code.lower())
    page.get_by_role("button", name="Cek status").click()
    page.wait_for_load_state()
    v.axe()
    result = page.locator(".status-result")
    assert "Terdaftar, verifikasi berkas" in result.inner_text()
    assert "Langkah 7 dari 17" in result.inner_text()

    page.get_by_label("Kode status").fill("ZZZZ9999")
    page.get_by_role("button", name="Cek status").click()
    page.wait_for_load_state()
    v.axe()
    assert page.get_by_role("alert").inner_text().count("tidak cocok") == 1
    assert page.locator(".status-result").count() == 0
    assert page.get_by_label("Nomor registrasi").input_value() == app.registration_number


@pytest.mark.parametrize("path", ["/", "/izin/pak/", "/status/"])
def test_no_horizontal_scroll_at_360_px(visit, users, path):
    v = visit(width=360)
    v.goto(path)
    page = v.page
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
    if path == "/izin/pak/":
        # The wide diagram scrolls inside its own keyboard-reachable region instead.
        region = page.get_by_role("region", name=re.compile("Diagram alur proses"))
        assert region.get_attribute("tabindex") == "0"
        assert page.locator("svg.swimlane").is_visible()


def test_axe_check_is_not_vacuous(visit):
    v = visit()
    v.page.set_content("<html><body><img src='x.png'><input type='text'></body></html>")
    with pytest.raises(AssertionError, match=r"image-alt: .* -> img\b"):  # the element is named
        v.axe()
