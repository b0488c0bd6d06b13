"""The API's JSON (orjson) reads exactly as Django's encoder would write it: the same dates and
times (milliseconds, "Z"), decimals as strings, translations in the active language."""

import json
import uuid
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext_lazy
from ninja.responses import NinjaJSONEncoder

from perizinan.api.renderer import dumps
from perizinan.workflow.states import State

WITA = timezone(timedelta(hours=8))


def test_every_kind_of_value_reads_as_djangos_encoder_writes_it():
    payload = {
        "at": datetime(2026, 12, 2, 3, 4, 5, 678901, tzinfo=UTC),
        "at_wita": datetime(2026, 12, 2, 11, 4, 5, tzinfo=WITA),
        "naive": datetime(2026, 12, 2, 11, 4, 5, 120000),
        "day": date(2026, 12, 2),
        "opens": time(8, 0),
        "fee": Decimal("250000.00"),
        "label": gettext_lazy("Selesai"),
        "state": State.COMPLETED,
        "id": uuid.UUID("12345678-1234-5678-1234-567812345678"),
        "text": "Izin Penyalur Alat Kesehatan — Samarinda",
        "rows": [{"n": 1, "ok": True, "none": None, "ratio": 0.25}],
    }
    with translation.override("en"):
        ours = json.loads(dumps(payload))
        djangos = json.loads(json.dumps(payload, cls=NinjaJSONEncoder))
    assert ours == djangos
    assert ours["at"] == "2026-12-02T03:04:05.678Z" and ours["label"] == "Completed"


def test_api_answers_are_utf8_json(client):
    response = client.get("/api/v1/health")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json() == {"ok": True}
