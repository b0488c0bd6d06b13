"""The yearly summary for the PTSP evaluation (SOP section T), built from the period figures."""

from datetime import date
from typing import Any

from .filters import Filters, semester_period
from .selectors import counts, issued_per_month, on_time, working_days_to_issue


def yearly_summary(year: int, *, permit_type: str = "", kind: str = "") -> dict[str, Any]:
    """The year and each semester: received, issued, declined, withdrawn, on time, working days."""

    def figures(f: Filters) -> dict[str, Any]:
        c = counts(f)
        rate = on_time(f)
        days = working_days_to_issue(f)
        return {
            "received": c["received"],
            "registered": c["registered"],
            "issued": c["issued"],
            "declined": c["declined"],
            "withdrawn": c["withdrawn"],
            "on_time": rate["on_time"],
            "on_time_rate": rate["rate"],
            "mean_working_days_to_issue": days["mean"],
            "median_working_days_to_issue": days["median"],
        }

    whole = Filters(start=date(year, 1, 1), end=date(year, 12, 31), permit_type=permit_type, kind=kind)
    semesters = []
    for n in (1, 2):
        start, end = semester_period(year, n)
        semesters.append(
            {"semester": n, **figures(Filters(start=start, end=end, permit_type=permit_type, kind=kind))}
        )
    return {
        "year": year,
        "permit_type": permit_type,
        "kind": kind,
        "year_figures": figures(whole),
        "semesters": semesters,
        "months": issued_per_month(whole),
        # IKM per semester and complaints come from the feedback app (another branch): not computed here.
        "ikm": None,
        "complaints": None,
    }
