"""The back office and the technical agency, steps 7-10 of SOP-LP2N-KES-02: verification
and the cover letter, the fixes asked for through customer service, the liaison's delivery
to the agency, the agency's examination and its recommendation (or return, or decline).

Their effects are in `effects_technical.py`; see `transitions.py` for what a step declares.
Verification for a permit type without a recommendation is in `optional_steps.py`.
"""

from django.utils.translation import gettext_lazy as _

from perizinan.accounts.roles import Role

from . import effects_technical as fx
from .conditions import with_recommendation
from .effects import hand_in, nothing, returned
from .fields import Doc, Field, internal_note, note, reason
from .states import State as S
from .steps import step

# What the agency's recommendation brings, whoever enters it (the team, or the office).
RECOMMENDATION_FIELDS = (
    Field("inspection_report", "file", _("Berita Acara Pemeriksaan (BAP)"), requirement=2),
    Field("recommendation", "file", _("Rekomendasi teknis"), requirement=3),
    Field("recommendation_number", "text", _("Nomor rekomendasi"), max_length=100),
    Field("recommendation_date", "date", _("Tanggal rekomendasi")),
    Field("inspection_date", "date", _("Tanggal pemeriksaan lapangan"), required=False),
    note(),
)


class TechnicalSteps:
    """Steps 7-10: from verification to the technical recommendation."""

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
        effect=returned,
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
        effect=hand_in,
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
        effect=nothing,
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
        effect=returned,
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
        effect=returned,
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
        effect=returned,
        when=with_recommendation,
    )
    def agency_decline(self) -> None:
        """The agency does not recommend: the application ends with reasons."""
