"""Checks on the data of an application. Errors name the field, e.g. "company.npwp"."""

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.id import nik as stdnum_nik
from stdnum.id import npwp as stdnum_npwp

from perizinan.catalog.models import ApplicationKind

from .models import BuildingStatus, Education

EDUCATION_AT_LEAST_D3 = {Education.D3, Education.D4, Education.S1, Education.S2, Education.S3}
LEGAL_FORMS = {"PT", "CV", "Koperasi", "Firma", "UD", "Persero", "Perum", "Perumda", "Perseroda"}


class Errors:
    def __init__(self) -> None:
        self.items: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.items.setdefault(field, []).append(message)

    def raise_if_any(self) -> None:
        if self.items:
            raise ValidationError(self.items)


@dataclass(frozen=True)
class FieldRule:
    """What a text field of the application data must hold: whether it is always required, and
    its longest length. Pages read the same rules for their asterisks and `maxlength`."""

    required: bool = True
    max_len: int = 200


# The text fields by data path. A field required only in some cases (agent.nik when there is an
# agent, building.lease_until for a leased building, previous_licence_number for every kind but
# "new") is optional here; `clean_application` states its condition.
FIELD_RULES: dict[str, FieldRule] = {
    "kind": FieldRule(),  # one of the permit type's kinds (checked as such, not as text)
    "previous_licence_number": FieldRule(required=False, max_len=100),
    "company.name": FieldRule(),
    "company.legal_form": FieldRule(max_len=20),
    "company.nib": FieldRule(max_len=20),
    "company.npwp": FieldRule(max_len=30),
    "company.address": FieldRule(max_len=300),
    "company.phone": FieldRule(max_len=40),
    "company.fax": FieldRule(required=False, max_len=40),
    "company.email": FieldRule(max_len=254),
    "director.name": FieldRule(),
    "director.nik": FieldRule(max_len=20),
    "technical_lead.name": FieldRule(),
    "technical_lead.nik": FieldRule(max_len=20),
    "technical_lead.education": FieldRule(max_len=3),
    "building.status": FieldRule(max_len=10),
    "device_list": FieldRule(required=False, max_len=20000),
    "agent.name": FieldRule(required=False),
    "agent.nik": FieldRule(required=False, max_len=20),
    "signer_name": FieldRule(required=False),
}


def _text(errors: Errors, data: dict[str, Any], path: str, *, required: bool | None = None) -> str:
    """The text at `path` (its last part is the key in `data`), checked by its rule;
    `required=True` makes a conditionally required field required."""
    rule = FIELD_RULES[path]
    value = data.get(path.rsplit(".", 1)[-1])
    value = "" if value is None else str(value).strip()
    if (rule.required or required) and not value:
        errors.add(path, _("Kolom ini wajib diisi."))
    elif len(value) > rule.max_len:
        errors.add(path, _("Terlalu panjang (maksimal %d karakter).") % rule.max_len)
    return value


def clean_npwp(value: str) -> str:
    try:
        return stdnum_npwp.validate(value)
    except StdnumError:
        raise ValidationError(_("NPWP tidak valid (periksa jumlah digit dan angka kontrolnya).")) from None


PHONE = re.compile(r"(?:\+62|62|0)\d{7,12}")


def clean_phone(value: str) -> str:
    """An Indonesian phone number: +62… or 0…, 8 to 13 digits; spaces, dots, dashes and
    brackets between them are allowed and kept as written."""
    digits = re.sub(r"[\s.\-()]", "", value)
    if not PHONE.fullmatch(digits):
        raise ValidationError(
            _("Nomor telepon tidak valid: awali dengan +62 atau 0, lalu 8–13 angka (contoh 0541-123456).")
        )
    return value


def clean_nik(value: str) -> str:
    try:
        return stdnum_nik.validate(value)
    except StdnumError:
        raise ValidationError(
            _("NIK tidak valid (16 digit, kode wilayah dan tanggal lahir harus benar).")
        ) from None


def _checked(errors: Errors, path: str, value: str, cleaner: Any) -> str:
    if not value:
        return value
    try:
        return cleaner(value)
    except ValidationError as exc:
        errors.add(path, exc.messages[0])
        return value


def _section(errors: Errors, data: dict[str, Any], key: str) -> dict[str, Any]:
    section = data.get(key)
    if section is None:
        errors.add(key, _("Kolom ini wajib diisi."))
        return {}
    if not isinstance(section, dict):
        errors.add(key, _("Harus berupa objek."))
        return {}
    return section


def clean_application(data: dict[str, Any], *, today: date, kinds: list[str]) -> dict[str, Any]:
    """Validate the application data and return model field values."""
    errors = Errors()
    kind = str(data.get("kind") or "")
    if kind not in ApplicationKind.values or kind not in kinds:
        errors.add("kind", _("Jenis permohonan tidak dikenal."))

    company = _section(errors, data, "company")
    out_company = {
        "name": _text(errors, company, "company.name"),
        "legal_form": _text(errors, company, "company.legal_form"),
        "nib": _text(errors, company, "company.nib"),
        "npwp": _text(errors, company, "company.npwp"),
        "address": _text(errors, company, "company.address"),
        "phone": _text(errors, company, "company.phone"),
        "fax": _text(errors, company, "company.fax"),
        "email": _text(errors, company, "company.email"),
    }
    if out_company["nib"] and not re.fullmatch(r"\d{13}", out_company["nib"]):
        errors.add("company.nib", _("NIB harus 13 digit angka."))
    out_company["npwp"] = _checked(errors, "company.npwp", out_company["npwp"], clean_npwp)
    out_company["phone"] = _checked(errors, "company.phone", out_company["phone"], clean_phone)
    out_company["fax"] = _checked(errors, "company.fax", out_company["fax"], clean_phone)
    if out_company["email"]:
        try:
            validate_email(out_company["email"])
        except ValidationError:
            errors.add("company.email", _("Alamat e-mail tidak valid."))
    if out_company["legal_form"] and out_company["legal_form"] not in LEGAL_FORMS:
        errors.add(
            "company.legal_form", _("Bentuk badan usaha tidak dikenal: %s.") % ", ".join(sorted(LEGAL_FORMS))
        )

    director = _section(errors, data, "director")
    lead = _section(errors, data, "technical_lead")
    building = _section(errors, data, "building")
    profile = data.get("profile") or {}
    if not isinstance(profile, dict):
        errors.add("profile", _("Harus berupa objek."))
        profile = {}
    agent = data.get("agent") or {}
    if not isinstance(agent, dict):
        errors.add("agent", _("Harus berupa objek."))
        agent = {}

    fields: dict[str, Any] = {
        "kind": kind,
        "director_name": _text(errors, director, "director.name"),
        "director_nik": _checked(errors, "director.nik", _text(errors, director, "director.nik"), clean_nik),
        "tech_lead_name": _text(errors, lead, "technical_lead.name"),
        "tech_lead_nik": _checked(
            errors,
            "technical_lead.nik",
            _text(errors, lead, "technical_lead.nik"),
            clean_nik,
        ),
        "tech_lead_education": _text(errors, lead, "technical_lead.education"),
        "building_status": _text(errors, building, "building.status"),
        "lease_until": None,
        "agent_name": _text(errors, agent, "agent.name"),
        "agent_nik": "",
        "signer_name": _text(errors, data, "signer_name"),
        "device_list": _text(errors, data, "device_list"),
        "previous_licence_number": _text(errors, data, "previous_licence_number"),
    }
    categories = data.get("device_categories") or []
    if not isinstance(categories, list) or not all(isinstance(c, str) for c in categories):
        errors.add("device_categories", _("Harus berupa daftar teks."))
        categories = []
    fields["device_categories"] = [c.strip() for c in categories if c.strip()][:50]
    for flag in ("foreign_investment", "electromedical", "radiation", "technicians"):
        value = profile.get(flag, False)
        if not isinstance(value, bool):
            errors.add(f"profile.{flag}", _("Harus bernilai true atau false."))
            value = False
        fields[flag] = value
    if fields["radiation"] and not fields["electromedical"]:
        errors.add(
            "profile.radiation",
            _("Alkes elektromedik radiasi adalah alkes elektromedik: centang juga elektromedik."),
        )

    edu = fields["tech_lead_education"]
    if edu and edu not in Education.values:
        errors.add("technical_lead.education", _("Pendidikan tidak dikenal."))
    elif edu and edu not in EDUCATION_AT_LEAST_D3:
        errors.add("technical_lead.education", _("Penanggung jawab teknis minimal berpendidikan D3."))

    status = fields["building_status"]
    if status and status not in BuildingStatus.values:
        errors.add("building.status", _("Status bangunan harus owned (milik) atau leased (sewa)."))
    if status == BuildingStatus.LEASED:
        raw = building.get("lease_until")
        try:
            lease_until = date.fromisoformat(str(raw)) if raw else None
        except ValueError:
            lease_until = None
            errors.add("building.lease_until", _("Tanggal tidak valid (format YYYY-MM-DD)."))
        else:
            two_years = _add_years(today, 2)
            if lease_until is None:
                errors.add("building.lease_until", _("Bangunan sewa: isi tanggal akhir sewa."))
            elif lease_until < two_years:
                errors.add(
                    "building.lease_until",
                    _("Sewa harus berlaku minimal 2 tahun sejak tanggal permohonan (sampai %s atau lebih).")
                    % two_years.isoformat(),
                )
        fields["lease_until"] = lease_until

    if fields["agent_name"]:
        fields["agent_nik"] = _checked(
            errors, "agent.nik", _text(errors, agent, "agent.nik", required=True), clean_nik
        )
    if kind and kind != ApplicationKind.NEW and not fields["previous_licence_number"]:
        errors.add("previous_licence_number", _("Permohonan perubahan wajib menyebut nomor izin lama."))
    errors.raise_if_any()
    return {"company": out_company, "fields": fields}


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
