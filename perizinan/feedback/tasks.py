"""Background work of the feedback app: the answer to a complaint sent by e-mail.

The answer is always on the tracking page; when the complainant left an e-mail address the
worker also sends it there (enqueued in the answering transaction: the task row commits or
rolls back with the answer). SMS waits for the notification service."""

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from perizinan.accounts.selectors import office_record

from .models import Complaint, ComplaintStatus


@task
def send_complaint_answer(complaint_id: int) -> None:
    complaint = Complaint.objects.select_related("category").filter(pk=complaint_id).first()
    if complaint is None or not complaint.email or complaint.status != ComplaintStatus.ANSWERED:
        return
    with translation.override("id"):
        link = settings.PERIZINAN_PUBLIC_URL + reverse(
            "feedback:complaint_tracking_code", args=[complaint.tracking_code]
        )
        office = office_record()
        context = {"complaint": complaint, "link": link, "office": office}
        subject = _("Jawaban atas pengaduan %(code)s - %(office)s") % {
            "code": complaint.tracking_code,
            "office": office.short_name,
        }
        body = render_to_string("feedback/answer_email.txt", context)
    send_mail(subject, body, None, [complaint.email])
