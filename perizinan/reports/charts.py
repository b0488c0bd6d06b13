"""Chart descriptions: one dict serves the Chart.js canvas (as JSON) and its accessible table."""

from typing import Any

from django.utils.translation import gettext as _


def chart(
    chart_id: str,
    title: str,
    labels: list[str],
    series: list[tuple[str, list[Any]]],
    *,
    kind: str = "bar",
    unit: str = "",
    head: str = "",
) -> dict[str, Any]:
    return {
        "id": chart_id,
        "data_id": f"{chart_id}-data",
        "title": title,
        "kind": kind,
        "unit": unit,
        "head": head,
        "labels": labels,
        "series": [{"label": label, "data": data} for label, data in series],
        "rows": [[label, *[s[1][i] for s in series]] for i, label in enumerate(labels)],
        "columns": [s[0] for s in series],
    }


def dashboard_charts(fig: dict[str, Any]) -> list[dict[str, Any]]:
    step = _("Langkah")
    progress = fig["progress"]
    steps = fig["summary"]["steps"]
    return [
        chart(
            "chart-progress-step",
            _("Permohonan berjalan per langkah"),
            [f"{step} {r['step']}" for r in progress["steps"]],
            [(_("Permohonan"), [r["count"] for r in progress["steps"]])],
            head=step,
        ),
        chart(
            "chart-progress-lane",
            _("Permohonan berjalan per lajur (peran)"),
            [r["label"] for r in progress["lanes"]],
            [(_("Permohonan"), [r["count"] for r in progress["lanes"]])],
            head=_("Lajur"),
        ),
        chart(
            "chart-bottleneck",
            _("Waktu per langkah: median dan p90 (menit)"),
            [f"{step} {r['step']}" for r in steps],
            [
                (_("Median (menit)"), [r["median_minutes"] for r in steps]),
                (_("p90 (menit)"), [r["p90_minutes"] for r in steps]),
            ],
            unit=_("menit"),
            head=step,
        ),
        chart(
            "chart-step-on-time",
            _("Tepat waktu terhadap target hari tiap langkah (%)"),
            [f"{step} {r['step']}" for r in steps if r["with_target"]],
            [
                (
                    _("Tepat waktu (%)"),
                    [round(100 * r["on_time_rate"], 1) for r in steps if r["with_target"]],
                )
            ],
            unit="%",
            head=step,
        ),
        chart(
            "chart-issued-month",
            _("Izin terbit per bulan"),
            [r["month"] for r in fig["months"]],
            [(_("Izin terbit"), [r["count"] for r in fig["months"]])],
            kind="line",
            head=_("Bulan"),
        ),
        chart(
            "chart-returns",
            _("Pengembalian per langkah"),
            [f"{step} {r['step']}" for r in fig["returns"]],
            [(_("Pengembalian"), [r["count"] for r in fig["returns"]])],
            head=step,
        ),
    ]
