"""One validation of application data: the same bad input gives the same field error through the
applicant's form and through the API (both ask `clean_application`), and the form's asterisks and
lengths are the service's rules."""

from typing import Any

import pytest
from django.test import Client

from perizinan.applications.models import Application
from perizinan.applications.validation import FIELD_RULES
from perizinan.web.application_forms import SECTIONS

pytestmark = pytest.mark.django_db


def form_post(data: dict[str, Any]) -> dict[str, str]:
    """The API body as the new-application form posts it ("company.npwp" -> "company__npwp")."""
    out: dict[str, str] = {"permit_type": data["permit_type"]}
    for key, value in data.items():
        if isinstance(value, dict):
            for sub, v in value.items():
                if v is True:
                    out[f"{key}__{sub}"] = "on"
                elif v not in (False, None):
                    out[f"{key}__{sub}"] = str(v)
        elif isinstance(value, list):
            out[key] = "\n".join(value)
        elif key != "permit_type":
            out[key] = str(value)
    return out


# Every kind of rule at once: formats (NPWP, NIB, phone, NIK), a length, a required field, the D3
# rule, the lease of two years, the radiation flag and the previous licence of a change application.
BAD = {
    "kind": "change",
    "company": {
        "npwp": "01.855.081.5-412.000",
        "nib": "12345",
        "phone": "12",
        "name": "x" * 201,
        "email": "",
    },
    "director": {"nik": "6471013201900001"},
    "technical_lead": {"education": "SMA"},
    "building": {"status": "leased", "lease_until": "2027-01-01"},
    "profile": {"radiation": True},
}


def test_same_bad_input_same_field_errors_through_form_and_api(users, api, application_data):
    data = dict(application_data)
    for key, value in BAD.items():
        data[key] = {**data[key], **value} if isinstance(value, dict) else value

    r = api("applicant").post("/applications", data)
    assert r.status_code == 422, r.content
    api_errors = r.json()["errors"]
    assert set(api_errors) == {
        "previous_licence_number",
        "company.npwp",
        "company.nib",
        "company.phone",
        "company.name",
        "company.email",
        "director.nik",
        "technical_lead.education",
        "building.lease_until",
        "profile.radiation",
    }

    client = Client()
    client.force_login(users["applicant"])
    response = client.post("/pemohon/permohonan/baru/", form_post(data))
    assert response.status_code == 422
    form_errors = {
        name.replace("__", "."): list(messages)
        for form in response.context["forms"]
        for name, messages in form.errors.items()
    }
    assert form_errors == api_errors
    assert Application.objects.count() == 0


def test_form_asterisks_and_lengths_are_the_services_rules():
    for section in SECTIONS:
        for name, field in section.form.base_fields.items():
            rule = FIELD_RULES.get(name.replace("__", "."))
            if rule is None:
                continue
            assert getattr(field, "ui_required", False) == rule.required, name
            if "maxlength" in field.widget.attrs:
                assert field.widget.attrs["maxlength"] == str(rule.max_len), name
    assert SECTIONS[1].form.base_fields["company__npwp"].widget.attrs["maxlength"] == "30"
