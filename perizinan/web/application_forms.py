"""The application form of the applicant portal, in five sections.

The forms only carry values: every rule (required fields, lengths, NIB, NPWP, NIK, D3, a lease of
two years, change kinds) is checked by `applications.validation.clean_application` through the
services, whose errors name a data path such as "company.npwp". A field's name is its path with
"__" for "." ("company__npwp"), so an error lands next to its field mechanically, and the field's
asterisk (`ui_required`, aria-required) and `maxlength` are read from the same rules
(`applications.validation.FIELD_RULES`).
"""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from perizinan.applications.models import Application, BuildingStatus, Education
from perizinan.applications.validation import FIELD_RULES, LEGAL_FORMS
from perizinan.catalog.models import ApplicationKind


def _text(
    label: Any, *, help_text: Any = "", widget: forms.Widget | None = None, **attrs: Any
) -> forms.CharField:
    """A text field; the service checks it (required and length come from its rule, see `_apply_rules`)."""
    input_type = attrs.pop("type", None)
    if widget is None:
        widget = forms.TextInput()
        if input_type:
            widget.input_type = input_type
    field = forms.CharField(label=label, required=False, help_text=help_text, strip=True, widget=widget)
    field.widget.attrs.update(attrs)
    return field


def _choice(label: Any, choices: list[tuple[str, Any]], *, help_text: Any = "") -> forms.CharField:
    """A select whose value the service checks (so a tampered value gets the service's message)."""
    return _text(label, help_text=help_text, widget=forms.Select(choices=[("", _("— pilih —")), *choices]))


def _flag(label: Any, help_text: Any = "") -> forms.BooleanField:
    return forms.BooleanField(label=label, required=False, help_text=help_text)


class SectionForm(forms.Form):
    number = 0  # its place in SECTIONS, from 1
    slug = ""
    title: Any = ""
    intro: Any = ""

    def __init__(self, *args: Any, permit_type: Any = None, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.permit_type = permit_type
        self.editing = editing

    def to_data(self) -> dict[str, Any]:
        """The section's values as a nested dict in the shape `clean_application` takes."""
        cleaned = self.cleaned_data if self.is_valid() else {}
        out: dict[str, Any] = {}
        for name in self.fields:
            value = cleaned.get(name, "")
            if name == "device_categories":
                value = [line.strip() for line in str(value or "").splitlines() if line.strip()]
            _put(out, name.split("__"), value)
        return out


def _put(target: dict[str, Any], keys: list[str], value: Any) -> None:
    for key in keys[:-1]:
        target = target.setdefault(key, {})
    target[keys[-1]] = value


def _get(source: dict[str, Any], keys: list[str]) -> Any:
    found: Any = source
    for key in keys:
        if not isinstance(found, dict):
            return None
        found = found.get(key)
    return found


def deep_merge(base: dict[str, Any], overlay: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in overlay.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = value
    return out


def initial_for(form_class: type[SectionForm], data: dict[str, Any]) -> dict[str, Any]:
    """The form's initial values from a data dict (the draft's current values)."""
    initial = {}
    for name in form_class.base_fields:
        value = _get(data, name.split("__"))
        if name == "device_categories" and isinstance(value, list):
            value = "\n".join(value)
        if value is not None:
            initial[name] = value
    return initial


class KindProfileForm(SectionForm):
    slug = "jenis-profil"
    title = _("Jenis & profil")
    intro = _("Profil usaha menentukan dokumen persyaratan yang wajib diunggah.")

    kind = _choice(_("Jenis permohonan"), [])
    previous_licence_number = _text(
        _("Nomor izin lama"),
        help_text=_("Wajib untuk permohonan perubahan, pergantian PJT dan perubahan direktur."),
    )
    profile__foreign_investment = _flag(_("Perusahaan penanaman modal asing (PMA)"))
    profile__electromedical = _flag(_("Menyalurkan alat kesehatan elektromedik"))
    profile__radiation = _flag(
        _("Menyalurkan alat kesehatan elektromedik yang memancarkan radiasi"),
        _("Centang juga “elektromedik” di atas."),
    )
    profile__technicians = _flag(_("Mempekerjakan teknisi"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = self.permit_type.kinds if self.permit_type is not None else ApplicationKind.values
        labels = dict(ApplicationKind.choices)
        self.fields["kind"].widget.choices = [("", _("— pilih —"))] + [(k, labels.get(k, k)) for k in kinds]
        if not self.is_bound and "kind" not in self.initial and kinds:
            self.initial["kind"] = kinds[0]


class CompanyForm(SectionForm):
    slug = "perusahaan"
    title = _("Perusahaan")
    intro = _("Data perusahaan disimpan pada akun Anda dan dipakai lagi untuk permohonan berikutnya.")

    company__name = _text(
        _("Nama perusahaan"),
        help_text=_("Tanpa bentuk badan usaha, misalnya: Sehat Sentosa."),
        autocomplete="organization",
    )
    company__legal_form = _choice(
        _("Bentuk badan usaha"),
        [(f, f) for f in sorted(LEGAL_FORMS, key=lambda f: (f not in {"PT", "CV"}, f != "PT", f))],
    )
    company__nib = _text(
        _("NIB (Nomor Induk Berusaha)"),
        inputmode="numeric",
        help_text=_("13 digit angka dari OSS."),
    )
    company__npwp = _text(
        _("NPWP perusahaan"),
        inputmode="numeric",
        help_text=_("15 atau 16 digit; titik dan tanda hubung boleh ditulis."),
    )
    company__address = _text(
        _("Alamat lengkap"),
        widget=forms.Textarea(attrs={"rows": 2}),
        autocomplete="street-address",
    )
    company__phone = _text(_("Telepon"), type="tel", autocomplete="tel")
    company__fax = _text(_("Faks (bila ada)"), type="tel")
    company__email = _text(_("E-mail perusahaan"), type="email", autocomplete="email")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.editing:
            self.fields["company__nib"].widget.attrs["readonly"] = True
            self.fields["company__nib"].help_text = _(
                "NIB tidak dapat diubah pada permohonan yang sudah dibuat; untuk NIB lain buat permohonan baru."
            )


class PeopleForm(SectionForm):
    slug = "direktur-pjt"
    title = _("Direktur & PJT")
    intro = _("NIK diperiksa: 16 digit dengan kode wilayah dan tanggal lahir yang benar.")

    director__name = _text(_("Nama direktur / pimpinan"))
    director__nik = _text(
        _("NIK direktur"),
        inputmode="numeric",
        help_text=_("16 digit sesuai KTP."),
    )
    technical_lead__name = _text(_("Nama penanggung jawab teknis (PJT)"))
    technical_lead__nik = _text(_("NIK PJT"), inputmode="numeric", help_text=_("16 digit sesuai KTP."))
    technical_lead__education = _choice(
        _("Pendidikan terakhir PJT"), list(Education.choices), help_text=_("Minimal D3.")
    )


class BuildingForm(SectionForm):
    slug = "bangunan-alat"
    title = _("Bangunan & alat")
    intro = _("Bangunan sewa: masa sewa harus berlaku minimal 2 tahun sejak tanggal permohonan.")

    building__status = forms.CharField(
        label=_("Status bangunan"),
        required=False,
        widget=forms.RadioSelect(choices=list(BuildingStatus.choices)),
    )
    building__lease_until = _text(
        _("Sewa berlaku sampai"),
        help_text=_("Hanya untuk bangunan sewa."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    device_categories = _text(
        _("Kategori alat kesehatan"),
        help_text=_("Satu kategori per baris, misalnya: Alat kesehatan non-elektromedik steril."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    device_list = _text(
        _("Daftar alat kesehatan yang akan disalurkan"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class AgentForm(SectionForm):
    slug = "kuasa"
    title = _("Kuasa & penandatangan")
    intro = _(
        "Isi bila permohonan diurus oleh orang lain atas nama perusahaan, atau ditandatangani oleh selain "
        "direktur. Surat kuasanya lalu wajib diunggah (daftar dokumen menyebut nomor persyaratannya)."
    )

    agent__name = _text(
        _("Nama penerima kuasa pengurusan"),
        help_text=_("Kosongkan bila permohonan diurus sendiri oleh direktur."),
    )
    agent__nik = _text(
        _("NIK penerima kuasa"),
        inputmode="numeric",
        help_text=_("Wajib bila ada penerima kuasa."),
    )
    signer_name = _text(
        _("Penandatangan permohonan"),
        help_text=_("Kosongkan bila direktur menandatangani sendiri."),
    )


@dataclass(frozen=True)
class Section:
    slug: str
    title: Any
    form: type[SectionForm]


SECTIONS: list[Section] = [
    Section(f.slug, f.title, f) for f in (KindProfileForm, CompanyForm, PeopleForm, BuildingForm, AgentForm)
]
SECTION_SLUGS = [s.slug for s in SECTIONS]


def _apply_rules(form_class: type[SectionForm]) -> None:
    """The asterisk and the browser's `maxlength` of each field, from the service's rule for its path."""
    for name, field in form_class.base_fields.items():
        rule = FIELD_RULES.get(name.replace("__", "."))
        if rule is None:
            continue
        field.ui_required = rule.required  # type: ignore[attr-defined]  # a flag for the template, carried on the field (Field declares no such attribute)
        if isinstance(field.widget, forms.TextInput | forms.Textarea):
            field.widget.attrs["maxlength"] = str(rule.max_len)


for _section in SECTIONS:
    _apply_rules(_section.form)
for _number, _numbered in enumerate(SECTIONS, start=1):
    _numbered.form.number = _number
# What a new draft needs (everything `clean_application` requires is in sections 1-4).
NEW_SECTIONS = SECTIONS[:4]


def section_of(path: str) -> Section | None:
    """The section whose form has the field for an error path such as "company.npwp"."""
    name = path.replace(".", "__")
    for s in SECTIONS:
        fields = s.form.base_fields
        if name in fields or any(f.startswith(name + "__") for f in fields):  # a field, or a whole object
            return s
    return None


def application_data(app: Application) -> dict[str, Any]:
    """A draft's current values as the nested dict `clean_application` takes."""
    company = app.company
    return {
        "kind": app.kind,
        "previous_licence_number": app.previous_licence_number,
        "company": {
            "name": company.name,
            "legal_form": company.legal_form,
            "nib": company.nib,
            "npwp": company.npwp,
            "address": company.address,
            "phone": company.phone,
            "fax": company.fax,
            "email": company.email,
        },
        "director": {"name": app.director_name, "nik": app.director_nik},
        "technical_lead": {
            "name": app.tech_lead_name,
            "nik": app.tech_lead_nik,
            "education": app.tech_lead_education,
        },
        "building": {
            "status": app.building_status,
            "lease_until": app.lease_until.isoformat() if app.lease_until else "",
        },
        "profile": {
            "foreign_investment": app.foreign_investment,
            "electromedical": app.electromedical,
            "radiation": app.radiation,
            "technicians": app.technicians,
        },
        "agent": {"name": app.agent_name, "nik": app.agent_nik},
        "signer_name": app.signer_name,
        "device_categories": list(app.device_categories or []),
        "device_list": app.device_list,
    }


def company_data(company: Any) -> dict[str, Any]:
    fields = ("name", "legal_form", "nib", "npwp", "address", "phone", "fax", "email")
    return {"company": {f: getattr(company, f) for f in fields}}
