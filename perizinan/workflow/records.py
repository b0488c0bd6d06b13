"""The kinds of record a step leaves in the process-control folder."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RecordKind(models.TextChoices):
    REGISTRATION_RECEIPT = "registration_receipt", _("Bukti tanda terima berkas")
    VERIFICATION_FORM = "verification_form", _("Form verifikasi")
    COVER_LETTER = "cover_letter", _("Surat pengantar ke OPD")
    LIAISON_RECEIPT = "liaison_receipt", _("Bukti tanda terima di OPD")
    INSPECTION_REPORT = "inspection_report", _("Berita Acara Pemeriksaan")
    RECOMMENDATION = "recommendation", _("Rekomendasi teknis")
    DRAFT_LICENCE = "draft_licence", _("Draf surat izin")
    INITIAL = "initial", _("Paraf")
    SIGNATURE = "signature", _("Tanda tangan Kepala Dinas")
    NUMBERING = "numbering", _("Penomoran izin")
    HANDOVER_RECEIPT = "handover_receipt", _("Bukti serah terima izin")
    CONFIRMATION = "confirmation", _("Konfirmasi pemohon")
    MEETING = "meeting", _("Undangan / hasil pertemuan")
    CONSULTATION = "consultation", _("Konsultasi help desk")
    PAYMENT = "payment", _("Pembayaran biaya izin")
