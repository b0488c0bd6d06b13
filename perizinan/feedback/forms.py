"""Forms of the survey, the complaint and the officers' complaint actions (labels in Indonesian, translatable)."""

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from perizinan.accounts.models import User
from perizinan.catalog.models import PermitType
from perizinan.catalog.selectors import active_permit_types

from .ikm import ELEMENTS
from .models import AgeGroup, ComplaintCategory, ComplaintChannel, Education, Occupation, Sex
from .selectors import active_categories, complaint_officers
from .services import COMPLAINT_FIELDS

BLANK = [("", _("— tidak diisi —"))]


class SurveyForm(forms.Form):
    """The nine elements as radio groups (1–4 with the regulation's labels), profile, comment."""

    survey_code = forms.CharField(
        label=_("Kode survei (opsional)"),
        required=False,
        max_length=20,
        help_text=_("Tertera pada bukti serah terima izin."),
    )
    permit_type = forms.ModelChoiceField(
        label=_("Layanan yang digunakan"), queryset=PermitType.objects.none(), required=False, empty_label="—"
    )
    sex = forms.ChoiceField(label=_("Jenis kelamin"), choices=BLANK + Sex.choices, required=False)
    age_group = forms.ChoiceField(label=_("Kelompok umur"), choices=BLANK + AgeGroup.choices, required=False)
    education = forms.ChoiceField(label=_("Pendidikan"), choices=BLANK + Education.choices, required=False)
    occupation = forms.ChoiceField(label=_("Pekerjaan"), choices=BLANK + Occupation.choices, required=False)
    comment = forms.CharField(
        label=_("Saran dan masukan (opsional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, with_code: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not with_code:
            del self.fields["survey_code"]
        permit_type = self.fields["permit_type"]
        assert isinstance(permit_type, forms.ModelChoiceField)
        permit_type.queryset = active_permit_types()
        for e in ELEMENTS:
            self.fields[e.field] = forms.TypedChoiceField(
                label=f"{e.code}. {e.question}",
                choices=[(i + 1, label) for i, label in enumerate(e.answers)],
                coerce=int,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                error_messages={"required": _("Pilih salah satu jawaban untuk %(code)s.") % {"code": e.code}},
            )
        for name in ("permit_type", "sex", "age_group", "education", "occupation"):
            self.fields[name].widget.attrs["class"] = "form-select"
        for name in ("survey_code", "comment"):
            if name in self.fields:
                self.fields[name].widget.attrs["class"] = "form-control"

    def element_fields(self) -> list[tuple[Any, forms.BoundField]]:
        return [(e, self[e.field]) for e in ELEMENTS]

    def profile_fields(self) -> list[forms.BoundField]:
        return [self[n] for n in ("permit_type", "sex", "age_group", "education", "occupation")]

    def answers(self) -> dict[str, int]:
        return {e.field: self.cleaned_data[e.field] for e in ELEMENTS}

    def profile(self) -> dict[str, str]:
        return {n: self.cleaned_data.get(n) or "" for n in ("sex", "age_group", "education", "occupation")}


class ComplaintForm(forms.Form):
    category = forms.ModelChoiceField(label=_("Kategori"), queryset=ComplaintCategory.objects.none())
    description = forms.CharField(
        label=_("Isi pengaduan"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    name = forms.CharField(
        label=_("Nama (opsional)"),
        required=False,
        max_length=150,
        help_text=_("Kosongkan bila ingin mengadu tanpa nama."),
    )
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Nomor telepon/HP"), required=False, max_length=30)
    registration_number = forms.CharField(
        label=_("Nomor registrasi permohonan (opsional)"), required=False, max_length=60
    )
    survey_reference = forms.CharField(required=False, max_length=16, widget=forms.HiddenInput)

    def __init__(self, *args: Any, staff: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        category = self.fields["category"]
        assert isinstance(category, forms.ModelChoiceField)
        category.queryset = active_categories()
        if staff:
            self.fields["channel"] = forms.ChoiceField(
                label=_("Saluran"),
                choices=[c for c in ComplaintChannel.choices if c[0] != ComplaintChannel.WEB],
            )
            self.fields["received_on"] = forms.DateField(
                label=_("Tanggal diterima"),
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                initial=date.today,
            )
            self.order_fields(["channel", "received_on"])
        for field in self.fields.values():
            if not isinstance(field.widget, forms.HiddenInput):
                field.widget.attrs["class"] = (
                    "form-select" if isinstance(field, forms.ChoiceField) else "form-control"
                )
        self.fields["category"].widget.attrs["class"] = "form-select"

    def complaint(self) -> dict[str, Any]:
        """The complaint's own fields, as `services.file_complaint` takes them."""
        return {name: self.cleaned_data[name] for name in COMPLAINT_FIELDS}


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.username)


class AssignForm(forms.Form):
    assigned_to = OfficerChoiceField(label=_("Petugas"), queryset=User.objects.none())
    unit = forms.CharField(label=_("Unit tujuan"), required=False, max_length=150)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assigned_to"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = complaint_officers()
        field.widget.attrs["class"] = "form-select"
        self.fields["unit"].widget.attrs["class"] = "form-control"


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Jawaban kepada pengadu"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5, "class": "form-control"}),
    )


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Catatan"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan dibuka kembali"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )


class PeriodForm(forms.Form):
    """The report's period (semester by default) and optional service."""

    start = forms.DateField(
        label=_("Dari tanggal"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    end = forms.DateField(
        label=_("Sampai tanggal"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    permit_type = forms.ModelChoiceField(
        label=_("Jenis layanan"),
        queryset=PermitType.objects.none(),
        required=False,
        empty_label=_("Semua layanan"),
        to_field_name="code",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        permit_type = self.fields["permit_type"]
        assert isinstance(permit_type, forms.ModelChoiceField)
        permit_type.queryset = PermitType.objects.all()
        for f in ("start", "end"):
            self.fields[f].widget.attrs["class"] = "form-control"
        self.fields["permit_type"].widget.attrs["class"] = "form-select"
