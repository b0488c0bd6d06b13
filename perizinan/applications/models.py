import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField

from perizinan.catalog.models import ApplicationKind
from perizinan.workflow.states import State


class Company(models.Model):
    name = models.CharField(_("nama perusahaan"), max_length=200)
    legal_form = models.CharField(_("bentuk badan usaha"), max_length=20)
    nib = models.CharField(_("NIB"), max_length=13, db_index=True)
    npwp = models.CharField(_("NPWP"), max_length=16)
    address = models.CharField(_("alamat"), max_length=300)
    phone = models.CharField(_("telepon"), max_length=40)
    fax = models.CharField(_("faks"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"))
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="companies")

    class Meta:
        verbose_name = _("perusahaan")
        verbose_name_plural = _("perusahaan")

    def __str__(self) -> str:
        return f"{self.legal_form} {self.name}".strip()


class Education(models.TextChoices):
    SMA = "SMA", "SMA/SMK"
    D3 = "D3", "D3"
    D4 = "D4", "D4"
    S1 = "S1", "S1"
    S2 = "S2", "S2"
    S3 = "S3", "S3"


class BuildingStatus(models.TextChoices):
    OWNED = "owned", _("Milik sendiri")
    LEASED = "leased", _("Sewa")


class Application(ConcurrentTransitionMixin, models.Model):
    """A permit application. Moved only by `workflow.services.take_action` (through its
    proxy `workflow.models.WorkflowApplication`, which carries the SOP's transitions)."""

    permit_type = models.ForeignKey(
        "catalog.PermitType", on_delete=models.PROTECT, verbose_name=_("jenis izin")
    )
    kind = models.CharField(_("jenis permohonan"), max_length=30, choices=ApplicationKind.choices)
    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="applications")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    state = FSMField(_("status"), default=State.DRAFT, choices=State.choices, protected=True, db_index=True)

    director_name = models.CharField(_("nama direktur"), max_length=200)
    director_nik = models.CharField(_("NIK direktur"), max_length=16)
    tech_lead_name = models.CharField(_("nama PJT"), max_length=200)
    tech_lead_nik = models.CharField(_("NIK PJT"), max_length=16)
    tech_lead_education = models.CharField(_("pendidikan PJT"), max_length=3, choices=Education.choices)
    building_status = models.CharField(_("status bangunan"), max_length=10, choices=BuildingStatus.choices)
    lease_until = models.DateField(_("sewa berlaku sampai"), null=True, blank=True)
    foreign_investment = models.BooleanField(_("PMA"), default=False)
    electromedical = models.BooleanField(_("alkes elektromedik"), default=False)
    radiation = models.BooleanField(_("alkes elektromedik radiasi"), default=False)
    technicians = models.BooleanField(_("mempekerjakan teknisi"), default=False)
    device_categories = models.JSONField(_("kategori alat kesehatan"), default=list, blank=True)
    device_list = models.TextField(_("daftar alat kesehatan"), blank=True)
    agent_name = models.CharField(_("nama kuasa pengurusan"), max_length=200, blank=True)
    agent_nik = models.CharField(_("NIK kuasa"), max_length=16, blank=True)
    signer_name = models.CharField(
        _("penandatangan permohonan"), max_length=200, blank=True, help_text=_("Kosong = direktur")
    )
    previous_licence = models.ForeignKey(
        "licences.Licence",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="change_applications",
    )
    previous_licence_number = models.CharField(_("nomor izin lama"), max_length=100, blank=True)
    walk_in = models.BooleanField(
        _("layanan langsung (walk-in)"), default=False, help_text=_("Dibuat CS di loket atas nama pemohon")
    )

    registration_number = models.CharField(
        _("nomor registrasi"), max_length=40, unique=True, null=True, blank=True
    )
    status_code = models.CharField(max_length=12, blank=True, help_text=_("Kode rahasia cek status"))
    referred_agency = models.ForeignKey(
        "accounts.TechnicalAgency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    registered_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    # The SLA clock (see workflow/clock.py); derived values stored so lists need no arithmetic.
    clock_started_on = models.DateField(_("awal jangka waktu"), null=True, blank=True)
    paused_since = models.DateTimeField(null=True, blank=True)
    paused_working_days = models.PositiveIntegerField(default=0)
    due_date = models.DateField(_("batas waktu"), null=True, blank=True, db_index=True)
    step_due_date = models.DateField(_("batas waktu langkah"), null=True, blank=True, db_index=True)
    state_since = models.DateTimeField(null=True, blank=True)
    # When the applicant last handed back the verifier's fixes (step 8): from then on the day
    # targets of steps 7-9 count from each step's own start, not from the registration day.
    fix_received_at = models.DateTimeField(null=True, blank=True)
    # The last reason given to the applicant for a return, decline or rejection.
    last_reason = models.TextField(blank=True)
    # The head of its process-log chain (workflow/log.py), kept with the row that every write
    # locks: the next entry needs no read of the log, and a log cut short is detectable.
    log_seq = models.PositiveIntegerField(default=0)
    log_head = models.CharField(max_length=64, blank=True)
    log_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="application_newest"),
            models.Index(fields=["state", "step_due_date", "due_date"], name="application_inbox"),
            # The list filtered by state (`?state=`), newest first, with its keyset cursor.
            models.Index(fields=["state", "-created_at", "-id"], name="application_state_newest"),
            # Customer service's inbox also holds walk-in applications waiting on the applicant.
            models.Index(fields=["state"], condition=models.Q(walk_in=True), name="application_walk_in"),
        ]
        verbose_name = _("permohonan")
        verbose_name_plural = _("permohonan")
        permissions = [
            ("view_all_applications", "Melihat semua permohonan (petugas kantor)"),
            ("view_agency_applications", "Melihat permohonan yang dirujuk ke instansinya"),
            ("view_supervision", "Memantau seluruh permohonan (pengawasan)"),
        ]

    def __str__(self) -> str:
        return self.registration_number or f"#{self.pk}"

    @property
    def has_agent(self) -> bool:
        return bool(self.agent_name)

    @property
    def delegated_signing(self) -> bool:
        return (
            bool(self.signer_name) and self.signer_name.strip().lower() != self.director_name.strip().lower()
        )

    @staticmethod
    def new_status_code() -> str:
        alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
        return "".join(secrets.choice(alphabet) for _ in range(8))


def upload_path(instance: "Document", filename: str) -> str:
    return f"applications/{instance.application_id}/{instance.sha256[:2]}/{instance.sha256}"


class Document(models.Model):
    """An uploaded file for one requirement. Replaced files stay, marked not current."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="documents")
    requirement = models.ForeignKey("catalog.Requirement", on_delete=models.PROTECT, related_name="+")
    file = models.FileField(upload_to=upload_path, max_length=300)
    original_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    content_type = models.CharField(max_length=50)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    is_current = models.BooleanField(default=True)

    class Meta:
        ordering = ["requirement__number", "-uploaded_at"]
        indexes = [models.Index(fields=["application", "is_current"])]

    def __str__(self) -> str:
        return f"{self.requirement_id}: {self.original_name}"


class ChecklistItem(models.Model):
    """Customer service's tick and note against one requirement."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="checklist_items")
    requirement = models.ForeignKey("catalog.Requirement", on_delete=models.PROTECT, related_name="+")
    ticked = models.BooleanField(default=False)
    note = models.CharField(max_length=500, blank=True)
    ticked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    ticked_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "requirement"], name="checklist_unique_requirement"
            )
        ]

    def __str__(self) -> str:
        return f"{self.requirement_id}: {self.ticked}"


class RegistrationCounter(models.Model):
    """One row per (permit type, year): the last registration number given (step 6). Drawn with
    one `UPDATE ... RETURNING` inside the registration's transaction, like licence numbers."""

    permit_type = models.ForeignKey("catalog.PermitType", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["permit_type", "year"], name="registration_counter_unique_year")
        ]

    def __str__(self) -> str:
        return f"{self.permit_type_id}/{self.year}: {self.last}"
