"""Issuing the licence, steps 11-17 of SOP-LP2N-KES-02: the draft, the initials of the
heads of section and division, the signature of the head of the office (and its "not yet
eligible" loop), the licence number, the hand-over and the applicant's confirmation.

Their effects are in `effects_issuing.py`; see `transitions.py` for what a step declares.
"""

from django.utils.translation import gettext_lazy as _

from perizinan.accounts.roles import Role

from . import effects_issuing as fx
from .conditions import with_recommendation
from .effects import returned
from .fields import Doc, Field, internal_note, note, reason
from .states import State as S
from .steps import step


class IssuingSteps:
    """Steps 11-17: from the draft licence to the applicant's confirmation."""

    # --- Step 11: administration & monitoring drafts the licence ---------------------
    @step(
        source=S.RECOMMENDED,
        target=S.DRAFTED,
        number=11,
        role=Role.ADMIN_MONITORING,
        direction="forward",
        label=_("Susun draf izin"),
        outputs=(_("Draf surat izin"),),
        fields=(note(),),
        effect=fx.draft,
        documents=(Doc("draft_licence"),),
    )
    def draft_licence(self) -> None:
        """Draft the licence from the standard format and the recommendation."""

    # --- Step 12: head of section -----------------------------------------------------
    @step(
        source=S.DRAFTED,
        target=S.SECTION_APPROVED,
        number=12,
        role=Role.SECTION_HEAD,
        direction="forward",
        label=_("Paraf dan teruskan ke Kepala Bidang"),
        outputs=(_("Paraf Kasi"),),
        fields=(note(),),
        effect=fx.initial,
        documents=(Doc("draft_licence"),),
    )
    def section_approve(self) -> None:
        """Draft and dossier are right: initial and pass on."""

    @step(
        source=S.DRAFTED,
        target=S.RECOMMENDED,
        number=12,
        role=Role.SECTION_HEAD,
        direction="back",
        label=_("Kembalikan draf untuk diperbaiki"),
        fields=(internal_note(),),
        effect=returned,
    )
    def section_send_back(self) -> None:
        """The draft has errors: back to administration for corrections."""

    @step(
        source=[S.DRAFTED, S.SECTION_APPROVED],
        target=None,
        number=12,
        role=Role.SECTION_HEAD,
        direction="note",
        label=_("Usulkan rapat gabungan"),
        outputs=(_("Surat undangan pertemuan"),),
        fields=(Field("meeting_date", "date", _("Tanggal rapat")), Field("agenda", "text", _("Agenda"))),
        effect=fx.propose_meeting,
    )
    def section_propose_meeting(self) -> None:
        """Propose and coordinate a joint meeting."""

    # --- Step 13: head of division ----------------------------------------------------
    @step(
        source=S.SECTION_APPROVED,
        target=S.DIVISION_APPROVED,
        number=13,
        role=Role.DIVISION_HEAD,
        direction="forward",
        label=_("Paraf dan teruskan ke Kepala Dinas"),
        outputs=(_("Paraf Kabid"),),
        fields=(note(),),
        effect=fx.initial,
        documents=(Doc("draft_licence"),),
    )
    def division_approve(self) -> None:
        """Draft and dossier are right: initial and pass to the head of the office."""

    @step(
        source=S.SECTION_APPROVED,
        target=S.RECOMMENDED,
        number=13,
        role=Role.DIVISION_HEAD,
        direction="back",
        label=_("Kembalikan draf untuk diperbaiki"),
        fields=(internal_note(),),
        effect=returned,
    )
    def division_send_back(self) -> None:
        """The draft has errors: back to administration for corrections."""

    @step(
        source=S.SECTION_APPROVED,
        target=None,
        number=13,
        role=Role.DIVISION_HEAD,
        direction="note",
        label=_("Usulkan rapat gabungan dengan tim teknis"),
        outputs=(_("Surat undangan pertemuan"),),
        fields=(Field("meeting_date", "date", _("Tanggal rapat")), Field("agenda", "text", _("Agenda"))),
        effect=fx.propose_meeting,
    )
    def division_propose_meeting(self) -> None:
        """Propose a joint meeting with the technical team (13d)."""

    # --- Step 14: head of the office ----------------------------------------------------
    @step(
        source=S.DIVISION_APPROVED,
        target=S.SIGNED,
        number=14,
        role=Role.OFFICE_HEAD,
        direction="forward",
        label=_("Setujui dan tandatangani"),
        outputs=(_("Surat izin ditandatangani"),),
        fields=(
            Field(
                "passphrase",
                "text",
                _("Passphrase tanda tangan elektronik (BSrE)"),
                required=False,
                max_length=200,
            ),
            note(),
        ),
        effect=fx.sign,
        documents=(Doc("licence_signed"),),
    )
    def sign(self) -> None:
        """Eligible and right: sign; pass to the registry."""

    @step(
        source=S.DIVISION_APPROVED,
        target=S.DRAFTED,
        number=14,
        role=Role.OFFICE_HEAD,
        direction="back",
        label=_("Kembalikan ke Kepala Seksi"),
        fields=(internal_note(),),
        effect=returned,
    )
    def office_send_back_section(self) -> None:
        """Eligible but the draft has errors: back to the head of section."""

    @step(
        source=S.DIVISION_APPROVED,
        target=S.SECTION_APPROVED,
        number=14,
        role=Role.OFFICE_HEAD,
        direction="back",
        label=_("Kembalikan ke Kepala Bidang"),
        fields=(internal_note(),),
        effect=returned,
    )
    def office_send_back_division(self) -> None:
        """Eligible but the draft has errors: back to the head of division."""

    @step(
        source=S.DIVISION_APPROVED,
        target=S.AT_AGENCY,
        number=14,
        role=Role.OFFICE_HEAD,
        direction="back",
        label=_("Minta kajian teknis ulang"),
        fields=(internal_note(),),
        effect=returned,
        when=with_recommendation,
    )
    def office_send_to_agency(self) -> None:
        """Not yet eligible: a new technical review by the agency."""

    @step(
        source=S.DIVISION_APPROVED,
        target=S.MEETING_CALLED,
        number=14,
        role=Role.OFFICE_HEAD,
        direction="back",
        label=_("Undang pemohon (belum memenuhi syarat)"),
        outputs=(_("Surat undangan pertemuan"),),
        fields=(reason(), Field("meeting_date", "date", _("Tanggal pertemuan"), required=False)),
        effect=fx.call_meeting,
    )
    def call_meeting(self) -> None:
        """Not yet eligible: confirm with the applicant (meeting, presentation)."""

    @step(
        source=S.MEETING_CALLED,
        target=S.DIVISION_APPROVED,
        number=14,
        role=Role.OFFICE_HEAD,
        direction="forward",
        label=_("Catat hasil pertemuan dan lanjutkan"),
        outputs=(_("Hasil pertemuan"),),
        fields=(Field("result", "text", _("Hasil pertemuan")),),
        effect=fx.meeting_held,
    )
    def meeting_held(self) -> None:
        """The meeting took place; the head of the office decides again."""

    @step(
        source=[S.DIVISION_APPROVED, S.MEETING_CALLED],
        target=S.REJECTED,
        number=14,
        role=Role.OFFICE_HEAD,
        direction="reject",
        label=_("Tolak permohonan"),
        fields=(reason(),),
        effect=returned,
    )
    def office_reject(self) -> None:
        """Not eligible: the application ends with reasons."""

    # --- Step 15: registry numbers the licence ------------------------------------------
    @step(
        source=S.SIGNED,
        target=S.NUMBERED,
        number=15,
        role=Role.REGISTRY,
        direction="forward",
        label=_("Beri nomor dan tanggal izin"),
        outputs=(_("Nomor izin"), _("Surat izin disahkan")),
        fields=(
            Field(
                "final_checklist_checked",
                "bool",
                _("Surat izin telah diperiksa sesuai checklist akhir"),
                accepted=True,
            ),
            note(),
        ),
        effect=fx.number,
        documents=(Doc("licence"),),
    )
    def number_licence(self) -> None:
        """Give the next licence number in order, with the date of signature."""

    # --- Step 16: pickup counter ---------------------------------------------------------
    @step(
        source=S.NUMBERED,
        target=S.HANDED_OVER,
        number=16,
        role=Role.PICKUP,
        direction="forward",
        label=_("Serahkan izin"),
        outputs=(_("Bukti serah terima"), _("Kode survei kepuasan")),
        fields=(
            Field("recipient_name", "text", _("Nama penerima"), max_length=200),
            Field("recipient_id_number", "text", _("NIK penerima (KTP)"), max_length=40),
            Field("recipient_is_agent", "bool", _("Penerima adalah kuasa"), required=False),
            note(),
        ),
        effect=fx.hand_over,
        documents=(Doc("handover_receipt"),),
    )
    def hand_over(self) -> None:
        """Hand the licence to the right person, who signs the receipt; give the survey."""

    # --- Step 17: the applicant confirms ---------------------------------------------------
    @step(
        source=S.HANDED_OVER,
        target=S.COMPLETED,
        number=17,
        role=Role.APPLICANT,
        direction="forward",
        label=_("Konfirmasi penerimaan izin"),
        outputs=(_("Konfirmasi pemohon"),),
        fields=(note(),),
        effect=fx.confirm,
    )
    def confirm_receipt(self) -> None:
        """The applicant confirms receipt of the licence."""
