import pytest
from perizinan.demo import new_application
from perizinan.workflow.services import take_action

pytestmark = pytest.mark.django_db(transaction=True)

def test_shots(visit, users):
    app = new_application(users)
    take_action(application=app, name="submit", by=users["applicant"], data={})
    take_action(application=app, name="cs_accept", by=users["cs"], data={})
    take_action(application=app, name="register", by=users["registration"], data={})
    take_action(application=app, name="verify_return", by=users["verifier"], data={"reason": "Akta belum dilegalisir"})
    take_action(application=app, name="cs_request_fix", by=users["cs"], data={"reason": "Mohon unggah akta perusahaan yang telah dilegalisir notaris."})
    app.refresh_from_db()
    for width in (1280, 360):
        v = visit(width=width)
        for name, url in [("home", "/"), ("permit", "/izin/pak/?kind=technical_lead_change&electromedical=on"), ("status", "/status/"),
                          ("status_ok", f"/status/?registration_number={app.registration_number}&code={app.status_code}"),
                          ("status_bad", f"/status/?registration_number={app.registration_number}&code=AAAAAAAA")]:
            v.goto(url)
            v.page.screenshot(path=f"/tmp/shots/{name}_{width}.png", full_page=True)
        v.page.emulate_media(media="print")
        v.goto("/izin/pak/?kind=new&radiation=on")
        v.page.screenshot(path=f"/tmp/shots/permit_print_{width}.png", full_page=True)
    v = visit("cs")
    v.goto(f"/permohonan/{app.pk}/")
    v.page.screenshot(path="/tmp/shots/application_cs.png", full_page=True)
