"""The authorisation matrix of the web pages: every URL of the resolver (admin and API aside)
x every principal, GET. Signed-out visitors of a protected page are sent to the login page,
a role the page is not for gets 403, an application (or another officer's sheet) the
visitor may not see 404, a POST-only URL 405. A URL without a rule here fails the test.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from perizinan.applications.models import Application

from .authz_rules import (
    ANONYMOUS,
    OFFICERS,
    PRINCIPALS,
    REPORTING,
    SUPERVISING,
    sees,
)
from .authz_world import World, attach_files, build_world, isolated

pytestmark = pytest.mark.django_db

EVERYONE_SIGNED_IN = frozenset(PRINCIPALS) - {ANONYMOUS}
APPLICANTS = frozenset({"applicant", "other_applicant"})
FRONT_DESK = frozenset({"info", "cs", "helpdesk"})  # enquiries, consultations, forms (steps 1-5)
QUEUE_OFFICERS = frozenset({"info", "cs", "helpdesk", "pickup"})  # who calls tickets
COMPLAINT_HANDLERS = FRONT_DESK | SUPERVISING
HELPDESK_READERS = frozenset({"cs", "helpdesk"}) | SUPERVISING
PUBLIC, POST_ONLY, APP = "public", "post-only", "application"

# route -> PUBLIC, POST_ONLY, (APP, editors or None), or the roles the page is for.
PAGES: dict[str, object] = {
    "i18n/setlang/": PUBLIC,  # Django's language switch: a GET is sent back where it came from
    "verifikasi/": PUBLIC,
    "verifikasi/<str:code>": PUBLIC,
    "formulir/<slug:kind>.pdf": PUBLIC,
    "survei/": PUBLIC,
    "survei/kode/<str:code>/": PUBLIC,
    "survei/kios/": PUBLIC,
    "survei/terima-kasih/<str:reference>/": PUBLIC,
    "survei/kios/terima-kasih/<str:reference>/": PUBLIC,
    "pengaduan/": PUBLIC,
    "pengaduan/lacak/": PUBLIC,
    "pengaduan/lacak/<str:code>/": PUBLIC,
    "petugas/pengaduan/": COMPLAINT_HANDLERS,
    "petugas/pengaduan/baru/": COMPLAINT_HANDLERS,
    "petugas/pengaduan/<int:pk>/": "complaint-0",  # no complaint 0: the handlers get 404
    "petugas/pengaduan/<int:pk>/<slug:action>/": POST_ONLY,
    "petugas/ikm/": SUPERVISING,
    "petugas/ikm/laporan-ikm.xlsx": SUPERVISING,
    "petugas/ikm/laporan-ikm.pdf": SUPERVISING,
    "": PUBLIC,
    "izin/<slug:code>/": PUBLIC,
    "izin/<slug:code>/persyaratan/": PUBLIC,
    "status/": PUBLIC,
    "akun/masuk/": PUBLIC,
    "akun/keluar/": "post-only-public",  # signing out is a POST, for anyone
    "akun/daftar/": PUBLIC,
    "akun/daftar/terkirim/": PUBLIC,
    "akun/verifikasi/kirim-ulang/": PUBLIC,
    "akun/verifikasi/<str:token>/": PUBLIC,
    "akun/reset/": PUBLIC,
    "akun/reset/terkirim/": PUBLIC,
    "akun/reset/selesai/": PUBLIC,
    "akun/reset/<uidb64>/<token>/": PUBLIC,
    "akun/": EVERYONE_SIGNED_IN,
    "akun/token/<int:pk>/cabut/": POST_ONLY,
    "pemohon/": APPLICANTS,
    "pemohon/permohonan/baru/": APPLICANTS,
    "pemohon/permohonan/<int:pk>/ubah/<slug:section>/": (APP, frozenset({"applicant", "cs"})),
    "pemohon/permohonan/<int:pk>/dokumen/": (APP, frozenset({"applicant", "cs"})),
    "petugas/loket/baru/": frozenset({"cs"}),
    "permohonan/<int:pk>/": (APP, None),
    "permohonan/<int:pk>/aksi/<str:name>/": POST_ONLY,
    "permohonan/<int:pk>/checklist/<int:number>/": POST_ONLY,
    "permohonan/<int:pk>/berkas/<int:doc_id>/": (APP, None),
    "permohonan/<int:pk>/dokumen/<int:doc_id>/": (APP, None),
    "permohonan/<int:pk>/dokumen/": (APP, None),
    "permohonan/<int:pk>/dokumen/tugas/<int:job_id>/ulang/": POST_ONLY,
    "petugas/": OFFICERS,
    "petugas/pengawasan/": SUPERVISING,
    "antrian/": PUBLIC,
    "antrian/tiket/<str:token>/": PUBLIC,
    "antrian/layar/": PUBLIC,
    "antrian/layar/isi/": PUBLIC,
    "antrian/loket/": QUEUE_OFFICERS,
    "antrian/loket/panggil/": POST_ONLY,
    "antrian/loket/tiket/<int:pk>/<slug:action>/": POST_ONLY,
    "antrian/statistik/": SUPERVISING,
    "kantor-depan/": QUEUE_OFFICERS | HELPDESK_READERS,
    "layanan-informasi/": FRONT_DESK,
    "layanan-informasi/cari/": FRONT_DESK,
    "layanan-informasi/kirim-formulir/": FRONT_DESK,
    "help-desk/": HELPDESK_READERS,
    "help-desk/<int:pk>/selesai/": POST_ONLY,
    "akun/notifikasi/": EVERYONE_SIGNED_IN,
    "petugas/dasbor/": REPORTING,
    "petugas/arsip/": OFFICERS,
    "petugas/arsip/arsip-permohonan.csv": OFFICERS,
    "petugas/arsip/arsip-permohonan.xlsx": OFFICERS,
    "petugas/kinerja/": OFFICERS,
    "petugas/kinerja/rekap-unit.pdf": REPORTING,
    "petugas/kinerja/<str:username>.pdf": "own-or-reporter",  # the cs officer's sheet
    "petugas/rekap-tahunan/": REPORTING,
    "petugas/rekap-tahunan/rekap.pdf": REPORTING,
    "petugas/rekap-tahunan/rekap.xlsx": REPORTING,
}
# Made afresh on each call (PDF, XLSX): one allowed visitor per page.
COSTLY = (".pdf", ".xlsx", ".csv")
# A public page answers everyone alike: signed out, an applicant, an officer.
PUBLIC_VISITORS = (ANONYMOUS, "applicant", "cs")
STATE = "agency_returned"  # referred to the agency, back in the applicant's hands


def routes() -> set[str]:
    def walk(patterns, prefix=""):  # type: ignore[no-untyped-def]
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                yield prefix + str(p.pattern)

    return {r for r in walk(get_resolver().url_patterns) if not r.startswith(("admin/", "api/v1/"))}


def test_every_page_has_a_rule():
    assert routes() == set(PAGES)


def expected(rule: object, principal: str) -> tuple[int, ...]:
    if rule == PUBLIC:
        # A bogus code or token in the URL: a 404, a friendly 400 page or a redirect.
        return (200, 302, 400, 404)
    if rule == "post-only-public":
        return (405,)
    if principal == ANONYMOUS:
        return (302,)  # to the login page
    if rule == POST_ONLY:
        return (405,)
    if rule == "own-or-reporter":
        if principal not in OFFICERS:
            return (403,)
        return (200,) if principal in REPORTING | {"cs"} else (404,)
    if rule == "complaint-0":
        return (404,) if principal in COMPLAINT_HANDLERS else (403,)
    if isinstance(rule, tuple):
        _, editors = rule
        if not sees(principal, referred=True):
            return (404,)
        return (200,) if editors is None or principal in editors else (403,)
    assert isinstance(rule, frozenset)
    return (200,) if principal in rule else (403,)


def url_of(route: str, world: World, pk: int) -> str:
    values = {
        "<int:pk>": str(pk),
        "<int:doc_id>": str(world.documents[pk]),
        "<int:job_id>": str(world.jobs[pk]),
        "<int:number>": "1",
        "<slug:section>": "perusahaan",
        "<str:name>": "submit",
        "<slug:action>": "recall",
        "<str:code>": "UNKNOWN",
        "<slug:kind>": "permohonan",
        "<str:reference>": "UNKNOWN",
        "<str:token>": "UNKNOWN",
        "<uidb64>": "MQ",
        "<str:username>": "cs",
    }
    if route == "permohonan/<int:pk>/dokumen/<int:doc_id>/":
        route = route.replace("<int:doc_id>", str(world.generated[pk]))
    if route.startswith("petugas/pengaduan/<int:pk>"):
        route = route.replace("<int:pk>", "0")
    for key, value in values.items():
        route = route.replace(key, value)
    return "/" + route


def test_pages(users, tally):
    world = build_world((STATE,))
    pk = world.apps[STATE]
    attach_files(world, Application.objects.get(pk=pk))
    clients = {}
    for principal in PRINCIPALS:
        clients[principal] = world.api(principal).client
        if principal != ANONYMOUS:
            clients[principal].force_login(world.users[principal])
    for route, rule in sorted(PAGES.items()):
        url = url_of(route, world, pk)
        made = False
        for principal in PUBLIC_VISITORS if rule == PUBLIC else PRINCIPALS:
            want = expected(rule, principal)
            if route.endswith(COSTLY) and 200 in want and rule != PUBLIC:
                if made:
                    continue
                made = True
            with isolated():
                r = clients[principal].get(url)
            ok = r.status_code in want and (
                r.status_code != 302 or rule == PUBLIC or "/akun/masuk/" in r["Location"]
            )
            tally.check(
                "authorisation matrix / web pages",
                ok,
                f"GET {url} as {principal}: {r.status_code}, expected {want}",
            )
    assert not tally.failures, "\n".join(tally.failures)
