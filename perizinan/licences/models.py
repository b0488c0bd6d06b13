import secrets
from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LicenceCounter(models.Model):
    """One row per (permit type, year); locked with SELECT ... FOR UPDATE while numbering."""

    permit_type = models.ForeignKey("catalog.PermitType", on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["permit_type", "year"], name="counter_unique_year")]

    def __str__(self) -> str:
        return f"{self.permit_type_id}/{self.year}: {self.last}"


class LicenceNumber(models.Model):
    """Every number ever drawn. Never deleted, never reused: a voided number stays voided."""

    permit_type = models.ForeignKey("catalog.PermitType", on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField()
    seq = models.PositiveIntegerField()
    number = models.CharField(max_length=100, unique=True)
    application = models.ForeignKey("applications.Application", on_delete=models.PROTECT, related_name="+")
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    drawn_at = models.DateTimeField(auto_now_add=True)
    voided = models.BooleanField(default=False)
    void_reason = models.TextField(blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    voided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["permit_type", "year", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["permit_type", "year", "seq"], name="number_unique_seq")
        ]

    def __str__(self) -> str:
        return self.number


class LicenceStatus(models.TextChoices):
    ACTIVE = "active", _("Berlaku")
    REVOKED = "revoked", _("Dicabut")
    CLOSED = "closed", _("Ditutup")


class Licence(models.Model):
    number = models.CharField(_("nomor izin"), max_length=100, unique=True)
    licence_number = models.OneToOneField(LicenceNumber, on_delete=models.PROTECT)
    permit_type = models.ForeignKey("catalog.PermitType", on_delete=models.PROTECT)
    application = models.OneToOneField(
        "applications.Application", on_delete=models.PROTECT, related_name="licence"
    )
    company = models.ForeignKey("applications.Company", on_delete=models.PROTECT, related_name="licences")
    holder_name = models.CharField(_("pemegang izin"), max_length=250)
    technical_lead_name = models.CharField(_("penanggung jawab teknis"), max_length=200)
    director_name = models.CharField(_("direktur"), max_length=200)
    address = models.CharField(_("alamat"), max_length=300)
    issued_on = models.DateField(_("tanggal terbit"))
    signed_by = models.CharField(_("ditandatangani oleh"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=LicenceStatus.choices, default=LicenceStatus.ACTIVE
    )
    status_reason = models.TextField(blank=True)
    status_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    status_at = models.DateTimeField(null=True, blank=True)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    superseded_number = models.CharField(_("nomor izin kertas yang digantikan"), max_length=100, blank=True)
    verification_code = models.CharField(max_length=32, unique=True)
    expires_on = models.DateField(
        _("berlaku sampai dengan"), null=True, blank=True, help_text=_("Kosong = tanpa tanggal kedaluwarsa")
    )

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = _("izin")
        verbose_name_plural = _("izin")

    def __str__(self) -> str:
        return self.number

    @staticmethod
    def new_verification_code() -> str:
        return secrets.token_urlsafe(16)

    def expired_on(self, day: date) -> bool:
        """Past its expiry date on `day` (a licence without one never expires)."""
        return self.expires_on is not None and day > self.expires_on


class Payment(models.Model):
    """The fee (retribusi) of a permit type with `fee` > 0, paid once per application: recorded
    by the pickup counter from the bank's proof (`workflow` action `record_payment`); the
    licence is handed over only once it is recorded. Its receipt is the step's document
    `payment_receipt` (made and sealed by the document worker; `documents.selectors.payment_receipt`)."""

    application = models.OneToOneField(
        "applications.Application", on_delete=models.PROTECT, related_name="payment"
    )
    amount = models.DecimalField(_("jumlah (Rp)"), max_digits=14, decimal_places=0)
    paid_on = models.DateField(_("tanggal bayar"))
    reference = models.CharField(_("nomor bukti bayar / referensi bank"), max_length=100)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("dicatat pada"))

    class Meta:
        ordering = ["-recorded_at"]
        verbose_name = _("pembayaran")
        verbose_name_plural = _("pembayaran")

    def __str__(self) -> str:
        return f"{self.application_id}: Rp {self.amount} ({self.reference})"
