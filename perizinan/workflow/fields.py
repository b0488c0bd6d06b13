"""The inputs of an action, declared once and used by the API and the pages alike."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # "text" | "file" | "date" | "choice" | "bool"
    label: Any
    required: bool = True
    choices: tuple[str, ...] = field(default_factory=tuple)
    max_length: int = 2000
    requirement: int | None = None  # a file field: the requirement number the upload is filed under
    accepted: bool = False  # a bool the actor must confirm (true), e.g. "checked against the checklist"

    def clean(self, raw: Any) -> Any:
        """Return the typed value or raise ValidationError naming this field."""
        if self.type == "file":
            if raw is None and self.required:
                raise ValidationError({self.name: gettext("Berkas wajib diunggah.")})
            return raw
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if self.accepted:
                raise ValidationError({self.name: gettext("Wajib dikonfirmasi sebelum melanjutkan.")})
            if self.required:
                raise ValidationError({self.name: gettext("Kolom ini wajib diisi.")})
            return False if self.type == "bool" else None
        if self.type == "text":
            value = str(raw).strip()
            if len(value) > self.max_length:
                raise ValidationError(
                    {self.name: gettext("Terlalu panjang (maksimal %d karakter).") % self.max_length}
                )
            return value
        if self.type == "date":
            if isinstance(raw, date):
                return raw
            try:
                return date.fromisoformat(str(raw))
            except ValueError:
                raise ValidationError(
                    {self.name: gettext("Tanggal tidak valid (format YYYY-MM-DD).")}
                ) from None
        if self.type == "bool":
            flag = raw if isinstance(raw, bool) else _bool(raw)
            if flag is None:
                raise ValidationError({self.name: gettext("Nilai ya/tidak tidak valid.")})
            if self.accepted and not flag:
                raise ValidationError({self.name: gettext("Wajib dikonfirmasi sebelum melanjutkan.")})
            return flag
        if self.type == "choice":
            if str(raw) not in self.choices:
                raise ValidationError({self.name: gettext("Pilihan tidak valid.")})
            return str(raw)
        raise ValueError(self.type)


def _bool(raw: Any) -> bool | None:
    text = str(raw).strip().lower()
    if text in {"true", "1", "yes", "on", "ya"}:
        return True
    if text in {"false", "0", "no", "off", "tidak"}:
        return False
    return None


def reason(label: Any = None) -> Field:
    """The reason of a return, decline or rejection that the applicant reads."""
    return Field("reason", "text", label or _("Alasan (dilihat pemohon)"))


INTERNAL_NOTE = Field("reason", "text", _("Catatan internal (tidak dilihat pemohon)"))


def internal_note() -> Field:
    """The reason of a return between officers: the applicant does not see it."""
    return INTERNAL_NOTE


def note() -> Field:
    return Field("note", "text", _("Catatan"), required=False)


def clean_fields(fields: tuple[Field, ...], data: dict[str, Any], files: dict[str, Any]) -> dict[str, Any]:
    """Validate every field; collect all errors into one ValidationError."""
    cleaned: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for f in fields:
        raw = files.get(f.name) if f.type == "file" else data.get(f.name)
        try:
            cleaned[f.name] = f.clean(raw)
        except ValidationError as exc:
            for key, messages in exc.message_dict.items():
                errors.setdefault(key, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    return cleaned


@dataclass(frozen=True)
class Doc:
    """A document a step produces (Lampiran 1's outputs), by kind; `when` names a boolean
    attribute of the application that must be true for it to be produced."""

    kind: str
    when: str | None = None

    def wanted(self, app: Any) -> bool:
        return self.when is None or bool(getattr(app, self.when))
