"""The notification outbox, message templates (Indonesian and English) and each person's channels."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")
    WHATSAPP = "whatsapp", _("WhatsApp")


class Event(models.TextChoices):
    SUBMITTED = "submitted", _("Permohonan diterima")
    RETURNED = "returned", _("Permohonan dikembalikan untuk diperbaiki")
    REGISTERED = "registered", _("Permohonan terdaftar")
    RECOMMENDATION = "recommendation", _("Rekomendasi teknis diterima")
    READY = "ready", _("Izin siap diambil")
    ISSUED = "issued", _("Izin diserahkan")
    DECLINED = "declined", _("Permohonan ditolak")
    SURVEY = "survey", _("Undangan survei kepuasan")
    QUEUE_CALLED = "queue_called", _("Nomor antrian dipanggil")
    DIGEST = "digest", _("Ringkasan tugas harian")
    STEP_DUE = "step_due", _("Pengingat: langkah jatuh tempo besok")
    STEP_LATE = "step_late", _("Pengingat: langkah terlambat")
    OVERDUE = "overdue", _("Permohonan melewati batas waktu")


class ContactPreference(models.Model):
    """Which channels a person wants, and the number for SMS/WhatsApp. E-mail is on by default."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contact_preference"
    )
    email = models.BooleanField(_("e-mail"), default=True)
    sms = models.BooleanField(_("SMS"), default=False)
    whatsapp = models.BooleanField(_("WhatsApp"), default=False)
    phone = models.CharField(_("nomor HP"), max_length=20, blank=True)
    language = models.CharField(_("bahasa pesan"), max_length=5, choices=settings.LANGUAGES, default="id")

    class Meta:
        verbose_name = _("pilihan notifikasi")
        verbose_name_plural = _("pilihan notifikasi")

    def __str__(self) -> str:
        return str(self.user)


class MessageTemplate(models.Model):
    """The text of one event in one language (Django template syntax), editable by the site administrator."""

    event = models.CharField(_("peristiwa"), max_length=20, choices=Event.choices)
    language = models.CharField(_("bahasa"), max_length=5, choices=settings.LANGUAGES)
    subject = models.CharField(_("subjek e-mail"), max_length=200)
    body = models.TextField(_("isi e-mail"))
    short = models.CharField(_("teks SMS/WhatsApp"), max_length=480)

    class Meta:
        verbose_name = _("templat pesan")
        verbose_name_plural = _("templat pesan")
        constraints = [
            models.UniqueConstraint(fields=["event", "language"], name="one_template_per_event_language")
        ]

    def __str__(self) -> str:
        return f"{self.get_event_display()} ({self.language})"


class Notification(models.Model):
    """One message to one address on one channel: written in the transaction of its event, sent after commit."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu")
        SENDING = "sending", _("Sedang dikirim")
        SENT = "sent", _("Terkirim")
        FAILED = "failed", _("Gagal")

    key = models.CharField(max_length=120, help_text="The event this message is for (idempotency)")
    event = models.CharField(_("peristiwa"), max_length=20, choices=Event.choices)
    channel = models.CharField(_("saluran"), max_length=10, choices=Channel.choices)
    to = models.CharField(_("tujuan"), max_length=254)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    application = models.ForeignKey(
        "applications.Application",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    language = models.CharField(max_length=5, default="id")
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    provider_id = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    sent_at = models.DateTimeField(_("terkirim pada"), null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["key", "channel", "to"], name="notification_once_per_event"),
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.event} → {self.to} ({self.channel})"
