"""The 17 steps of SOP-LP2N-KES-02 as django-fsm transitions: one method per decision.

Each transition is the one place that says everything about an action: its SOP step, the
role that takes it, its direction (forward, back, reject, note), its label, its outputs and
inputs, its effect (`effects.py`: records and field updates, inside the transaction) and the
documents it produces (made by the task worker after commit; a signature before the
transaction opens). `actions.py` reads these to serve
the API and the pages; `services.take_action` is the only caller. A `note` transition is
logged without moving the application (target=None).
"""

from django.utils.translation import gettext_lazy as _

from perizinan.accounts.roles import Role

from . import effects as fx
from .conditions import with_recommendation
from .fields import Doc, Field, internal_note, note, reason
from .optional_steps import OptionalSteps
from .states import State as S
from .steps import step

BEFORE_REGISTRATION = [S.DRAFT, S.SUBMITTED, S.RETURNED_BY_CS, S.ACCEPTED]
IN_PROGRESS = [s for s in S if s not in {S.DRAFT, S.COMPLETED, S.WITHDRAWN, S.DECLINED, S.REJECTED}]
RECOMMENDATION_FIELDS = (
    Field("inspection_report", "file", _("Berita Acara Pemeriksaan (BAP)"), requirement=2),
    Field("recommendation", "file", _("Rekomendasi teknis"), requirement=3),
    Field("recommendation_number", "text", _("Nomor rekomendasi"), max_length=100),
    Field("recommendation_date", "date", _("Tanggal rekomendasi")),
    Field("inspection_date", "date", _("Tanggal pemeriksaan lapangan"), required=False),
    note(),
)


class ApplicationWorkflow(OptionalSteps):
    """The transitions of `models.WorkflowApplication` (a proxy of `applications.Application`);
    the steps only some permit types have are in `optional_steps.OptionalSteps`."""

    # --- Step 3: the applicant files the application --------------------------------
    @step(
        source=S.DRAFT,
        target=S.SUBMITTED,
        number=3,
        role=Role.APPLICANT,
        direction="forward",
        label=_("Serahkan permohonan"),
        outputs=(_("Isian permohonan dan berkas"),),
        fields=(note(),),
        effect=fx.hand_in,
        documents=(
            Doc("application_form"),
            Doc("power_of_attorney_handle", when="has_agent"),
            Doc("power_of_attorney_sign", when="delegated_signing"),
        ),
    )
    def submit(self) -> None:
        """Hand in the filled form and documents to customer service."""

    @step(
        source=BEFORE_REGISTRATION,
        target=S.WITHDRAWN,
        number=3,
        role=Role.APPLICANT,
        direction="reject",
        label=_("Batalkan permohonan"),
        fields=(reason(_("Alasan pembatalan")),),
        effect=fx.returned,
    )
    def withdraw(self) -> None:
        """The applicant withdraws before registration."""

    # --- Step 4: customer service checks completeness -------------------------------
    @step(
        source=S.SUBMITTED,
        target=S.ACCEPTED,
        number=4,
        role=Role.CS,
        direction="forward",
        label=_("Nyatakan lengkap dan benar"),
        outputs=(_("Checklist ditandatangani"),),
        fields=(
            Field(
                "confirm_all",
                "bool",
                _("Saya telah memeriksa semua persyaratan: centang semuanya"),
                required=False,
            ),
            note(),
        ),
        effect=fx.cs_accept,
        documents=(Doc("checklist_form"),),
    )
    def cs_accept(self) -> None:
        """Complete and administratively correct: tick the checklist, send to registration."""

    @step(
        source=S.SUBMITTED,
        target=S.RETURNED_BY_CS,
        number=4,
        role=Role.CS,
        direction="back",
        label=_("Kembalikan untuk dilengkapi"),
        fields=(reason(),),
        effect=fx.returned,
    )
    def cs_return(self) -> None:
        """Incomplete: ask the applicant to fix or complete the dossier."""

    @step(
        source=S.RETURNED_BY_CS,
        target=S.SUBMITTED,
        number=4,
        role=Role.APPLICANT,
        direction="forward",
        label=_("Serahkan kembali perbaikan"),
        fields=(note(),),
        effect=fx.hand_in,
    )
    def resubmit_to_cs(self) -> None:
        """The applicant hands in the fixed dossier."""

    # --- Step 5: help desk (optional, logged, no state change) ----------------------
    @step(
        source=[S.DRAFT, S.SUBMITTED, S.RETURNED_BY_CS, S.AWAITING_FIX, S.AGENCY_RETURNED],
        target=None,
        number=5,
        role=Role.HELPDESK,
        direction="note",
        label=_("Catat konsultasi help desk"),
        outputs=(_("Hasil konsultasi"),),
        fields=(
            Field("question", "text", _("Pertanyaan / kendala pemohon")),
            Field("answer", "text", _("Penjelasan yang diberikan")),
        ),
        effect=fx.consult,
    )
    def helpdesk_consult(self) -> None:
        """Technical consultation at customer service's request."""

    # --- Step 6: registration counter ------------------------------------------------
    @step(
        source=S.ACCEPTED,
        target=S.REGISTERED,
        number=6,
        role=Role.REGISTRATION,
        direction="forward",
        label=_("Daftarkan dan terbitkan tanda terima"),
        outputs=(_("Nomor registrasi"), _("Bukti tanda terima berkas")),
        fields=(note(),),
        effect=fx.register,
        documents=(Doc("registration_receipt"),),
    )
    def register(self) -> None:
        """Re-check, give the registration number and receipt, pass to the verifier."""

    @step(
        source=S.ACCEPTED,
        target=S.SUBMITTED,
        number=6,
        role=Role.REGISTRATION,
        direction="back",
        label=_("Kembalikan ke CS"),
        fields=(internal_note(),),
        effect=fx.returned,
    )
    def registration_return(self) -> None:
        """Never accept a dossier the checklist does not support: back to customer service."""

    # --- Step 7: back-office verification --------------------------------------------
    @step(
        source=S.REGISTERED,
        target=S.VERIFIED,
        number=7,
        role=Role.VERIFIER,
        direction="forward",
        label=_("Nyatakan valid dan buat surat pengantar"),
        outputs=(_("Form verifikasi"), _("Surat pengantar ke OPD")),
        fields=(
            Field(
                "recommendation_kind",
                "text",
                _("Jenis rekomendasi teknis yang diperlukan"),
                required=False,
                max_length=200,
            ),
            note(),
        ),
        effect=fx.verify,
        documents=(Doc("verification_form"), Doc("cover_letter")),
        when=with_recommendation,
    )
    def verify(self) -> None:
        """Complete and valid: write the cover letter to the technical agency."""

    @step(
        source=S.REGISTERED,
        target=S.VERIFICATION_RETURNED,
        number=7,
        role=Role.VERIFIER,
        direction="back",
        label=_("Kembalikan melalui CS"),
        outputs=(_("Form verifikasi"),),
        fields=(internal_note(),),
        effect=fx.verify_return,
        documents=(Doc("verification_form"),),
    )
    def verify_return(self) -> None:
        """Not complete or not valid: back to the applicant through customer service."""

    # --- Step 8: customer service relays the verifier's findings ---------------------
    @step(
        source=S.VERIFICATION_RETURNED,
        target=S.AWAITING_FIX,
        number=8,
        role=Role.CS,
        direction="back",
        label=_("Minta perbaikan kepada pemohon"),
        fields=(reason(),),
        effect=fx.returned,
    )
    def cs_request_fix(self) -> None:
        """Ask the applicant to fix what the verifier found."""

    @step(
        source=S.AWAITING_FIX,
        target=S.FIX_RECEIVED,
        number=8,
        role=Role.APPLICANT,
        direction="forward",
        label=_("Serahkan perbaikan"),
        fields=(note(),),
        effect=fx.hand_in,
    )
    def resubmit_fix(self) -> None:
        """The applicant hands in the fixes."""

    @step(
        source=S.FIX_RECEIVED,
        target=S.REGISTERED,
        number=8,
        role=Role.CS,
        direction="forward",
        label=_("Serahkan perbaikan ke verifikator"),
        outputs=(_("Berkas perbaikan"),),
        fields=(note(),),
        effect=fx.nothing,
    )
    def cs_forward_fix(self) -> None:
        """Hand the fixed dossier back to the verifier."""

    @step(
        source=S.FIX_RECEIVED,
        target=S.AWAITING_FIX,
        number=8,
        role=Role.CS,
        direction="back",
        label=_("Perbaikan belum lengkap"),
        fields=(reason(),),
        effect=fx.returned,
    )
    def cs_reject_fix(self) -> None:
        """The fixes are still incomplete."""

    # --- Step 9: the liaison officer takes the file to the agency --------------------
    @step(
        source=S.VERIFIED,
        target=S.AT_AGENCY,
        number=9,
        role=Role.LIAISON,
        direction="forward",
        label=_("Serahkan berkas ke OPD"),
        outputs=(_("Bukti tanda terima berkas di OPD"),),
        fields=(Field("received_by", "text", _("Nama penerima di OPD"), max_length=200), note()),
        effect=fx.deliver,
        documents=(Doc("liaison_receipt"),),
        when=with_recommendation,
    )
    def deliver_to_agency(self) -> None:
        """Carry the letter and dossier to the technical agency; get a handover receipt."""

    # --- Step 10: the technical team ---------------------------------------------------
    @step(
        source=S.AT_AGENCY,
        target=S.RECOMMENDED,
        number=10,
        role=Role.TECHNICAL_TEAM,
        direction="forward",
        label=_("Terbitkan rekomendasi teknis"),
        outputs=(_("Berita Acara Pemeriksaan"), _("Rekomendasi teknis")),
        fields=RECOMMENDATION_FIELDS,
        effect=fx.recommend,
        when=with_recommendation,
    )
    def recommend(self) -> None:
        """Examine, inspect the site, record the results and issue the recommendation."""

    @step(
        source=S.AT_AGENCY,
        target=S.RECOMMENDED,
        number=10,
        role=Role.ADMIN_MONITORING,
        direction="forward",
        label=_("Terima rekomendasi teknis"),
        outputs=(_("Berita Acara Pemeriksaan"), _("Rekomendasi teknis")),
        fields=RECOMMENDATION_FIELDS,
        effect=fx.recommend,
        when=with_recommendation,
    )
    def receive_recommendation(self) -> None:
        """The office receives a recommendation the agency sent or the applicant already holds."""

    @step(
        source=S.AT_AGENCY,
        target=None,
        number=10,
        role=Role.TECHNICAL_TEAM,
        direction="note",
        label=_("Catat pemeriksaan / pertemuan"),
        fields=(
            Field("activity", "text", _("Kegiatan (peninjauan, pengujian, presentasi)")),
            Field("activity_date", "date", _("Tanggal"), required=False),
            note(),
        ),
        effect=fx.agency_note,
        when=with_recommendation,
    )
    def agency_note(self) -> None:
        """Site inspection, test, meeting or presentation, recorded as it happens."""

    @step(
        source=S.AT_AGENCY,
        target=S.AGENCY_RETURNED,
        number=10,
        role=Role.TECHNICAL_TEAM,
        direction="back",
        label=_("Kembalikan untuk perbaikan"),
        fields=(reason(),),
        effect=fx.returned,
        when=with_recommendation,
    )
    def agency_return(self) -> None:
        """Not right yet: back to the applicant to fix or complete."""

    @step(
        source=S.AGENCY_RETURNED,
        target=S.AT_AGENCY,
        number=10,
        role=Role.APPLICANT,
        direction="forward",
        label=_("Serahkan perbaikan ke tim teknis"),
        fields=(note(),),
        effect=fx.resubmit_to_agency,
        when=with_recommendation,
    )
    def resubmit_to_agency(self) -> None:
        """The applicant hands the fixes to the technical team."""

    @step(
        source=[S.AT_AGENCY, S.AGENCY_RETURNED],
        target=S.DECLINED,
        number=10,
        role=Role.TECHNICAL_TEAM,
        direction="reject",
        label=_("Tolak (tidak direkomendasikan)"),
        fields=(reason(),),
        effect=fx.returned,
        when=with_recommendation,
    )
    def agency_decline(self) -> None:
        """The agency does not recommend: the application ends with reasons."""

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
        effect=fx.returned,
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
        effect=fx.returned,
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
        effect=fx.returned,
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
        effect=fx.returned,
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
        effect=fx.returned,
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
        effect=fx.returned,
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

    # --- Section P: supervision remarks (any active step) -------------------------------
    @step(
        source=IN_PROGRESS,
        target=None,
        number=None,
        direction="note",
        role=(
            Role.SUPERVISOR,
            Role.SECTION_HEAD,
            Role.DIVISION_HEAD,
            Role.OFFICE_HEAD,
            Role.ADMIN_MONITORING,
        ),
        label=_("Catatan pengawasan"),
        fields=(Field("remark", "text", _("Catatan")),),
        effect=fx.remark,
    )
    def supervision_note(self) -> None:
        """A supervisor's remark in the process-control folder (section P)."""
