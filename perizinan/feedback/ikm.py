"""The public satisfaction index (Indeks Kepuasan Masyarakat) of PermenPAN-RB 14/2017.

Pure functions, no database: the nine elements with their official question and answer
labels, the index from answer lists, the grade, and the Krejcie–Morgan minimum sample.

The regulation's arithmetic (Lampiran, bagian "Pengolahan Data"):

- NRR per element (nilai rata-rata unsur) = sum of the answers (1–4) / number of answers;
- NRR tertimbang = NRR x weight, the weight being 1 / number of elements = 1/9 exactly
  (the regulation's worked example rounds it to 0.111; we do not round the weight);
- IKM unit pelayanan = sum of the weighted NRRs x 25 (the conversion factor to 25–100),
  reported with two decimals;
- the converted value gives the quality grade and the unit's performance:
  A 88.31–100.00 Sangat Baik, B 76.61–88.30 Baik, C 65.00–76.60 Kurang Baik,
  D 25.00–64.99 Tidak Baik.
"""

from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class Element:
    code: str  # "U1" .. "U9"
    name: object  # lazy translatable strings
    question: object
    answers: tuple[object, object, object, object]  # labels of the answers 1, 2, 3, 4

    @property
    def field(self) -> str:
        return self.code.lower()


ELEMENTS: tuple[Element, ...] = (
    Element(
        "U1",
        _("Persyaratan"),
        _("Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?"),
        (_("Tidak sesuai"), _("Kurang sesuai"), _("Sesuai"), _("Sangat sesuai")),
    ),
    Element(
        "U2",
        _("Sistem, mekanisme, dan prosedur"),
        _("Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?"),
        (_("Tidak mudah"), _("Kurang mudah"), _("Mudah"), _("Sangat mudah")),
    ),
    Element(
        "U3",
        _("Waktu penyelesaian"),
        _("Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?"),
        (_("Tidak cepat"), _("Kurang cepat"), _("Cepat"), _("Sangat cepat")),
    ),
    Element(
        "U4",
        _("Biaya/tarif"),
        _("Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?"),
        (_("Sangat mahal"), _("Cukup mahal"), _("Murah"), _("Gratis")),
    ),
    Element(
        "U5",
        _("Produk spesifikasi jenis pelayanan"),
        _(
            "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum "
            "dalam standar pelayanan dengan hasil yang diberikan?"
        ),
        (_("Tidak sesuai"), _("Kurang sesuai"), _("Sesuai"), _("Sangat sesuai")),
    ),
    Element(
        "U6",
        _("Kompetensi pelaksana"),
        _("Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?"),
        (_("Tidak kompeten"), _("Kurang kompeten"), _("Kompeten"), _("Sangat kompeten")),
    ),
    Element(
        "U7",
        _("Perilaku pelaksana"),
        _(
            "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?"
        ),
        (
            _("Tidak sopan dan ramah"),
            _("Kurang sopan dan ramah"),
            _("Sopan dan ramah"),
            _("Sangat sopan dan ramah"),
        ),
    ),
    Element(
        "U8",
        _("Penanganan pengaduan, saran dan masukan"),
        _("Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?"),
        (
            _("Tidak ada"),
            _("Ada tetapi tidak berfungsi"),
            _("Berfungsi kurang maksimal"),
            _("Dikelola dengan baik"),
        ),
    ),
    Element(
        "U9",
        _("Sarana dan prasarana"),
        _("Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?"),
        (
            pgettext_lazy("kualitas sarana", "Buruk"),
            pgettext_lazy("kualitas sarana", "Cukup"),
            pgettext_lazy("kualitas sarana", "Baik"),
            pgettext_lazy("kualitas sarana", "Sangat baik"),
        ),
    ),
)
ELEMENT_FIELDS: tuple[str, ...] = tuple(e.field for e in ELEMENTS)
WEIGHT = Fraction(1, len(ELEMENTS))  # exactly 1/9
CONVERSION = 25

# (lowest converted value, grade, performance) from the highest grade down.
GRADES: tuple[tuple[Decimal, str, object], ...] = (
    (Decimal("88.31"), "A", _("Sangat Baik")),
    (Decimal("76.61"), "B", _("Baik")),
    (Decimal("65.00"), "C", _("Kurang Baik")),
    (Decimal("0"), "D", _("Tidak Baik")),
)


def round_half_up(value: Fraction, places: int) -> Decimal:
    """`value` rounded to `places` decimals, halves away from zero (as reports are written by hand)."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def grade_of(ikm: Decimal) -> tuple[str, object]:
    """The grade letter and the performance label of a converted value (25–100, two decimals)."""
    for lowest, letter, label in GRADES:
        if ikm >= lowest:
            return letter, label
    return "D", GRADES[-1][2]


@dataclass(frozen=True)
class ElementScore:
    element: Element
    count: int
    nrr_exact: Fraction
    nrr: Decimal  # four decimals, as reported
    weighted: Decimal  # NRR x 1/9, four decimals (for the report's table only)
    converted: Decimal  # NRR x 25, two decimals: the element's own grade
    grade: str
    flagged: bool = False  # among the lowest elements: follow-up needed


@dataclass(frozen=True)
class IkmResult:
    respondents: int
    elements: tuple[ElementScore, ...]
    ikm: Decimal | None  # None when there are no respondents
    grade: str | None
    performance: object | None

    @property
    def flagged(self) -> list[ElementScore]:
        return [e for e in self.elements if e.flagged]


LOWEST_FLAGGED = 3


def compute_from_sums(respondents: int, sums: Mapping[str, int], counts: Mapping[str, int]) -> IkmResult:
    """The index from the sum and number of answers of each element ("u1".. "u9").

    The IKM is the sum over elements of NRR x 1/9, x 25, computed exactly and rounded once
    at the end. Flagged for follow-up: the LOWEST_FLAGGED lowest elements (ties at the cut
    included) that are also below the mean NRR - when every element scores alike, none
    stands out and none is flagged."""
    scores: list[ElementScore] = []
    for e in ELEMENTS:
        n = counts.get(e.field, 0)
        exact = Fraction(sums.get(e.field, 0), n) if n else Fraction(0)
        converted = round_half_up(exact * CONVERSION, 2)
        scores.append(
            ElementScore(
                element=e,
                count=n,
                nrr_exact=exact,
                nrr=round_half_up(exact, 4),
                weighted=round_half_up(exact * WEIGHT, 4),
                converted=converted,
                grade=grade_of(converted)[0],
            )
        )
    if respondents == 0 or not any(s.count for s in scores):
        return IkmResult(respondents, tuple(scores), None, None, None)
    ikm = round_half_up(sum((s.nrr_exact * WEIGHT for s in scores), Fraction(0)) * CONVERSION, 2)
    letter, label = grade_of(ikm)
    answered = [s.nrr_exact for s in scores if s.count]
    ranked = sorted(answered)
    threshold = ranked[min(LOWEST_FLAGGED, len(ranked)) - 1]  # the third lowest value; ties share it
    mean = sum(answered, Fraction(0)) / len(answered)
    flagged = tuple(
        ElementScore(
            **{**s.__dict__, "flagged": bool(s.count) and s.nrr_exact <= threshold and s.nrr_exact < mean}
        )
        for s in scores
    )
    return IkmResult(respondents, flagged, ikm, letter, label)


def compute(responses: Iterable[Mapping[str, int]]) -> IkmResult:
    """The index of a list of responses, each {"u1": 1-4, ..., "u9": 1-4}."""
    sums = dict.fromkeys(ELEMENT_FIELDS, 0)
    counts = dict.fromkeys(ELEMENT_FIELDS, 0)
    respondents = 0
    for r in responses:
        respondents += 1
        for f in ELEMENT_FIELDS:
            value = r[f]
            if value not in (1, 2, 3, 4):
                raise ValueError(f"{f}: {value!r} is not an answer 1-4")
            sums[f] += value
            counts[f] += 1
    return compute_from_sums(respondents, sums, counts)


# --- the minimum sample: Krejcie and Morgan (1970), Table 1, reproduced in the regulation -----

KREJCIE_MORGAN: tuple[tuple[int, int], ...] = (
    (10, 10), (15, 14), (20, 19), (25, 24), (30, 28), (35, 32), (40, 36), (45, 40), (50, 44),
    (55, 48), (60, 52), (65, 56), (70, 59), (75, 63), (80, 66), (85, 70), (90, 73), (95, 76),
    (100, 80), (110, 86), (120, 92), (130, 97), (140, 103), (150, 108), (160, 113), (170, 118),
    (180, 123), (190, 127), (200, 132), (210, 136), (220, 140), (230, 144), (240, 148),
    (250, 152), (260, 155), (270, 159), (280, 162), (290, 165), (300, 169), (320, 175),
    (340, 181), (360, 186), (380, 191), (400, 196), (420, 201), (440, 205), (460, 210),
    (480, 214), (500, 217), (550, 226), (600, 234), (650, 242), (700, 248), (750, 254),
    (800, 260), (850, 265), (900, 269), (950, 274), (1000, 278), (1100, 285), (1200, 291),
    (1300, 297), (1400, 302), (1500, 306), (1600, 310), (1700, 313), (1800, 317), (1900, 320),
    (2000, 322), (2200, 327), (2400, 331), (2600, 335), (2800, 338), (3000, 341), (3500, 346),
    (4000, 351), (4500, 354), (5000, 357), (6000, 361), (7000, 364), (8000, 367), (9000, 368),
    (10000, 370), (15000, 375), (20000, 377), (30000, 379), (40000, 380), (50000, 381),
    (75000, 382), (100000, 384),
)  # fmt: skip
_KM_POPULATIONS = [n for n, _s in KREJCIE_MORGAN]


def minimum_sample(population: int) -> int:
    """The minimum number of respondents for a population of `population` service users.

    Below 10 every user is needed; between two rows of the table the larger row applies
    (the safe side); above 100 000 the table's last value, 384."""
    if population <= 0:
        return 0
    if population < KREJCIE_MORGAN[0][0]:
        return population
    i = bisect_left(_KM_POPULATIONS, population)
    if i >= len(KREJCIE_MORGAN):
        return KREJCIE_MORGAN[-1][1]
    return KREJCIE_MORGAN[i][1]


def element_codes() -> Sequence[str]:
    return [e.code for e in ELEMENTS]
