from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from perizinan.applications.models import Application

from .records import RecordKind
from .transitions import ApplicationWorkflow


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The process log is append-only")

    def delete(self):
        raise PermissionError("The process log is append-only")


class ProcessLogEntry(models.Model):
    """One line of the map pengendali proses. Append-only and hash-chained per application."""

    application = models.ForeignKey("applications.Application", on_delete=models.PROTECT, related_name="log")
    seq = models.PositiveIntegerField()
    step = models.PositiveSmallIntegerField(null=True)
    action = models.CharField(max_length=60)
    direction = models.CharField(max_length=10)
    from_state = models.CharField(max_length=30)
    to_state = models.CharField(max_length=30)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    actor_name = models.CharField(max_length=200)
    role = models.CharField(max_length=30)
    at = models.DateTimeField()
    note = models.TextField(blank=True)
    initial = models.CharField(max_length=12, blank=True)
    data = models.JSONField(default=dict, blank=True)
    seconds_taken = models.PositiveIntegerField(null=True, help_text=_("Sejak entri sebelumnya"))
    standard = models.CharField(max_length=60, blank=True)
    due_on = models.DateField(null=True, help_text=_("Target hari langkah yang diselesaikan entri ini"))
    late = models.BooleanField(default=False, help_text=_("Diselesaikan setelah target harinya"))
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)
    # Which PROCESS_LOG_KEYS entry keyed `hash`.
    key_id = models.CharField(max_length=16, blank=True, default="")

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["application", "seq"]
        constraints = [models.UniqueConstraint(fields=["application", "seq"], name="log_unique_seq")]
        verbose_name = _("entri map pengendali proses")
        verbose_name_plural = _("map pengendali proses")

    def __str__(self) -> str:
        return f"{self.application_id}#{self.seq} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("The process log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The process log is append-only")


class StepRecord(models.Model):
    """An output of a step (receipt, cover letter, initial, signature...), linked to its log entry."""

    application = models.ForeignKey(
        "applications.Application", on_delete=models.PROTECT, related_name="records"
    )
    log_entry = models.ForeignKey(ProcessLogEntry, on_delete=models.PROTECT, related_name="records")
    kind = models.CharField(max_length=30, choices=RecordKind.choices)
    step = models.PositiveSmallIntegerField(null=True)
    number = models.CharField(max_length=100, blank=True)
    data = models.JSONField(default=dict, blank=True)
    document = models.ForeignKey("applications.Document", null=True, blank=True, on_delete=models.PROTECT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["application", "id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.number}".strip()


class ClockPause(models.Model):
    """A span in which the SLA clock stood still because the application waited on the applicant."""

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="pauses"
    )
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    state = models.CharField(max_length=30)
    working_days = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["application", "started_at"]

    def __str__(self) -> str:
        return f"{self.application_id} {self.started_at:%Y-%m-%d}"


class WorkflowApplication(ApplicationWorkflow, Application):
    """The application as the workflow moves it: the SOP's transitions on top of the record.

    A proxy (no table of its own), so that `applications` needs nothing from the workflow;
    `services.take_action` is the only code that moves one."""

    class Meta:
        proxy = True
        verbose_name = _("permohonan (alur kerja)")
