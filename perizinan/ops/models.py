from django.db import models


class WorkerHeartbeat(models.Model):
    """One row per running task worker (`manage.py run_worker`), touched every few seconds.

    Readiness (`GET /api/v1/health/ready`) asks whether any worker was seen recently."""

    worker_id = models.CharField(max_length=64, unique=True)
    hostname = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.worker_id} {self.seen_at:%Y-%m-%d %H:%M:%S}"
