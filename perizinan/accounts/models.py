import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TechnicalAgency(models.Model):
    """An OPD that examines applications and issues technical recommendations."""

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    address = models.CharField(_("alamat"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("instansi teknis")
        verbose_name_plural = _("instansi teknis")

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    initials = models.CharField(
        _("paraf"), max_length=12, blank=True, help_text=_("Paraf yang dicatat di map pengendali")
    )
    nik = models.CharField(
        _("NIK"), max_length=16, blank=True, help_text=_("Untuk tanda tangan elektronik BSrE (Kepala Dinas)")
    )
    agency = models.ForeignKey(
        TechnicalAgency,
        verbose_name=_("instansi teknis"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("Untuk anggota tim teknis: instansi tempat ia bekerja"),
    )

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A new password (change or reset; not the hasher's silent upgrade at sign-in, which
        # clears `_password` first) revokes every API token of the account.
        password_changed = self._password is not None and self.pk is not None  # type: ignore[attr-defined]  # AbstractBaseUser._password is untyped in django-stubs
        super().save(*args, **kwargs)
        if password_changed or not self.is_active:
            ApiToken.revoke_all(self)

    @property
    def paraf(self) -> str:
        return self.initials or "".join(p[0] for p in self.get_full_name().split() if p).upper()


class Office(models.Model):
    """The office's settings (one row)."""

    name = models.CharField(_("nama kantor"), max_length=200, default="DPMPTSP Provinsi Kalimantan Timur")
    short_name = models.CharField(
        _("nama singkat kantor"),
        max_length=60,
        default="DPMPTSP Prov. Kaltim",
        help_text=_("Pada kepala halaman, judul tab, subjek surel dan catatan kecil pada dokumen."),
    )
    # What the documents print: the letterhead, the place of signing and the officials' positions.
    full_name = models.CharField(
        _("nama lengkap kantor"),
        max_length=300,
        default="Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Provinsi Kalimantan Timur",
    )
    government = models.CharField(
        _("pemerintah daerah (kop surat)"), max_length=200, default="PEMERINTAH PROVINSI KALIMANTAN TIMUR"
    )
    letterhead_name = models.CharField(
        _("nama pada kop surat"),
        max_length=200,
        default="DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU",
    )
    address = models.CharField(
        _("alamat dan telepon (kop surat)"),
        max_length=300,
        default="Jl. Basuki Rahmat No. 55, Samarinda 75117 · Telp. (0541) 741222",
    )
    place = models.CharField(_("tempat penandatanganan"), max_length=100, default="Samarinda")
    head_position = models.CharField(
        _("jabatan kepala kantor"),
        max_length=300,
        default="Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Provinsi Kalimantan Timur",
    )
    head_short = models.CharField(
        _("jabatan kepala kantor (singkat)"), max_length=100, default="Kepala DPMPTSP Prov. Kaltim"
    )
    registry_short = models.CharField(
        _("tata usaha (singkat, pada segel)"), max_length=100, default="Tata Usaha DPMPTSP Prov. Kaltim"
    )
    division_head_position = models.CharField(
        _("jabatan kepala bidang"), max_length=200, default="Kepala Bidang Layanan Perizinan"
    )
    section_head_position = models.CharField(
        _("jabatan kepala seksi"), max_length=200, default="Kepala Seksi Layanan"
    )
    cuti_bersama_is_working = models.BooleanField(_("cuti bersama dihitung hari kerja"), default=False)
    require_nuisance_permit = models.BooleanField(
        _("wajibkan izin gangguan (UUG/HO)"),
        default=False,
        help_text=_(
            "Izin HO dihapus oleh Permendagri 19/2017; aktifkan hanya bila peraturan daerah mewajibkan."
        ),
    )
    service_hours = models.JSONField(
        _("jam pelayanan"),
        default=dict,
        help_text=_('Per hari (0 = Senin): {"0": ["08:00", "19:00"], ..., "4": ["08:00", "11:00"]}'),
    )

    class Meta:
        verbose_name = _("pengaturan kantor")
        verbose_name_plural = _("pengaturan kantor")

    def __str__(self) -> str:
        return self.name

    @classmethod
    def current(cls) -> "Office":
        office = cls.objects.order_by("pk").first()
        return office if office is not None else cls.objects.create()


DEFAULT_SERVICE_HOURS = {
    "0": ["08:00", "19:00"],
    "1": ["08:00", "19:00"],
    "2": ["08:00", "19:00"],
    "3": ["08:00", "19:00"],
    "4": ["08:00", "11:00"],
}


def _hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the HTTP API. Only its SHA-256 is stored, with its first characters
    (`hint`) so that its owner can tell tokens apart. A token ends at `expires_at`, after
    `PERIZINAN_TOKEN_IDLE_DAYS` without use, when revoked (DELETE /api/v1/auth/token, the
    account page), and with every other token of its user on a password change or reset,
    deactivation or loss of a role."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    hint = models.CharField(_("awal token"), max_length=8, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(_("terakhir dipakai"), default=timezone.now)

    # last_used_at is written at most once per this interval (not on every request).
    TOUCH_EVERY = timedelta(hours=1)

    def __str__(self) -> str:
        return f"token of {self.user_id}"

    @classmethod
    def issue(cls, user: User) -> str:
        raw = secrets.token_urlsafe(32)
        cls.objects.create(
            user=user,
            key_hash=_hash_token(raw),
            hint=raw[:6],
            expires_at=timezone.now() + timedelta(days=settings.PERIZINAN_TOKEN_DAYS),
        )
        return raw

    @classmethod
    def active(cls) -> "models.QuerySet[ApiToken]":
        now = timezone.now()
        idle = timedelta(days=settings.PERIZINAN_TOKEN_IDLE_DAYS)
        return cls.objects.filter(expires_at__gt=now, last_used_at__gt=now - idle, user__is_active=True)

    @classmethod
    def find(cls, raw: str) -> "ApiToken | None":
        """The active token `raw`, its use noted (at most once per TOUCH_EVERY)."""
        token = cls.active().select_related("user", "user__agency").filter(key_hash=_hash_token(raw)).first()
        if token is None:
            return None
        now = timezone.now()
        if now - token.last_used_at > cls.TOUCH_EVERY:
            cls.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
        return token

    @classmethod
    def user_for(cls, raw: str) -> User | None:
        token = cls.find(raw)
        return token.user if token else None

    @classmethod
    def revoke_all(cls, user: User) -> int:
        return cls.objects.filter(user=user).delete()[0]
