from datetime import date, datetime
from typing import Any

from ninja import Schema


class Error(Schema):
    detail: str
    errors: dict[str, list[str]] | None = None


RESPONSES_401 = {401: Error}
# The largest `offset` a list accepts (beyond it: 422, never a database overflow).
MAX_OFFSET = 1_000_000_000
PROTECTED = {401: Error, 403: Error, 404: Error, 422: Error}


class TokenIn(Schema):
    username: str
    password: str


class TokenOut(Schema):
    token: str


class AgencyOut(Schema):
    code: str
    name: str


class PermitTypeOut(Schema):
    code: str
    name: str
    name_en: str
    sop_number: str
    legal_bases: list[str]
    technical_agency: AgencyOut | None
    needs_recommendation: bool
    sla_working_days: int
    clock_start: str
    fee: int
    validity: str
    validity_en: str
    product: str
    kinds: list[str]
    number_format: str


class RequirementOut(Schema):
    number: int
    title: str
    title_en: str
    stage: str
    condition: str
    kinds: list[str]


class DeadlineOut(Schema):
    start: date
    days: int
    deadline: date


class CompanyIn(Schema):
    name: str | None = None
    legal_form: str | None = None
    nib: str | None = None
    npwp: str | None = None
    address: str | None = None
    phone: str | None = None
    fax: str | None = None
    email: str | None = None


class PersonIn(Schema):
    name: str | None = None
    nik: str | None = None


class TechnicalLeadIn(PersonIn):
    education: str | None = None


class BuildingIn(Schema):
    status: str | None = None
    lease_until: str | None = None


class ProfileIn(Schema):
    foreign_investment: bool = False
    electromedical: bool = False
    radiation: bool = False
    technicians: bool = False


class ApplicationIn(Schema):
    # The permit type's code; may be left out while only one permit type is active.
    permit_type: str | None = None
    kind: str | None = None
    company: CompanyIn | None = None
    director: PersonIn | None = None
    technical_lead: TechnicalLeadIn | None = None
    building: BuildingIn | None = None
    profile: ProfileIn | None = None
    agent: PersonIn | None = None
    signer_name: str | None = None
    device_categories: list[str] | None = None
    device_list: str | None = None
    previous_licence_number: str | None = None


class CompanyOut(Schema):
    name: str
    legal_form: str
    nib: str
    npwp: str
    address: str
    phone: str
    fax: str
    email: str


class ChecklistRow(Schema):
    number: int
    title: str
    title_en: str
    stage: str
    present: bool
    ticked: bool
    note: str


class TimelineRow(Schema):
    seq: int
    step: int | None
    action: str
    direction: str
    from_state: str
    to_state: str
    by: str
    role: str
    at: datetime
    note: str
    initial: str
    seconds_taken: int | None
    standard: str
    due_on: date | None
    late: bool


class DocumentOut(Schema):
    id: int
    requirement: int
    sha256: str
    size: int
    content_type: str
    original_name: str
    uploaded_at: datetime


class ApplicationSummary(Schema):
    id: int
    permit_type: str
    kind: str
    state: str
    state_label: str
    step: int
    company: str
    registration_number: str | None
    licence_number: str | None
    clock_started_at: date | None
    due_date: date | None
    step_due_date: date | None
    overdue: bool
    paused: bool
    waiting_on_applicant: bool
    last_reason: str
    created_at: datetime


class PaymentOut(Schema):
    amount_due: int
    paid: bool
    amount_paid: int | None
    paid_on: date | None
    reference: str


class ApplicationOut(ApplicationSummary):
    company_data: CompanyOut
    director: dict[str, str]
    technical_lead: dict[str, str]
    building: dict[str, Any]
    profile: dict[str, bool]
    agent: dict[str, str] | None
    signer_name: str
    status_code: str
    device_categories: list[str]
    device_list: str
    previous_licence_number: str
    checklist: list[ChecklistRow]
    documents: list[DocumentOut]
    timeline: list[TimelineRow]
    payment: PaymentOut | None = None  # a permit type with a fee: what is due and whether it is paid
    licence_expires_on: date | None = None  # a permit type whose licences expire
    pauses: list[dict[str, Any]]


class FieldOut(Schema):
    name: str
    label: str
    type: str
    required: bool
    choices: list[str]


class ActionOut(Schema):
    name: str
    label: str
    step: int | None
    direction: str
    role: str
    fields: list[FieldOut]


class ChecklistTickIn(Schema):
    ticked: bool
    note: str = ""


class LicenceVerifyOut(Schema):
    valid: bool
    licence_number: str
    company: str
    permit_type: str
    issued_at: date
    status: str
    status_reason: str
    signed_by: str
    expires_on: date | None = None  # empty: the licence has no expiry date
    expired: bool = False
    document: dict[str, Any] | None = None


class ChainOut(Schema):
    ok: bool
    entries: int
    broken_seq: int | None
    reason: str


class PublicStatusOut(Schema):
    registration_number: str
    state: str
    state_label: str
    step: int
    due_date: date | None
    step_due_date: date | None
    waiting_on_applicant: bool
    applicant_must: str
    licence_number: str | None
    updated_at: datetime


class GeneratedOut(Schema):
    id: int
    kind: str
    step: int | None
    sha256: str
    size: int
    signed: bool
    created_at: datetime


class DocumentJobOut(Schema):
    id: int
    step: int | None
    action: str
    kinds: list[str]
    state: str  # pending | running | done | failed
    state_label: str
    attempts: int
    last_error: str
    created_at: datetime
    done_at: datetime | None

    @staticmethod
    def of(job: Any, *, officer: bool) -> "DocumentJobOut":
        """`last_error` is for officers only (it may name files and services)."""
        return DocumentJobOut(
            id=job.pk,
            step=job.log_entry.step,
            action=job.log_entry.action,
            kinds=list(job.kinds),
            state=job.state,
            state_label=str(job.get_state_display()),
            attempts=job.attempts,
            last_error=job.last_error if officer else "",
            created_at=job.created_at,
            done_at=job.done_at,
        )
