"""The answer reaches a complainant who left an e-mail address: the worker sends it through a
real SMTP server on loopback after the answer commits."""

import pytest
from django.core.management import call_command

from perizinan.accounts.models import Office
from perizinan.feedback import services
from perizinan.feedback.models import ComplaintChannel
from tests.e2e.smtp import smtp_fixture  # noqa: F401  (provides the `smtp` fixture)

pytestmark = pytest.mark.django_db(transaction=True)


def _answered(users, categories, **contact):  # type: ignore[no-untyped-def]
    c = services.file_complaint(
        channel=ComplaintChannel.WEB,
        category=categories["prosedur"],
        description="Persyaratan di situs berbeda dengan di loket.",
        name="Budi",
        **contact,
    )
    c = services.assign_complaint(complaint=c, to=users["cs"], by=users["supervisor"])
    return services.answer_complaint(
        complaint=c, answer="Daftar di situs sudah kami perbarui.", by=users["cs"]
    )


def test_the_answer_is_mailed_by_the_worker(users, categories, smtp, settings):
    smtp.use(settings)
    office = Office.current()
    office.name, office.short_name = "DPMPTSP Provinsi Contoh", "DPMPTSP Contoh"
    office.save()
    c = _answered(users, categories, email="budi@example.id")
    call_command("db_worker", batch=True, reload=False, no_startup_delay=True)
    message = smtp.wait_for("budi@example.id")
    assert str(message["Subject"]) == f"Jawaban atas pengaduan {c.tracking_code} - DPMPTSP Contoh"
    body = message.get_payload(decode=True).decode()
    assert "Daftar di situs sudah kami perbarui." in body and f"/pengaduan/lacak/{c.tracking_code}/" in body
    assert body.rstrip().endswith("DPMPTSP Provinsi Contoh")


def test_no_mail_without_an_address(users, categories, smtp, settings):
    smtp.use(settings)
    _answered(users, categories, phone="081255551234")
    call_command("db_worker", batch=True, reload=False, no_startup_delay=True)
    assert smtp.messages == []
