"""The Django admin, in Indonesian and styled, passes axe and the CSP."""

import pytest

from perizinan.accounts.models import User

pytestmark = pytest.mark.django_db(transaction=True)


def test_admin_pages_in_indonesian(visit, users):
    User.objects.create_superuser("root", "root@example.id", "demo12345")
    v = visit()
    v.page.goto("/admin/login/")
    v.page.get_by_label("Nama pengguna").fill("root")
    v.page.get_by_label("Sandi").fill("demo12345")
    v.page.get_by_role("button").last.click()
    v.page.wait_for_load_state()
    assert "Administrasi Perizinan DPMPTSP Prov. Kaltim" in v.page.content()
    v.axe()
    for path in [
        "/admin/catalog/permittype/",
        "/admin/workdays/officeclosure/add/",
        "/admin/accounts/office/",
    ]:
        response = v.goto(path)
        assert response.status == 200, path
