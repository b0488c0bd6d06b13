"""Forms of the information desk and the help desk (labels in Indonesian, translated)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from perizinan.applications.models import Application
from perizinan.catalog.models import ApplicationKind, PermitType

from .models import Channel, Feedback, Outcome, QueueTicket
from .selectors import today
from .tasks import blank_forms


class Styled:
    """Bootstrap classes on every widget (the pages render fields with web/applicant/_field.html)."""

    fields: dict[str, forms.Field]  # the form's, once Form.__init__ has run

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple):
                widget.attrs["class"] = "form-check-input"
            elif isinstance(widget, forms.Select):
                widget.attrs["class"] = "form-select"
            else:
                widget.attrs["class"] = "form-control"


def find_application(raw: str) -> Application:
    raw = (raw or "").strip()
    app = Application.objects.select_related("company", "permit_type").filter(registration_number=raw).first()
    if app is None and raw.isdigit():
        app = Application.objects.select_related("company", "permit_type").filter(pk=int(raw)).first()
    if app is None:
        raise ValidationError(_("Permohonan dengan nomor itu tidak ditemukan."))
    return app


def find_ticket_today(raw: str) -> QueueTicket:
    t = QueueTicket.objects.filter(number__iexact=(raw or "").strip(), day=today()).order_by("-pk").first()
    if t is None:
        raise ValidationError(_("Tiket antrian dengan nomor itu tidak ada hari ini."))
    return t


class ConsultationForm(Styled, forms.Form):
    visitor_name = forms.CharField(label=_("Nama pengunjung"), max_length=200)
    visitor_contact = forms.CharField(label=_("Kontak (telepon / e-mail)"), max_length=200, required=False)
    channel = forms.ChoiceField(label=_("Saluran"), choices=Channel.choices)
    topic = forms.CharField(label=_("Topik / pertanyaan"), max_length=500)
    permit_type = forms.ModelChoiceField(
        label=_("Jenis izin"), queryset=PermitType.objects.filter(active=True), required=False
    )
    explanation = forms.CharField(
        label=_("Penjelasan yang diberikan"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    duration_minutes = forms.IntegerField(
        label=_("Durasi (menit)"), min_value=1, max_value=480, required=False
    )
    outcome = forms.ChoiceField(label=_("Hasil"), choices=[("", "—"), *Outcome.choices], required=False)
    feedback = forms.TypedChoiceField(
        label=_("Umpan balik pengunjung"),
        choices=[("", "—"), *Feedback.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    feedback_note = forms.CharField(label=_("Catatan umpan balik"), max_length=500, required=False)
    ticket_number = forms.CharField(label=_("Nomor antrian (bila ada)"), max_length=10, required=False)

    def clean_ticket_number(self) -> QueueTicket | None:
        raw = self.cleaned_data.get("ticket_number", "")
        return find_ticket_today(raw) if raw.strip() else None


class EnquiryForm(Styled, forms.Form):
    q = forms.CharField(
        label=_("Nomor registrasi, nama perusahaan, NIB atau NPWP"), min_length=3, max_length=100
    )


class MailFormsForm(Styled, forms.Form):
    email = forms.EmailField(label=_("Alamat e-mail penerima"))
    permit_type = forms.ModelChoiceField(
        label=_("Jenis izin"), queryset=PermitType.objects.filter(active=True)
    )
    kind = forms.ChoiceField(label=_("Jenis permohonan"), choices=ApplicationKind.choices)
    forms = forms.MultipleChoiceField(
        label=_("Formulir kosong yang dilampirkan"), widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["forms"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = blank_forms()


class HelpdeskRequestForm(Styled, forms.Form):
    application = forms.CharField(
        label=_("Nomor registrasi atau ID permohonan"), max_length=40, required=False
    )
    ticket_number = forms.CharField(label=_("Nomor antrian hari ini"), max_length=10, required=False)
    visitor_name = forms.CharField(label=_("Nama pemohon"), max_length=200, required=False)
    topic = forms.CharField(label=_("Kendala yang perlu dijelaskan"), max_length=500)

    def clean_application(self) -> Application | None:
        raw = self.cleaned_data.get("application", "")
        return find_application(raw) if raw.strip() else None

    def clean_ticket_number(self) -> QueueTicket | None:
        raw = self.cleaned_data.get("ticket_number", "")
        return find_ticket_today(raw) if raw.strip() else None

    def clean(self) -> dict:
        data = super().clean() or {}
        if not self.errors and not data.get("application") and not data.get("ticket_number"):
            raise ValidationError(_("Isi nomor permohonan atau nomor antrian."))
        return data


class HelpdeskResultForm(Styled, forms.Form):
    explanation = forms.CharField(
        label=_("Penjelasan yang diberikan"), widget=forms.Textarea(attrs={"rows": 3})
    )
    duration_minutes = forms.IntegerField(label=_("Durasi (menit)"), min_value=1, max_value=480)
    outcome = forms.ChoiceField(label=_("Hasil"), choices=[("", "—"), *Outcome.choices], required=False)
