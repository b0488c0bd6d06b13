from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OfficeClosure(models.Model):
    """A day the office is closed besides weekends and national holidays."""

    date = models.DateField(_("tanggal"), unique=True)
    reason = models.CharField(_("alasan"), max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["date"]
        verbose_name = _("hari tutup kantor")
        verbose_name_plural = _("hari tutup kantor")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.reason}"
