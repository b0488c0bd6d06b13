"""make screenshots: PNGs of the main pages into docs/screenshots/ (desktop, and a phone for some).

Builds a throwaway SQLite database with the demo accounts and a few applications in different
states, serves it with runserver on 127.0.0.1, and drives Debian's Chromium with Playwright."""

import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
PORT = int(os.environ.get("SCREENSHOT_PORT", "8765"))
TMP = Path(tempfile.mkdtemp(prefix="perizinan-shots-"))
ENV = {
    **os.environ,
    "DATABASE_URL": f"sqlite:///{TMP / 'db.sqlite3'}",
    "MEDIA_ROOT": str(TMP / "media"),
    "PERIZINAN_PKI_DIR": str(TMP / "pki"),
    "DJANGO_SETTINGS_MODULE": "config.settings",
}
PY = str(ROOT / ".venv" / "bin" / "python")

PREPARE = """
from perizinan.demo import DEMO_APPLICATION, new_application, run_forward, seed_users
from perizinan.workflow.services import take_action
users = seed_users("demo12345")
done = run_forward(new_application(users), users)
a = new_application(users); take_action(application=a, name="submit", by=users["applicant"], data={})
b = new_application(users); take_action(application=b, name="submit", by=users["applicant"], data={})
take_action(application=b, name="cs_return", by=users["cs"], data={"reason": "Denah bangunan tidak terbaca; unggah ulang dengan resolusi lebih tinggi."})
from perizinan.frontoffice import services_desk as desk
desk.log_consultation(by=users["info"], visitor_name="Rina Marlina", visitor_contact="0812 5555 1234", channel="phone", topic="Persyaratan izin PAK untuk perusahaan PMA", duration_minutes=12, outcome="forms_given", feedback=4)
c = desk.request_helpdesk(by=users["cs"], application=a, topic="PJT berijazah luar negeri: perlu surat penyetaraan?")
desk.complete_helpdesk(consultation=c, by=users["helpdesk"], explanation="Perlu surat penyetaraan ijazah; unggah bersama ijazah pada persyaratan 22.", duration_minutes=18, outcome="answered")
desk.request_helpdesk(by=users["cs"], application=b, topic="Denah bangunan: skala berapa yang diterima?")
from perizinan.frontoffice import services as queue
for svc in queue.ensure_services():
    svc.service_hours = {str(d): ["00:00", "23:59"] for d in range(7)}; svc.save()
try:
    for service, phone in [("cs", "081234567890"), ("cs", ""), ("info", ""), ("cs", ""), ("pickup", ""), ("info", "")]:
        queue.issue_ticket(service=service, phone=phone)
    queue.call_next(service="info", counter="1", by=users["info"])
    queue.call_next(service="cs", counter="2", by=users["cs"])
    queue.call_next(service="pickup", counter="5", by=users["pickup"])
except queue.QueueClosed:
    pass  # a holiday: the queue pages show empty
from perizinan.applications.models import Application
from perizinan.demo import forward_path, step_files
s = new_application(users)
for step in forward_path():
    if step.action == "sign":
        break
    s = Application.objects.select_related("permit_type", "company").get(pk=s.pk)
    take_action(application=s, name=step.action, by=users[step.actor], data=step.data, files=step_files(step))
print(done.pk, a.pk, b.pk, s.pk)
"""


def manage(*args: str) -> str:
    return subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=ENV, check=True, capture_output=True, text=True
    ).stdout


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    manage("migrate", "--noinput")
    manage("createcachetable")
    manage("create_signing_certificate")
    done, submitted, returned, to_sign = manage("shell", "-c", PREPARE).split()[-4:]
    manage("db_worker", "--batch")  # the documents the steps asked for
    server = subprocess.Popen(
        [PY, "manage.py", "runserver", f"127.0.0.1:{PORT}", "--noreload"],
        cwd=ROOT,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(50):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        shoot(done, submitted, returned, to_sign)
    finally:
        server.terminate()


def shoot(done: str, submitted: str, returned: str, to_sign: str) -> None:
    from playwright.sync_api import sync_playwright

    base = f"http://127.0.0.1:{PORT}"
    pages = [
        (None, "/", "public-home"),
        (None, "/izin/pak/", "public-pak"),
        (None, "/status/", "public-status"),
        (None, "/verifikasi/", "public-verify-upload"),
        ("applicant", "/pemohon/", "applicant-my-applications"),
        ("applicant", f"/permohonan/{returned}/", "applicant-returned-application"),
        ("applicant", f"/permohonan/{done}/", "application-completed-with-swimlane"),
        ("cs", "/petugas/", "inbox-cs"),
        ("cs", f"/permohonan/{submitted}/", "application-page-cs"),
        ("applicant", f"/permohonan/{to_sign}/", "applicant-progress-tracker"),
        ("section_head", "/petugas/pengawasan/", "supervision"),
        ("office_head", f"/permohonan/{to_sign}/", "application-office-head-signs-beside-draft"),
    ]
    roles = [
        "registration",
        "verifier",
        "liaison",
        "technical_team",
        "admin_monitoring",
        "section_head",
        "division_head",
        "office_head",
        "registry",
        "pickup",
    ]
    pages += [(r, "/petugas/", f"inbox-{r}") for r in roles]
    pages += [
        (None, "/antrian/", "queue-kiosk"),
        ("cs", "/antrian/loket/?service=cs&counter=2", "queue-counter-cs"),
        ("info", "/layanan-informasi/", "info-desk-consultations"),
        ("helpdesk", "/help-desk/", "helpdesk-consultations"),
    ]
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium-headless-shell"),  # as tests/e2e
            args=["--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
        )
        sessions: dict = {}
        for user, path, name in pages:
            if user not in sessions:
                ctx = browser.new_context(
                    base_url=base, viewport={"width": 1280, "height": 900}, locale="id-ID"
                )
                page = ctx.new_page()
                if user:
                    page.goto("/akun/masuk/")
                    page.get_by_label("Nama pengguna").fill(user)
                    page.get_by_label("Kata sandi").fill("demo12345")
                    page.get_by_role("button", name="Masuk").click()
                    page.wait_for_load_state()
                sessions[user] = page
            page = sessions[user]
            response = page.goto(path)
            if response is None or response.status >= 400:
                print(f"skip {name}: {path} -> {response.status if response else '?'}")
                continue
            page.screenshot(path=str(OUT / f"{name}.png"), full_page=True, caret="initial")
            print(f"docs/screenshots/{name}.png")
        phone = browser.new_context(
            base_url=base, viewport={"width": 360, "height": 780}, locale="id-ID"
        ).new_page()
        tv = browser.new_context(
            base_url=base, viewport={"width": 1920, "height": 1080}, locale="id-ID"
        ).new_page()
        tv.goto("/antrian/layar/")
        tv.screenshot(path=str(OUT / "queue-board-tv.png"), caret="initial")
        print("docs/screenshots/queue-board-tv.png")
        phone.goto("/akun/masuk/")
        phone.get_by_label("Nama pengguna").fill("applicant")
        phone.get_by_label("Kata sandi").fill("demo12345")
        phone.get_by_role("button", name="Masuk").click()
        phone.wait_for_load_state()
        for path, name in [
            ("/", "phone-home"),
            ("/izin/pak/", "phone-pak"),
            (f"/permohonan/{to_sign}/", "phone-applicant-progress"),
        ]:
            phone.goto(path)
            phone.screenshot(path=str(OUT / f"{name}.png"), full_page=True, caret="initial")
            print(f"docs/screenshots/{name}.png")
        browser.close()


if __name__ == "__main__":
    sys.exit(main())
