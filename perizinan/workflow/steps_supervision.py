"""Section P of SOP-LP2N-KES-02: the supervisors' remarks, at any active step."""

from django.utils.translation import gettext_lazy as _

from perizinan.accounts.roles import Role

from .effects import remark
from .fields import Field
from .states import IN_PROGRESS
from .steps import step


class SupervisionSteps:
    """Section P: remarks at any active step."""

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
        effect=remark,
    )
    def supervision_note(self) -> None:
        """A supervisor's remark in the process-control folder (section P)."""
