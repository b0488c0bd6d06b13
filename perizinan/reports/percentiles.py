"""Median and 90th percentile of a column per group, computed by the database.

PostgreSQL computes them with PERCENTILE_CONT ... WITHIN GROUP. SQLite (the embedded demo
database) has no ordered-set aggregates: there the values of the (already filtered) rows
are read ordered and the same continuous percentile is taken from them.
"""

import math
from collections import defaultdict
from collections.abc import Hashable, Sequence
from typing import Any

from django.db import connection
from django.db.models import Aggregate, FloatField, QuerySet


class PercentileCont(Aggregate):
    function = "PERCENTILE_CONT"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, expression: Any, fraction: float, **extra: Any) -> None:
        super().__init__(expression, fraction=float(fraction), **extra)


def percentile(values: Sequence[float], fraction: float) -> float | None:
    """The continuous percentile of sorted `values` (PostgreSQL's PERCENTILE_CONT)."""
    if not values:
        return None
    pos = (len(values) - 1) * fraction
    lo, hi = math.floor(pos), math.ceil(pos)
    return values[lo] + (values[hi] - values[lo]) * (pos - lo)


def grouped_percentiles(
    qs: QuerySet, group: str | None, column: str, fractions: Sequence[float] = (0.5, 0.9)
) -> dict[Hashable, list[float | None]]:
    """{group value: [percentile for each fraction]} of `column` over the non-null rows of `qs`."""
    qs = qs.filter(**{f"{column}__isnull": False}).order_by()
    if connection.vendor == "postgresql":
        names = {f"p{i}": PercentileCont(column, f) for i, f in enumerate(fractions)}
        if group is None:
            row = qs.aggregate(**names)
            return {None: [row[f"p{i}"] for i in range(len(fractions))]}
        return {
            r[group]: [r[f"p{i}"] for i in range(len(fractions))] for r in qs.values(group).annotate(**names)
        }
    values: dict[Hashable, list[float]] = defaultdict(list)
    fields = [group, column] if group else [column]
    for row in qs.order_by(*fields).values_list(*fields):
        values[row[0] if group else None].append(float(row[-1]))
    return {key: [percentile(v, f) for f in fractions] for key, v in values.items()}
