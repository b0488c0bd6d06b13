"""Officers in the browser: inbox, the application page, taking their step; permissions."""

import pytest

from perizinan.demo import new_application
from perizinan.workflow.services import take_action

pytestmark = pytest.mark.django_db(transaction=True)


def submitted(users):  # type: ignore[no-untyped-def]

    app = new_application(users)
    take_action(application=app, name="submit", by=users["applicant"], data={})
    return app


def test_cs_ticks_and_accepts_then_registration_registers(visit, users):
    app = submitted(users)
    cs = visit("cs")
    assert "/petugas/" in cs.page.url
    cs.axe()
    cs.page.get_by_role("link", name=str(app)).click()
    cs.page.wait_for_load_state()
    cs.axe()
    # Tick requirement 1 with a note (htmx partial update).
    row = cs.page.locator("#req-1")
    row.get_by_label("Catatan 1").fill("Asli diperlihatkan")
    row.get_by_role("button", name="Simpan").click()
    cs.page.wait_for_timeout(300)
    # Accept: the action form generated from the action definitions; the other items are
    # confirmed all at once, explicitly (one tick is not a complete check).
    form = cs.page.locator("#form-cs_accept")
    form.get_by_label("Saya telah memeriksa semua persyaratan").check()
    form.get_by_role("button", name="Nyatakan lengkap dan benar").click()
    cs.page.wait_for_load_state()
    assert "tercatat" in cs.page.content()
    cs.axe()
    app.refresh_from_db()
    assert app.state == "accepted"
    assert app.checklist_items.get(requirement__number=1).note == "Asli diperlihatkan"

    reg = visit("registration")
    reg.goto(f"/permohonan/{app.pk}/")
    reg.page.get_by_role("button", name="Daftarkan dan terbitkan tanda terima").click()
    reg.page.wait_for_load_state()
    app.refresh_from_db()
    assert app.state == "registered" and app.registration_number


def test_return_needs_a_reason_shown_next_to_the_field(visit, users):
    app = submitted(users)
    cs = visit("cs")
    cs.goto(f"/permohonan/{app.pk}/")
    form = cs.page.locator("form", has=cs.page.get_by_role("button", name="Kembalikan untuk dilengkapi"))
    form.locator("textarea").evaluate("el => el.removeAttribute('required')")
    form.get_by_role("button", name="Kembalikan untuk dilengkapi").click()
    cs.page.wait_for_load_state()
    assert "wajib diisi" in cs.page.content()
    cs.axe()
    app.refresh_from_db()
    assert app.state == "submitted"


def test_officer_cannot_take_another_roles_action(visit, users, live_server):
    app = submitted(users)
    verifier = visit("verifier")
    verifier.goto(f"/permohonan/{app.pk}/")
    assert verifier.page.get_by_role("button", name="Nyatakan lengkap dan benar").count() == 0
    # Posting the form anyway is refused.
    status = verifier.page.evaluate(
        """async (url) => {
            const token = document.querySelector('[name=csrfmiddlewaretoken]').value;
            const r = await fetch(url, {method: 'POST', headers: {'X-CSRFToken': token}, body: new URLSearchParams()});
            return r.status; }""",
        f"/permohonan/{app.pk}/aksi/cs_accept/",
    )
    assert status == 403
    app.refresh_from_db()
    assert app.state == "submitted"


def test_applicant_cannot_open_another_applicants_application(visit, users):
    app = submitted(users)
    other = visit("applicant2")
    response = other.page.goto(f"/permohonan/{app.pk}/")
    assert response.status == 404


def test_inbox_search_and_supervision(visit, users):
    app = submitted(users)
    cs = visit("cs")
    cs.page.get_by_label("Cari (nomor registrasi, perusahaan, NPWP/NIB)").fill("tidak-ada-xyz")
    cs.page.get_by_role("button", name="Terapkan").click()
    cs.page.wait_for_timeout(500)
    assert "Tidak ada permohonan" in cs.page.content()
    cs.page.get_by_label("Cari (nomor registrasi, perusahaan, NPWP/NIB)").fill("Contoh")
    cs.page.get_by_role("button", name="Terapkan").click()
    cs.page.wait_for_timeout(500)
    assert cs.page.get_by_role("link", name=str(app)).count() == 1
    head = visit("section_head")
    head.goto("/petugas/pengawasan/")
    assert "Contoh Medika" in head.page.content()
    assert visit("cs").page.goto("/petugas/pengawasan/").status == 403


def test_phone_width_application_page(visit, users):
    app = submitted(users)
    cs = visit("cs", width=360)
    cs.goto(f"/permohonan/{app.pk}/")
    width = cs.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 380
