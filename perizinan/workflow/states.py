"""The states of an application and where each sits in SOP-LP2N-KES-02 (Lampiran 1)."""

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    DRAFT = "draft", _("Draf pemohon")  # step 3
    SUBMITTED = "submitted", _("Diserahkan ke Customer Service")  # step 4
    RETURNED_BY_CS = "returned_by_cs", _("Dikembalikan CS untuk dilengkapi")  # step 4 loop
    ACCEPTED = "accepted", _("Lengkap, menunggu pendaftaran")  # step 6
    REGISTERED = "registered", _("Terdaftar, verifikasi berkas")  # step 7
    VERIFICATION_RETURNED = "verification_returned", _("Dikembalikan verifikator ke CS")  # step 8
    AWAITING_FIX = "awaiting_fix", _("Menunggu perbaikan pemohon")  # step 8 loop
    FIX_RECEIVED = "fix_received", _("Perbaikan diterima CS")  # step 8
    VERIFIED = "verified", _("Terverifikasi, surat pengantar siap")  # step 9
    AT_AGENCY = "at_agency", _("Kajian tim teknis")  # step 10
    AGENCY_RETURNED = "agency_returned", _("Dikembalikan tim teknis untuk perbaikan")  # step 10 loop
    RECOMMENDED = "recommended", _("Penyusunan draf izin")  # step 11 (after the recommendation, if any)
    DRAFTED = "drafted", _("Pemeriksaan draf oleh Kepala Seksi")  # step 12
    SECTION_APPROVED = "section_approved", _("Pemeriksaan oleh Kepala Bidang")  # step 13
    DIVISION_APPROVED = "division_approved", _("Persetujuan Kepala Dinas")  # step 14
    MEETING_CALLED = "meeting_called", _("Belum memenuhi syarat: konfirmasi dengan pemohon")  # 14a
    SIGNED = "signed", _("Ditandatangani, penomoran")  # step 15
    NUMBERED = "numbered", _("Siap diambil di loket pengambilan")  # step 16
    HANDED_OVER = "handed_over", _("Diserahkan, menunggu konfirmasi pemohon")  # step 17
    COMPLETED = "completed", _("Selesai")
    WITHDRAWN = "withdrawn", _("Dicabut pemohon")
    DECLINED = "declined", _("Ditolak tim teknis")
    REJECTED = "rejected", _("Ditolak Kepala Dinas")


# The SOP step at which the application waits in each state.
STATE_STEP: dict[str, int] = {
    State.DRAFT: 3,
    State.SUBMITTED: 4,
    State.RETURNED_BY_CS: 4,
    State.ACCEPTED: 6,
    State.REGISTERED: 7,
    State.VERIFICATION_RETURNED: 8,
    State.AWAITING_FIX: 8,
    State.FIX_RECEIVED: 8,
    State.VERIFIED: 9,
    State.AT_AGENCY: 10,
    State.AGENCY_RETURNED: 10,
    State.RECOMMENDED: 11,
    State.DRAFTED: 12,
    State.SECTION_APPROVED: 13,
    State.DIVISION_APPROVED: 14,
    State.MEETING_CALLED: 14,
    State.SIGNED: 15,
    State.NUMBERED: 16,
    State.HANDED_OVER: 17,
    State.COMPLETED: 17,
    State.WITHDRAWN: 3,
    State.DECLINED: 10,
    State.REJECTED: 14,
}

# States in which the application waits on the applicant: the SLA clock pauses there.
WAITING_ON_APPLICANT = frozenset(
    {State.RETURNED_BY_CS, State.AWAITING_FIX, State.AGENCY_RETURNED, State.MEETING_CALLED}
)
FINAL_STATES = frozenset({State.COMPLETED, State.WITHDRAWN, State.DECLINED, State.REJECTED})
# Once the licence is issued (numbered and dated, section I) the office's clock no longer runs:
# a licence issued on time that waits at the pickup counter is not late.
CLOCK_STOPPED = FINAL_STATES | {State.NUMBERED, State.HANDED_OVER}
# Until registration the application is the applicant's to withdraw (ADR 0002).
BEFORE_REGISTRATION = [State.DRAFT, State.SUBMITTED, State.RETURNED_BY_CS, State.ACCEPTED]
# Filed and not ended: where a supervisor may add a remark (section P).
IN_PROGRESS = [s for s in State if s is not State.DRAFT and s not in FINAL_STATES]


@dataclass(frozen=True)
class StepStandard:
    """A step of Lampiran 1: its time standard (mutu baku) and its target day."""

    number: int
    title: Any
    standard: Any  # as written in the SOP (lazily translated)
    anchor: str | None = None  # "registration" or "clock": the day H counts from
    offset: int = 0  # target = H + offset working days


STEPS: dict[int, StepStandard] = {
    s.number: s
    for s in [
        StepStandard(1, _("Mencari informasi"), _("Jam pelayanan")),
        StepStandard(2, _("Layanan informasi"), _("Sesuai kebutuhan")),
        StepStandard(3, _("Mengisi formulir dan melengkapi berkas"), _("Sesuai kebutuhan")),
        StepStandard(4, _("Pemeriksaan kelengkapan oleh CS"), _("Sesuai kebutuhan")),
        StepStandard(5, _("Konsultasi help desk"), _("Hari H, 10–30 menit"), "registration", 0),
        StepStandard(6, _("Pendaftaran dan tanda terima"), _("Hari H, 10 menit"), "registration", 0),
        StepStandard(7, _("Verifikasi dan surat pengantar"), _("Hari H, 5–15 menit"), "registration", 0),
        StepStandard(8, _("Perbaikan berkas melalui CS"), _("Hari H, 5–15 menit"), "registration", 0),
        StepStandard(9, _("Pengantaran berkas ke OPD"), _("Hari H, 60 menit"), "registration", 0),
        StepStandard(10, _("Kajian dan rekomendasi tim teknis"), _("Sesuai jenis izin")),
        StepStandard(11, _("Penyusunan draf izin"), _("H s.d. H+1, 5–15 menit"), "clock", 1),
        StepStandard(12, _("Pemeriksaan Kepala Seksi"), _("H s.d. H+3, 10–30 menit"), "clock", 3),
        StepStandard(13, _("Pemeriksaan Kepala Bidang"), _("H s.d. H+4, 10–30 menit"), "clock", 4),
        StepStandard(14, _("Persetujuan dan tanda tangan Kepala Dinas"), _("H s.d. H+5"), "clock", 5),
        StepStandard(15, _("Penomoran oleh Tata Usaha"), _("H s.d. H+5, 5–15 menit"), "clock", 5),
        StepStandard(16, _("Penyerahan izin di loket pengambilan"), _("Sesuai kebutuhan")),
        StepStandard(17, _("Pemohon menerima izin"), _("Sesuai kebutuhan")),
    ]
}
