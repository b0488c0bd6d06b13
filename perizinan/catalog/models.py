from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicationKind(models.TextChoices):
    NEW = "new", _("Baru")
    CHANGE = "change", _("Perubahan / addendum")
    TECHNICAL_LEAD_CHANGE = "technical_lead_change", _("Pergantian PJT")
    DIRECTOR_CHANGE = "director_change", _("Perubahan direktur / pimpinan")
    # Extends the validity of the licence named as the previous one (a permit type whose
    # licences expire, `validity_months`): the new licence supersedes it with a later expiry.
    EXTENSION = "extension", _("Perpanjangan masa berlaku")


class ClockStart(models.TextChoices):
    RECOMMENDATION = "recommendation", _("Sejak rekomendasi teknis diterima")
    RECEIPT = "receipt", _("Sejak bukti tanda terima pendaftaran")


class Stage(models.TextChoices):
    SUBMISSION = "submission", _("Diserahkan pemohon")
    TECHNICAL_REVIEW = "technical_review", _("Dihasilkan pada kajian teknis (langkah 10)")


class Condition(models.TextChoices):
    ALWAYS = "always", _("Selalu")
    FOREIGN_INVESTMENT = "foreign_investment", _("Perusahaan PMA")
    ELECTROMEDICAL = "electromedical", _("Penyalur alkes elektromedik")
    RADIATION = "radiation", _("Penyalur alkes elektromedik radiasi")
    TECHNICIANS = "technicians", _("Mempekerjakan teknisi")
    NUISANCE_PERMIT = "nuisance_permit", _("Bila pengaturan kantor mewajibkan izin gangguan (HO)")
    AGENT = "agent", _("Permohonan diurus oleh kuasa")
    DELEGATED_SIGNING = "delegated_signing", _("Ditandatangani oleh selain direktur")


class PermitType(models.Model):
    code = models.SlugField(_("kode"), max_length=20, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    name_en = models.CharField(_("nama (Inggris)"), max_length=200, blank=True)
    sop_number = models.CharField(_("nomor SOP"), max_length=40, blank=True)
    legal_bases = models.JSONField(_("dasar hukum"), default=list, blank=True)
    technical_agency = models.ForeignKey(
        "accounts.TechnicalAgency",
        verbose_name=_("instansi teknis"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    needs_recommendation = models.BooleanField(_("memerlukan rekomendasi teknis"), default=True)
    sla_working_days = models.PositiveSmallIntegerField(_("jangka waktu (hari kerja)"))
    clock_start = models.CharField(_("awal perhitungan"), max_length=20, choices=ClockStart.choices)
    fee = models.DecimalField(_("biaya (Rp)"), max_digits=14, decimal_places=0, default=0)
    validity = models.CharField(_("masa berlaku"), max_length=200)
    validity_en = models.CharField(_("masa berlaku (Inggris)"), max_length=200, blank=True)
    validity_months = models.PositiveSmallIntegerField(
        _("masa berlaku (bulan)"),
        null=True,
        blank=True,
        help_text=_("Kosong = tanpa tanggal kedaluwarsa; diisi = izin berakhir sekian bulan sejak terbit"),
    )
    product = models.CharField(_("produk layanan"), max_length=200, blank=True)
    purpose = models.TextField(_("maksud dan tujuan"), blank=True)
    purpose_en = models.TextField(_("maksud dan tujuan (Inggris)"), blank=True)
    licence_activity = models.CharField(
        _("kegiatan yang diizinkan"),
        max_length=200,
        blank=True,
        help_text=_("Dicetak pada surat izin: 'untuk menyelenggarakan kegiatan sebagai ...'"),
    )
    obligations = models.JSONField(
        _("ketentuan bagi pemegang izin"),
        default=list,
        blank=True,
        help_text=_("Daftar kalimat yang dicetak pada surat izin dan drafnya"),
    )
    inspection_points = models.JSONField(
        _("butir pemeriksaan setempat"),
        default=list,
        blank=True,
        help_text=_('Berita acara langkah 10: [{"group": "Gudang", "items": ["...", "..."]}, ...]'),
    )
    kinds = models.JSONField(_("jenis permohonan"), default=list)
    number_format = models.CharField(
        _("format nomor izin"),
        max_length=100,
        default="503/{seq:04d}/{code}/DPMPTSP/{year}",
        help_text=_("Kolom: {seq}, {year}, {code}. Contoh: 503/{seq:04d}/{code}/DPMPTSP/{year}"),
    )
    active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("jenis izin")
        verbose_name_plural = _("jenis izin")

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"

    def clean(self) -> None:

        if not self.needs_recommendation and self.clock_start == ClockStart.RECOMMENDATION:
            raise ValidationError(
                {"clock_start": _("Tanpa rekomendasi teknis, jangka waktu dihitung sejak tanda terima.")}
            )
        try:
            self.format_number(seq=1, year=2000)
        except (KeyError, ValueError, IndexError):
            raise ValidationError(
                {"number_format": _("Format nomor tidak valid: gunakan {seq}, {year} dan {code}.")}
            ) from None

    def format_number(self, *, seq: int, year: int) -> str:
        return self.number_format.format(seq=seq, year=year, code=self.code)


class Requirement(models.Model):
    permit_type = models.ForeignKey(PermitType, on_delete=models.CASCADE, related_name="requirements")
    number = models.PositiveSmallIntegerField(_("nomor"))
    title = models.CharField(_("judul"), max_length=300)
    title_en = models.CharField(_("judul (Inggris)"), max_length=300, blank=True)
    stage = models.CharField(_("tahap"), max_length=20, choices=Stage.choices, default=Stage.SUBMISSION)
    condition = models.CharField(
        _("syarat berlaku"), max_length=30, choices=Condition.choices, default=Condition.ALWAYS
    )
    kinds = models.JSONField(
        _("hanya untuk jenis permohonan"), default=list, blank=True, help_text=_("Kosong = semua jenis")
    )
    source = models.CharField(_("sumber"), max_length=20, blank=True)

    class Meta:
        ordering = ["permit_type", "number"]
        constraints = [
            models.UniqueConstraint(fields=["permit_type", "number"], name="requirement_unique_number")
        ]
        verbose_name = _("persyaratan")
        verbose_name_plural = _("persyaratan")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"
