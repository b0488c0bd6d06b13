"""Satisfaction survey responses (IKM, PermenPAN-RB 14/2017) and complaints (SOP section Q).

Write through `services.py`; read through `selectors.py`.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .ikm import ELEMENT_FIELDS

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_code(length: int = 10) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


class SurveyChannel(models.TextChoices):
    CODE = "code", _("Kode survei pada bukti serah terima")
    LINK = "link", _("Tautan publik")
    KIOSK = "kiosk", _("Tablet kios di loket")
    API = "api", _("API")


class Sex(models.TextChoices):
    MALE = "male", _("Laki-laki")
    FEMALE = "female", _("Perempuan")


class AgeGroup(models.TextChoices):
    UNDER_25 = "lt25", _("Di bawah 25 tahun")
    FROM_25 = "25_34", _("25–34 tahun")
    FROM_35 = "35_44", _("35–44 tahun")
    FROM_45 = "45_54", _("45–54 tahun")
    FROM_55 = "55up", _("55 tahun ke atas")


class Education(models.TextChoices):
    SD = "sd", _("SD ke bawah")
    SMP = "smp", _("SMP")
    SMA = "sma", _("SMA/SMK")
    D3 = "d3", _("D1–D3")
    S1 = "s1", _("D4/S1")
    S2 = "s2", _("S2 ke atas")


class Occupation(models.TextChoices):
    CIVIL_SERVANT = "pns", _("PNS/TNI/Polri")
    PRIVATE = "private", _("Pegawai swasta")
    BUSINESS = "business", _("Wirausaha")
    STUDENT = "student", _("Pelajar/Mahasiswa")
    OTHER = "other", _("Lainnya")


def _answer_field(code: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(code.upper())


class SurveyResponse(models.Model):
    """One respondent's answers to the nine elements (1 = worst .. 4 = best) and profile."""

    reference = models.CharField(max_length=16, unique=True, default=new_code, editable=False)
    survey_code = models.CharField(
        _("kode survei"), max_length=20, unique=True, null=True, blank=True
    )  # the code of the handover receipt: one response per code
    channel = models.CharField(_("saluran"), max_length=10, choices=SurveyChannel.choices)
    application = models.ForeignKey(
        "applications.Application", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    permit_type = models.ForeignKey(
        "catalog.PermitType", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    u1 = _answer_field("u1")
    u2 = _answer_field("u2")
    u3 = _answer_field("u3")
    u4 = _answer_field("u4")
    u5 = _answer_field("u5")
    u6 = _answer_field("u6")
    u7 = _answer_field("u7")
    u8 = _answer_field("u8")
    u9 = _answer_field("u9")
    sex = models.CharField(_("jenis kelamin"), max_length=10, choices=Sex.choices, blank=True)
    age_group = models.CharField(_("kelompok umur"), max_length=10, choices=AgeGroup.choices, blank=True)
    education = models.CharField(_("pendidikan"), max_length=10, choices=Education.choices, blank=True)
    occupation = models.CharField(_("pekerjaan"), max_length=10, choices=Occupation.choices, blank=True)
    comment = models.TextField(_("saran dan masukan"), blank=True, max_length=2000)
    submitted_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("jawaban survei kepuasan")
        verbose_name_plural = _("jawaban survei kepuasan")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(**{f"{f}__gte": 1, f"{f}__lte": 4}), name=f"survey_{f}_1_4"
            )
            for f in ELEMENT_FIELDS
        ]

    def __str__(self) -> str:
        return self.reference

    def answers(self) -> dict[str, int]:
        return {f: getattr(self, f) for f in ELEMENT_FIELDS}

    @property
    def low_elements(self) -> list[str]:
        """The elements answered 1 or 2: the respondent is offered to file a complaint."""
        return [f.upper() for f in ELEMENT_FIELDS if getattr(self, f) <= 2]


class ComplaintChannel(models.TextChoices):
    WEB = "web", _("Formulir web")
    BOX = "box", _("Kotak saran")
    SMS = "sms", _("SMS")
    PHONE = "phone", _("Telepon")
    IN_PERSON = "in_person", _("Datang langsung")


class ComplaintCategory(models.Model):
    """What a complaint is about, and how many working days the office has to answer it."""

    code = models.SlugField(_("kode"), max_length=30, unique=True)
    name = models.CharField(_("nama"), max_length=100)
    name_en = models.CharField(_("nama (Inggris)"), max_length=100, blank=True)
    deadline_working_days = models.PositiveSmallIntegerField(_("batas waktu (hari kerja)"), default=14)
    active = models.BooleanField(_("aktif"), default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("kategori pengaduan")
        verbose_name_plural = _("kategori pengaduan")

    def __str__(self) -> str:
        return self.name


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", _("Diterima")
    IN_PROCESS = "in_process", _("Diproses")
    ANSWERED = "answered", _("Dijawab")
    CLOSED = "closed", _("Selesai")


class Complaint(models.Model):
    """A complaint (pengaduan), from receipt and registration to its answer and closing."""

    tracking_code = models.CharField(_("kode pelacakan"), max_length=16, unique=True, default=new_code)
    channel = models.CharField(_("saluran"), max_length=10, choices=ComplaintChannel.choices)
    category = models.ForeignKey(ComplaintCategory, on_delete=models.PROTECT, verbose_name=_("kategori"))
    name = models.CharField(_("nama"), max_length=150, blank=True)  # blank: anonymous
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("nomor telepon"), max_length=30, blank=True)
    description = models.TextField(_("isi pengaduan"), max_length=5000)
    application = models.ForeignKey(
        "applications.Application", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    survey_response = models.ForeignKey(
        SurveyResponse, null=True, blank=True, on_delete=models.PROTECT, related_name="complaints"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ComplaintStatus.choices, default=ComplaintStatus.RECEIVED
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unit = models.CharField(_("unit tujuan"), max_length=150, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )  # the officer who typed it in (suggestion box, SMS, phone, in person); empty for the web form
    received_at = models.DateTimeField(db_index=True)
    due_date = models.DateField(_("batas waktu"))
    answer = models.TextField(_("jawaban"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("pengaduan")
        verbose_name_plural = _("pengaduan")
        constraints = [
            models.CheckConstraint(condition=~models.Q(email="", phone=""), name="complaint_has_a_contact")
        ]

    def __str__(self) -> str:
        return self.tracking_code

    @property
    def is_anonymous(self) -> bool:
        return not self.name


class ComplaintEvent(models.Model):
    """The complaint's history, one row per step (append-only)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20)
    status = models.CharField(max_length=12, choices=ComplaintStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["complaint", "at", "id"]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.action}"
