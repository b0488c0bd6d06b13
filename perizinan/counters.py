"""Gap-free counters per (permit type, year): registration numbers and licence numbers.

The next value comes from one `UPDATE ... RETURNING` on the counter row, which also holds the
row's lock until the caller's transaction ends (PostgreSQL and SQLite >= 3.35 both return the
new value). A rollback rolls the counter back too, which keeps the sequence free of gaps.
"""

from typing import Any

from django.db import connection, models, transaction


def draw_next(counter: type[models.Model], *, permit_type: Any, year: int) -> int:
    """The next value of `counter`'s row for (permit type, year), made on first use."""
    assert transaction.get_connection().in_atomic_block, "a counter is drawn inside a transaction"
    seq = _increment(counter, permit_type, year)
    if seq is None:  # the year's first number: make the counter, then draw
        counter._default_manager.get_or_create(permit_type=permit_type, year=year)
        seq = _increment(counter, permit_type, year)
    assert seq is not None
    return seq


def _increment(counter: type[models.Model], permit_type: Any, year: int) -> int | None:
    table = connection.ops.quote_name(counter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET last = last + 1 WHERE permit_type_id = %s AND year = %s RETURNING last",
            [permit_type.pk, year],
        )
        row = cursor.fetchone()
    return int(row[0]) if row else None
