"""Registration numbers (step 6): counted per permit type and year, `<CODE>-<year>-<seq:06d>`.

The next number comes from `RegistrationCounter` in one `UPDATE ... RETURNING` that also holds
the counter row's lock until the registration's transaction ends (see licences/services.py for
the licence numbers, drawn the same way). A rollback rolls the counter back too.
"""

from django.db import connection, transaction

from perizinan.catalog.models import PermitType

from .models import RegistrationCounter


def next_registration_number(*, permit_type: PermitType, year: int) -> str:
    assert transaction.get_connection().in_atomic_block, "next_registration_number needs a transaction"
    seq = _increment(permit_type, year)
    if seq is None:  # the year's first registration: make the counter, then draw
        RegistrationCounter.objects.get_or_create(permit_type=permit_type, year=year)
        seq = _increment(permit_type, year)
    assert seq is not None
    return format_registration_number(permit_type.code, year, seq)


def format_registration_number(code: str, year: int, seq: int) -> str:
    return f"{code}-{year}-{seq:06d}"


def _increment(permit_type: PermitType, year: int) -> int | None:
    table = connection.ops.quote_name(RegistrationCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET last = last + 1 WHERE permit_type_id = %s AND year = %s RETURNING last",
            [permit_type.pk, year],
        )
        row = cursor.fetchone()
    return int(row[0]) if row else None
