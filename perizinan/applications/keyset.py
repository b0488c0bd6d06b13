"""Keyset ("seek") paging: the next page starts after the last row's sort key, so reading page
1,000 costs what reading page 1 costs (no OFFSET skipping rows). The cursor is opaque to
clients: the last row's sort key, JSON in URL-safe base64."""

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F, Q, QuerySet
from django.db.models.expressions import OrderBy
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Key:
    """One column (or annotation) of the sort order; never NULL (coalesce nullable columns)."""

    name: str
    parse: Callable[[Any], Any]
    descending: bool = False

    def order(self) -> OrderBy:
        return F(self.name).desc() if self.descending else F(self.name).asc()


def parse_int(raw: Any) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise ValueError(raw)
    return raw


def parse_date(raw: Any) -> date:
    return date.fromisoformat(raw)


def parse_datetime(raw: Any) -> datetime:
    value = datetime.fromisoformat(raw)
    if value.tzinfo is None:
        raise ValueError(raw)
    return value


def order_by(keys: Sequence[Key]) -> list[OrderBy]:
    return [k.order() for k in keys]


def encode(row: dict[str, Any], keys: Sequence[Key]) -> str:
    values = [row[k.name].isoformat() if hasattr(row[k.name], "isoformat") else row[k.name] for k in keys]
    return base64.urlsafe_b64encode(json.dumps(values, separators=(",", ":")).encode()).decode().rstrip("=")


def decode(cursor: str, keys: Sequence[Key], field: str = "after") -> list[Any]:
    """The sort key in `cursor`, or a ValidationError naming `field`."""
    try:
        raw = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(raw, list) or len(raw) != len(keys):
            raise ValueError(cursor)
        return [k.parse(v) for k, v in zip(keys, raw, strict=True)]
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise ValidationError(
            {field: _("Kursor halaman tidak valid: pakai nilai `next` dari halaman sebelumnya.")}
        ) from None


def seek(qs: QuerySet, keys: Sequence[Key], values: Sequence[Any]) -> QuerySet:
    """Rows strictly after `values` in the order of `keys`.

    (k1 > v1) OR (k1 = v1 AND k2 > v2) OR ...; the redundant `k1 >= v1` in front lets an index
    on the first key start the scan at the cursor instead of filtering from the top."""
    first = keys[0]
    q = Q()
    equal = Q()
    for key, value in zip(keys, values, strict=True):
        q |= equal & Q(**{f"{key.name}__{'lt' if key.descending else 'gt'}": value})
        equal &= Q(**{key.name: value})
    bound = Q(**{f"{first.name}__{'lte' if first.descending else 'gte'}": values[0]})
    return qs.filter(bound & q)


@dataclass
class Page:
    rows: list[dict[str, Any]]
    next: str | None


def page_query(
    qs: QuerySet, keys: Sequence[Key], *, limit: int, offset: int = 0, after: str | None = None
) -> QuerySet:
    """The query of one page, one row more than `limit` (to know whether another page follows)."""
    qs = qs.order_by(*order_by(keys))
    if after:
        return seek(qs, keys, decode(after, keys))[: limit + 1]
    return qs[offset : offset + limit + 1]


def page(
    qs: QuerySet,
    keys: Sequence[Key],
    *,
    limit: int,
    offset: int = 0,
    after: str | None = None,
) -> Page:
    """One page of `qs` (already annotated with the keys and reduced to values()), with the cursor
    of the next page when there is one."""
    rows = list(page_query(qs, keys, limit=limit, offset=offset, after=after))
    more = len(rows) > limit
    rows = rows[:limit]
    return Page(rows, encode(rows[-1], keys) if more and rows else None)
