"""The front office: queue tickets (SOP steps 1, 3, 16) and consultations (steps 2 and 5)."""

from datetime import time
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceCode(models.TextChoices):
    INFO = "info", _("Informasi")
    CS = "cs", _("Customer Service")
    PICKUP = "pickup", _("Pengambilan izin")


class QueueService(models.Model):
    """A queue of the office (one per counter kind), with its letter and optional own hours."""

    office = models.ForeignKey("accounts.Office", on_delete=models.CASCADE, related_name="queue_services")
    code = models.CharField(_("layanan"), max_length=20, choices=ServiceCode.choices)
    name = models.CharField(_("nama tampilan"), max_length=100)
    prefix = models.CharField(_("huruf nomor antrian"), max_length=2)
    active = models.BooleanField(_("aktif"), default=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    service_hours = models.JSONField(
        _("jam layanan"),
        default=dict,
        blank=True,
        help_text=_("Kosongkan untuk memakai jam pelayanan kantor. Format sama dengan pengaturan kantor."),
    )

    class Meta:
        verbose_name = _("layanan antrian")
        verbose_name_plural = _("layanan antrian")
        ordering = ["order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["office", "code"], name="queue_service_once_per_office")
        ]

    def __str__(self) -> str:
        return f"{self.prefix} · {self.name}"

    def clean(self) -> None:
        """Hours as {"0": ["08:00", "19:00"], ...} (0 = Monday), opening before closing."""
        errors: list[Any] = []
        hours = self.service_hours or {}
        if not isinstance(hours, dict):
            errors.append(_("Jam layanan harus berupa objek per hari."))
        else:
            for day, span in hours.items():
                try:
                    ok = day in {str(d) for d in range(7)} and len(span) == 2
                    ok = ok and time.fromisoformat(span[0]) < time.fromisoformat(span[1])
                except (TypeError, ValueError):
                    ok = False
                if not ok:
                    errors.append(
                        _('Hari %(day)s: tulis seperti ["08:00", "19:00"] dengan hari 0–6.') % {"day": day}
                    )
        if errors:
            raise ValidationError({"service_hours": errors})


class TicketStatus(models.TextChoices):
    WAITING = "waiting", _("Menunggu")
    CALLED = "called", _("Dipanggil")
    SKIPPED = "skipped", _("Dilewati")
    DONE = "done", _("Selesai")
    TRANSFERRED = "transferred", _("Dialihkan")


class QueueTicket(models.Model):
    """A numbered ticket of one service on one (WITA) day; numbers restart each day."""

    service = models.ForeignKey(QueueService, on_delete=models.PROTECT, related_name="tickets")
    day = models.DateField(_("tanggal"))
    seq = models.PositiveIntegerField(_("urutan"))
    number = models.CharField(_("nomor antrian"), max_length=10)
    phone = models.CharField(_("nomor telepon"), max_length=20, blank=True)
    status = models.CharField(max_length=12, choices=TicketStatus.choices, default=TicketStatus.WAITING)
    issued_at = models.DateTimeField(_("diambil pada"))
    called_at = models.DateTimeField(_("dipanggil pada"), null=True, blank=True)
    last_called_at = models.DateTimeField(null=True, blank=True)
    calls = models.PositiveSmallIntegerField(default=0)
    finished_at = models.DateTimeField(_("selesai pada"), null=True, blank=True)
    counter = models.CharField(_("loket"), max_length=10, blank=True)
    served_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    transferred_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="transferred_to"
    )
    application = models.ForeignKey(
        "applications.Application",
        verbose_name=_("permohonan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="queue_tickets",
    )

    class Meta:
        verbose_name = _("tiket antrian")
        verbose_name_plural = _("tiket antrian")
        ordering = ["day", "service", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["service", "day", "seq"], name="ticket_number_per_day")
        ]
        indexes = [models.Index(fields=["service", "day", "status"])]

    def __str__(self) -> str:
        return self.number

    @property
    def waiting_seconds(self) -> int | None:
        return int((self.called_at - self.issued_at).total_seconds()) if self.called_at else None

    @property
    def service_seconds(self) -> int | None:
        if self.called_at and self.finished_at:
            return int((self.finished_at - self.called_at).total_seconds())
        return None


class Channel(models.TextChoices):
    COUNTER = "counter", _("Loket (tatap muka)")
    PHONE = "phone", _("Telepon")
    EMAIL = "email", _("E-mail")
    WHATSAPP = "whatsapp", _("WhatsApp")


class Outcome(models.TextChoices):
    ANSWERED = "answered", _("Terjawab")
    FORMS_GIVEN = "forms_given", _("Formulir dan checklist diberikan")
    REFERRED_CS = "referred_cs", _("Diarahkan ke customer service")
    REFERRED_HELPDESK = "referred_helpdesk", _("Diarahkan ke help desk")
    FOLLOW_UP = "follow_up", _("Perlu tindak lanjut")


class Feedback(models.IntegerChoices):
    POOR = 1, _("Tidak puas")
    FAIR = 2, _("Kurang puas")
    GOOD = 3, _("Puas")
    EXCELLENT = 4, _("Sangat puas")


class Consultation(models.Model):
    """One consultation at the information desk (SOP step 2) or the help desk (step 5)."""

    class Desk(models.TextChoices):
        INFO = "info", _("Layanan informasi")
        HELPDESK = "helpdesk", _("Help desk")

    desk = models.CharField(_("meja layanan"), max_length=10, choices=Desk.choices)
    visitor_name = models.CharField(_("nama pengunjung"), max_length=200)
    visitor_contact = models.CharField(_("kontak pengunjung"), max_length=200, blank=True)
    channel = models.CharField(_("saluran"), max_length=10, choices=Channel.choices, default=Channel.COUNTER)
    topic = models.CharField(_("topik / pertanyaan"), max_length=500)
    permit_type = models.ForeignKey(
        "catalog.PermitType", verbose_name=_("jenis izin"), null=True, blank=True, on_delete=models.PROTECT
    )
    application = models.ForeignKey(
        "applications.Application",
        verbose_name=_("permohonan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    ticket = models.ForeignKey(
        QueueTicket,
        verbose_name=_("tiket antrian"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diminta oleh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("diminta pada"), null=True, blank=True)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("petugas"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    started_at = models.DateTimeField(_("mulai"), null=True, blank=True)
    ended_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("durasi (menit)"), null=True, blank=True)
    explanation = models.TextField(_("penjelasan yang diberikan"), blank=True)
    outcome = models.CharField(_("hasil"), max_length=20, choices=Outcome.choices, blank=True)
    feedback = models.PositiveSmallIntegerField(
        _("umpan balik"), choices=Feedback.choices, null=True, blank=True
    )
    feedback_note = models.CharField(_("catatan umpan balik"), max_length=500, blank=True)
    log_entry = models.ForeignKey(
        "workflow.ProcessLogEntry", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("konsultasi")
        verbose_name_plural = _("konsultasi")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_desk_display()} · {self.visitor_name}"

    @property
    def is_open(self) -> bool:
        return self.ended_at is None


class FormMailing(models.Model):
    """The requirements checklist and blank forms e-mailed to someone not present (step 2)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu dikirim")
        SENT = "sent", _("Terkirim")
        FAILED = "failed", _("Gagal")

    email = models.EmailField(_("alamat e-mail"))
    permit_type = models.ForeignKey(
        "catalog.PermitType", verbose_name=_("jenis izin"), on_delete=models.PROTECT
    )
    kind = models.CharField(_("jenis permohonan"), max_length=30)
    forms = models.JSONField(default=list)
    language = models.CharField(max_length=5, default="id")
    consultation = models.ForeignKey(Consultation, null=True, blank=True, on_delete=models.SET_NULL)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("kiriman formulir")
        verbose_name_plural = _("kiriman formulir")

    def __str__(self) -> str:
        return self.email
