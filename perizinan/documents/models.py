from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def generated_path(instance: "GeneratedDocument", filename: str) -> str:
    return f"generated/{instance.application_id or 'blank'}/{instance.sha256[:2]}/{instance.sha256}.pdf"


class GeneratedDocument(models.Model):
    """A PDF the system produced (receipt, cover letter, licence...): stored once, never changed."""

    application = models.ForeignKey(
        "applications.Application", null=True, blank=True, on_delete=models.PROTECT, related_name="generated"
    )
    kind = models.CharField(_("jenis dokumen"), max_length=40)
    step = models.PositiveSmallIntegerField(null=True, blank=True)
    log_entry = models.ForeignKey(
        "workflow.ProcessLogEntry", null=True, blank=True, on_delete=models.PROTECT, related_name="generated"
    )
    file = models.FileField(upload_to=generated_path, max_length=300)
    sha256 = models.CharField(max_length=64, db_index=True)
    size = models.PositiveIntegerField()
    signed = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["application", "id"]
        constraints = [
            # A step's document is stored once: a retried job never stores it twice.
            models.UniqueConstraint(
                fields=["log_entry", "kind"],
                condition=models.Q(log_entry__isnull=False),
                name="generated_once_per_step",
            )
        ]
        verbose_name = _("dokumen yang dihasilkan")
        verbose_name_plural = _("dokumen yang dihasilkan")

    def __str__(self) -> str:
        return f"{self.kind} {self.sha256[:12]}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("Generated documents are immutable")
        super().save(*args, **kwargs)


class JobState(models.TextChoices):
    PENDING = "pending", _("Sedang disiapkan")
    RUNNING = "running", _("Sedang dibuat")
    DONE = "done", _("Selesai")
    FAILED = "failed", _("Gagal")


class DocumentJob(models.Model):
    """The documents one step still has to produce (an outbox row written in the step's own
    transaction); the task worker makes them after commit. See docs/adr/0007."""

    application = models.ForeignKey(
        "applications.Application", on_delete=models.PROTECT, related_name="document_jobs"
    )
    log_entry = models.OneToOneField(
        "workflow.ProcessLogEntry", on_delete=models.PROTECT, related_name="document_job"
    )
    kinds = models.JSONField(default=list)
    state = models.CharField(max_length=10, choices=JobState.choices, default=JobState.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["application", "id"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="documentjob_state")]
        verbose_name = _("pembuatan dokumen")
        verbose_name_plural = _("pembuatan dokumen")

    def __str__(self) -> str:
        return f"{self.application_id}#{self.log_entry_id} {self.state}"
