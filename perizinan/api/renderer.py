"""The API's JSON, written by orjson in the formats Django's encoder gives.

Encoding with the standard library (`json` calling the encoder's `default` for every date and
time: about 400 calls for a 100-row page) cost 4-12 % of a read request's CPU at 10,000
applications (bench/RESULTS.md, run 8). Dates and times still go through Django's encoder
(`DjangoJSONEncoder`: milliseconds, "Z" for UTC), as do decimals, lazy translations and
anything else orjson does not know, so each value reads as it did (ADR 0013, addendum)."""

from typing import Any

import orjson
from django.http import HttpRequest
from ninja.renderers import BaseRenderer
from ninja.responses import NinjaJSONEncoder

_DJANGO = NinjaJSONEncoder()
_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_NON_STR_KEYS


def dumps(data: Any) -> bytes:
    return orjson.dumps(data, default=_DJANGO.default, option=_OPTIONS)


class Renderer(BaseRenderer):
    media_type = "application/json"
    charset = "utf-8"

    def render(self, request: HttpRequest, data: Any, *, response_status: int) -> Any:
        return dumps(data)
