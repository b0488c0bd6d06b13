"""Registration numbers (step 6): counted per permit type and year, `<CODE>-<year>-<seq:06d>`.

The next number comes from `RegistrationCounter` through `perizinan.counters` (as the licence
numbers do): under the counter row's lock until the registration's transaction ends.
"""

from perizinan import counters
from perizinan.catalog.models import PermitType

from .models import RegistrationCounter


def next_registration_number(*, permit_type: PermitType, year: int) -> str:
    seq = counters.draw_next(RegistrationCounter, permit_type=permit_type, year=year)
    return format_registration_number(permit_type.code, year, seq)


def format_registration_number(code: str, year: int, seq: int) -> str:
    return f"{code}-{year}-{seq:06d}"
