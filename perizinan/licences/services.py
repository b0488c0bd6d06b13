"""Licence numbers (gap-free, never reused) and licence records."""

from calendar import monthrange
from datetime import date

from django.db import transaction
from django.utils import timezone

from perizinan import counters
from perizinan.accounts.models import User
from perizinan.catalog.models import PermitType

from .models import Licence, LicenceCounter, LicenceNumber, LicenceStatus


def draw_number(*, permit_type: PermitType, year: int, application, by: User) -> LicenceNumber:
    """Draw the next number for (permit type, year) under a row lock on its counter.

    Must run inside the caller's transaction: if it rolls back, so does the counter,
    which is what keeps the sequence free of gaps.
    """
    seq = counters.draw_next(LicenceCounter, permit_type=permit_type, year=year)
    return LicenceNumber.objects.create(
        permit_type=permit_type,
        year=year,
        seq=seq,
        number=permit_type.format_number(seq=seq, year=year),
        application=application,
        drawn_by=by,
    )


def void_number(*, number: LicenceNumber, by: User, reason: str) -> LicenceNumber:
    """A voided number stays in the register with its reason; it is never drawn again."""
    with transaction.atomic():
        number.voided = True
        number.void_reason = reason
        number.voided_by = by
        number.voided_at = timezone.now()
        number.save(update_fields=["voided", "void_reason", "voided_by", "voided_at"])
        Licence.objects.filter(licence_number=number).update(
            status=LicenceStatus.REVOKED, status_reason=reason, status_by=by, status_at=timezone.now()
        )
    return number


def issue_licence(
    *, application, by: User, on: date, signed_by: str = "", verification_code: str = ""
) -> Licence:
    """Step 15: number the signed licence and create its record; close the one it replaces.

    `signed_by` and `verification_code` come from the head's signature (step 14)."""
    number = draw_number(permit_type=application.permit_type, year=on.year, application=application, by=by)
    previous = application.previous_licence
    licence = Licence.objects.create(
        number=number.number,
        licence_number=number,
        permit_type=application.permit_type,
        application=application,
        company=application.company,
        holder_name=str(application.company),
        technical_lead_name=application.tech_lead_name,
        director_name=application.director_name,
        address=application.company.address,
        issued_on=on,
        signed_by=signed_by,
        supersedes=previous,
        superseded_number="" if previous else application.previous_licence_number,
        verification_code=verification_code or Licence.new_verification_code(),
        expires_on=expiry(application.permit_type.validity_months, issued_on=on, previous=previous),
    )
    if previous is not None:
        _record_status(previous, LicenceStatus.CLOSED, f"Digantikan oleh izin {licence.number}", by)
    return licence


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it has no such day)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, monthrange(year, month)[1]))


def expiry(months: int | None, *, issued_on: date, previous: Licence | None) -> date | None:
    """The last day a licence is valid: `months` (the permit type's `validity_months`) after its
    issue, or, when it supersedes a licence still valid on that day (an extension applied for
    in time), after that licence's expiry, so that no validity is lost. None: no expiry."""
    if not months:
        return None
    start = issued_on
    if previous is not None and previous.expires_on is not None and previous.expires_on > issued_on:
        start = previous.expires_on
    return add_months(start, months)


def set_status(*, licence: Licence, status: str, reason: str, by: User) -> Licence:
    if status not in LicenceStatus.values:
        raise ValueError(status)
    with transaction.atomic():
        _record_status(licence, status, reason, by)
    return licence


def _record_status(licence: Licence, status: str, reason: str, by: User) -> None:
    """The licence's status with its reason, who set it and when."""
    licence.status = status
    licence.status_reason = reason
    licence.status_by = by
    licence.status_at = timezone.now()
    licence.save(update_fields=["status", "status_reason", "status_by", "status_at"])
