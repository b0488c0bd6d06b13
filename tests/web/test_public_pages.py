"""Public pages through the Django test client: home, the permit page and its checklist, the status check."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.urls import reverse

from perizinan.accounts.models import Office
from perizinan.catalog.loader import load_permit_type
from perizinan.catalog.models import PermitType
from perizinan.demo import new_application, run_forward
from perizinan.workflow.services import take_action

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "permit_types"
PLAIN_NEW = set(range(1, 30)) - {7, 8, 16, 17, 25, 26, 27}


def numbers(response) -> list[int]:  # type: ignore[no-untyped-def]
    html = response.content.decode()
    body = html[html.index('<ol class="requirements-list">') :]
    body = body[: body.index("</ol>")]
    return [int(n) for n in re.findall(r'data-number="(\d+)"', body)]


def partial(client, **params):  # type: ignore[no-untyped-def]
    return client.get(reverse("web:permit_requirements", args=["pak"]), params)


def registered(users):  # type: ignore[no-untyped-def]
    app = new_application(users)
    for actor, name in [("applicant", "submit"), ("cs", "cs_accept"), ("registration", "register")]:
        app.refresh_from_db()
        take_action(application=app, name=name, by=users[actor], data={"confirm_all": True})
    app.refresh_from_db()
    assert app.registration_number and app.status_code
    return app


# --- home -------------------------------------------------------------------------------------------


def test_home_links_to_the_permit_and_the_status_check(client, users, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):  # with the permit menu of every page (cached after)
        r = client.get("/")
    assert r.status_code == 200
    html = r.content.decode()
    assert 'href="/izin/pak/"' in html and 'href="/status/"' in html
    assert "Senin–Kamis 08.00–19.00 WITA" in html and "Jumat 08.00–11.00 WITA" in html


def test_home_follows_the_office_service_hours(client, users):
    office = Office.current()
    office.service_hours = {"0": ["07:30", "16:00"], "1": ["07:30", "16:00"], "4": ["07:30", "11:30"]}
    office.save()
    html = client.get("/").content.decode()
    assert "Senin–Selasa 07.30–16.00 WITA" in html and "Jumat 07.30–11.30 WITA" in html


def test_every_page_names_the_office_from_its_record_and_links_each_permit_type(client, users):
    """Another office, or a renamed one, edits its record in the admin: no page names it in code."""
    office = Office.current()
    office.name, office.short_name = "DPMPTSP Provinsi Contoh", "DPMPTSP Contoh"
    office.full_name, office.address = "Dinas PMPTSP Provinsi Contoh", "Jl. Contoh No. 1, Kota Contoh"
    office.save()
    html = client.get("/").content.decode()
    assert "<title>Beranda · DPMPTSP Contoh</title>" in html
    assert '<span class="brand-title">DPMPTSP Contoh</span>' in html
    assert "Layanan perizinan DPMPTSP Provinsi Contoh" in html and "Kalimantan" not in html
    assert "Dinas PMPTSP Provinsi Contoh · Jl. Contoh No. 1, Kota Contoh" in html  # the footer
    assert re.findall(r'class="nav-link" href="(/izin/[^"]+)">([^<]+)<', html) == [("/izin/pak/", "Izin PAK")]
    # A second permit type gets its own link (the menu is read again once the type is saved).
    load_permit_type(apps, "uji_biaya.json", data_dir=FIXTURES)
    html = client.get("/izin/pak/").content.decode()
    links = re.findall(r'class="nav-link" href="(/izin/[^"]+)">([^<]+)<', html)
    assert sorted(links) == [("/izin/pak/", "Izin PAK"), ("/izin/uji-biaya/", "Izin UJI-BIAYA")]
    # Past three, the menu holds one link to the list on the home page instead.
    for code in ("UJI-2", "UJI-3"):
        extra = PermitType.objects.get(code="UJI-BIAYA")
        extra.pk, extra.code = None, code
        extra.save()
    html = client.get("/izin/pak/").content.decode()
    assert not re.findall(r'class="nav-link" href="/izin/', html)
    assert '<a class="nav-link" href="/#permits-h">Daftar izin</a>' in html
    assert 'id="permits-h"' in client.get("/").content.decode()


def test_home_still_sends_officers_to_their_inbox(client, users):
    client.force_login(users["cs"])
    r = client.get("/")
    assert r.status_code == 302 and r["Location"] == reverse("web:inbox")
    assert client.get("/?public=1").status_code == 200


# --- the permit page ---------------------------------------------------------------------------------


def test_permit_page(client, users, django_assert_max_num_queries):
    with django_assert_max_num_queries(7):  # with the office and the permit menu (cached after)
        r = client.get(reverse("web:permit", args=["pak"]))
    assert r.status_code == 200
    html = r.content.decode()
    assert "<h1" in html and "Izin Penyalur Alat Kesehatan" in html
    # All 14 legal bases of SOP section A, from the permit type's data; the seed's "191" is 1191.
    legal = html[html.index('<ol class="legal-list">') :]
    legal = legal[: legal.index("</ol>")]
    assert legal.count("<li>") == 14
    assert "Undang-Undang Nomor 36 Tahun 2009 tentang Kesehatan" in legal
    assert (
        "Peraturan Menteri Kesehatan Nomor 1191/MENKES/PER/VIII/2010 tentang Penyaluran Alat Kesehatan"
        in legal
    )
    assert " 191/" not in legal
    assert "pengadaan, penyimpanan dan penyaluran alat kesehatan" in html  # purpose (SOP section C), data
    assert "7 hari kerja" in html and "rekomendasi teknis" in html  # time limit and what starts it
    assert "Gratis" in html  # fee 0
    assert "Selama perusahaan menjalankan kegiatan usahanya" in html  # validity
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="swimlane"' in html
    steps = re.findall(r'<li value="(\d+)"><span class="step-title">', html)
    assert steps == [str(n) for n in range(1, 18)]
    assert "Hari H, 60 menit" in html and "H s.d. H+5" in html  # time standards
    assert "data-print" in html
    assert 'hx-get="/izin/pak/persyaratan/"' in html and 'hx-trigger="change"' in html
    assert numbers(r) == sorted(PLAIN_NEW)  # the default profile: a new application, no conditions
    assert "style=" not in html and "<style" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)  # no inline script


def test_permit_page_purpose_comes_from_data(client, users):
    """Issue 14: the purpose is the permit type's (editable in the admin), not a text in a view."""
    PermitType.objects.filter(code="PAK").update(purpose="Tujuan dari data jenis izin.", purpose_en="")
    html = client.get(reverse("web:permit", args=["pak"])).content.decode()
    assert "Tujuan dari data jenis izin." in html and "dalam jumlah besar" not in html


def test_unknown_permit_is_404(client, users):
    assert client.get("/izin/tidak-ada/").status_code == 404
    assert client.get("/izin/tidak-ada/persyaratan/").status_code == 404


def test_requirements_for_a_new_application_without_conditions(client, users, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        r = partial(client, kind="new")
    assert r.status_code == 200
    assert numbers(r) == sorted(PLAIN_NEW)
    html = r.content.decode()
    assert "<html" not in html  # only the list
    assert "Nomor Pokok Wajib Pajak (NPWP)" in html


def test_requirements_for_a_change_of_technical_lead_of_an_electromedical_distributor(client, users):
    r = partial(client, kind="technical_lead_change", electromedical="on")
    got = set(numbers(r))
    assert {16, 17, 30, 31, 32} <= got
    assert got == PLAIN_NEW | {16, 17, 30, 31, 32}
    assert 33 not in got and 27 not in got


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "director_change"}, PLAIN_NEW | {30, 33}),
        ({"kind": "change", "foreign_investment": "on"}, PLAIN_NEW | {7, 30}),
        ({"kind": "new", "technicians": "on"}, PLAIN_NEW | {25, 26}),
        ({"kind": "new", "agent": "on", "delegated_signing": "on"}, PLAIN_NEW | {34, 35}),
        # Radiation devices are electromedical devices.
        ({"kind": "new", "radiation": "on"}, PLAIN_NEW | {16, 17, 27}),
    ],
)
def test_requirements_per_profile(client, users, params, expected):
    assert set(numbers(partial(client, **params))) == expected


def test_the_office_setting_for_the_nuisance_permit_applies(client, users):
    office = Office.current()
    office.require_nuisance_permit = True
    office.save()
    assert 8 in numbers(partial(client, kind="new"))


def test_the_full_page_answers_the_same_without_javascript(client, users):
    r = client.get(
        reverse("web:permit", args=["pak"]), {"kind": "technical_lead_change", "electromedical": "on"}
    )
    assert r.status_code == 200
    assert set(numbers(r)) == PLAIN_NEW | {16, 17, 30, 31, 32}
    html = r.content.decode()
    assert re.search(r'<input[^>]*name="electromedical"[^>]*checked', html)
    assert re.search(r'<input[^>]*value="technical_lead_change"[^>]*checked', html)
    # Ticking radiation alone shows electromedical ticked too.
    html = client.get(
        reverse("web:permit", args=["pak"]), {"kind": "new", "radiation": "on"}
    ).content.decode()
    assert re.search(r'<input[^>]*name="electromedical"[^>]*checked', html)


def test_htmx_request_gets_the_list_the_count_and_the_page_url(client, users):
    r = client.get(
        reverse("web:permit_requirements", args=["pak"]),
        {"kind": "technical_lead_change", "electromedical": "on"},
        HTTP_HX_REQUEST="true",
    )
    assert r.status_code == 200
    assert r["HX-Replace-Url"] == "/izin/pak/?kind=technical_lead_change&electromedical=on"
    html = r.content.decode()
    assert 'id="req-count" hx-swap-oob="innerHTML"' in html
    assert "25 dokumen diserahkan pemohon, 27 dokumen seluruhnya" in html  # 2 come from the technical review


def test_unknown_kind_is_refused(client, users):
    r = partial(client, kind="bogus")
    assert r.status_code == 400
    page = client.get(reverse("web:permit", args=["pak"]), {"kind": "bogus"})
    assert page.status_code == 400
    assert "Baru" in page.content.decode()  # the form still renders


def test_english_titles_in_english(client, users):
    client.cookies["django_language"] = "en"
    r = partial(client, kind="new")
    html = r.content.decode()
    assert "Tax number (NPWP)" in html and "Nomor Pokok Wajib Pajak" not in html
    page = client.get(reverse("web:permit", args=["pak"])).content.decode()
    assert '<html lang="en">' in page
    assert "Medical-Device Distributor Licence" in page
    assert "As long as the company runs its business" in page


# --- the status check ---------------------------------------------------------------------------------


def test_status_form_renders(client, users):
    r = client.get(reverse("web:status"))
    assert r.status_code == 200
    html = r.content.decode()
    assert 'name="registration_number"' in html and 'name="code"' in html
    assert 'for="id_registration_number"' in html and 'for="id_code"' in html
    assert '<meta name="referrer" content="same-origin">' in html  # the page sends no referrer to other sites
    assert "no-cache" in r["Cache-Control"] or "no-store" in r["Cache-Control"]


def test_status_with_the_right_code(client, users, django_assert_max_num_queries):
    app = registered(users)
    with django_assert_max_num_queries(6):  # + the two shared throttle counters
        r = client.post(reverse("web:status"), {"registration_number": app.registration_number,
                                               "code": app.status_code.lower()})  # fmt: skip
    assert r.status_code == 200
    html = r.content.decode()
    assert "Terdaftar, verifikasi berkas" in html
    assert "Langkah 7 dari 17" in html and "Verifikasi dan surat pengantar" in html
    assert "Dihitung setelah rekomendasi teknis diterima" in html  # the PAK clock starts at step 10
    assert "WITA" in html
    assert "Contoh Medika" not in html  # nothing private


def test_status_tells_what_the_applicant_must_do(client, users):
    app = registered(users)
    take_action(application=app, name="verify_return", by=users["verifier"], data={"reason": "NPWP buram"})
    app.refresh_from_db()
    take_action(
        application=app,
        name="cs_request_fix",
        by=users["cs"],
        data={"reason": "Unggah ulang NPWP yang jelas"},
    )
    r = client.post(
        reverse("web:status"), {"registration_number": app.registration_number, "code": app.status_code}
    )
    html = r.content.decode()
    assert "Yang perlu Anda lakukan" in html and "Unggah ulang NPWP yang jelas" in html


def test_status_shows_the_licence_number_when_issued(client, users):
    app = run_forward(new_application(users), users)
    r = client.post(
        reverse("web:status"), {"registration_number": app.registration_number, "code": app.status_code}
    )
    assert r.status_code == 200
    assert app.licence.number in r.content.decode()


def test_wrong_number_or_code_gives_the_same_answer(client, users):
    app = registered(users)
    url = reverse("web:status")
    wrong_code = client.post(url, {"registration_number": app.registration_number, "code": "AAAAAAAA"})
    wrong_number = client.post(url, {"registration_number": "PAK-2026-999999", "code": app.status_code})
    for r in (wrong_code, wrong_number):
        assert r.status_code == 404
        html = r.content.decode()
        assert "Nomor registrasi atau kode tidak cocok." in html
        assert 'name="registration_number"' in html  # the form still renders
        assert "Terdaftar, verifikasi berkas" not in html


def test_missing_field_is_a_form_error(client, users):
    r = client.post(reverse("web:status"), {"registration_number": "PAK-2026-000001", "code": ""})
    assert r.status_code == 400
    assert 'id="id_code_error"' in r.content.decode()


def test_status_guessing_is_throttled(client, users, settings):
    settings.PERIZINAN_THROTTLES = {"status": {"address": (3, 900)}}
    app = registered(users)
    url = reverse("web:status")
    for _ in range(3):
        assert (
            client.post(url, {"registration_number": app.registration_number, "code": "WRONG123"}).status_code
            == 404
        )
    r = client.post(url, {"registration_number": app.registration_number, "code": app.status_code})
    assert r.status_code == 429


# --- methods ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/izin/pak/", "/izin/pak/persyaratan/"])
def test_get_only_pages_refuse_post(client, users, path):
    assert client.post(path).status_code == 405
