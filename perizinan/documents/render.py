"""HTML → PDF with WeasyPrint, and the Indonesian date and time formats the documents print.

Documents are always Indonesian, whatever the request's language: `render_pdf` renders
under `translation.override("id")`, and dates are spelled from our own month names, never
from the active locale. Times are in WITA (Asia/Makassar) and say so.
"""

import re
import ssl
import threading
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import weasyprint
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint.text.fonts import FontConfiguration

from perizinan.workdays.calendar import group_service_hours, to_wita

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates" / "documents"

MONTHS_ID = {
    1: "Januari",
    2: "Februari",
    3: "Maret",
    4: "April",
    5: "Mei",
    6: "Juni",
    7: "Juli",
    8: "Agustus",
    9: "September",
    10: "Oktober",
    11: "November",
    12: "Desember",
}
DAYS_ID = {0: "Senin", 1: "Selasa", 2: "Rabu", 3: "Kamis", 4: "Jumat", 5: "Sabtu", 6: "Minggu"}

_NUMBER_WORDS = [
    "nol",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
    "sepuluh",
    "sebelas",
]


def _allowed(url: str) -> bool:
    """Documents load nothing from outside: only data: URIs and files beside the templates."""
    parsed = urlparse(url)
    if parsed.scheme == "data":
        return True
    return parsed.scheme == "file" and Path(parsed.path).resolve().is_relative_to(TEMPLATES_DIR)


if hasattr(weasyprint, "URLFetcher"):  # WeasyPrint >= 70
    # A bare TLS context made once: the default fetcher builds one per document and loads the
    # system's CA paths each time (~30 ms), for HTTPS requests documents never make.
    _NO_TLS = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)

    class _LocalFetcher(weasyprint.URLFetcher):
        def __init__(self) -> None:
            super().__init__(ssl_context=_NO_TLS, allowed_protocols=("file", "data"))

        def fetch(self, url, headers=None):
            if not _allowed(url):
                raise ValueError(f"External resource refused in a document: {url}")
            return super().fetch(url, headers)

    def _fetcher() -> Any:
        return _LocalFetcher()

else:  # pragma: no cover - older WeasyPrint

    def _fetch(url: str, *args: Any, **kwargs: Any) -> Any:
        if not _allowed(url):
            raise ValueError(f"External resource refused in a document: {url}")
        return weasyprint.default_url_fetcher(url, *args, **kwargs)

    def _fetcher() -> Any:
        return _fetch


_STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.S | re.I)
_local = threading.local()


def font_config() -> Any:
    """One WeasyPrint font configuration per thread, made once (fontconfig's set-up and the
    font map cost tens of milliseconds; WeasyPrint makes a new one per document otherwise)."""
    config = getattr(_local, "font_config", None)
    if config is None:
        config = _local.font_config = FontConfiguration()
    return config


@lru_cache(maxsize=64)
def _stylesheet(css: str) -> Any:
    """A parsed stylesheet, kept: the templates' CSS never contains data, so each text recurs."""
    return weasyprint.CSS(string=css, base_url=str(TEMPLATES_DIR) + "/", url_fetcher=_fetcher())


def layout(html: str, *, forms: bool = False) -> Any:
    """Lay out `html` (A4 and fonts come from its CSS): a `weasyprint.Document` of pages.

    The `<style>` blocks are parsed once and reused (same cascade, in document order);
    parsing them again for every document cost about a fifth of a licence's render time.
    With `forms`, <input> elements become PDF form fields."""
    sheets = [_stylesheet(css) for css in _STYLE.findall(html)]
    document = weasyprint.HTML(
        string=_STYLE.sub("", html), base_url=str(TEMPLATES_DIR) + "/", url_fetcher=_fetcher()
    )
    return document.render(stylesheets=sheets, font_config=font_config(), pdf_forms=forms or None)


def html_to_pdf(html: str) -> bytes:
    """Lay out `html` and return the PDF bytes."""
    pdf = layout(html).write_pdf()
    assert pdf is not None
    return pdf


def render_html(template: str, context: dict[str, Any]) -> str:
    with translation.override("id"):
        return render_to_string(template, context)


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    """Render a Django template in Indonesian and turn it into a PDF."""
    with translation.override("id"):
        return html_to_pdf(render_to_string(template, context))


MM = 96 / 25.4  # CSS px per millimetre


def boxes(box: Any) -> Any:
    """Every box under `box` (depth first)."""
    yield box
    for child in getattr(box, "children", None) or []:
        yield from boxes(child)


def flow_bottom_and_limit(page: Any) -> tuple[float, float | None]:
    """In mm on `page`: the bottom of the normal flow, and the top of the highest box marked
    `flow-limit` (fixed areas the text must stay above), or None when there is none."""
    bottom, limit = 0.0, None
    for box in boxes(page._page_box):
        element = getattr(box, "element", None)
        if element is None or box.element_tag == "html":
            continue
        position = box.style["position"]
        if "flow-limit" in (element.get("class") or "").split() and position == "fixed":
            top = box.position_y / MM
            limit = top if limit is None else min(limit, top)
        elif box.element_tag == "body":
            for child in box.children:
                if child.style["position"] in ("static", "relative") and child.element is not None:
                    bottom = max(bottom, (child.position_y + child.margin_height()) / MM)
    return bottom, limit


# The density that fitted each template last time: most documents of a template are alike, so
# the search starts there (see `fit_one_page`).
_LAST_FIT: dict[str, int] = {}


def _fits(document: Any) -> bool:
    if len(document.pages) != 1:
        return False
    bottom, limit = flow_bottom_and_limit(document.pages[0])
    return limit is None or bottom <= limit - 1


def fit_one_page(template: str, context: dict[str, Any], *, densities: tuple[int, ...] = (0, 1, 2)) -> Any:
    """The layout of a one-page document (the licence) at the loosest of `densities` whose text
    stays on one page and clear of the fixed areas below it; the tightest if none fits.

    A tighter density never makes the text longer, so the search may start anywhere: it starts
    at the density that fitted this template last time and lays out two pages instead of three
    when the data is like the last document's (each layout is most of a licence's render time)."""
    tried: dict[int, tuple[Any, bool]] = {}

    def fits(i: int) -> bool:
        if i not in tried:
            document = layout(
                render_html(template, {**context, "density": densities[i]}),
                forms=bool(context.get("form_fields")),
            )
            tried[i] = (document, _fits(document))
        return tried[i][1]

    last = len(densities) - 1
    i = min(_LAST_FIT.get(template, 0), last)
    if fits(i):
        while i > 0 and fits(i - 1):
            i -= 1
    else:
        while i < last:
            i += 1
            if fits(i):
                break
    _LAST_FIT[template] = i
    return tried[i][0]


def render_one_page(
    template: str, context: dict[str, Any], *, densities: tuple[int, ...] = (0, 1, 2)
) -> bytes:
    """Render a one-page document (see `fit_one_page`); with `form_fields` in the context, its
    <input> elements become PDF form fields."""
    document = fit_one_page(template, context, densities=densities)
    pdf = document.write_pdf()
    assert pdf is not None
    return pdf


# --- formats ---------------------------------------------------------------------------------


def _as_moment(value: Any) -> date | datetime | None:
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            return (
                datetime.fromisoformat(value) if "T" in value or " " in value else date.fromisoformat(value)
            )
        except ValueError:
            return None
    if isinstance(value, datetime | date):
        return value
    return None


def _local_date(value: Any) -> date | None:
    """The calendar day of a value; aware datetimes are first put in WITA; ISO strings are accepted."""
    moment = _as_moment(value)
    if isinstance(moment, datetime):
        if moment.tzinfo is not None:
            moment = to_wita(moment)
        return moment.date()
    return moment


def format_date(value: Any) -> str:
    """`28 November 2026`."""
    day = _local_date(value)
    return f"{day.day} {MONTHS_ID[day.month]} {day.year}" if day else ""


def format_time(value: Any) -> str:
    """`12.33 WITA` (Indonesian writes hours and minutes with a dot)."""
    moment = _as_moment(value)
    if not isinstance(moment, datetime):
        return ""
    if moment.tzinfo is not None:
        moment = to_wita(moment)
    return f"{moment:%H.%M} WITA"


def format_datetime(value: Any) -> str:
    """`28 November 2026, 12.33 WITA`."""
    moment = _as_moment(value)
    if not isinstance(moment, datetime):
        return format_date(moment)
    return f"{format_date(moment)}, {format_time(moment)}"


def format_day_date(value: Any) -> str:
    """`Sabtu, 28 November 2026`."""
    day = _local_date(value)
    return f"{DAYS_ID[day.weekday()]}, {format_date(day)}" if day else ""


def format_duration(seconds: int | None) -> str:
    """`2 jam 5 mnt`, `1 hari 3 jam`, `40 dtk`; empty when unknown."""
    if seconds is None:
        return ""
    if seconds < 60:
        return f"{seconds} dtk"
    minutes = seconds // 60
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = []
    if days:
        parts.append(f"{days} hari")
    if hours:
        parts.append(f"{hours} jam")
    if mins and not days:
        parts.append(f"{mins} mnt")
    return " ".join(parts) or f"{mins} mnt"


def number_words(n: int) -> str:
    """Small numbers in words, as letters write them: `7 (tujuh)`."""
    if 0 <= n < len(_NUMBER_WORDS):
        word = _NUMBER_WORDS[n]
    elif n < 20:
        word = f"{_NUMBER_WORDS[n - 10]} belas"
    elif n < 100:
        tens, ones = divmod(n, 10)
        word = ("sepuluh" if tens == 1 else f"{_NUMBER_WORDS[tens]} puluh") + (
            f" {_NUMBER_WORDS[ones]}" if ones else ""
        )
    else:
        return str(n)
    return f"{n} ({word})"


def format_rupiah(amount: Any) -> str:
    """`Rp 1.250.000`."""
    value = int(amount or 0)
    return "Rp " + f"{value:,}".replace(",", ".")


def format_service_hours(hours: dict[str, list[str]]) -> str:
    """`Senin–Kamis 08.00–19.00 WITA, Jumat 08.00–11.00 WITA` (consecutive days with equal hours grouped)."""
    parts = []
    for first, last, opens, closes in group_service_hours(hours):
        days = DAYS_ID[first] if first == last else f"{DAYS_ID[first]}–{DAYS_ID[last]}"
        parts.append(f"{days} {opens}–{closes} WITA")
    return ", ".join(parts)
