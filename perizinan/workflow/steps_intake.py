"""The front office, steps 3-6 of SOP-LP2N-KES-02: the applicant hands in the dossier,
customer service checks it (and returns it to be completed), the help desk advises, the
registration counter registers it; and the applicant's withdrawal before registration.

Their effects are in `effects_intake.py`; see `transitions.py` for what a step declares.
"""

from django.utils.translation import gettext_lazy as _

from perizinan.accounts.roles import Role

from . import effects_intake as fx
from .effects import hand_in, returned
from .fields import Doc, Field, internal_note, note, reason
from .states import BEFORE_REGISTRATION
from .states import State as S
from .steps import step


class IntakeSteps:
    """Steps 3-6: from the applicant's draft to the registration receipt."""

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
        effect=hand_in,
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
        effect=returned,
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
        effect=returned,
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
        effect=hand_in,
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
        effect=returned,
    )
    def registration_return(self) -> None:
        """Never accept a dossier the checklist does not support: back to customer service."""
