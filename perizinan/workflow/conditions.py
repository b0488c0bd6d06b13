"""Which steps an application has, read from its permit type's data (never from its code):
a technical recommendation (steps 9 and 10) or not, a fee to pay or not. Each takes the
application (any `applications.Application`) and answers from `permit_type` and its records."""

from typing import Any


def with_recommendation(app: Any) -> bool:
    return bool(app.permit_type.needs_recommendation)


def without_recommendation(app: Any) -> bool:
    return not app.permit_type.needs_recommendation


def has_fee(app: Any) -> bool:
    return bool(app.permit_type.fee)
